"""Map a watched object to the parent keys to reconcile, and filter updates.

A `Mapper` turns an object into zero or more `ObjectKey`s of parents:

* `self_key` — the object is the parent (`for_`);
* `owner_mapper(Parent)` — the parent named by the child's **controller** ownerReference,
  if that reference's API group and kind are the parent's (controller-runtime's
  `EnqueueRequestForOwner` with `OnlyControllerOwner`; the version may differ);
* `label_mapper(label, Parent)` — the parent named by a label on the child, e.g.
  `ngf-console.f5.com/stack=<name>`; catches children whose ownerReference was removed;
* `union(...)` — all of them, each key once.

A namespaced parent is looked up in the child's namespace (ownerReferences cannot cross
namespaces); a cluster-scoped parent has namespace "".
An `UpdateFilter` decides whether an update event is worth a reconcile, e.g.
`generation_changed` ignores status-only and metadata-only writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from lightkube.core.resource import NamespacedResource, Resource

from ngf_console.runtime.keys import ObjectKey, key_of, meta

Mapper = Callable[[Any], Iterable[ObjectKey]]
UpdateFilter = Callable[[Any, Any], bool]


def self_key(obj: Resource) -> list[ObjectKey]:
    """The object's own key."""
    return [key_of(obj)]


def _group(api_version: str) -> str:
    return api_version.rpartition("/")[0]


def _parent_namespace(parent: type[Resource], child: Resource) -> str:
    return (meta(child).namespace or "") if issubclass(parent, NamespacedResource) else ""


def owner_mapper(parent: type[Resource]) -> Mapper:
    """Map a child to its controller owner, if that owner is a `parent`."""
    info = parent._api_info.resource

    def mapper(obj: Resource) -> list[ObjectKey]:
        for ref in meta(obj).ownerReferences or []:
            if ref.controller and ref.kind == info.kind and _group(ref.apiVersion) == info.group:
                return [ObjectKey(_parent_namespace(parent, obj), ref.name)]
        return []

    return mapper


def label_mapper(label: str, parent: type[Resource]) -> Mapper:
    """Map a child to the `parent` named by its `label`."""

    def mapper(obj: Resource) -> list[ObjectKey]:
        name = (meta(obj).labels or {}).get(label)
        return [ObjectKey(_parent_namespace(parent, obj), name)] if name else []

    return mapper


def union(*mappers: Mapper) -> Mapper:
    """Every key any of `mappers` returns, each once, in order."""

    def mapper(obj: Any) -> list[ObjectKey]:
        keys: dict[ObjectKey, None] = {}
        for m in mappers:
            keys.update(dict.fromkeys(m(obj)))
        return list(keys)

    return mapper


def generation_changed(old: Resource, new: Resource) -> bool:
    """True when the spec changed (`metadata.generation` moved) or there is no generation."""
    before, after = meta(old).generation, meta(new).generation
    return before is None or after is None or before != after


def any_change(old: Resource, new: Resource) -> bool:
    """Every update counts (the default)."""
    return True
