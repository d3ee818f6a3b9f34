"""Attaching a CertificateBundle's Secret to Gateway listeners, through GatewayBundles (pure).

One writer per object: the operator never edits a Gateway a GatewayBundle owns. To serve
the certificate on listener L of Gateway G, the CertificateBundle controller edits the
GatewayBundle named G (a bundle names its Gateway after itself): L's
`tls.certificateRef` becomes the CertificateBundle's Secret, and the annotation
`ngf-console.f5.com/certificate-attachments` on the bundle records, per listener, which
CertificateBundle attached it and the `certificateRef` it replaced. The GatewayBundle
controller then updates the Gateway as for any spec change.

Reverting (attachTo entry removed, CertificateBundle deleted) restores the recorded
`certificateRef` and drops the record. Refused, with a reason: a listener that does not
exist, has no TLS or passes TLS through; one another CertificateBundle already serves;
one with an inline certificate (attaching would discard it, and a record of it would put
key material in an annotation); a Gateway no GatewayBundle owns. A new attachment waits
until the certificate is stored and usable (`may_attach`); existing ones stay.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any

from ngf_console.operator.children.meta import GROUP

ATTACHMENTS = f"{GROUP}/certificate-attachments"
Key = tuple[str, str]
"""(namespace, name)."""


@dataclass(frozen=True)
class Target:
    """One `attachTo` entry, with the namespace defaulted."""

    namespace: str
    gateway: str
    listener: str

    def __str__(self) -> str:
        return f"{self.namespace}/{self.gateway} listener {self.listener}"


@dataclass(frozen=True)
class AttachResult:
    """The outcome for one target."""

    target: Target
    attached: bool
    reason: str
    message: str


@dataclass(frozen=True)
class BundleEdit:
    """A GatewayBundle's new listeners and attachment records (empty: drop the annotation)."""

    namespace: str
    name: str
    listeners: list[dict[str, Any]]
    records: dict[str, dict[str, Any]]


def records_of(bundle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The attachment records on a GatewayBundle manifest (unreadable: none)."""
    raw = (bundle["metadata"].get("annotations") or {}).get(ATTACHMENTS)
    try:
        found = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _listener(listeners: list[dict[str, Any]], name: str) -> dict[str, Any] | None:
    return next((item for item in listeners if item.get("name") == name), None)


def _refusal(
    listener: dict[str, Any], record: dict[str, Any] | None, me: str, bundle: str
) -> tuple[str, str] | None:
    tls = listener.get("tls")
    if tls is None:
        return "ListenerWithoutTLS", (
            f"the listener is {listener.get('protocol')}: only HTTPS and TLS listeners that "
            "terminate TLS take a certificate"
        )
    if tls.get("mode") == "Passthrough":
        return "PassthroughListener", "the listener passes TLS through; it takes no certificate"
    if record is not None and record.get("by") != me:
        return "AlreadyAttached", f"CertificateBundle {record.get('by')} already serves it"
    if "inlineCert" in tls:
        return "InlineCertificate", (
            f"it has an inline certificate in GatewayBundle {bundle}; attaching would discard "
            "it: move that certificate into a CertificateBundle or use certificateRef"
        )
    return None


class _Bundle:
    """One GatewayBundle being edited."""

    def __init__(self, doc: dict[str, Any]) -> None:
        meta = doc["metadata"]
        self.key: Key = (meta.get("namespace", ""), meta["name"])
        self.listeners: list[dict[str, Any]] = copy.deepcopy(doc["spec"]["listeners"])
        self.records = records_of(doc)
        self.changed = False

    def revert(self, me: str, keep: set[str]) -> None:
        for name, record in list(self.records.items()):
            if record.get("by") != me or name in keep:
                continue
            listener = _listener(self.listeners, name)
            tls = (listener or {}).get("tls")
            if tls is not None and record.get("previous") is not None:
                tls["certificateRef"] = record["previous"]
            del self.records[name]
            self.changed = True

    def attach(self, target: Target, me: str, ref: dict[str, str], may: bool) -> AttachResult:
        bundle = "/".join(self.key)
        listener = _listener(self.listeners, target.listener)
        if listener is None:
            return AttachResult(
                target, False, "ListenerNotFound", f"GatewayBundle {bundle} has no such listener"
            )
        record = self.records.get(target.listener)
        refused = _refusal(listener, record, me, bundle)
        if refused is not None:
            return AttachResult(target, False, *refused)
        if record is None and not may:
            return AttachResult(
                target, False, "CertificateNotReady", "waiting for a usable stored certificate"
            )
        tls = listener["tls"]
        if record is None:
            self.records[target.listener] = {"by": me, "previous": tls.get("certificateRef")}
            self.changed = True
        if tls.get("certificateRef") != ref:
            tls["certificateRef"] = ref
            self.changed = True
        return AttachResult(target, True, "Attached", f"serves Secret {ref['name']}")


def _unmanaged(target: Target, gateways: set[Key]) -> AttachResult:
    if (target.namespace, target.gateway) in gateways:
        return AttachResult(
            target,
            False,
            "GatewayNotManaged",
            f"Gateway {target.namespace}/{target.gateway} is not managed by a GatewayBundle; "
            "the operator changes a Gateway only through its GatewayBundle (one writer per "
            "object): reference the Secret from the listener yourself",
        )
    return AttachResult(
        target,
        False,
        "GatewayNotFound",
        f"no GatewayBundle or Gateway {target.gateway} in namespace {target.namespace}",
    )


def plan_attachments(
    me: str,
    secret: tuple[str, str],
    targets: list[Target],
    bundles: dict[Key, dict[str, Any]],
    gateways: set[Key],
    *,
    may_attach: bool,
) -> tuple[list[BundleEdit], list[AttachResult]]:
    """Edits to GatewayBundles and a result per target; `me` is `<ns>/<name>`."""
    touched = {t for t in ((t.namespace, t.gateway) for t in targets) if t in bundles}
    touched |= {
        k for k, doc in bundles.items() if any(r.get("by") == me for r in records_of(doc).values())
    }
    edits: list[BundleEdit] = []
    results: list[AttachResult] = []
    for key in sorted(touched):
        bundle = _Bundle(bundles[key])
        mine = [t for t in targets if (t.namespace, t.gateway) == key]
        bundle.revert(me, {t.listener for t in mine})
        ref = (
            {"name": secret[1]}
            if secret[0] == key[0]
            else {"name": secret[1], "namespace": secret[0]}
        )
        results += [bundle.attach(t, me, ref, may_attach) for t in mine]
        if bundle.changed:
            edits.append(BundleEdit(key[0], key[1], bundle.listeners, bundle.records))
    results += [_unmanaged(t, gateways) for t in targets if (t.namespace, t.gateway) not in bundles]
    return edits, results
