"""`ngf-console operator` processes reconciling InferenceStacks.

Matrix: two replicas with leader election — only the leader reconciles, and after a
SIGKILL of the leader the other takes over and reconciles new stacks · a SIGKILL in the
middle of reconciling many stacks, then a restart: every stack converges with exactly
one of each child (no duplicates, nothing half-applied left behind).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any, cast

import pytest
from lightkube import AsyncClient
from lightkube.resources.apps_v1 import Deployment

from ngf_console.kube.resources import (
    HTTPRoute,
    InferencePool,
    InferenceStack,
    ScaledObject,
    to_dict,
    to_object,
)
from tests.conftest import KubeFactory
from tests.factories import sample
from tests.integration.runtime.test_operator_cli import Launch, Operator, launch
from tests.waiting import eventually

__all__ = ["launch"]  # the fixture, shared with the runtime's CLI tests

pytestmark = [pytest.mark.integration, pytest.mark.asyncio, pytest.mark.timeout(300)]


def _stack(namespace: str, name: str) -> Any:
    doc = sample("inferencestack_triton")
    doc["metadata"] = {"name": name, "namespace": namespace}
    doc["spec"].pop("distributedCloud")
    doc["spec"]["gateway"] = {
        "createListener": {"port": 8080},
        "route": {"pathPrefix": f"/v1/{name}"},
    }
    return to_object(doc)


async def _reconciles(op: Operator) -> float:
    text = (await op.get("/metrics")).text
    total = 0.0
    for line in text.splitlines():
        if line.startswith('controller_runtime_reconcile_total{controller="inferencestack"'):
            total += float(line.rsplit(" ", 1)[1])
    return total


async def _has_status(client: AsyncClient, namespace: str, name: str) -> bool:
    doc = to_dict(await client.get(InferenceStack, name, namespace=namespace))
    return bool((doc.get("status") or {}).get("phase"))


async def test_only_the_leader_reconciles_and_a_killed_leader_is_replaced(
    launch: Launch, namespace: str, kube: KubeFactory
) -> None:
    client = kube(namespace=namespace)
    args = (
        "--resync-period=5",
        f"--system-namespace={namespace}",
        "--lease-duration=8",
        "--renew-deadline=5",
        "--retry-period=1",
    )
    a, b = await launch(*args), await launch(*args)

    async def one_leads() -> bool:
        return sum([await a.leading(), await b.leading()]) == 1

    await eventually(one_leads, within=90, what="exactly one leader")
    leader, follower = (a, b) if await a.leading() else (b, a)

    await client.create(_stack(namespace, "first"))

    async def first() -> bool:
        return await _has_status(client, namespace, "first")

    await eventually(first, what="first stack reconciled")
    assert await _reconciles(leader) > 0
    assert await _reconciles(follower) == 0

    leader.proc.kill()
    await leader.proc.wait()
    await eventually(follower.leading, within=45, what="the follower takes the Lease")
    await client.create(_stack(namespace, "second"))

    async def second() -> bool:
        return await _has_status(client, namespace, "second")

    await eventually(second, what="second stack reconciled by the new leader")


async def test_sigkill_mid_reconcile_then_restart_converges_without_duplicates(
    launch: Launch, namespace: str, kube: KubeFactory
) -> None:
    client = kube(namespace=namespace)
    names = [f"s{i}" for i in range(12)]
    op = await launch("--no-leader-elect", f"--system-namespace={namespace}")
    await eventually(op.ready, within=90, what="operator ready")
    for name in names:
        await client.create(_stack(namespace, name))

    async def some_children() -> bool:
        return len([r async for r in client.list(HTTPRoute, namespace=namespace)]) >= 2

    await eventually(some_children, what="reconciles under way")
    op.proc.kill()
    await op.proc.wait()
    assert len([r async for r in client.list(HTTPRoute, namespace=namespace)]) < len(names)

    op2 = await launch("--no-leader-elect", f"--system-namespace={namespace}")
    await eventually(op2.ready, within=90, what="restarted operator ready")

    async def all_built() -> bool:
        routes = [r async for r in client.list(HTTPRoute, namespace=namespace)]
        statuses = [await _has_status(client, namespace, n) for n in names]
        return len(routes) == len(names) and all(statuses)

    await eventually(all_built, within=60, what="every stack converged")
    await asyncio.sleep(2)  # let any straggling duplicate writes land before counting
    for kind in (HTTPRoute, InferencePool, ScaledObject, Deployment):
        objects = [to_dict(o) async for o in client.list(cast(Any, kind), namespace=namespace)]
        per_stack = Counter(
            o["metadata"]["labels"].get("ngf-console.f5.com/stack") for o in objects
        )
        expected = 2 if kind is Deployment else 1  # EPP + model server
        assert per_stack == dict.fromkeys(names, expected), kind
