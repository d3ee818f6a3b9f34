"""The informer's in-memory store: the latest state of each watched object, keyed by `ObjectKey`.

`apply()` records one watch event and `replace()` a full re-list; both return the
`Change`s that handlers must see. A re-list after a broken or expired watch compares
resourceVersions, so handlers see exactly the objects that were added, changed or deleted
while the watch was down — deletions included, which only a re-list can reveal.
Reconcilers read it through `get()` / `list()` and must treat the objects as read-only.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Generic, Literal

from ngf_console.runtime.keys import ObjectKey, R, key_of, meta, resource_version

ChangeType = Literal["add", "update", "delete"]


@dataclass(frozen=True)
class Change(Generic[R]):
    """What happened to one object: `old` is None for adds, `new` is None for deletes."""

    type: ChangeType
    old: R | None
    new: R | None

    @property
    def obj(self) -> R:
        """The object's latest known state (the last state for a delete)."""
        latest = self.new if self.new is not None else self.old
        assert latest is not None, "a change has an old or a new object"
        return latest


class Store(Generic[R]):
    """Objects by key."""

    def __init__(self) -> None:
        self._items: dict[ObjectKey, R] = {}

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[R]:
        return iter(list(self._items.values()))

    def get(self, key: ObjectKey) -> R | None:
        """The object with that key, if cached."""
        return self._items.get(key)

    def list_keys(self) -> builtins.list[ObjectKey]:
        """Every cached key."""
        return list(self._items)

    def list(
        self, namespace: str | None = None, labels: Mapping[str, str] | None = None
    ) -> builtins.list[R]:
        """Cached objects, optionally in one namespace and carrying all of `labels`."""
        found = []
        for key, obj in self._items.items():
            if namespace is not None and key.namespace != namespace:
                continue
            if labels and not _has_labels(obj, labels):
                continue
            found.append(obj)
        return found

    def apply(self, event: Literal["ADDED", "MODIFIED", "DELETED"], obj: R) -> Change[R] | None:
        """Record a watch event; None if it changes nothing (a replayed delete)."""
        key = key_of(obj)
        old = self._items.get(key)
        if event == "DELETED":
            if old is None:
                return None
            del self._items[key]
            return Change("delete", old, None)
        self._items[key] = obj
        return Change("add", None, obj) if old is None else Change("update", old, obj)

    def replace(self, objs: Iterable[R]) -> builtins.list[Change[R]]:
        """Replace everything with a fresh list; return adds, changed updates and deletes."""
        fresh = {key_of(obj): obj for obj in objs}
        changes: builtins.list[Change[R]] = []
        for key, obj in fresh.items():
            old = self._items.get(key)
            if old is None:
                changes.append(Change("add", None, obj))
            elif resource_version(old) != resource_version(obj):
                changes.append(Change("update", old, obj))
        changes.extend(
            Change("delete", old, None) for key, old in self._items.items() if key not in fresh
        )
        self._items = fresh
        return changes


def _has_labels(obj: R, labels: Mapping[str, str]) -> bool:
    have = meta(obj).labels or {}
    return all(have.get(k) == v for k, v in labels.items())
