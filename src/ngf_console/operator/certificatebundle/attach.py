"""Act on attachment plans: write GatewayBundle edits (server-side apply, own field manager).

An edit applies only `spec.listeners` (the whole list: it is atomic) and the attachment
annotation, under the field manager `ngf-console-certificatebundle`; an empty record set
omits the annotation, which server-side apply then removes because this manager owned it.
The GatewayBundle controller turns the new spec into the Gateway — the CertificateBundle
controller never writes a Gateway.
"""

from __future__ import annotations

import json
from typing import Any

from ngf_console.kube import writes
from ngf_console.kube.resources import GatewayBundle, to_dict
from ngf_console.operator.children.certificatebundle_attach import (
    ATTACHMENTS,
    BundleEdit,
    Key,
    Target,
)
from ngf_console.operator.children.meta import API_VERSION
from ngf_console.runtime import Cache

FIELD_MANAGER = "ngf-console-certificatebundle"


def edit_manifest(edit: BundleEdit) -> dict[str, Any]:
    """The apply configuration of one edit."""
    meta: dict[str, Any] = {"name": edit.name, "namespace": edit.namespace}
    if edit.records:
        meta["annotations"] = {ATTACHMENTS: json.dumps(edit.records, sort_keys=True)}
    return {
        "apiVersion": API_VERSION,
        "kind": "GatewayBundle",
        "metadata": meta,
        "spec": {"listeners": edit.listeners},
    }


async def apply_edits(client: Any, edits: list[BundleEdit]) -> list[str]:
    """Apply every edit; the errors, one line each."""
    errors = []
    for edit in edits:
        try:
            await writes.apply(client, edit_manifest(edit), FIELD_MANAGER)
        except writes.KubeWriteError as e:
            errors.append(f"GatewayBundle {edit.namespace}/{edit.name}: {e.reason or e}")
    return errors


def gateway_bundles(cache: Cache) -> dict[Key, dict[str, Any]]:
    """Every cached GatewayBundle by (namespace, name)."""
    found = {}
    for obj in cache.informer(GatewayBundle).store:
        doc = to_dict(obj)
        found[(doc["metadata"].get("namespace", ""), doc["metadata"]["name"])] = doc
    return found


def targets(doc: dict[str, Any]) -> list[Target]:
    """The attachTo entries of a CertificateBundle manifest, namespaces defaulted."""
    ns = doc["metadata"].get("namespace", "")
    return [
        Target(item.get("gatewayNamespace") or ns, item["gatewayName"], item["listenerName"])
        for item in (doc.get("spec") or {}).get("attachTo") or []
    ]
