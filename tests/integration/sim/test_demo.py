"""`ngf-console demo` as a process, next to the in-process operator, on the local cluster.

Matrix: both demo stacks reach Ready · the demo's real Prometheus returns
`vllm:num_requests_waiting` (one series per vLLM pod) and `DCGM_FI_DEV_GPU_UTIL` (one per
model pod) labelled with the namespace and the names of the demo's Pod objects, Triton's
waiting requests, and scrapes the operator's `/metrics` · on SIGTERM it exits 0, deletes
the Pods it ran, keeps the stacks and stops Prometheus. The time from start to Ready and
to the first complete set of series is logged (not asserted: timing belongs to benchmarks).
"""

from __future__ import annotations

import asyncio
import logging
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from lightkube import ApiError, AsyncClient
from lightkube.resources.core_v1 import Pod

from ngf_console.devcluster.process import free_port
from ngf_console.kube.resources import InferenceStack, to_dict
from ngf_console.runtime import Manager
from ngf_console.sim.demo_objects import TRITON_STACK, VLLM_STACK
from ngf_console.sim.pods import SIM_NODE_LABEL
from tests.conftest import KubeFactory
from tests.waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]
log = logging.getLogger(__name__)

EXE = Path(sys.executable).parent / "ngf-console"
POOL_LABEL = "ngf-console.f5.com/pool"


class Demo:
    """The `ngf-console demo` process and its Prometheus."""

    def __init__(self, argv: list[str], log_file: Path, prometheus_port: int) -> None:
        self.log_file = log_file
        self.prometheus = f"http://127.0.0.1:{prometheus_port}"
        with log_file.open("wb") as out:
            self.process = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)

    def tail(self) -> str:
        return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-30:])

    async def query(self, promql: str) -> list[dict[str, Any]]:
        async with httpx.AsyncClient(trust_env=False, timeout=5) as http:
            try:
                response = await http.get(
                    f"{self.prometheus}/api/v1/query", params={"query": promql}
                )
            except httpx.TransportError:
                return []  # not up yet
        result: list[dict[str, Any]] = response.json()["data"]["result"]
        return result

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
            raise


@pytest.fixture
def demo(kubeconfig: Path, namespace: str, operator: Manager, tmp_path: Path) -> Iterator[Demo]:
    port = free_port()
    argv = [
        str(EXE),
        "demo",
        f"--kubeconfig={kubeconfig}",
        f"--namespace={namespace}",
        f"--kubelet-namespace={namespace}",
        f"--prometheus-port={port}",
        f"--prometheus-dir={tmp_path / 'prometheus'}",
        f"--operator-metrics=127.0.0.1:{operator.health_port}",
        "--network=127.13.0.0/16",
    ]
    running = Demo(argv, tmp_path / "demo.log", port)
    try:
        yield running
    finally:
        running.stop()


async def _pod_names(client: AsyncClient, namespace: str, pool: str) -> set[str]:
    labels = {SIM_NODE_LABEL: "sim-node", POOL_LABEL: pool}
    pods = client.list(Pod, namespace=namespace, labels=labels)  # type: ignore[arg-type]
    return {to_dict(p)["metadata"]["name"] async for p in pods}


async def _phase(client: AsyncClient, namespace: str, name: str) -> str | None:
    try:
        doc = to_dict(await client.get(InferenceStack, name, namespace=namespace))
    except ApiError:
        return None  # the demo has not created it yet
    return (doc.get("status") or {}).get("phase")


def _pods_of(series: list[dict[str, Any]]) -> set[str]:
    return {s["metric"].get("pod", "") for s in series}


@pytest.mark.timeout(420)
async def test_demo_stacks_ready_and_prometheus_holds_pod_series(
    demo: Demo, kube: KubeFactory, namespace: str
) -> None:
    started = time.monotonic()
    client = kube(namespace=namespace)

    async def stacks_ready() -> bool:
        assert demo.process.poll() is None, demo.tail()
        phases = [await _phase(client, namespace, s) for s in (VLLM_STACK, TRITON_STACK)]
        return phases == ["Ready", "Ready"]

    await eventually(stacks_ready, within=240, what="both demo stacks Ready")
    ready_after = time.monotonic() - started
    vllm_pods = await _pod_names(client, namespace, f"{VLLM_STACK}-pool")
    triton_pods = await _pod_names(client, namespace, f"{TRITON_STACK}-pool")
    assert (len(vllm_pods), len(triton_pods)) == (3, 2)

    async def series_complete() -> bool:
        assert demo.process.poll() is None, demo.tail()
        waiting = await demo.query(f'vllm:num_requests_waiting{{namespace="{namespace}"}}')
        gpus = await demo.query(f'DCGM_FI_DEV_GPU_UTIL{{namespace="{namespace}"}}')
        triton = await demo.query(  # Triton's own name for its queue, from each Triton pod
            f'nv_trt_llm_request_metrics{{namespace="{namespace}",request_type="waiting"}}'
        )
        return (
            _pods_of(waiting) == vllm_pods
            and _pods_of(gpus) == vllm_pods | triton_pods
            and _pods_of(triton) == triton_pods
        )

    await eventually(series_complete, within=180, what="the demo pods' series in Prometheus")
    log.info(
        "ngf-console demo: stacks Ready after %.1f s, pod series in Prometheus after %.1f s",
        ready_after,
        time.monotonic() - started,
    )

    async def operator_scraped() -> bool:
        return bool(await demo.query('up{job="ngf-console-operator"} == 1'))

    await eventually(operator_scraped, within=60, what="the operator's /metrics scraped")

    assert await asyncio.to_thread(demo.stop) == 0, demo.tail()
    assert await _pod_names(client, namespace, f"{VLLM_STACK}-pool") == set()
    kept = [to_dict(s)["metadata"]["name"] async for s in client.list(InferenceStack)]
    assert sorted(kept) == [VLLM_STACK, TRITON_STACK]
    with pytest.raises(httpx.TransportError):
        async with httpx.AsyncClient(trust_env=False) as http:
            await http.get(f"{demo.prometheus}/-/ready")
