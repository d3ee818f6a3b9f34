"""The fake clock: sleepers wake in deadline order, exactly when time reaches them."""

from __future__ import annotations

import asyncio

import pytest

from ngf_console.runtime.clock import FakeClock, settle


@pytest.mark.asyncio
async def test_sleepers_wake_in_deadline_order_at_their_deadline() -> None:
    clock = FakeClock()
    woke: list[tuple[str, float]] = []

    async def sleeper(name: str, seconds: float) -> None:
        await clock.sleep(seconds)
        woke.append((name, clock.now() - 1000.0))

    tasks = [asyncio.create_task(sleeper(n, s)) for n, s in (("late", 5.0), ("early", 2.0))]
    await clock.advance(1.9)
    assert woke == []
    assert clock.sleepers == 2
    await clock.advance(10.0)
    assert woke == [("early", 2.0), ("late", 5.0)]
    await asyncio.gather(*tasks)


@pytest.mark.asyncio
async def test_wall_time_moves_with_the_clock() -> None:
    clock = FakeClock()
    before = clock.wall()
    await clock.advance(90.0)
    assert (clock.wall() - before).total_seconds() == 90.0
    await settle()
