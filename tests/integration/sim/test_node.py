"""The simulated node on real loopback addresses (no cluster).

Matrix: model pods get distinct addresses and answer there — model server, and a DCGM
exporter labelled with the pod · `targets()` lists both per pod with namespace, pod and pool ·
an address something else listens on is skipped · when no address can be bound the pod runs
not ready, with the reason, and its empty fleet is dropped · the last pod of a pool stops
its fleet and frees the address · a changed strategy reconfigures the running fleet · plain
pods get an address and nothing else.
"""

from __future__ import annotations

import dataclasses
import socket
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import pytest_asyncio

from ngf_console.sim.addresses import AddressPool
from ngf_console.sim.clock import ScaledClock
from ngf_console.sim.fleet import PoolConfig
from ngf_console.sim.gpu_trace import default_trace_path, derive_profile, load_trace
from ngf_console.sim.node import SimNode
from ngf_console.sim.roles import ModelRole, PlainRole

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]

NETWORK = "127.12.0.0/29"  # hosts .1 to .6
ROLE = ModelRole(
    PoolConfig(name="llama-pool", namespace="ml", backend="vllm", node="sim-node"), port=8000
)


@pytest_asyncio.fixture
async def node() -> AsyncIterator[SimNode]:
    sim = SimNode(
        gpu_profile=derive_profile(load_trace(default_trace_path())),
        clock=ScaledClock(),
        addresses=AddressPool(NETWORK),
    )
    yield sim
    await sim.stop()


@pytest.fixture
def squatter() -> Iterator[socket.socket]:
    """Something else listening on 127.12.0.1:8000."""
    with socket.socket() as sock:
        sock.bind(("127.12.0.1", 8000))
        sock.listen()
        yield sock


async def _get(url: str) -> str:
    async with httpx.AsyncClient(trust_env=False, timeout=5) as http:
        response = await http.get(url)
    assert response.status_code == 200
    return response.text


async def test_model_pods_answer_on_their_own_addresses(node: SimNode) -> None:
    changes: list[int] = []
    node.on_change(lambda: changes.append(len(node.targets())))
    a = await node.start_pod("ml", "llama-a", ROLE)
    b = await node.start_pod("ml", "llama-b", ROLE)
    assert (a.ip, b.ip, a.ready, b.ready) == ("127.12.0.1", "127.12.0.2", True, True)
    assert "vllm:num_requests_waiting" in await _get(f"http://{a.ip}:8000/metrics")
    dcgm = await _get(f"http://{b.ip}:9400/metrics")
    assert 'pod="llama-b"' in dcgm
    assert 'pod="llama-a"' not in dcgm  # each pod's exporter serves its own GPU
    assert [(t.job, t.address, t.labels["pod"]) for t in node.targets()] == [
        ("model-servers", "127.12.0.1:8000", "llama-a"),
        ("dcgm", "127.12.0.1:9400", "llama-a"),
        ("model-servers", "127.12.0.2:8000", "llama-b"),
        ("dcgm", "127.12.0.2:9400", "llama-b"),
    ]
    assert node.targets()[0].labels == {
        "namespace": "ml",
        "pod": "llama-a",
        "pool": "llama-pool",
        "backend": "vllm",
    }
    assert changes == [2, 4]
    assert await node.start_pod("ml", "llama-a", ROLE) == a  # idempotent


async def test_taken_address_is_skipped(node: SimNode, squatter: socket.socket) -> None:
    started = await node.start_pod("ml", "llama-a", ROLE)
    assert (started.ip, started.ready) == ("127.12.0.2", True)
    assert not node.addresses.in_use("127.12.0.1")


async def test_pod_that_cannot_listen_is_not_ready(squatter: socket.socket) -> None:
    sim = SimNode(
        gpu_profile=derive_profile(load_trace(default_trace_path())),
        clock=ScaledClock(),
        addresses=AddressPool(NETWORK),
        bind_attempts=1,
    )
    try:
        started = await sim.start_pod("ml", "llama-a", ROLE)
        assert not started.ready
        assert started.message is not None
        assert "127.12.0.1" in started.message
        assert sim.fleet("ml", "llama-pool") is None
        assert sim.targets() == []
    finally:
        await sim.stop()


async def test_last_pod_stops_its_fleet_and_frees_its_address(node: SimNode) -> None:
    started = await node.start_pod("ml", "llama-a", ROLE)
    assert node.fleet("ml", "llama-pool") is not None
    await node.stop_pod("ml", "llama-a")
    assert node.fleet("ml", "llama-pool") is None
    assert not node.addresses.in_use(started.ip)
    with pytest.raises(httpx.ConnectError):
        await _get(f"http://{started.ip}:8000/metrics")
    await node.stop_pod("ml", "llama-a")  # a no-op


async def test_changed_strategy_reconfigures_the_fleet(node: SimNode) -> None:
    await node.start_pod("ml", "llama-a", ROLE)
    fleet = node.fleet("ml", "llama-pool")
    assert fleet is not None
    picker = fleet.epp.picker
    node.configure(ROLE)
    assert fleet.epp.picker is picker  # unchanged: nothing to do
    changed = ModelRole(dataclasses.replace(ROLE.pool, strategy="least_queue"), port=8000)
    node.configure(changed)
    assert fleet.pool.strategy == "least_queue"
    assert fleet.epp.picker is not picker
    weighted = ModelRole(dataclasses.replace(ROLE.pool, gpu_type="A100"), port=8000)
    await node.start_pod("ml", "llama-b", weighted)
    assert node.fleet("ml", "llama-pool") is fleet
    assert {p.name: p.gpu.identity.model_name for p in fleet.pods} == {
        "llama-a": "NVIDIA H200",
        "llama-b": "NVIDIA A100-SXM4-80GB",
    }


async def test_plain_pod_gets_an_address_only(node: SimNode) -> None:
    started = await node.start_pod("ml", "llama-epp", PlainRole())
    assert (started.ip, started.ready) == ("127.12.0.1", True)
    assert node.fleets == {}
    assert node.targets() == []
    assert node.ip_of("ml", "llama-epp") == "127.12.0.1"
