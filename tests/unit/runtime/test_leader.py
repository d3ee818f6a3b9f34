"""Leader election's state machine over an in-memory Lease, on a fake clock.

Matrix: a free Lease is taken at once · a held Lease is not taken while it is renewed ·
a leader whose API is gone steps down after renew_deadline, and the candidate takes over
only after lease_duration without change — never overlapping · graceful stop cancels
lead() before releasing, and the candidate takes over within one retry period · a Lease
taken by someone else makes the leader step down at its next renewal, then campaign again ·
a failing lead() is re-raised and the Lease released · transitions count holders ·
invalid timings are rejected.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import timedelta

import pytest

from ngf_console.runtime.clock import FakeClock, settle
from ngf_console.runtime.errors import LeaderElectionError, LeaseConflictError
from ngf_console.runtime.leader import LeaderElector, LeaseRecord, LeaseTimings

TIMINGS = LeaseTimings()  # client-go's: 15 s / 10 s / 2 s


class SharedLease:
    """The API server's copy of one Lease, with resourceVersions."""

    def __init__(self) -> None:
        self.record: LeaseRecord | None = None
        self.version = 0

    def write(self, record: LeaseRecord) -> str:
        self.record = record
        self.version += 1
        return str(self.version)


class LeaseView:
    """One candidate's connection to the shared Lease; `down` makes every call fail."""

    description = "test/lease"

    def __init__(self, shared: SharedLease) -> None:
        self.shared = shared
        self.down = False

    def _check(self) -> None:
        if self.down:
            raise LeaderElectionError("connection refused")

    async def get(self) -> tuple[LeaseRecord, str] | None:
        self._check()
        if self.shared.record is None:
            return None
        return self.shared.record, str(self.shared.version)

    async def create(self, record: LeaseRecord) -> str:
        self._check()
        if self.shared.record is not None:
            raise LeaseConflictError("exists")
        return self.shared.write(record)

    async def update(self, record: LeaseRecord, version: str) -> str:
        self._check()
        if version != str(self.shared.version):
            raise LeaseConflictError("stale")
        return self.shared.write(record)


class Candidate:
    """An elector whose lead() records when it started and stopped leading."""

    def __init__(self, name: str, shared: SharedLease, clock: FakeClock) -> None:
        self.name = name
        self.view = LeaseView(shared)
        self.clock = clock
        self.periods: list[list[float]] = []
        self.gauge: list[bool] = []
        self.elector = LeaderElector(
            self.view,
            name,
            TIMINGS,
            clock=clock,
            rng=random.Random(name),  # jitter, seeded
            on_change=self.gauge.append,
        )
        self.task: asyncio.Task[None] | None = None
        self.lead: Callable[[], Awaitable[None]] = self._lead_forever

    async def _lead_forever(self) -> None:
        self.periods.append([self.clock.now()])
        try:
            await asyncio.Event().wait()
        finally:
            self.periods[-1].append(self.clock.now())

    def start(self) -> None:
        self.task = asyncio.create_task(self.elector.run(self.lead))

    @property
    def leading(self) -> bool:
        return bool(self.periods) and len(self.periods[-1]) == 1


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def shared() -> SharedLease:
    return SharedLease()


async def advance_until(clock: FakeClock, done: Callable[[], bool], limit: float) -> float:
    """Advance 0.1 s at a time until `done()`; return the time it took."""
    start = clock.now()
    while not done():
        assert clock.now() - start <= limit, f"not done within {limit}s"
        await clock.advance(0.1)
    return clock.now() - start


async def stop(*candidates: Candidate) -> None:
    for c in candidates:
        if c.task is not None:
            c.task.cancel()
    await asyncio.gather(*(c.task for c in candidates if c.task), return_exceptions=True)


@pytest.mark.asyncio
async def test_a_free_lease_is_taken_at_once(clock: FakeClock, shared: SharedLease) -> None:
    a = Candidate("a", shared, clock)
    a.start()
    await settle()
    assert a.leading
    assert a.elector.is_leader
    assert a.gauge == [True]
    assert shared.record is not None
    assert shared.record.holder == "a"
    assert shared.record.lease_duration == 15
    await stop(a)


