"""WebSocket fan-out: a client that falls behind is dropped, never blocking the producer."""

from __future__ import annotations

import pytest

from ngf_console.server.hub import Hub


@pytest.mark.asyncio
async def test_messages_arrive_in_order() -> None:
    hub = Hub(queue_size=3)
    subscriber = hub.subscribe()
    for i in range(3):
        subscriber.offer({"n": i})
    assert [await subscriber.next() for _ in range(3)] == [{"n": 0}, {"n": 1}, {"n": 2}]


@pytest.mark.asyncio
async def test_overflow_drops_the_client() -> None:
    hub = Hub(queue_size=2)
    slow, fast = hub.subscribe(), hub.subscribe()
    for i in range(5):
        slow.offer({"n": i})  # never blocks, even though nobody reads
        fast.offer({"n": i})
        await fast.next()
    assert slow.overflowed
    assert not fast.overflowed
    assert await slow.next() is None  # the sender closes the connection on this
    hub.unsubscribe(slow)
    hub.unsubscribe(fast)
    assert (hub.subscribers, hub.dropped) == (0, 1)
