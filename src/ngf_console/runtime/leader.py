"""Leader election on a Lease, with client-go's algorithm and timings.

State machine of one candidate (`LeaderElector.run(lead)`):

```
          ┌────────── try every retry_period (+jitter) ─────────┐
          ▼                                                     │
    [candidate] ── Lease free, expired, released or ours ──▶ [leader] ── lead() runs
          ▲                                                     │  renew every retry_period
          └── renewal failed for renew_deadline, or someone ────┘
              else holds the Lease: lead() is cancelled
```

* A Lease held by someone else counts as expired when it has not *changed* for its
  `leaseDurationSeconds`, measured on **our** monotonic clock from when we first saw the
  current record (client-go's observed time), never by comparing wall clocks.
* A leader that cannot renew within `renew_deadline` stops leading (cancels `lead()`)
  before the others may take over (`lease_duration` > `renew_deadline`), so two processes
  never lead at once as long as clocks run at the same rate.
* On graceful shutdown (`run()` cancelled) `lead()` is cancelled **first**, then the Lease is
  released (empty holder, duration 1 s) so a successor takes over at its next try.
* Losing the Lease does not end `run()`: the process becomes a candidate again.

Writes are optimistic (`resourceVersion` precondition), through the `LeaseLock` seam;
`leaselock.LightkubeLeaseLock` is the real one. Timestamps written to the Lease come from
`Clock.wall()`; API calls are bounded in real time by `renew_deadline`.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

import structlog

from ngf_console.runtime.clock import SYSTEM_CLOCK, Clock

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class LeaseTimings:
    """client-go's defaults: 15 s lease, 10 s renew deadline, 2 s retry period."""

    lease_duration: float = 15.0
    renew_deadline: float = 10.0
    retry_period: float = 2.0
    jitter: float = 0.2
    """Candidates wait `retry_period * (1 + jitter * U[0,1))` between attempts."""

    def __post_init__(self) -> None:
        if not self.lease_duration > self.renew_deadline > self.retry_period > 0:
            raise ValueError("need lease_duration > renew_deadline > retry_period > 0")


@dataclass(frozen=True)
class LeaseRecord:
    """The Lease's spec; `holder == ""` means released."""

    holder: str
    lease_duration: int
    acquire_time: datetime | None
    renew_time: datetime | None
    transitions: int


class LeaseLock(Protocol):
    """Reads and writes one Lease. `version` is its resourceVersion."""

    description: str

    async def get(self) -> tuple[LeaseRecord, str] | None:
        """The record and its version, or None if the Lease does not exist."""
        ...

    async def create(self, record: LeaseRecord) -> str:
        """Create the Lease; `LeaseConflictError` if it exists."""
        ...

    async def update(self, record: LeaseRecord, version: str) -> str:
        """Replace the Lease; `LeaseConflictError` if its version moved."""
        ...


