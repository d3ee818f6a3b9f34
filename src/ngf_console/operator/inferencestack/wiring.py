"""Register the InferenceStack controller with a runtime Manager.

Watches: InferenceStacks; every owned child kind (server-side selected by
`app.kubernetes.io/managed-by=ngf-console`, mapped to its stack by ownerReference or
the `ngf-console.f5.com/stack` label); Gateways (a stack waiting for its gatewayRef
recovers when the Gateway appears); the shared DCGM exporter DaemonSet (re-created
for every stack that wants it).
"""

from __future__ import annotations

from typing import Any

from ngf_console.kube.resources import Gateway, resource_for, to_dict
from ngf_console.kube.resources import InferenceStack as StackKind
from ngf_console.operator.children.dcgm import NAME as DCGM_NAME
from ngf_console.operator.children.meta import STACK_LABEL
from ngf_console.operator.children_view import MANAGED, ChildrenView
from ngf_console.operator.inferencestack.controller import OWNED_KINDS, InferenceStackReconciler
from ngf_console.operator.settings import OperatorSettings
from ngf_console.runtime import Cache, Controller, Manager
from ngf_console.runtime.keys import ObjectKey


def _stack_docs(cache: Cache) -> list[dict[str, Any]]:
    return [to_dict(o) for o in cache.informer(StackKind).store]


def _key(doc: dict[str, Any]) -> ObjectKey:
    return ObjectKey(doc["metadata"].get("namespace", ""), doc["metadata"]["name"])


def gateway_mapper(cache: Cache) -> Any:
    """Gateway → the stacks whose gatewayRef names it."""

    def mapper(obj: Any) -> list[ObjectKey]:
        gw = to_dict(obj)["metadata"]
        keys = []
        for doc in _stack_docs(cache):
            ref = (doc.get("spec", {}).get("gateway") or {}).get("gatewayRef") or {}
            ns = ref.get("namespace") or doc["metadata"].get("namespace")
            if ref.get("name") == gw["name"] and ns == gw.get("namespace"):
                keys.append(_key(doc))
        return keys

    return mapper


def dcgm_mapper(cache: Cache) -> Any:
    """The shared DCGM DaemonSet → every stack (each decides whether it needs it)."""

    def mapper(obj: Any) -> list[ObjectKey]:
        if to_dict(obj)["metadata"]["name"] != DCGM_NAME:
            return []
        return [_key(doc) for doc in _stack_docs(cache)]

    return mapper


WORKERS = 8
"""Stacks reconciled concurrently (never the same stack twice at once); the work is I/O."""


def register(manager: Manager, settings: OperatorSettings) -> Controller:
    """Wire the controller into `manager` (before `manager.run()`)."""
    view = ChildrenView(manager.cache)
    reconciler = InferenceStackReconciler(manager.client, manager.cache, view, settings)
    child_kinds = [resource_for(api, kind) for api, kind in OWNED_KINDS]
    daemonset = resource_for("apps/v1", "DaemonSet")
    controller = (
        manager.controller("inferencestack")
        .for_(StackKind)
        .owns(*child_kinds, labels=MANAGED, parent_label=STACK_LABEL)
        .watches(Gateway, gateway_mapper(manager.cache))
        .watches(daemonset, dcgm_mapper(manager.cache), labels=MANAGED)
        .with_options(workers=WORKERS)
        .complete(reconciler)
    )
    for kind in [*child_kinds, daemonset]:
        manager.cache.informer(kind, labels=MANAGED).add_handler(view.on_change)
    return controller
