"""Fixtures of the simulator integration tests: live simulators and a real Prometheus.

* `fleet` (async factory): `await fleet(pods=2, backend="vllm")` starts a `Fleet` of simulated
  pods, each on its own free loopback port, plus its DCGM exporter on another; everything is
  stopped after the test.
* `prometheus` (factory): `prometheus(jobs)` starts the Debian package's Prometheus
  (`tests.prometheus`) scraping `jobs` every second, stopped and deleted afterwards. A missing
  binary FAILS the test (never skips) with the `make setup` hint.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass

import pytest
import pytest_asyncio

from ngf_console.api.v1alpha1.inferencestack import Strategy
from ngf_console.sim.clock import ScaledClock
from ngf_console.sim.engine import EngineConfig
from ngf_console.sim.fleet import Fleet, PoolConfig
from ngf_console.sim.gpu_trace import default_trace_path, derive_profile, load_trace
from ngf_console.sim.pod import Backend
from ngf_console.sim.serving import HttpServer, serve
from tests import prometheus as prom

# Small servers so that a handful of requests fills a batch.
ENGINE = EngineConfig(max_num_seqs=2, num_gpu_blocks=1024, max_model_len=8192)
MODEL = "meta-llama/Llama-3.1-8B-Instruct"


@dataclass
class LiveFleet:
    """A started fleet and its DCGM exporter's server."""

    fleet: Fleet
    dcgm: HttpServer

    def pod_url(self, index: int) -> str:
        server = self.fleet.server(self.fleet.pods[index].name)
        assert server is not None
        return server.url

    def pod_target(self, index: int) -> str:
        return self.pod_url(index).removeprefix("http://")

    @property
    def dcgm_target(self) -> str:
        return self.dcgm.url.removeprefix("http://")


FleetFactory = Callable[..., Awaitable[LiveFleet]]


@pytest_asyncio.fixture
async def fleet() -> AsyncIterator[FleetFactory]:
    """`await fleet(pods=..., backend=..., strategy=..., speed=...)` -> a serving `LiveFleet`."""
    profile = derive_profile(load_trace(default_trace_path()))
    started: list[LiveFleet] = []

    async def make(
        *,
        pods: int = 2,
        backend: Backend = "vllm",
        speed: float = 1.0,
        strategy: Strategy = "composite",
    ) -> LiveFleet:
        config = PoolConfig(
            name="llama", model=MODEL, backend=backend, engine=ENGINE, strategy=strategy
        )
        sim = Fleet(config, gpu_profile=profile, clock=ScaledClock(speed), seed=len(started))
        await sim.scale(pods)
        await sim.start(port_base=0)
        live = LiveFleet(sim, await serve(sim.dcgm.app()))
        started.append(live)
        return live

    yield make
    for live in started:
        await live.dcgm.stop()
        await live.fleet.stop()


@pytest.fixture
def prometheus() -> Iterator[Callable[[Sequence[prom.ScrapeJob]], prom.PrometheusServer]]:
    """`prometheus(jobs)` -> a real Prometheus scraping `jobs` every second."""
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
