"""The EPP simulator's decision log: a bounded ring buffer plus async subscribers.

Every decision is appended to a `deque(maxlen=capacity)` (the API's "recent decisions") and
offered to each subscriber's bounded queue; a slow subscriber loses its oldest undelivered
decisions (counted in `dropped`) instead of slowing the picker, which is what a WebSocket
that streams decisions in 1 s batches needs.
"""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass
from types import TracebackType

from ngf_console.inference.epp import Decision


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    """One routed request: the EPP's decision with its context."""

    seq: int
    request_id: str
    timestamp: float
    namespace: str
    pool: str
    model: str
    decision: Decision
    latency_us: float

    @property
    def picked(self) -> str:
        return self.decision.picked_name


class Subscription:
    """An async iterator of new decisions; use as `async with log.subscribe() as sub:`."""

    def __init__(self, log: DecisionLog, maxsize: int) -> None:
        self._log = log
        self._queue: asyncio.Queue[DecisionRecord] = asyncio.Queue(maxsize)
        self.dropped = 0

    def offer(self, record: DecisionRecord) -> None:
        if self._queue.full():
            self._queue.get_nowait()
            self.dropped += 1
        self._queue.put_nowait(record)

    def pending(self) -> list[DecisionRecord]:
        """Everything queued, without waiting (for batching)."""
        out: list[DecisionRecord] = []
        while not self._queue.empty():
            out.append(self._queue.get_nowait())
        return out

    def __aiter__(self) -> Subscription:
        return self

    async def __anext__(self) -> DecisionRecord:
        return await self._queue.get()

    async def __aenter__(self) -> Subscription:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._log.unsubscribe(self)


class DecisionLog:
    """Recent decisions (ring buffer) and live subscribers."""

    def __init__(self, capacity: int = 1000) -> None:
        self._recent: deque[DecisionRecord] = deque(maxlen=capacity)
        self._subscribers: list[Subscription] = []
        self._seq = 0

    def next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def append(self, record: DecisionRecord) -> None:
        self._recent.append(record)
        for sub in self._subscribers:
            sub.offer(record)

    def recent(self, limit: int | None = None) -> list[DecisionRecord]:
        """The last `limit` decisions (all kept when None), oldest first."""
        items = list(self._recent)
        return items if limit is None else items[-limit:] if limit > 0 else []

    def subscribe(self, maxsize: int = 1000) -> Subscription:
        sub = Subscription(self, maxsize)
        self._subscribers.append(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        if sub in self._subscribers:
            self._subscribers.remove(sub)

    @property
    def subscribers(self) -> int:
        return len(self._subscribers)
