"""The work queue, on a fake clock.

Matrix: de-duplication of waiting keys · a key re-added while processing runs again after
`done()`, never concurrently · FIFO order · `add_after` (fires on time, earliest wins,
later ignored) · `add_rate_limited` doubles per failure and `forget` resets it · the depth
callback · shutdown wakes waiters, drains, cancels pending delays, ignores adds.
"""

from __future__ import annotations

import asyncio

import pytest

from ngf_console.runtime.backoff import ItemBackoff
from ngf_console.runtime.clock import FakeClock, settle
from ngf_console.runtime.queue import WorkQueue

pytestmark = pytest.mark.asyncio


def make_queue(clock: FakeClock, depths: list[int] | None = None) -> WorkQueue[str]:
    return WorkQueue(
        clock=clock,
        backoff=ItemBackoff(base=1.0, cap=8.0),
        on_depth=depths.append if depths is not None else None,
    )


async def drain(queue: WorkQueue[str]) -> list[str]:
    """Take (and finish) every key that is ready now."""
    taken = []
    while len(queue):
        key = await queue.get()
        assert key is not None
        taken.append(key)
        queue.done(key)
    return taken


async def test_a_key_added_twice_is_processed_once() -> None:
    queue = make_queue(FakeClock())
    queue.add("ns/a")
    queue.add("ns/a")
    queue.add("ns/b")
    assert len(queue) == 2
    assert await drain(queue) == ["ns/a", "ns/b"]


async def test_a_key_readded_while_processing_runs_again_afterwards_not_concurrently() -> None:
    queue = make_queue(FakeClock())
    queue.add("ns/a")
    key = await queue.get()
    assert key == "ns/a"
    queue.add("ns/a")
    queue.add("ns/a")
    assert len(queue) == 0, "a key being processed is not handed out again"
    second: asyncio.Task[str | None] = asyncio.create_task(queue.get())
    await settle()
    assert not second.done(), "a second worker must wait while ns/a is processing"
    queue.done("ns/a")
    assert await second == "ns/a"
    queue.done("ns/a")
    assert len(queue) == 0


async def test_done_without_a_readd_does_not_requeue() -> None:
    queue = make_queue(FakeClock())
    queue.add("ns/a")
    key = await queue.get()
    assert key is not None
    queue.done(key)
    assert len(queue) == 0


async def test_add_after_fires_when_the_delay_has_passed() -> None:
    clock = FakeClock()
    queue = make_queue(clock)
    queue.add_after("ns/a", 5.0)
    await clock.advance(4.9)
    assert len(queue) == 0
    await clock.advance(0.1)
    assert await drain(queue) == ["ns/a"]


async def test_add_after_keeps_the_earliest_time_per_key() -> None:
    clock = FakeClock()
    queue = make_queue(clock)
    queue.add_after("ns/a", 10.0)
    queue.add_after("ns/a", 2.0)  # earlier: replaces
    queue.add_after("ns/a", 6.0)  # later: ignored
    await clock.advance(2.0)
    assert await drain(queue) == ["ns/a"]
    await clock.advance(20.0)
    assert len(queue) == 0, "the replaced and ignored delays must not fire"


async def test_add_after_zero_adds_now() -> None:
    queue = make_queue(FakeClock())
    queue.add_after("ns/a", 0)
    assert len(queue) == 1


async def test_rate_limited_adds_back_off_exponentially_up_to_the_cap() -> None:
    clock = FakeClock()
    queue = make_queue(clock)
    waits = []
    for _ in range(6):
        queue.add_rate_limited("ns/a")
        started = clock.now()
        while not len(queue):
            await clock.advance(0.5)
        waits.append(clock.now() - started)
        await drain(queue)
    assert waits == [1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    assert queue.retries("ns/a") == 6


async def test_forget_starts_the_backoff_over() -> None:
    clock = FakeClock()
    queue = make_queue(clock)
    queue.add_rate_limited("ns/a")
    queue.add_rate_limited("ns/a")
    queue.forget("ns/a")
    assert queue.retries("ns/a") == 0
    await clock.advance(8.0)
    await drain(queue)
    queue.add_rate_limited("ns/a")
    await clock.advance(1.0)
    assert await drain(queue) == ["ns/a"]


async def test_backoff_is_per_key() -> None:
    clock = FakeClock()
    queue = make_queue(clock)
    for _ in range(3):  # three failures of ns/slow: 1 s, 2 s, 4 s
        queue.add_rate_limited("ns/slow")
        await clock.advance(4.0)
        assert await drain(queue) == ["ns/slow"]
    queue.add_rate_limited("ns/slow")  # fourth failure: 8 s
    queue.add_rate_limited("ns/fresh")  # first failure: 1 s
    await clock.advance(1.0)
    assert await drain(queue) == ["ns/fresh"]
    await clock.advance(7.0)
    assert await drain(queue) == ["ns/slow"]


async def test_depth_is_reported_on_every_change() -> None:
    depths: list[int] = []
    queue = make_queue(FakeClock(), depths)
    queue.add("ns/a")
    queue.add("ns/b")
    queue.add("ns/a")
    await drain(queue)
    assert depths == [1, 2, 1, 0]


async def test_shutdown_wakes_waiting_workers_with_none() -> None:
    queue = make_queue(FakeClock())
    waiting = [asyncio.create_task(queue.get()) for _ in range(3)]
    await settle()
    queue.shutdown()
    assert await asyncio.gather(*waiting) == [None, None, None]


async def test_shutdown_drains_waiting_keys_then_ignores_adds_and_delays() -> None:
    clock = FakeClock()
    queue = make_queue(clock)
    queue.add("ns/a")
    queue.add_after("ns/b", 1.0)
    queue.shutdown()
    queue.add("ns/c")
    assert await queue.get() == "ns/a"
    queue.done("ns/a")
    await clock.advance(5.0)
    assert await queue.get() is None
    assert queue.shutting_down


async def test_a_cancelled_get_does_not_lose_a_key() -> None:
    queue = make_queue(FakeClock())
    cancelled = asyncio.create_task(queue.get())
    other = asyncio.create_task(queue.get())
    await settle()
    queue.add("ns/a")
    cancelled.cancel()  # woken for ns/a, but cancelled before it could take it
    assert await other == "ns/a"
    assert cancelled.cancelled()
