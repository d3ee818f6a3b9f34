"""Register the GatewayBundle controller with a runtime Manager.

Watches: GatewayBundles; every owned child kind (server-side selected by
`app.kubernetes.io/managed-by=ngf-console`, mapped to its bundle by ownerReference or the
`ngf-console.f5.com/gatewaybundle` label); and every informer edition detection reads
(NGF's Deployments, Secrets and NginxProxies, GatewayClasses, policy CRDs) — a change
there may change the edition, so every bundle is reconciled again.
"""

from __future__ import annotations

from typing import Any

from ngf_console.edition import EditionWatcher
from ngf_console.kube.resources import GatewayBundle as BundleKind
from ngf_console.kube.resources import resource_for
from ngf_console.operator.children.gatewaybundle import BUNDLE_LABEL
from ngf_console.operator.children_view import MANAGED, ChildrenView
from ngf_console.operator.gatewaybundle.controller import OWNED_KINDS, GatewayBundleReconciler
from ngf_console.operator.settings import OperatorSettings
from ngf_console.runtime import Cache, Controller, Manager
from ngf_console.runtime.keys import ObjectKey


def every_bundle(cache: Cache) -> Any:
    """Any object → every GatewayBundle (each re-reads the edition)."""

    def mapper(_: Any) -> list[ObjectKey]:
        return cache.informer(BundleKind).store.list_keys()

    return mapper


def register(manager: Manager, settings: OperatorSettings, edition: EditionWatcher) -> Controller:
    """Wire the controller into `manager` (before `manager.run()`)."""
    view = ChildrenView(manager.cache)
    reconciler = GatewayBundleReconciler(manager.client, manager.cache, view, edition, settings)
    child_kinds = [resource_for(api, kind) for api, kind in OWNED_KINDS]
    builder = (
        manager.controller("gatewaybundle")
        .for_(BundleKind)
        .owns(*child_kinds, labels=MANAGED, parent_label=BUNDLE_LABEL)
    )
    for kind, namespace, labels in edition.watched():
        builder.watches(kind, every_bundle(manager.cache), namespace=namespace, labels=labels)
    controller = builder.complete(reconciler)
    for kind in child_kinds:
        manager.cache.informer(kind, labels=MANAGED).add_handler(view.on_change)
    return controller