@pytest.mark.asyncio
async def test_a_renewed_lease_is_never_taken(clock: FakeClock, shared: SharedLease) -> None:
    a, b = Candidate("a", shared, clock), Candidate("b", shared, clock)
    a.start()
    await settle()
    b.start()
    await clock.advance(120.0)
    assert a.leading
    assert b.periods == []
    assert shared.record is not None
    assert shared.record.holder == "a"
    assert shared.record.renew_time is not None
    assert clock.wall() - shared.record.renew_time <= timedelta(seconds=TIMINGS.retry_period)
    await stop(a, b)


@pytest.mark.asyncio
async def test_a_leader_cut_off_steps_down_before_anyone_takes_over(
    clock: FakeClock, shared: SharedLease
) -> None:
    a, b = Candidate("a", shared, clock), Candidate("b", shared, clock)
    a.start()
    await settle()
    b.start()
    await clock.advance(5.0)
    a.view.down = True  # a is partitioned from the API server: no renewal, no release
    cut = clock.now()
    await advance_until(clock, lambda: b.leading, limit=30.0)
    a_stopped, b_started = a.periods[0][1], b.periods[0][0]
    assert a_stopped - cut <= TIMINGS.renew_deadline + TIMINGS.retry_period
    assert a_stopped < b_started, "two leaders at once"
    # b saw a's last renewal at most one retry period (+jitter) after it happened.
    assert TIMINGS.lease_duration - TIMINGS.retry_period <= b_started - cut
    assert b_started - cut <= TIMINGS.lease_duration + 2 * TIMINGS.retry_period * 1.2
    assert shared.record is not None
    assert shared.record.holder == "b"
    assert shared.record.transitions == 1
    await stop(a, b)


@pytest.mark.asyncio
async def test_graceful_stop_cancels_lead_then_releases_and_hands_over_fast(
    clock: FakeClock, shared: SharedLease
) -> None:
    a, b = Candidate("a", shared, clock), Candidate("b", shared, clock)
    a.start()
    await settle()
    b.start()
    await clock.advance(7.0)
    assert a.task is not None
    a.task.cancel()
    await asyncio.gather(a.task, return_exceptions=True)
    assert len(a.periods[0]) == 2, "lead() was cancelled"
    assert shared.record is not None
    assert shared.record.holder == "", "the Lease was released"
    took = await advance_until(clock, lambda: b.leading, limit=10.0)
    assert took <= TIMINGS.retry_period * 1.2 + 0.1
    await stop(b)


@pytest.mark.asyncio
async def test_a_lease_taken_by_someone_else_makes_the_leader_step_down(
    clock: FakeClock, shared: SharedLease
) -> None:
    a = Candidate("a", shared, clock)
    a.start()
    await settle()
    assert shared.record is not None
    shared.write(replace(shared.record, holder="intruder", transitions=1))
    await clock.advance(TIMINGS.retry_period)
    assert not a.leading, "a stops at its next renewal"
    assert a.gauge == [True, False]
    # The intruder never renews: a campaigns again and wins after the lease duration.
    took = await advance_until(clock, lambda: a.leading, limit=30.0)
    assert TIMINGS.lease_duration - TIMINGS.retry_period <= took
    assert shared.record.holder == "a"
    await stop(a)


@pytest.mark.asyncio
async def test_a_failing_lead_is_reraised_and_the_lease_released(
    clock: FakeClock, shared: SharedLease
) -> None:
    a = Candidate("a", shared, clock)

    async def crash() -> None:
        raise RuntimeError("controller crashed")

    a.lead = crash
    a.start()
    assert a.task is not None
    with pytest.raises(RuntimeError, match="controller crashed"):
        await a.task
    assert shared.record is not None
    assert shared.record.holder == ""


@pytest.mark.asyncio
async def test_a_lease_that_cannot_be_reached_is_retried(
    clock: FakeClock, shared: SharedLease
) -> None:
    a = Candidate("a", shared, clock)
    a.view.down = True
    a.start()
    await clock.advance(10.0)
    assert a.periods == []
    a.view.down = False
    await advance_until(clock, lambda: a.leading, limit=TIMINGS.retry_period * 1.2 + 0.1)
    await stop(a)


@pytest.mark.parametrize(
    ("duration", "deadline", "retry"),
    [(10.0, 10.0, 2.0), (15.0, 2.0, 2.0), (15.0, 10.0, 0.0)],
)
def test_invalid_timings_are_rejected(duration: float, deadline: float, retry: float) -> None:
    with pytest.raises(ValueError, match="lease_duration"):
        LeaseTimings(duration, deadline, retry)
