"""A controller over in-memory informers, on a fake clock.

Matrix: start reconciles every cached parent · a child event reconciles its owner ·
an update filter drops status-only parent updates · an error is retried with exponential
backoff until it succeeds · PermanentError is not retried · RetryableError(retry_after) and
Result(requeue_after) requeue after their delay · the periodic resync re-reconciles every
parent · several workers never reconcile one key concurrently, and an event during a
reconcile runs it once more afterwards · stopping drops the queue, restarting refills it ·
metrics count results and errors.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from lightkube.resources.core_v1 import ConfigMap

from ngf_console.runtime.clock import FakeClock, settle
from ngf_console.runtime.controller import Controller, ControllerOptions
from ngf_console.runtime.errors import PermanentError, RetryableError
from ngf_console.runtime.informer import Informer, WatchOptions
from ngf_console.runtime.keys import ObjectKey, Request
from ngf_console.runtime.mappers import generation_changed, owner_mapper, self_key
from ngf_console.runtime.metrics import RuntimeMetrics
from ngf_console.runtime.reconcile import Result
from tests.unit.runtime.builders import FakeListWatch, make_configmap, owner_ref

pytestmark = pytest.mark.asyncio

A, B = ObjectKey("ns", "a"), ObjectKey("ns", "b")
Outcome = Result | Exception


class ScriptedReconciler:
    """Returns (or raises) the scripted outcomes per key, then `Result()`; records calls."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.calls: list[tuple[ObjectKey, float]] = []
        self.script: dict[ObjectKey, list[Outcome]] = {}
        self.gate: asyncio.Event | None = None
        self.in_flight: set[ObjectKey] = set()
        self.overlaps = 0

    def times(self, key: ObjectKey) -> list[float]:
        start = self.calls[0][1] if self.calls else 0.0
        return [round(t - start, 3) for k, t in self.calls if k == key]

    async def reconcile(self, request: Request) -> Result:
        if request in self.in_flight:
            self.overlaps += 1
        self.in_flight.add(request)
        self.calls.append((request, self.clock.now()))
        try:
            if self.gate is not None:
                await self.gate.wait()
            outcomes = self.script.get(request, [])
            outcome = outcomes.pop(0) if outcomes else Result()
            if isinstance(outcome, Exception):
                raise outcome
            return outcome
        finally:
            self.in_flight.discard(request)


class Harness:
    def __init__(self, options: ControllerOptions) -> None:
        self.clock = FakeClock()
        self.metrics = RuntimeMetrics()
        self.parents_source, self.children_source = FakeListWatch(), FakeListWatch()
        watch = WatchOptions(inactivity_timeout=3600.0)
        self.parents: Informer[ConfigMap] = Informer(
            self.parents_source, name="parents", options=watch, clock=self.clock
        )
        self.children: Informer[ConfigMap] = Informer(
            self.children_source, name="children", options=watch, clock=self.clock
        )
        self.reconciler = ScriptedReconciler(self.clock)
        self.controller = Controller(
            "test",
            self.reconciler,
            self.parents,
            metrics=self.metrics,
            options=options,
            clock=self.clock,
        )
        self.controller.watch(self.parents, self_key, generation_changed)
        self.controller.watch(self.children, owner_mapper(ConfigMap))
        self.tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        self.tasks += [asyncio.create_task(i.run()) for i in (self.parents, self.children)]
        self.tasks.append(asyncio.create_task(self.controller.run()))
        await settle()

    async def stop_controller(self) -> None:
        task = self.tasks.pop()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    def sample(self, name: str, **labels: str) -> float:
        value = self.metrics.registry.get_sample_value(name, {"controller": "test", **labels})
        return value or 0.0


def _options(**overrides: Any) -> ControllerOptions:
    base: dict[str, Any] = {"resync_period": 0, "backoff_base": 1.0, "backoff_cap": 16.0}
    return ControllerOptions(**(base | overrides))


@pytest_asyncio.fixture
async def harness() -> AsyncIterator[Harness]:
    h = Harness(_options())
    yield h
    for task in h.tasks:
        task.cancel()
    await asyncio.gather(*h.tasks, return_exceptions=True)


async def test_start_reconciles_every_cached_parent(harness: Harness) -> None:
    harness.parents_source.put(make_configmap("a"), emit=False)
    harness.parents_source.put(make_configmap("b"), emit=False)
    await harness.start()
    assert sorted(k for k, _ in harness.reconciler.calls) == [A, B]
    assert harness.sample("controller_runtime_reconcile_total", result="success") == 2


async def test_a_child_event_reconciles_its_owner(harness: Harness) -> None:
    harness.parents_source.put(make_configmap("a"), emit=False)
    await harness.start()
    harness.reconciler.calls.clear()
    child = make_configmap("a-child", owners=[owner_ref("a", kind="ConfigMap", api_version="v1")])
    harness.children_source.put(child)
    await settle()
    assert [k for k, _ in harness.reconciler.calls] == [A]


