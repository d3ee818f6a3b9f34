"""A real Prometheus scrapes the simulators and answers PromQL over its HTTP API.

Matrix: every target is up · `vllm:num_requests_waiting` has one series per pod (and rises on
the pod whose batch is full) · `DCGM_FI_DEV_GPU_UTIL` has one series per GPU with the pod
label · Triton's `nv_trt_llm_request_metrics{request_type="waiting"}` is scraped too · a
missing binary is an error that names `make setup` and the Debian package.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from tests import prometheus as prom
from tests.integration.sim.conftest import FleetFactory
from tests.prometheus import PrometheusServer, ScrapeJob
from tests.waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]

StartPrometheus = Callable[[Sequence[ScrapeJob]], PrometheusServer]


async def test_prometheus_scrapes_vllm_pods_and_dcgm(
    fleet: FleetFactory, prometheus: StartPrometheus
) -> None:
    live = await fleet(pods=2)
    server = prometheus(
        [
            ScrapeJob("vllm", [live.pod_target(0), live.pod_target(1)]),
            ScrapeJob("dcgm", [live.dcgm_target]),
        ]
    )

    async def all_up() -> bool:
        targets = await server.targets()
        return len(targets) == 3 and all(t["health"] == "up" for t in targets)

    await eventually(all_up, within=30, what="all targets up")

    async def waiting_per_pod() -> bool:
        return len(await server.query("vllm:num_requests_waiting")) == 2

    await eventually(waiting_per_pod, within=30, what="vllm:num_requests_waiting per pod")

    busy = live.fleet.pods[0]
    for _ in range(6):  # two batch slots: four wait
        busy.runner.submit("a long prompt " * 50, 2000)

    async def queue_seen() -> bool:
        result = await server.query(
            f'vllm:num_requests_waiting{{instance="{live.pod_target(0)}"}} > 0'
        )
        return len(result) == 1

    await eventually(queue_seen, within=30, what="the full pod's waiting queue")
    gpus = await server.query("DCGM_FI_DEV_GPU_UTIL")
    assert {g["metric"]["pod"] for g in gpus} == {"llama-0", "llama-1"}
    assert {g["metric"]["modelName"] for g in gpus} == {"NVIDIA H200"}

    async def busy_gpu() -> bool:
        result = await server.query('DCGM_FI_DEV_GPU_UTIL{pod="llama-0"} > 50')
        return len(result) == 1

    await eventually(busy_gpu, within=30, what="the busy pod's GPU utilisation")


async def test_prometheus_scrapes_triton(fleet: FleetFactory, prometheus: StartPrometheus) -> None:
    live = await fleet(pods=1, backend="triton")
    server = prometheus([ScrapeJob("triton", [live.pod_target(0)])])

    async def scraped() -> bool:
        result = await server.query('nv_trt_llm_request_metrics{request_type="waiting"}')
        return len(result) == 1 and result[0]["metric"]["model"] == live.fleet.pool.model

    await eventually(scraped, within=30, what="nv_trt_llm_request_metrics scraped")
    blocks = await server.query('nv_trt_llm_kv_cache_block_metrics{kv_cache_block_type="max"}')
    assert float(blocks[0]["value"][1]) == live.fleet.pool.engine.num_gpu_blocks


async def test_missing_binary_names_make_setup() -> None:
    with pytest.raises(prom.PrometheusHarnessError, match=r"make setup.*`prometheus`"):
        prom.start([ScrapeJob("x", ["127.0.0.1:1"])], binary=Path("/nonexistent/prometheus"))
