"""Simulated time.

Every model in `sim` reads virtual seconds from a `SimClock` and never calls `time` itself, so
unit tests drive it with a `ManualClock` and no sleeping. The running simulators use a
`ScaledClock`: virtual time advances `speed` times faster than real (monotonic) time, and
`real_delay()` converts a virtual wait into the real seconds to `asyncio.sleep` for.
"""

from __future__ import annotations

import time
from typing import Protocol


class SimClock(Protocol):
    """Virtual seconds, and how long a virtual interval lasts in real seconds."""

    def now(self) -> float:
        """Virtual seconds (monotonic)."""
        ...

    def real_delay(self, virtual_seconds: float) -> float:
        """Real seconds that `virtual_seconds` of virtual time take (>= 0)."""
        ...


class ManualClock:
    """A clock that moves only when a test calls `advance()`."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def real_delay(self, virtual_seconds: float) -> float:
        return max(virtual_seconds, 0.0)

    def advance(self, seconds: float) -> None:
        """Move virtual time forward by `seconds` (>= 0)."""
        if seconds < 0:
            raise ValueError("time only moves forward")
        self._now += seconds


class ScaledClock:
    """Virtual time = `speed` x real monotonic time since construction (+ `start`)."""

    def __init__(self, speed: float = 1.0, start: float = 0.0) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.speed = speed
        self._start = start
        self._origin = time.monotonic()

    def now(self) -> float:
        return self._start + (time.monotonic() - self._origin) * self.speed

    def real_delay(self, virtual_seconds: float) -> float:
        return max(virtual_seconds, 0.0) / self.speed
