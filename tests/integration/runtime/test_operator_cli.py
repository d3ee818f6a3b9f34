"""`ngf-console operator` as a process, the way a Deployment runs it.

Matrix: it starts from the test kubeconfig, becomes ready, leads, logs JSON lines (stderr
is not a terminal), and on SIGTERM exits 0 having released the Lease · without
--kubeconfig outside a cluster it refuses to start (exit 2) instead of using
~/.kube/config · two replicas: SIGKILL of the leader (no release) hands the Lease over
after it expires — within 15 s with an 8 s lease and with the operator's default timings
(10 s lease, 7 s renew deadline, 2 s retry: lease + 2 x retry x 1.2 < 15 s).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
from lightkube.resources.coordination_v1 import Lease

from ngf_console.devcluster.process import free_port
from tests.conftest import KubeFactory
from tests.waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]

CLI = Path(sys.executable).parent / "ngf-console"
LEADER = 'leader_election_master_status{name="ngf-console-operator"} 1.0'
STARTUP = 90.0
"""Seconds allowed for a process to import, list every kind and answer /readyz (a loaded
2-core machine needs well over 10 s just to import); handovers are timed separately."""


@dataclass
class Operator:
    """One `ngf-console operator` process."""

    proc: asyncio.subprocess.Process
    port: int
    log: Path

    async def get(self, path: str) -> httpx.Response:
        async with httpx.AsyncClient() as http:
            return await http.get(f"http://127.0.0.1:{self.port}{path}", timeout=2)

    async def ready(self) -> bool:
        try:
            return (await self.get("/readyz")).status_code == 200
        except httpx.TransportError:
            return False

    async def leading(self) -> bool:
        try:
            return LEADER in (await self.get("/metrics")).text
        except httpx.TransportError:
            return False


Launch = Callable[..., Awaitable[Operator]]


@pytest_asyncio.fixture
async def launch(kubeconfig: Path, namespace: str, tmp_path: Path) -> AsyncIterator[Launch]:
    """`await launch(*extra_args)` starts an operator on the test cluster and namespace;
    any still running are killed at the end."""
    started: list[Operator] = []

    async def start(*extra: str) -> Operator:
        port = free_port()
        log = tmp_path / f"operator-{len(started)}.log"
        with log.open("wb") as out:
            proc = await asyncio.create_subprocess_exec(
                str(CLI),
                "operator",
                f"--kubeconfig={kubeconfig}",
                "--health-host=127.0.0.1",
                f"--health-port={port}",
                f"--lease-namespace={namespace}",
                *extra,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=out,
                stderr=out,
            )
        started.append(Operator(proc, port, log))
        return started[-1]

    yield start
    for op in started:
        if op.proc.returncode is None:
            op.proc.kill()
            await op.proc.wait()


@pytest.mark.timeout(240)
async def test_sigterm_exits_0_and_releases_the_lease(
    launch: Launch, namespace: str, kube: KubeFactory
) -> None:
    op = await launch()
    await eventually(op.ready, within=STARTUP, what="/readyz 200")
    await eventually(op.leading, within=30, what="leading")
    client = kube(namespace=namespace)
    lease = await client.get(Lease, "ngf-console-operator", namespace=namespace)
    assert lease.spec is not None
    assert lease.spec.holderIdentity

    op.proc.send_signal(signal.SIGTERM)
    code = await asyncio.wait_for(op.proc.wait(), timeout=20)
    assert code == 0, op.log.read_text()[-2000:]
    lease = await client.get(Lease, "ngf-console-operator", namespace=namespace)
    assert lease.spec is not None
    assert not lease.spec.holderIdentity, "the Lease was not released"
    lines = [json.loads(line) for line in op.log.read_text().splitlines() if line.startswith("{")]
    events = [line["event"] for line in lines]
    assert "became leader" in events
    assert "signal received, shutting down" in events
    assert events[-2:] == ["released the lease", "manager stopped"]


async def test_refuses_to_start_without_a_named_cluster(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / ".kube").mkdir(parents=True)
    (home / ".kube" / "config").write_text("this must never be read\n")
    env = {
        k: v for k, v in os.environ.items() if k not in ("KUBERNETES_SERVICE_HOST", "KUBECONFIG")
    }
    env["HOME"] = str(home)
    proc = await asyncio.create_subprocess_exec(
        str(CLI),
        "operator",
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    assert proc.returncode == 2
    assert "--kubeconfig" in re.sub(r"\s+", " ", err.decode())


@pytest.mark.timeout(300)
@pytest.mark.parametrize(
    ("timings", "bound"),
    [
        pytest.param(
            ("--lease-duration=8", "--renew-deadline=5", "--retry-period=1"), 15.0, id="8s-lease"
        ),
        pytest.param((), 15.0, id="operator-defaults"),
    ],
)
async def test_sigkill_of_the_leader_hands_over_after_the_lease_expires(
    launch: Launch, namespace: str, kube: KubeFactory, timings: tuple[str, ...], bound: float
) -> None:
    ops = [await launch(*timings) for _ in range(2)]
    for op in ops:
        await eventually(op.ready, within=STARTUP, what="/readyz 200")

    async def one_leads() -> bool:
        return [await op.leading() for op in ops].count(True) == 1

    await eventually(one_leads, within=30, what="exactly one leader")
    leader = [await op.leading() for op in ops].index(True)
    survivor = ops[1 - leader]
    await asyncio.sleep(3.0)
    assert not await survivor.leading(), "two leaders"

    ops[leader].proc.kill()
    killed_at = time.monotonic()
    await ops[leader].proc.wait()
    await eventually(survivor.leading, within=bound + 5, what="the survivor leading")
    handover = time.monotonic() - killed_at
    print(f"leader handover after SIGKILL ({timings or 'defaults'}): {handover:.1f}s")  # noqa: T201
    assert handover < bound
    lease = await kube(namespace=namespace).get(Lease, "ngf-console-operator", namespace=namespace)
    assert lease.spec is not None
    assert lease.spec.leaseTransitions == 1
