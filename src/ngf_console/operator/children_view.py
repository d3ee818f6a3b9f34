"""The operator's view of a stack's children: the shared cache plus what it just applied.

Informers lag behind our own writes. To avoid "repairing" a child the cache simply has
not caught up with, the view remembers each child the controller applied: a cached
copy older than that write (by resourceVersion) is ignored in favour of the applied
one, until the cache catches up or the informer reports the child deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ngf_console.kube.resources import Kind, kind_of, to_dict
from ngf_console.runtime import Cache
from ngf_console.runtime.keys import ObjectKey, meta
from ngf_console.runtime.store import Change

MANAGED = {"app.kubernetes.io/managed-by": "ngf-console"}
OWNER_LABEL_PREFIX = "ngf-console.f5.com/"

Ref = tuple[str, str, str]
"""(kind, namespace, name)."""


def ref_of(manifest: dict[str, Any]) -> Ref:
    meta = manifest["metadata"]
    return manifest["kind"], meta.get("namespace", ""), meta["name"]


def _rv(obj: dict[str, Any]) -> int:
    try:
        return int(obj["metadata"].get("resourceVersion", "0"))
    except ValueError:
        return 0


@dataclass
class _Applied:
    rv: int
    obj: dict[str, Any]


class ChildrenView:
    """Live children by (kind, namespace, name), cache first, our own writes as a floor."""

    def __init__(self, cache: Cache, labels: dict[str, str] | None = None) -> None:
        self._cache = cache
        self._labels = labels if labels is not None else MANAGED
        self._applied: dict[Ref, _Applied] = {}
        # (kind, namespace, owner label, value) -> names: finds a parent's children without
        # scanning every cached object (that scan made large fleets quadratic).
        self._owned: dict[tuple[str, str, str, str], set[str]] = {}

    def informer_labels(self) -> dict[str, str]:
        return self._labels

    def cached(self, kind: Kind, namespace: str, name: str) -> dict[str, Any] | None:
        informer = self._cache.informer(kind, labels=self._labels)
        obj = informer.store.get(ObjectKey(namespace, name))
        return None if obj is None else to_dict(obj)

    def live(self, desired: dict[str, Any]) -> dict[str, Any] | None:
        """The freshest known state of the child `desired` describes (None: absent)."""
        ref = ref_of(desired)
        cached = self.cached(kind_of(desired), ref[1], ref[2])
        applied = self._applied.get(ref)
        if applied is None:
            return cached
        if cached is not None and _rv(cached) >= applied.rv:
            del self._applied[ref]  # the cache caught up with our write
            return cached
        return applied.obj

    def record(self, stored: dict[str, Any]) -> None:
        """Remember an object we just wrote."""
        self._applied[ref_of(stored)] = _Applied(_rv(stored), stored)

    def on_change(self, change: Change[Any]) -> None:
        """Informer handler: index children by owner label; forget deleted children's writes."""
        for obj, present in ((change.old, False), (change.new, True)):
            if obj is None:
                continue
            m = meta(obj)
            kind = type(obj)._api_info.resource.kind
            for label, value in (m.labels or {}).items():
                if label.startswith(OWNER_LABEL_PREFIX):
                    names = self._owned.setdefault((kind, m.namespace or "", label, value), set())
                    if present:
                        names.add(m.name or "")
                    else:
                        names.discard(m.name or "")
        if change.type == "delete":
            self._applied.pop(ref_of(to_dict(change.obj)), None)

    def list_owned(
        self, kind: Kind, namespace: str, label: str, value: str
    ) -> list[dict[str, Any]]:
        """Cached children of `kind` in `namespace` carrying `label=value` (from the index)."""
        informer = self._cache.informer(kind, labels=self._labels)
        names = self._owned.get((kind._api_info.resource.kind, namespace, label, value), set())
        found = []
        for name in sorted(names):
            obj = informer.store.get(ObjectKey(namespace, name))
            if obj is not None:
                found.append(to_dict(obj))
        return found
