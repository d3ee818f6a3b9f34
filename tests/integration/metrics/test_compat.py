"""The compatibility layer against a real Prometheus scraping the simulators.

Prometheus (Debian package, `tests.prometheus`) scrapes every second; each model-server pod
is its own job carrying `namespace`/`pod` target labels, as Kubernetes service discovery
would set them. Two setups:

* vLLM with current names + Triton TRT-LLM, and a DCGM exporter scraped with its own
  `pod`/`namespace` target labels, so the GPU series name the workload `exported_pod`;
* vLLM with pre-0.10 names (`vllm:gpu_cache_usage_perc`, `vllm:gpu_prefix_cache_*`) and a
  DCGM exporter whose series carry the workload's `pod` label directly.

Matrix: each signal resolves to the engines that exist (and not to SGLang/trtllm-serve, which
are absent); queue depth, running, KV-cache use, TTFT p95, token and prefix-cache rates and
GPU utilisation come back per pod with `pod`/`namespace` labels, and a loaded pod's waiting
queue is seen.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass

import pytest
import pytest_asyncio

from ngf_console.metrics import (
    GENERATION_TOKENS,
    GPU_UTILIZATION,
    KV_CACHE_USAGE,
    PREFIX_CACHE_HITS,
    QUEUE_DEPTH,
    RUNNING,
    TTFT,
    MetricsCompat,
    Options,
    PrometheusClient,
    Signal,
)
from ngf_console.sim.clock import ScaledClock
from ngf_console.sim.engine import EngineConfig
from ngf_console.sim.fleet import Fleet, PoolConfig
from ngf_console.sim.gpu_trace import default_trace_path, derive_profile, load_trace
from ngf_console.sim.pod import Backend
from ngf_console.sim.serving import HttpServer, serve
from tests import prometheus as prom
from tests.waiting import eventually

pytestmark = [pytest.mark.integration]

ENGINE = EngineConfig(max_num_seqs=2, num_gpu_blocks=1024, max_model_len=8192)


@dataclass
class Pool:
    fleet: Fleet
    dcgm: HttpServer

    def jobs(self, *, dcgm_labels: dict[str, str]) -> list[prom.ScrapeJob]:
        pool = self.fleet.pool
        jobs = []
        for pod in self.fleet.pods:
            server = self.fleet.server(pod.name)
            assert server is not None
            target = server.url.removeprefix("http://")
            labels = {"namespace": pool.namespace, "pod": pod.name}
            jobs.append(prom.ScrapeJob(f"{pool.backend}-{pod.name}", [target], labels=labels))
        dcgm = prom.ScrapeJob(f"dcgm-{pool.name}", [self.dcgm.url.removeprefix("http://")],
                              labels=dcgm_labels)  # fmt: skip
        return [*jobs, dcgm]


PoolFactory = Callable[..., "asyncio.Future[Pool]"]


@pytest_asyncio.fixture
async def pools() -> AsyncIterator[Callable[..., object]]:
    profile = derive_profile(load_trace(default_trace_path()))
    made: list[Pool] = []

    async def make(name: str, namespace: str, backend: Backend, *, legacy: bool = False) -> Pool:
        config = PoolConfig(name=name, namespace=namespace, backend=backend, engine=ENGINE,
                            legacy_vllm_names=legacy)  # fmt: skip
        fleet = Fleet(config, gpu_profile=profile, clock=ScaledClock(5.0), seed=len(made))
        await fleet.scale(2)
        await fleet.start(port_base=0)
        pool = Pool(fleet, await serve(fleet.dcgm.app()))
        made.append(pool)
        return pool

    yield make
    for pool in made:
        await pool.dcgm.stop()
        await pool.fleet.stop()


@pytest.fixture
def prometheus() -> Iterator[Callable[[Sequence[prom.ScrapeJob]], prom.PrometheusServer]]:
    servers: list[prom.PrometheusServer] = []

    def start(jobs: Sequence[prom.ScrapeJob]) -> prom.PrometheusServer:
        try:
            server = prom.start(jobs, scrape_interval="1s")
        except prom.PrometheusHarnessError as e:
            pytest.fail(str(e), pytrace=False)
        servers.append(server)
        return server

    yield start
    for server in servers:
        prom.stop(server)


@contextlib.asynccontextmanager
async def _traffic(*pools: Pool) -> AsyncIterator[None]:
    """Requests every 0.2 s while the block runs (rates need them): one through each pool's EPP,
    and one straight to each pod, since prefix affinity would keep the EPP's on one pod."""
    prompt = "You are a support assistant. Answer briefly. " * 12
    sent: set[asyncio.Task[object]] = set()

    async def loop(pool: Pool) -> None:
        i = 0
        while True:
            i += 1
            task = asyncio.create_task(pool.fleet.epp.complete(prompt + str(i % 2), 24))
            sent.add(task)
            task.add_done_callback(sent.discard)
            for pod in pool.fleet.pods:
                pod.runner.submit(f"{i} direct request", 8)
            await asyncio.sleep(0.2)

    loops = [asyncio.create_task(loop(p)) for p in pools]
    try:
        yield
    finally:
        for task in [*loops, *sent]:
            task.cancel()
        await asyncio.gather(*loops, *sent, return_exceptions=True)


