"""Managers in this process against the real API server.

Matrix: `/healthz`, `/readyz` and `/metrics` answer, with every runtime metric ·
`/readyz` stays 503 (naming the informer) while a cache cannot sync, and the manager does
not campaign for the Lease meanwhile · two managers with leader election: exactly one
reconciles, and cancelling it (graceful: the Lease is released) hands over to the other,
which reconciles everything, well within 15 s.
"""

from __future__ import annotations

import asyncio
import re
import time
import uuid

import httpx
import pytest
from lightkube import ApiError
from lightkube.generic_resource import create_namespaced_resource
from lightkube.resources.coordination_v1 import Lease
from lightkube.resources.core_v1 import ConfigMap

from ngf_console.runtime import LeaseTimings, Manager, ManagerOptions, ObjectKey
from tests.conftest import KubeFactory
from tests.integration.runtime.helpers import RecordingReconciler, make_configmap, running
from tests.waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]

PARENT = {"role": "parent"}
Widget = create_namespaced_resource("nothere.example.com", "v1", "Widget", "widgets")


def make_manager(kube: KubeFactory, namespace: str) -> Manager:
    """A manager with client-go's default Lease timings and an identity of its own."""
    options = ManagerOptions(
        health_host="127.0.0.1",
        health_port=0,
        lease_namespace=namespace,
        lease_timings=LeaseTimings(),
        identity=f"replica-{uuid.uuid4().hex[:6]}",
    )
    return Manager(kube(namespace=namespace), options)


def wire(manager: Manager, namespace: str) -> RecordingReconciler:
    reconciler = RecordingReconciler()
    manager.controller("parents").for_(ConfigMap, namespace=namespace, labels=PARENT).complete(
        reconciler
    )
    return reconciler


def sample(text: str, series: str) -> float | None:
    """The value of one exact series (name{labels}) in a Prometheus text exposition."""
    match = re.search(rf"^{re.escape(series)} (\S+)$", text, re.MULTILINE)
    return float(match.group(1)) if match else None


async def test_probes_and_metrics(kube: KubeFactory, namespace: str) -> None:
    client = kube(namespace=namespace)
    manager = make_manager(kube, namespace)
    reconciler = wire(manager, namespace)
    async with running(manager), httpx.AsyncClient() as http:
        base = f"http://127.0.0.1:{manager.health_port}"
        await client.create(make_configmap("stack", namespace, labels=PARENT))

        async def reconciled() -> bool:
            return reconciler.count(ObjectKey(namespace, "stack")) >= 1

        await eventually(reconciled, within=30, what="a reconcile")
        healthz, readyz = await http.get(f"{base}/healthz"), await http.get(f"{base}/readyz")
        scraped = await http.get(f"{base}/metrics")
    assert (healthz.status_code, healthz.text) == (200, "ok\n")
    assert (readyz.status_code, readyz.text) == (200, "ok\n")
    text = scraped.text
    success = 'controller_runtime_reconcile_total{controller="parents",result="success"}'
    assert (sample(text, success) or 0) >= 1
    assert sample(text, 'controller_runtime_reconcile_errors_total{controller="parents"}') == 0
    count = sample(text, 'controller_runtime_reconcile_time_seconds_count{controller="parents"}')
    assert (count or 0) >= 1
    assert sample(text, 'workqueue_depth{name="parents"}') == 0
    restarts = 'ngf_console_watch_restarts_total{kind="ConfigMap",reason="expired"}'
    assert sample(text, restarts) == 0
    assert sample(text, 'leader_election_master_status{name="ngf-console-operator"}') == 1


async def test_readyz_waits_for_every_cache_and_nobody_campaigns_meanwhile(
    kube: KubeFactory, namespace: str
) -> None:
    manager = make_manager(kube, namespace)
    wire(manager, namespace)
    manager.cache.informer(Widget, namespace=namespace)  # its CRD is not installed: 404
    async with running(manager), httpx.AsyncClient() as http:
        base = f"http://127.0.0.1:{manager.health_port}"
        await asyncio.sleep(2.0)
        healthz, readyz = await http.get(f"{base}/healthz"), await http.get(f"{base}/readyz")
    assert healthz.status_code == 200
    assert readyz.status_code == 503
    assert "Widget.nothere.example.com" in readyz.text
    assert "ConfigMap" not in readyz.text, "the ConfigMap informer has synced"
    with pytest.raises(ApiError) as missing:
        await kube(namespace=namespace).get(Lease, "ngf-console-operator", namespace=namespace)
    assert missing.value.status.code == 404


async def test_exactly_one_of_two_managers_reconciles_and_cancelling_it_hands_over(
    kube: KubeFactory, namespace: str
) -> None:
    client = kube(namespace=namespace)
    keys = [ObjectKey(namespace, n) for n in ("a", "b", "c")]
    for key in keys:
        await client.create(make_configmap(key.name, namespace, labels=PARENT))
    managers = [make_manager(kube, namespace) for _ in range(2)]
    reconcilers = [wire(m, namespace) for m in managers]
    stops = [asyncio.Event(), asyncio.Event()]
    tasks = [asyncio.create_task(m.run(s)) for m, s in zip(managers, stops, strict=True)]
    try:

        async def one_leads() -> bool:
            return sum(m.is_leader for m in managers) == 1

        await eventually(one_leads, within=30, what="a leader")
        leader = next(i for i, m in enumerate(managers) if m.is_leader)
        follower = 1 - leader

        async def leader_reconciled_all() -> bool:
            return all(reconcilers[leader].count(k) >= 1 for k in keys)

        await eventually(leader_reconciled_all, within=20, what="the leader reconciling")
        await asyncio.sleep(3.0)  # time enough for the follower to misbehave
        assert reconcilers[follower].calls == []
        assert not managers[follower].is_leader
        lease = await client.get(Lease, "ngf-console-operator", namespace=namespace)
        assert lease.spec is not None
        assert lease.spec.holderIdentity == managers[leader].identity

        cancelled_at = time.monotonic()
        tasks[leader].cancel()

        async def follower_took_over() -> bool:
            return all(reconcilers[follower].count(k) >= 1 for k in keys)

        await eventually(follower_took_over, within=15, what="the follower taking over")
        handover = time.monotonic() - cancelled_at
        print(f"graceful leader handover: {handover:.2f}s")  # noqa: T201  # reported figure
        assert handover < 15
        assert managers[follower].is_leader
        assert not managers[leader].is_leader
    finally:
        for stop in stops:
            stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
