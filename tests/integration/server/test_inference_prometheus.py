"""The Prometheus-backed inference endpoints against a real Prometheus scraping simulators.

A vLLM pool of two simulated pods and its DCGM exporter, scraped every second by the Debian
package's Prometheus (`tests.prometheus`) with the target labels a pool's scrape config
attaches (`namespace`, `pod`, `pool`); an API server of this module (the narrow
ServiceAccount, `prometheus_url` set). Matrix: per-pod state of the pool (serving and GPU
signals) and the GPU heatmap over HTTP; the GPU WebSocket's message for the namespace.
"""

from __future__ import annotations

import base64
import json
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from websockets.asyncio.client import connect

from ngf_console.devcluster import process
from ngf_console.server.settings import ServerSettings
from ngf_console.sim.clock import ScaledClock
from ngf_console.sim.engine import EngineConfig
from ngf_console.sim.fleet import Fleet, PoolConfig
from ngf_console.sim.gpu_trace import default_trace_path, derive_profile, load_trace
from ngf_console.sim.serving import serve
from ngf_console.store import StoreSettings
from tests import prometheus as prom
from tests.integration.server.conftest import Personas
from tests.integration.server.harness import Identity, ServerThread, token_kubeconfig
from tests.waiting import eventually

pytestmark = pytest.mark.integration

NS, POOL = f"prom-{uuid.uuid4().hex[:6]}", "llama-pool"


@pytest_asyncio.fixture
async def scraped() -> AsyncIterator[prom.PrometheusServer]:
    """Two vLLM pods and their DCGM exporter, scraped by a real Prometheus, under traffic."""
    config = PoolConfig(name=POOL, namespace=NS, backend="vllm",
                        engine=EngineConfig(max_num_seqs=2, num_gpu_blocks=1024,
                                            max_model_len=8192))  # fmt: skip
    fleet = Fleet(config, gpu_profile=derive_profile(load_trace(default_trace_path())),
                  clock=ScaledClock(5.0))  # fmt: skip
    await fleet.scale(2)
    await fleet.start(port_base=0)
    dcgm = await serve(fleet.dcgm.app())
    jobs = []
    for pod in fleet.pods:
        http = fleet.server(pod.name)
        assert http is not None
        labels = {"namespace": NS, "pod": pod.name, "pool": POOL}
        jobs.append(prom.ScrapeJob(pod.name, [http.url.removeprefix("http://")], labels=labels))
    jobs.append(prom.ScrapeJob("dcgm", [dcgm.url.removeprefix("http://")], labels={"pool": POOL}))
    try:
        server = prom.start(jobs, scrape_interval="1s")
    except prom.PrometheusHarnessError as e:
        pytest.fail(str(e), pytrace=False)
    for pod in fleet.pods:  # keep the GPUs busy
        for _ in range(3):
            pod.runner.submit("a long prompt " * 50, 400)
    try:
        yield server
    finally:
        prom.stop(server)
        await dcgm.stop()
        await fleet.stop()


@pytest.fixture
def console(
    local_cluster: process.Cluster, api_identity: Identity, tmp_path: Path,
    scraped: prom.PrometheusServer,
) -> Iterator[ServerThread]:  # fmt: skip
    kubeconfig = token_kubeconfig(local_cluster.kubeconfig, api_identity.token, tmp_path / "kc")
    settings = ServerSettings(kubeconfig=kubeconfig, static_dir=None, prometheus_url=scraped.url,
                              store=StoreSettings(sqlite_path=tmp_path / "db.sqlite"),
                              gpu_stream_seconds=1.0)  # fmt: skip
    server = ServerThread(settings)
    server.start()
    yield server
    server.stop()


@pytest.mark.asyncio
async def test_pods_gpu_and_the_gpu_stream(console: ServerThread, personas: Personas) -> None:
    headers = personas.viewer.headers()
    base = f"{console.url}/api/v1/inference/metrics"
    found: dict[str, Any] = {}
    async with httpx.AsyncClient(headers=headers, timeout=30) as http:

        async def every_pod_has_gpu_and_queue() -> bool:
            response = await http.get(f"{base}/pool/{NS}/{POOL}/pods")
            assert response.status_code == 200, response.text
            found.update(response.json())
            pods = found["pods"]
            return len(pods) == 2 and all(
                p["gpuUtilizationPct"] is not None and p["queueDepth"] is not None
                and p["kvCacheUsage"] is not None and p["gpuMemoryUsedMib"] for p in pods
            )  # fmt: skip

        await eventually(every_pod_has_gpu_and_queue, within=60, what="every pod's state")
        assert found["available"] is True
        assert {p["pod"] for p in found["pods"]} == {f"{POOL}-0", f"{POOL}-1"}
        assert all(p["running"] is not None and p["gpuTemperatureC"] for p in found["pods"])
        now = int(time.time())
        window: dict[str, str | int] = {"namespace": NS, "start": now - 120, "end": now, "step": 15}
        heatmap = (await http.get(f"{base}/gpu", params=window)).json()
        assert heatmap["available"] is True
        assert {s["pod"] for s in heatmap["utilization"]} == {f"{NS}/{POOL}-0", f"{NS}/{POOL}-1"}
        assert all(s["points"] for s in heatmap["memoryUsed"])
    raw = base64.urlsafe_b64encode(personas.viewer.token.encode()).decode().rstrip("=")
    url = f"ws://127.0.0.1:{console.port}/api/v1/ws/inference/gpu-metrics?namespace={NS}"
    async with connect(url, subprotocols=[f"base64url.bearer.authorization.k8s.io.{raw}"]) as ws:  # type: ignore[list-item]
        message = json.loads(await ws.recv())
    assert (message["type"], message["available"], message["error"]) == ("gpu", True, None)
    assert {(p["namespace"], p["pod"]) for p in message["pods"]} == {
        (NS, f"{POOL}-0"), (NS, f"{POOL}-1")}  # fmt: skip
    assert all(p["gpuUtilizationPct"] is not None for p in message["pods"])
