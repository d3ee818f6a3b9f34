"""Controllers on a Manager against the real API server (leader election off).

Matrix: a parent is reconciled when created · a child owned through a controller
ownerReference enqueues its parent on create, update and delete · a child carrying only
the parent label enqueues it too · unlabelled children are not even cached (server-side
selector) · a failing reconcile is retried with growing delays until it succeeds, and
counted as errors · the periodic resync reconciles an unchanged parent again.
"""

from __future__ import annotations

import asyncio
import itertools

import pytest
from lightkube.resources.core_v1 import ConfigMap
from lightkube.types import PatchType

from ngf_console.runtime import Manager, ManagerOptions, ObjectKey
from tests.conftest import KubeFactory
from tests.integration.runtime.helpers import RecordingReconciler, make_configmap, running
from tests.waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]

PARENT = {"role": "parent"}
CHILD = {"role": "child"}
PARENT_LABEL = "ngf-console.f5.com/stack"


def make_manager(kube: KubeFactory, namespace: str, *, resync: float = 60.0) -> Manager:
    options = ManagerOptions(
        health_host="127.0.0.1", health_port=0, resync_period=resync, leader_election=False
    )
    return Manager(kube(namespace=namespace), options)


def wire(
    manager: Manager,
    namespace: str,
    reconciler: RecordingReconciler,
    *,
    backoff_base: float | None = None,
) -> None:
    (
        manager.controller("parents")
        .for_(ConfigMap, namespace=namespace, labels=PARENT)
        .owns(ConfigMap, namespace=namespace, labels=CHILD, parent_label=PARENT_LABEL)
        .with_options(backoff_base=backoff_base, backoff_cap=10.0)
        .complete(reconciler)
    )


async def wait_count(reconciler: RecordingReconciler, key: ObjectKey, n: int) -> None:
    async def reached() -> bool:
        return reconciler.count(key) >= n

    await eventually(reached, within=20, what=f"{n} reconciles of {key}")


async def test_child_events_enqueue_the_owning_parent(kube: KubeFactory, namespace: str) -> None:
    client = kube(namespace=namespace)
    reconciler = RecordingReconciler()
    manager = make_manager(kube, namespace)
    wire(manager, namespace, reconciler)
    key = ObjectKey(namespace, "stack")
    async with running(manager):
        parent = await client.create(make_configmap("stack", namespace, labels=PARENT))
        await wait_count(reconciler, key, 1)

        await client.create(make_configmap("stack-epp", namespace, labels=CHILD, owner=parent))
        await wait_count(reconciler, key, 2)
        await client.patch(
            ConfigMap,
            "stack-epp",
            {"data": {"config": "changed"}},
            namespace=namespace,
            patch_type=PatchType.MERGE,
        )
        await wait_count(reconciler, key, 3)
        await client.delete(ConfigMap, "stack-epp", namespace=namespace)
        await wait_count(reconciler, key, 4)

        labelled = {**CHILD, PARENT_LABEL: "stack"}
        await client.create(make_configmap("stack-route", namespace, labels=labelled))
        await wait_count(reconciler, key, 5)

        # A child outside the selector is not cached and enqueues nothing.
        await client.create(make_configmap("stray", namespace, owner=parent))
        await asyncio.sleep(1.0)
        assert reconciler.count(key) == 5
        assert [k for k, _ in reconciler.calls] == [key] * 5


async def test_a_failing_reconcile_is_retried_with_backoff(
    kube: KubeFactory, namespace: str
) -> None:
    client = kube(namespace=namespace)
    reconciler = RecordingReconciler()
    key = ObjectKey(namespace, "flaky")
    reconciler.failures[key] = 4
    manager = make_manager(kube, namespace)
    wire(manager, namespace, reconciler, backoff_base=0.2)
    async with running(manager):
        await client.create(make_configmap("flaky", namespace, labels=PARENT))
        await wait_count(reconciler, key, 5)
        await asyncio.sleep(1.0)
        assert reconciler.count(key) == 5, "no retry after the success"
        errors = manager.metrics.registry.get_sample_value(
            "controller_runtime_reconcile_errors_total", {"controller": "parents"}
        )
    times = reconciler.times(key)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    # 0.2, 0.4, 0.8, 1.6 s: each retry waits about twice as long as the one before.
    for gap, nominal in zip(gaps, [0.2, 0.4, 0.8, 1.6], strict=True):
        assert nominal * 0.9 <= gap <= nominal + 0.5, gaps
    assert errors == 4


async def test_periodic_resync_requeues_unchanged_parents(
    kube: KubeFactory, namespace: str
) -> None:
    client = kube(namespace=namespace)
    reconciler = RecordingReconciler()
    manager = make_manager(kube, namespace, resync=1.0)
    wire(manager, namespace, reconciler)
    key = ObjectKey(namespace, "quiet")
    async with running(manager):
        await client.create(make_configmap("quiet", namespace, labels=PARENT))
        await wait_count(reconciler, key, 4)
    times = reconciler.times(key)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert all(0.8 <= gap <= 1.6 for gap in gaps[1:]), gaps
