"""Register the CertificateBundle controller with a runtime Manager.

Watches: CertificateBundles; the owned Secret and Certificate (server-side selected by
`app.kubernetes.io/managed-by=ngf-console`; cert-manager's Secret carries the labels
through `secretTemplate`), mapped by ownerReference or the
`ngf-console.f5.com/certificatebundle` label; GatewayBundles and Gateways, mapped to the
CertificateBundles that attach to them (or have records on them), so an attachment
follows a bundle that appears, changes or loses the certificate.
"""

from __future__ import annotations

from typing import Any

from ngf_console.kube.resources import CertificateBundle as CertKind
from ngf_console.kube.resources import Gateway, GatewayBundle, resource_for, to_dict
from ngf_console.operator.certificatebundle.attach import targets
from ngf_console.operator.certificatebundle.controller import (
    OWNED_KINDS,
    CertificateBundleReconciler,
)
from ngf_console.operator.children.certificatebundle import CERT_LABEL
from ngf_console.operator.children.certificatebundle_attach import records_of
from ngf_console.operator.children_view import MANAGED, ChildrenView
from ngf_console.runtime import Cache, Controller, Manager
from ngf_console.runtime.keys import ObjectKey


def attached_to(cache: Cache, *, with_records: bool) -> Any:
    """A Gateway or GatewayBundle → the CertificateBundles naming it (or recorded on it)."""

    def mapper(obj: Any) -> list[ObjectKey]:
        doc = to_dict(obj)
        key = (doc["metadata"].get("namespace", ""), doc["metadata"]["name"])
        found: dict[ObjectKey, None] = {}
        if with_records:
            for record in records_of(doc).values():
                ns, _, name = str(record.get("by", "")).partition("/")
                if name:
                    found[ObjectKey(ns, name)] = None
        for cert in cache.informer(CertKind).store:
            cert_doc = to_dict(cert)
            if any((t.namespace, t.gateway) == key for t in targets(cert_doc)):
                meta = cert_doc["metadata"]
                found[ObjectKey(meta.get("namespace", ""), meta["name"])] = None
        return list(found)

    return mapper


def register(manager: Manager) -> Controller:
    """Wire the controller into `manager` (before `manager.run()`)."""
    view = ChildrenView(manager.cache)
    reconciler = CertificateBundleReconciler(manager.client, manager.cache, view)
    child_kinds = [resource_for(api, kind) for api, kind in OWNED_KINDS]
    controller = (
        manager.controller("certificatebundle")
        .for_(CertKind)
        .owns(*child_kinds, labels=MANAGED, parent_label=CERT_LABEL)
        .watches(GatewayBundle, attached_to(manager.cache, with_records=True))
        .watches(Gateway, attached_to(manager.cache, with_records=False))
        .complete(reconciler)
    )
    for kind in child_kinds:
        manager.cache.informer(kind, labels=MANAGED).add_handler(view.on_change)
    return controller
