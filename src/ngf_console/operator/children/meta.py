"""Names, labels and owner references shared by every child builder."""

from __future__ import annotations

from typing import Any

Manifest = dict[str, Any]
"""A Kubernetes object as JSON-compatible data, ready for server-side apply."""

GROUP = "ngf-console.f5.com"
API_VERSION = f"{GROUP}/v1alpha1"
MANAGED_BY = "app.kubernetes.io/managed-by"
MANAGED_BY_VALUE = "ngf-console"
STACK_LABEL = f"{GROUP}/stack"
POOL_LABEL = f"{GROUP}/pool"
COMPONENT_LABEL = "app.kubernetes.io/component"
CONFIG_HASH_ANNOTATION = f"{GROUP}/config-hash"


class Owner:
    """The parent a child belongs to: kind, name, namespace, uid."""

    __slots__ = ("kind", "label", "name", "namespace", "uid")

    def __init__(self, kind: str, name: str, namespace: str, uid: str, label: str) -> None:
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.uid = uid
        self.label = label

    def reference(self) -> Manifest:
        """The controller ownerReference (garbage collection follows it)."""
        return {
            "apiVersion": API_VERSION,
            "kind": self.kind,
            "name": self.name,
            "uid": self.uid,
            "controller": True,
            "blockOwnerDeletion": True,
        }

    def labels(self, component: str | None = None) -> dict[str, str]:
        """The labels every owned child carries (and caches select on)."""
        labels = {MANAGED_BY: MANAGED_BY_VALUE, self.label: self.name}
        if component is not None:
            labels[COMPONENT_LABEL] = component
        return labels


def owned_metadata(
    owner: Owner,
    name: str,
    component: str,
    *,
    labels: dict[str, str] | None = None,
    annotations: dict[str, str] | None = None,
) -> Manifest:
    """metadata of a child owned by `owner`, in the owner's namespace."""
    meta: Manifest = {
        "name": name,
        "namespace": owner.namespace,
        "labels": {**owner.labels(component), **(labels or {})},
        "ownerReferences": [owner.reference()],
    }
    if annotations:
        meta["annotations"] = annotations
    return meta


def manifest(api_version: str, kind: str, metadata: Manifest, **body: Any) -> Manifest:
    """An object with apiVersion, kind, metadata and the given top-level fields."""
    return {"apiVersion": api_version, "kind": kind, "metadata": metadata, **body}
