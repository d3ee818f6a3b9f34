"""Exponential backoff: one sequence (`Backoff`) and per-key (`ItemBackoff`).

`ItemBackoff` is client-go's `ItemExponentialFailureRateLimiter`: the n-th consecutive
failure of a key waits `base * 2**n`, capped at `cap`; `forget(key)` after a success starts
the key over. `Backoff` is the same for a single loop (an informer reconnecting), with
optional jitter so that many informers do not retry in lockstep.
"""

from __future__ import annotations

import random
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)

DEFAULT_BASE = 0.005
"""controller-runtime's per-item base delay (5 ms)."""
DEFAULT_CAP = 1000.0
"""controller-runtime's per-item maximum delay (1000 s)."""


def exponential(failures: int, base: float, cap: float) -> float:
    """`base * 2**failures`, capped, without overflowing for large `failures`."""
    if failures >= 64:
        return cap
    return min(base * float(1 << failures), cap)


class ItemBackoff(Generic[K]):
    """Per-key exponential backoff."""

    def __init__(self, base: float = DEFAULT_BASE, cap: float = DEFAULT_CAP) -> None:
        if base <= 0 or cap < base:
            raise ValueError(f"need 0 < base <= cap, got base={base} cap={cap}")
        self.base, self.cap = base, cap
        self._failures: dict[K, int] = {}

    def when(self, key: K) -> float:
        """Record a failure of `key` and return how long to wait before retrying it."""
        failures = self._failures.get(key, 0)
        self._failures[key] = failures + 1
        return exponential(failures, self.base, self.cap)

    def retries(self, key: K) -> int:
        """Consecutive failures recorded for `key`."""
        return self._failures.get(key, 0)

    def forget(self, key: K) -> None:
        """Start `key` over (after a success)."""
        self._failures.pop(key, None)


@dataclass
class Backoff:
    """Exponential backoff for one retry loop, with jitter in `[delay, delay*(1+jitter)]`."""

    base: float = 0.5
    cap: float = 30.0
    jitter: float = 0.2
    rng: random.Random | None = None
    failures: int = 0

    def next(self) -> float:
        """Record a failure and return the delay before the next attempt."""
        delay = exponential(self.failures, self.base, self.cap)
        self.failures += 1
        rng = self.rng or random
        return delay * (1.0 + self.jitter * rng.random())

    def reset(self) -> None:
        """Start over after a success."""
        self.failures = 0
