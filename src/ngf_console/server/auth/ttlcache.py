"""A small time-bounded cache of authentication and authorization answers.

Entries live `ttl` seconds on the monotonic clock (injectable for tests); the cache holds at
most `max_entries`, dropping the oldest first. A TTL of 0 disables caching. `lookup` also
says how long an entry has left, so a caller can refresh it before it expires.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class TTLCache(Generic[V]):
    """Answers by key, each valid for `ttl` seconds."""

    def __init__(
        self,
        ttl: float,
        *,
        max_entries: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self._max = max_entries
        self._clock = clock
        self._items: OrderedDict[Hashable, tuple[float, V]] = OrderedDict()

    def lookup(self, key: Hashable) -> tuple[V, float] | None:
        """The value and the seconds it has left, or None when absent or expired."""
        found = self._items.get(key)
        if found is None:
            return None
        expires, value = found
        left = expires - self._clock()
        if left <= 0:
            del self._items[key]
            return None
        return value, left

    def get(self, key: Hashable) -> V | None:
        found = self.lookup(key)
        return None if found is None else found[0]

    def put(self, key: Hashable, value: V) -> None:
        if self.ttl <= 0:
            return
        self._items[key] = (self._clock() + self.ttl, value)
        self._items.move_to_end(key)
        while len(self._items) > self._max:
            self._items.popitem(last=False)

    def discard(self, key: Hashable) -> None:
        self._items.pop(key, None)
