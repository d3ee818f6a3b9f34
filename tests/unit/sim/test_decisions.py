"""The decision log: ring buffer and async subscribers.

Matrix: the buffer keeps the last `capacity` decisions in order · `recent(limit)` ·
subscribers get every new decision, in order · a slow subscriber drops its oldest and counts
them · leaving the `async with` unsubscribes · `pending()` drains without waiting.
"""

from __future__ import annotations

import asyncio
import random

import pytest

from ngf_console.inference import EndpointState, profile_for, schedule
from ngf_console.sim.decisions import DecisionLog, DecisionRecord

DECISION = schedule(
    [EndpointState("a", 0, 0.1), EndpointState("b", 3, 0.1)],
    profile_for("least_queue"),
    rng=random.Random(0),
)


def record(log: DecisionLog, rid: str) -> DecisionRecord:
    return DecisionRecord(log.next_seq(), rid, 0.0, "ns", "pool", "m", DECISION, 12.0)


def test_ring_buffer_keeps_the_latest() -> None:
    log = DecisionLog(capacity=3)
    for i in range(5):
        log.append(record(log, str(i)))
    assert [r.request_id for r in log.recent()] == ["2", "3", "4"]
    assert [r.request_id for r in log.recent(2)] == ["3", "4"]
    assert log.recent(0) == []
    assert [r.seq for r in log.recent()] == [3, 4, 5]
    assert log.recent()[-1].picked == "a"


@pytest.mark.asyncio
async def test_subscribers_receive_new_decisions_in_order() -> None:
    log = DecisionLog()
    log.append(record(log, "before"))
    async with log.subscribe() as sub:
        assert log.subscribers == 1
        log.append(record(log, "1"))
        log.append(record(log, "2"))
        got = [await asyncio.wait_for(anext(sub), 1.0) for _ in range(2)]
        assert [r.request_id for r in got] == ["1", "2"]
    assert log.subscribers == 0
    log.append(record(log, "after"))


@pytest.mark.asyncio
async def test_slow_subscriber_drops_its_oldest() -> None:
    log = DecisionLog()
    sub = log.subscribe(maxsize=2)
    for i in range(5):
        log.append(record(log, str(i)))
    assert sub.dropped == 3
    assert [r.request_id for r in sub.pending()] == ["3", "4"]
    assert sub.pending() == []
    sub.close()
    assert log.subscribers == 0