class LeaderElector:
    """Campaigns for a Lease and runs `lead()` while holding it; see the module docstring."""

    def __init__(
        self,
        lock: LeaseLock,
        identity: str,
        timings: LeaseTimings = LeaseTimings(),
        *,
        clock: Clock = SYSTEM_CLOCK,
        rng: random.Random | None = None,
        on_change: Callable[[bool], None] | None = None,
    ) -> None:
        self.identity = identity
        self.timings = timings
        self._lock = lock
        self._clock = clock
        self._rng = rng or random.Random()  # noqa: S311  # jitter, not cryptography
        self._on_change = on_change
        self._observed: LeaseRecord | None = None
        self._observed_at = 0.0
        self._version = ""
        self._leading = False

    @property
    def is_leader(self) -> bool:
        """True while `lead()` runs."""
        return self._leading

    @property
    def observed_holder(self) -> str | None:
        """The holder in the last record seen ("" when released, None before any read)."""
        return self._observed.holder if self._observed is not None else None

    async def try_acquire_or_renew(self, budget: float | None = None) -> bool:
        """One attempt to take or keep the Lease; True if we hold it afterwards."""
        try:
            async with asyncio.timeout(budget or self.timings.renew_deadline):
                return await self._attempt()
        except Exception as e:  # API errors, conflicts, timeouts: this attempt failed
            log.debug("lease attempt failed", lease=self._lock.description, error=repr(e))
            return False

    async def _attempt(self) -> bool:
        now, wall = self._clock.now(), self._clock.wall()
        mine = LeaseRecord(self.identity, int(self.timings.lease_duration), wall, wall, 0)
        found = await self._lock.get()
        if found is None:
            self._observe(mine, await self._lock.create(mine), now)
            return True
        record, version = found
        if record != self._observed:
            if self._observed is None or record.holder != self._observed.holder:
                log.info(
                    "lease holder observed", lease=self._lock.description, holder=record.holder
                )
            self._observe(record, version, now)
        held_by_other = record.holder not in ("", self.identity)
        if held_by_other and now < self._observed_at + record.lease_duration:
            return False
        if record.holder == self.identity:
            mine = replace(mine, acquire_time=record.acquire_time, transitions=record.transitions)
        else:
            mine = replace(mine, transitions=record.transitions + 1)
        self._observe(mine, await self._lock.update(mine, version), now)
        return True

    def _observe(self, record: LeaseRecord, version: str, now: float) -> None:
        self._observed, self._version, self._observed_at = record, version, now

    async def run(self, lead: Callable[[], Awaitable[None]]) -> None:
        """Campaign, lead, step down, repeat; release the Lease when cancelled.

        Returns when `lead()` returns; re-raises what `lead()` raises.
        """
        try:
            while True:
                await self._acquire()
                if not await self._lead(lead):
                    return
        finally:
            if self.observed_holder == self.identity:
                await asyncio.shield(self.release())

    async def _acquire(self) -> None:
        while not await self.try_acquire_or_renew():
            t = self.timings
            await self._clock.sleep(t.retry_period * (1 + t.jitter * self._rng.random()))
        log.info("became leader", lease=self._lock.description, identity=self.identity)

    async def _lead(self, lead: Callable[[], Awaitable[None]]) -> bool:
        """Run `lead()` while renewing; True if leadership was lost, False if lead() ended."""
        self._set_leading(True)
        leading = asyncio.ensure_future(lead())
        renewing = asyncio.ensure_future(self._renew_until_lost())
        try:
            done, _ = await asyncio.wait({leading, renewing}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (leading, renewing):
                task.cancel()
            await asyncio.gather(leading, renewing, return_exceptions=True)
            self._set_leading(False)
        if leading in done:
            leading.result()  # re-raise its failure
            return False
        return True

    async def _renew_until_lost(self) -> None:
        last_renewal = self._clock.now()
        while True:
            await self._clock.sleep(self.timings.retry_period)
            remaining = last_renewal + self.timings.renew_deadline - self._clock.now()
            if await self.try_acquire_or_renew(budget=max(remaining, 0.1)):
                last_renewal = self._clock.now()
                continue
            holder = self.observed_holder
            if holder not in (None, "", self.identity):
                log.warning("lost the lease", lease=self._lock.description, holder=holder)
                return
            if self._clock.now() - last_renewal >= self.timings.renew_deadline:
                log.warning("could not renew the lease in time", lease=self._lock.description)
                return

    async def release(self) -> bool:
        """Give the Lease up if we hold it (empty holder, 1 s duration)."""
        record = self._observed
        if record is None or record.holder != self.identity:
            return False
        wall = self._clock.wall()
        released = replace(record, holder="", lease_duration=1, renew_time=wall)
        try:
            async with asyncio.timeout(self.timings.renew_deadline):
                self._observe(released, await self._lock.update(released, self._version), 0.0)
        except Exception as e:  # best effort: the Lease expires anyway
            log.warning("could not release the lease", lease=self._lock.description, error=repr(e))
            return False
        log.info("released the lease", lease=self._lock.description)
        return True

    def _set_leading(self, leading: bool) -> None:
        self._leading = leading
        if self._on_change is not None:
            self._on_change(leading)