async def test_a_status_only_parent_update_is_filtered(harness: Harness) -> None:
    harness.parents_source.put(make_configmap("a", generation=1), emit=False)
    await harness.start()
    harness.reconciler.calls.clear()
    harness.parents_source.put(make_configmap("a", generation=1, data={"status": "x"}))
    await settle()
    assert harness.reconciler.calls == []
    harness.parents_source.put(make_configmap("a", generation=2))
    await settle()
    assert [k for k, _ in harness.reconciler.calls] == [A]


async def test_errors_are_retried_with_exponential_backoff(harness: Harness) -> None:
    harness.parents_source.put(make_configmap("a"), emit=False)
    harness.reconciler.script[A] = [RuntimeError("api down")] * 4
    await harness.start()
    for _ in range(20):
        await harness.clock.advance(1.0)
    assert harness.reconciler.times(A) == [0.0, 1.0, 3.0, 7.0, 15.0]
    assert harness.sample("controller_runtime_reconcile_errors_total") == 4
    assert harness.sample("controller_runtime_reconcile_total", result="success") == 1
    queue = harness.controller.queue
    assert queue is not None
    assert queue.retries(A) == 0, "success forgets the backoff"


async def test_a_permanent_error_is_not_retried(harness: Harness) -> None:
    harness.parents_source.put(make_configmap("a"), emit=False)
    harness.reconciler.script[A] = [PermanentError("spec.pool.selector is invalid")]
    await harness.start()
    await harness.clock.advance(3600.0)
    assert harness.reconciler.times(A) == [0.0]
    assert harness.sample("controller_runtime_reconcile_errors_total") == 1


@pytest.mark.parametrize(
    "outcome",
    [
        pytest.param(RetryableError("gateway missing", retry_after=30.0), id="retry-after"),
        pytest.param(Result(requeue_after=30.0), id="requeue-after"),
    ],
)
async def test_explicit_delays_are_honoured(harness: Harness, outcome: Outcome) -> None:
    harness.parents_source.put(make_configmap("a"), emit=False)
    harness.reconciler.script[A] = [outcome]
    await harness.start()
    await harness.clock.advance(29.0)
    assert harness.reconciler.times(A) == [0.0]
    await harness.clock.advance(1.0)
    assert harness.reconciler.times(A) == [0.0, 30.0]


async def test_requeue_uses_the_backoff() -> None:
    h = Harness(_options())
    h.parents_source.put(make_configmap("a"), emit=False)
    h.reconciler.script[A] = [Result(requeue=True), Result(requeue=True)]
    await h.start()
    for _ in range(5):
        await h.clock.advance(1.0)
    assert h.reconciler.times(A) == [0.0, 1.0, 3.0]
    assert h.sample("controller_runtime_reconcile_total", result="requeue") == 2
    for task in h.tasks:
        task.cancel()
    await asyncio.gather(*h.tasks, return_exceptions=True)


async def test_periodic_resync_reconciles_every_parent() -> None:
    h = Harness(_options(resync_period=60.0))
    h.parents_source.put(make_configmap("a"), emit=False)
    h.parents_source.put(make_configmap("b"), emit=False)
    await h.start()
    await h.clock.advance(59.0)
    assert len(h.reconciler.calls) == 2
    await h.clock.advance(1.0)
    assert len(h.reconciler.calls) == 4
    await h.clock.advance(60.0)
    assert h.reconciler.times(A) == [0.0, 60.0, 120.0]
    for task in h.tasks:
        task.cancel()
    await asyncio.gather(*h.tasks, return_exceptions=True)


async def test_workers_never_overlap_on_one_key_and_a_mid_reconcile_event_runs_again() -> None:
    h = Harness(_options(workers=4))
    h.parents_source.put(make_configmap("a"), emit=False)
    h.reconciler.gate = asyncio.Event()
    await h.start()
    assert len(h.reconciler.calls) == 1
    for i in range(5):  # events for `a` while it is being reconciled
        h.parents_source.put(make_configmap("a", generation=i + 2))
    await settle()
    assert len(h.reconciler.calls) == 1, "no second worker may take `a`"
    h.reconciler.gate.set()
    await settle()
    assert h.reconciler.times(A) == [0.0, 0.0]
    assert h.reconciler.overlaps == 0
    for task in h.tasks:
        task.cancel()
    await asyncio.gather(*h.tasks, return_exceptions=True)


async def test_stopping_drops_the_queue_and_restarting_refills_it(harness: Harness) -> None:
    harness.parents_source.put(make_configmap("a"), emit=False)
    await harness.start()
    await harness.stop_controller()
    assert not harness.controller.running
    harness.parents_source.put(make_configmap("b"))
    await settle()
    assert [k for k, _ in harness.reconciler.calls] == [A]
    harness.tasks.append(asyncio.create_task(harness.controller.run()))
    await settle()
    assert sorted(k for k, _ in harness.reconciler.calls[1:]) == [A, B]
