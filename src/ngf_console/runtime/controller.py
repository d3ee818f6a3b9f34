"""A controller: watched events → parent keys → a work queue → N workers → the reconciler.

Handlers on the informers map every change to parent keys (see `mappers`) and add them to
the queue while the controller runs; `run()` (started by the manager while this process
leads) waits for its informers to sync, enqueues every cached parent, then runs `workers`
workers and a resync loop that re-enqueues every parent each `resync_period` seconds (the
safety net that catches anything a watch missed). Cancelling `run()` stops the workers
(an in-flight reconcile is cancelled; reconcilers are idempotent) and drops the queue; the
next `run()` starts from a fresh queue filled from the cache.

Results and errors drive the queue as `reconcile`'s table says; every reconcile is counted
(`controller_runtime_reconcile_total{result}`) and timed.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import structlog

from ngf_console.runtime.backoff import DEFAULT_BASE, DEFAULT_CAP, ItemBackoff
from ngf_console.runtime.clock import SYSTEM_CLOCK, Clock
from ngf_console.runtime.errors import PermanentError, RetryableError
from ngf_console.runtime.informer import Informer
from ngf_console.runtime.keys import ObjectKey
from ngf_console.runtime.mappers import Mapper, UpdateFilter, any_change
from ngf_console.runtime.metrics import RuntimeMetrics
from ngf_console.runtime.queue import WorkQueue
from ngf_console.runtime.reconcile import Reconciler, Result
from ngf_console.runtime.store import Change

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class ControllerOptions:
    """How a controller processes its queue."""

    workers: int = 1
    resync_period: float = 60.0
    """Re-enqueue every parent this often; 0 disables the periodic resync."""
    backoff_base: float = DEFAULT_BASE
    backoff_cap: float = DEFAULT_CAP

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ValueError("a controller needs at least one worker")
        if self.resync_period < 0:
            raise ValueError("resync_period must be >= 0")


class Controller:
    """Reconciles the parents of one informer; see the module docstring."""

    def __init__(
        self,
        name: str,
        reconciler: Reconciler,
        parents: Informer[Any],
        *,
        metrics: RuntimeMetrics,
        options: ControllerOptions = ControllerOptions(),
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        self.name = name
        self.options = options
        self._reconciler = reconciler
        self._parents = parents
        self._informers: list[Informer[Any]] = [parents]
        self._metrics = metrics
        self._clock = clock
        self._queue: WorkQueue[ObjectKey] | None = None
        for result in ("success", "error", "requeue", "requeue_after"):  # export at 0
            metrics.reconcile_total.labels(controller=name, result=result)
        metrics.reconcile_errors.labels(controller=name)
        metrics.queue_depth.labels(name=name)
        metrics.queue_retries.labels(name=name)

    @property
    def running(self) -> bool:
        return self._queue is not None

    @property
    def queue(self) -> WorkQueue[ObjectKey] | None:
        """The queue while running."""
        return self._queue

    def watch(
        self, informer: Informer[Any], mapper: Mapper, update_filter: UpdateFilter = any_change
    ) -> None:
        """Enqueue `mapper(obj)` for every change `informer` sees (updates if `update_filter`)."""
        if informer not in self._informers:
            self._informers.append(informer)

        def handle(change: Change[Any]) -> None:
            if change.type == "update":
                if not update_filter(change.old, change.new):
                    return
                objs = [change.old, change.new]
            else:
                objs = [change.obj]
            for obj in objs:
                for key in mapper(obj):
                    self.enqueue(key)

        informer.add_handler(handle)

    def enqueue(self, key: ObjectKey) -> None:
        """Queue `key` if the controller runs (otherwise `run()` will enqueue every parent)."""
        if self._queue is not None:
            self._queue.add(key)

    async def run(self) -> None:
        """Process the queue until cancelled."""
        for informer in self._informers:
            await informer.wait_synced()
        depth = self._metrics.queue_depth.labels(name=self.name)
        queue: WorkQueue[ObjectKey] = WorkQueue(
            clock=self._clock,
            backoff=ItemBackoff(self.options.backoff_base, self.options.backoff_cap),
            on_depth=depth.set,
        )
        self._queue = queue
        for key in self._parents.store.list_keys():
            queue.add(key)
        log.info("controller started", controller=self.name, workers=self.options.workers)
        try:
            async with asyncio.TaskGroup() as group:
                for _ in range(self.options.workers):
                    group.create_task(self._worker(queue))
                if self.options.resync_period > 0:
                    group.create_task(self._resync(queue))
        finally:
            queue.shutdown()
            self._queue = None
            depth.set(0)
            log.info("controller stopped", controller=self.name)

    async def _resync(self, queue: WorkQueue[ObjectKey]) -> None:
        while True:
            await self._clock.sleep(self.options.resync_period)
            for key in self._parents.store.list_keys():
                queue.add(key)

    async def _worker(self, queue: WorkQueue[ObjectKey]) -> None:
        while (key := await queue.get()) is not None:
            try:
                await self._process(queue, key)
            finally:
                queue.done(key)

    async def _process(self, queue: WorkQueue[ObjectKey], key: ObjectKey) -> None:
        started = self._clock.now()
        try:
            result = await self._reconciler.reconcile(key)
        except PermanentError as e:
            self._failed(key, e, permanent=True)
            queue.forget(key)
        except RetryableError as e:
            self._failed(key, e)
            if e.retry_after is not None:
                queue.add_after(key, e.retry_after)
            else:
                self._retry(queue, key)
        except Exception as e:
            self._failed(key, e)
            self._retry(queue, key)
        else:
            self._succeeded(queue, key, result)
        finally:
            elapsed = self._clock.now() - started
            self._metrics.reconcile_time.labels(controller=self.name).observe(elapsed)

    def _succeeded(self, queue: WorkQueue[ObjectKey], key: ObjectKey, result: Result) -> None:
        if result.requeue_after is not None:
            queue.forget(key)
            queue.add_after(key, result.requeue_after)
            outcome = "requeue_after"
        elif result.requeue:
            self._retry(queue, key)
            outcome = "requeue"
        else:
            queue.forget(key)
            outcome = "success"
        self._metrics.reconcile_total.labels(controller=self.name, result=outcome).inc()

    def _retry(self, queue: WorkQueue[ObjectKey], key: ObjectKey) -> None:
        queue.add_rate_limited(key)
        self._metrics.queue_retries.labels(name=self.name).inc()

    def _failed(self, key: ObjectKey, error: Exception, *, permanent: bool = False) -> None:
        self._metrics.reconcile_total.labels(controller=self.name, result="error").inc()
        self._metrics.reconcile_errors.labels(controller=self.name).inc()
        log.error(
            "reconcile failed",
            controller=self.name,
            key=str(key),
            permanent=permanent,
            error=f"{type(error).__name__}: {error}",
            exc_info=not isinstance(error, PermanentError | RetryableError),
        )
