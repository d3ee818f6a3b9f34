"""Fan-out of live updates to WebSocket clients, each with a bounded queue.

An informer handler calls `Subscriber.offer(message)` synchronously; it never waits. When a
client's queue is full the client is marked `overflowed` — its queue is cleared, a sentinel
(None) queued and `dropped` set — and its sender closes the connection (or, when a send is
stuck on a client that stopped reading, abandons it), so one slow client is dropped instead
of slowing the informer or the other clients. `Hub` counts the live subscribers
(observability, tests); a stream with large messages may ask for a shorter queue.
"""

from __future__ import annotations

import asyncio
from typing import Any

Message = dict[str, Any]
TEXT = "__text__"
"""A queued message under this key is JSON text, sent as is (encoded once for all clients)."""

CLOSE_TOO_SLOW = 4008
"""WebSocket close code for a client that fell behind (application range 4000-4999)."""


class Subscriber:
    """One client's queue."""

    def __init__(self, size: int) -> None:
        self.queue: asyncio.Queue[Message | None] = asyncio.Queue(maxsize=size)
        self.overflowed = False
        self.dropped = asyncio.Event()
        """Set on overflow: a sender blocked on the client gives up."""

    def offer(self, message: Message) -> None:
        """Queue `message`; on overflow drop everything and queue the close sentinel."""
        if self.overflowed:
            return
        try:
            self.queue.put_nowait(message)
        except asyncio.QueueFull:
            self.overflowed = True
            self.dropped.set()
            while not self.queue.empty():
                self.queue.get_nowait()
            self.queue.put_nowait(None)

    async def next(self) -> Message | None:
        """The next message; None when the client must be dropped."""
        return await self.queue.get()


class Hub:
    """Creates subscribers and counts the live ones."""

    def __init__(self, queue_size: int) -> None:
        self.queue_size = queue_size
        self._live: set[Subscriber] = set()
        self.dropped = 0

    def subscribe(self, queue_size: int | None = None) -> Subscriber:
        """A new subscriber; its queue holds `queue_size` messages (default: the hub's)."""
        subscriber = Subscriber(queue_size or self.queue_size)
        self._live.add(subscriber)
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        self._live.discard(subscriber)
        if subscriber.overflowed:
            self.dropped += 1

    @property
    def subscribers(self) -> int:
        return len(self._live)
