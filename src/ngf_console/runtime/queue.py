"""A rate-limited work queue of keys, with client-go's workqueue semantics.

Invariants:

* **De-duplication.** A key waiting in the queue is held once, however often it is added.
* **No concurrent processing.** A key handed out by `get()` is *processing* until `done()`;
  adding it meanwhile marks it dirty, and `done()` puts it back so it runs once more,
  afterwards, never in parallel.
* **Backoff.** `add_rate_limited()` delays the key by its `ItemBackoff` (base * 2^failures,
  capped); `forget()` after a success resets it. `add_after()` keeps only the earliest pending
  time per key. Delays use the injected `Clock`, so tests drive them with a `FakeClock`.
* **Shutdown.** After `shutdown()`, adds are ignored, pending delays are cancelled and `get()`
  returns `None` once the queue is empty (waiting keys are still handed out: drain).

Keys are any hashable value; controllers use `ObjectKey`.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from ngf_console.runtime.backoff import ItemBackoff
from ngf_console.runtime.clock import SYSTEM_CLOCK, Clock

K = TypeVar("K", bound=Hashable)


class WorkQueue(Generic[K]):
    """De-duplicating, rate-limited, delaying FIFO of keys."""

    def __init__(
        self,
        *,
        clock: Clock = SYSTEM_CLOCK,
        backoff: ItemBackoff[K] | None = None,
        on_depth: Callable[[int], None] | None = None,
    ) -> None:
        self._clock = clock
        self._backoff: ItemBackoff[K] = backoff or ItemBackoff()
        self._on_depth = on_depth
        self._queue: deque[K] = deque()
        self._dirty: set[K] = set()
        self._processing: set[K] = set()
        self._getters: deque[asyncio.Future[None]] = deque()
        self._timers: dict[K, tuple[float, asyncio.Task[None]]] = {}
        self._shutting_down = False

    def __len__(self) -> int:
        """Keys waiting to be handed out (the depth gauge)."""
        return len(self._queue)

    @property
    def shutting_down(self) -> bool:
        return self._shutting_down

    def add(self, key: K) -> None:
        """Queue `key` now (a no-op if it is already waiting)."""
        if self._shutting_down or key in self._dirty:
            return
        self._dirty.add(key)
        if key in self._processing:
            return
        self._queue.append(key)
        self._changed()
        self._wake_one()

    def add_after(self, key: K, delay: float) -> None:
        """Queue `key` after `delay` seconds; an earlier pending time for `key` wins."""
        if self._shutting_down:
            return
        if delay <= 0:
            self.add(key)
            return
        ready_at = self._clock.now() + delay
        pending = self._timers.get(key)
        if pending is not None:
            if pending[0] <= ready_at:
                return
            pending[1].cancel()
        task = asyncio.get_running_loop().create_task(self._fire(key, delay))
        self._timers[key] = (ready_at, task)

    def add_rate_limited(self, key: K) -> None:
        """Queue `key` after its backoff delay (one more failure recorded)."""
        self.add_after(key, self._backoff.when(key))

    def forget(self, key: K) -> None:
        """Reset `key`'s backoff (call after it was processed successfully)."""
        self._backoff.forget(key)

    def retries(self, key: K) -> int:
        """Consecutive rate-limited adds of `key` since it was last forgotten."""
        return self._backoff.retries(key)

    async def get(self) -> K | None:
        """The next key (now processing), or `None` once shut down and drained."""
        while not self._queue:
            if self._shutting_down:
                return None
            waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._getters.append(waiter)
            try:
                await waiter
            except asyncio.CancelledError:
                if waiter.done() and not waiter.cancelled():
                    self._wake_one()  # we were woken but will not take the key
                raise
            finally:
                if waiter in self._getters:
                    self._getters.remove(waiter)
        key = self._queue.popleft()
        self._processing.add(key)
        self._dirty.discard(key)
        self._changed()
        return key

    def done(self, key: K) -> None:
        """Finish processing `key`; requeue it if it was added meanwhile."""
        self._processing.discard(key)
        if key in self._dirty:
            self._queue.append(key)
            self._changed()
            self._wake_one()

    def shutdown(self) -> None:
        """Stop accepting keys, cancel pending delays, wake every waiting `get()`."""
        self._shutting_down = True
        for _, task in self._timers.values():
            task.cancel()
        self._timers.clear()
        while self._getters:
            waiter = self._getters.popleft()
            if not waiter.done():
                waiter.set_result(None)

    async def _fire(self, key: K, delay: float) -> None:
        await self._clock.sleep(delay)
        self._timers.pop(key, None)
        self.add(key)

    def _wake_one(self) -> None:
        while self._getters:
            waiter = self._getters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return

    def _changed(self) -> None:
        if self._on_depth is not None:
            self._on_depth(len(self._queue))