async def _engines(compat: MetricsCompat, signal: Signal) -> list[str]:
    return [v.engine for v in (await compat.resolve(signal)).variants]


async def _per_pod(
    compat: MetricsCompat, signal: Signal, options: Options | None = None
) -> dict[str, float]:
    """The signal per pod once at least two pods have a value (series appear with scrapes)."""
    found: dict[str, float] = {}

    async def present() -> bool:
        samples = await compat.instant(signal, options)
        found.clear()
        found.update({s.labels.get("pod", ""): s.value for s in samples if s.value == s.value})
        return len(found) >= 2

    await eventually(present, within=40, what=f"{signal.name} per pod")
    return found


@pytest.mark.asyncio
async def test_current_vllm_triton_and_exported_pod_dcgm(
    pools: Callable[..., object], prometheus: Callable[..., prom.PrometheusServer]
) -> None:
    vllm: Pool = await pools("llama", "ns-a", "vllm")  # type: ignore[misc]
    triton: Pool = await pools("mistral", "ns-c", "triton")  # type: ignore[misc]
    dcgm_target = {"namespace": "gpu-operator", "pod": "dcgm-exporter-x1"}
    server = prometheus(
        [*vllm.jobs(dcgm_labels=dcgm_target), *triton.jobs(dcgm_labels=dcgm_target)]
    )
    async with _traffic(vllm, triton), PrometheusClient(server.url) as client:
        compat = MetricsCompat(client, ttl=0)
        queue = await _per_pod(compat, QUEUE_DEPTH, Options(filters={"namespace": "ns-a"}))
        assert set(queue) == {"llama-0", "llama-1"}
        for signal in (QUEUE_DEPTH, KV_CACHE_USAGE):  # Triton's first scrape may come later

            async def both_engines(signal: Signal = signal) -> bool:
                return await _engines(compat, signal) == ["vllm", "triton-trtllm"]

            await eventually(both_engines, within=40, what=f"{signal.name} from both engines")
        running = await _per_pod(compat, RUNNING, Options(filters={"namespace": "ns-c"}))
        assert set(running) == {"mistral-0", "mistral-1"}
        ttft = await _per_pod(compat, TTFT, Options(by=("pod",), window="30s"))
        assert all(v > 0 for v in ttft.values())
        tokens = await _per_pod(
            compat, GENERATION_TOKENS, Options(window="30s", filters={"namespace": "ns-a"})
        )
        assert all(v > 0 for v in tokens.values())
        gpus = await compat.instant(GPU_UTILIZATION, Options(filters={"namespace": "ns-a"}))
        assert {(s.labels["namespace"], s.labels["pod"]) for s in gpus} == {
            ("ns-a", "llama-0"), ("ns-a", "llama-1")}  # fmt: skip
        assert (await compat.resolve(GPU_UTILIZATION)).pod_label == "exported_pod"

        busy = vllm.fleet.pods[0]
        for _ in range(6):  # two batch slots: four wait
            busy.runner.submit("a long prompt " * 50, 2000)

        async def queued() -> bool:
            samples = await compat.instant(QUEUE_DEPTH, Options(filters={"pod": busy.name}))
            return any(s.value > 0 for s in samples)

        await eventually(queued, within=30, what="the loaded pod's waiting queue")


@pytest.mark.asyncio
async def test_legacy_vllm_names_and_pod_labelled_dcgm(
    pools: Callable[..., object], prometheus: Callable[..., prom.PrometheusServer]
) -> None:
    legacy: Pool = await pools("old", "ns-b", "vllm", legacy=True)  # type: ignore[misc]
    server = prometheus(legacy.jobs(dcgm_labels={}))
    async with _traffic(legacy), PrometheusClient(server.url) as client:
        compat = MetricsCompat(client, ttl=0)
        kv = await _per_pod(compat, KV_CACHE_USAGE)
        assert set(kv) == {"old-0", "old-1"}
        assert all(0 <= v <= 1 for v in kv.values())
        assert await _engines(compat, KV_CACHE_USAGE) == ["vllm-legacy"]
        hits = await _per_pod(compat, PREFIX_CACHE_HITS, Options(window="30s"))
        assert set(hits) == {"old-0", "old-1"}
        assert await _engines(compat, PREFIX_CACHE_HITS) == ["vllm-legacy"]
        gpus = await _per_pod(compat, GPU_UTILIZATION)
        assert set(gpus) == {"old-0", "old-1"}
        assert (await compat.resolve(GPU_UTILIZATION)).pod_label == "pod"
