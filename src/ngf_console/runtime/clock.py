"""Time as a dependency: the runtime never calls `time` or `asyncio.sleep` directly.

`Clock.now()` is monotonic seconds (for deadlines and backoff), `Clock.wall()` the UTC
wall time (written into Lease records), `Clock.sleep()` waits. `SystemClock` is the real
one; `FakeClock` moves only when a test calls `advance()`, so time-based logic (backoff,
delayed adds, resync, lease expiry) is tested without sleeping.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Monotonic time, wall time and sleeping."""

    def now(self) -> float:
        """Monotonic seconds."""
        ...

    def wall(self) -> datetime:
        """The current UTC time."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Wait `seconds` (returns at once when `seconds <= 0`)."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> float:
        return time.monotonic()

    def wall(self) -> datetime:
        return datetime.now(UTC)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(seconds, 0.0))


SYSTEM_CLOCK: Clock = SystemClock()


class FakeClock:
    """A clock that only moves when told to; sleepers wake when their deadline passes."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start
        self._epoch = datetime(2026, 1, 1, tzinfo=UTC) - timedelta(seconds=start)
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._seq = itertools.count()

    def now(self) -> float:
        return self._now

    def wall(self) -> datetime:
        return self._epoch + timedelta(seconds=self._now)

    @property
    def sleepers(self) -> int:
        """How many `sleep()` calls are waiting."""
        return sum(1 for _, _, fut in self._sleepers if not fut.done())

    async def sleep(self, seconds: float) -> None:
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self._now + seconds, next(self._seq), fut))
        await fut

    async def advance(self, seconds: float) -> None:
        """Move time forward, waking sleepers in deadline order and letting them run.

        Ready tasks run first, so a task created just before (e.g. by `add_after`) has
        started its `sleep()` before time moves.
        """
        await settle()
        target = self._now + seconds
        while self._sleepers and self._sleepers[0][0] <= target:
            deadline, _, fut = heapq.heappop(self._sleepers)
            self._now = max(self._now, deadline)
            if not fut.done():
                fut.set_result(None)
                await settle()
        self._now = target
        await settle()


async def settle(rounds: int = 20) -> None:
    """Let ready tasks run: yield to the event loop `rounds` times."""
    for _ in range(rounds):
        await asyncio.sleep(0)
