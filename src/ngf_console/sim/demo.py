"""`ngf-console demo`: the simulated inference data plane of the local cluster, with data.

`run_demo(options, stop)`:

1. starts a real Prometheus (`sim.prometheus`; readiness is awaited last, so it boots while
   the rest starts);
2. creates, if absent, the demo namespace, the Gateway and the two InferenceStacks
   (`sim.demo_objects`) — existing ones are left as they are, so a user's edits survive
   a restart, and nothing is deleted on exit;
3. runs the kubelet stand-in (`sim.kubelet_runtime`) on a `SimNode` whose fleets feed
   Prometheus' discovery files as they scale (the operator, running elsewhere, turns the
   stacks into Deployments; the stand-in runs their pods);
4. sends each stack a daily traffic pattern of prompt families through its pool's EPP
   simulator (the stack's strategy and weights), from the moment its first pod runs;
5. when `OTEL_EXPORTER_OTLP_ENDPOINT` (and `OTEL_EXPORTER_OTLP_HEADERS` with the bearer
   token) name a receiver — `make run` points them at the API server — exports every EPP
   decision, completed request and gateway access-log line of every fleet as OTLP logs
   (`sim.otlp_records`), hooking each fleet as it appears;
6. reports where everything is (`on_ready`) and waits for `stop`; then it stops the
   traffic, the stand-in (which deletes the Pods it ran), the exporter (sending what it
   holds), the simulators and Prometheus.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import structlog

from ngf_console.inference.epp import NoCandidatesError
from ngf_console.kube import objects
from ngf_console.kube.client import async_client
from ngf_console.kube.errors import KubeApiError
from ngf_console.sim import demo_objects
from ngf_console.sim.addresses import DEFAULT_NETWORK, AddressPool
from ngf_console.sim.clock import ScaledClock
from ngf_console.sim.gpu_trace import default_trace_path, derive_profile, load_trace
from ngf_console.sim.kubelet_runtime import run_kubelet
from ngf_console.sim.node import SimNode
from ngf_console.sim.otlp import OtlpLogExporter, exporter_from_env
from ngf_console.sim.otlp_records import FleetTelemetry
from ngf_console.sim.prometheus import PrometheusProcess, StaticJob, render_config, write_targets
from ngf_console.sim.runner import RunnerStoppedError
from ngf_console.sim.traffic import Arrival, DailyPattern, TrafficGenerator

log = structlog.get_logger(__name__)

FIELD_MANAGER = "ngf-console-demo"
PEAK_RPS = {demo_objects.VLLM_STACK: 6.0, demo_objects.TRITON_STACK: 3.0}


@dataclass(frozen=True)
class DemoOptions:
    """What `ngf-console demo` can set."""

    kubeconfig: Path
    prometheus_dir: Path
    namespace: str = "demo"
    prometheus_port: int = 9090
    operator_metrics: str | None = None
    api_metrics: str | None = None
    scrape_interval: str = "5s"
    kubelet_namespace: str | None = None
    network: str = DEFAULT_NETWORK
    traffic_scale: float = 1.0
    day_seconds: float = 1800.0
    start_hour: float = 11.0
    seed: int = 0


@dataclass(frozen=True)
class DemoInfo:
    """Where the demo's pieces are, for the banner."""

    namespace: str
    prometheus_url: str
    prometheus_dir: Path
    network: str
    stacks: tuple[str, ...] = field(default=(demo_objects.VLLM_STACK, demo_objects.TRITON_STACK))


async def create_demo_objects(client: Any, namespace: str) -> list[str]:
    """Create what is missing; returns what was created (`Kind/name`)."""
    created: list[str] = []
    for manifest in demo_objects.demo_objects(namespace):
        try:
            await objects.create(client, manifest)
        except KubeApiError as e:
            if e.code != 409:  # AlreadyExists: keep the user's version
                raise
            continue
        created.append(f"{manifest['kind']}/{manifest['metadata']['name']}")
    return created


def _static_jobs(options: DemoOptions) -> list[StaticJob]:
    jobs = []
    if options.operator_metrics:
        jobs.append(StaticJob("ngf-console-operator", options.operator_metrics))
    if options.api_metrics:
        jobs.append(StaticJob("ngf-console-api", options.api_metrics))
    return jobs


def _sender(node: SimNode, namespace: str, stack: str) -> Callable[[Arrival], Awaitable[None]]:
    """Send an arrival through the stack's pool EPP (dropped while the pool has no pod)."""

    async def send(arrival: Arrival) -> None:
        fleet = node.fleet(namespace, f"{stack}-pool")
        if fleet is None:
            return
        with contextlib.suppress(NoCandidatesError, RunnerStoppedError, ValueError):
            await fleet.epp.complete(arrival.prompt, arrival.max_tokens)

    return send


def _traffic(node: SimNode, clock: ScaledClock, options: DemoOptions) -> list[asyncio.Task[None]]:
    tasks = []
    for i, (stack, peak) in enumerate(PEAK_RPS.items()):
        pattern = DailyPattern(
            peak_rps=peak * options.traffic_scale,
            day_seconds=options.day_seconds,
            start_hour=options.start_hour,
        )
        rng = random.Random(options.seed + i)  # noqa: S311 - simulated traffic
        generator = TrafficGenerator(pattern, rng, start=clock.now())
        send = _sender(node, options.namespace, stack)
        tasks.append(asyncio.create_task(generator.run(send, clock), name=f"traffic {stack}"))
    return tasks


class _Telemetry:
    """Hooks every fleet of `node` to `exporter`, once each, as fleets appear."""

    def __init__(self, node: SimNode, exporter: OtlpLogExporter) -> None:
        self._node, self.exporter = node, exporter
        self._hooked: set[int] = set()

    def hook(self) -> None:
        for fleet in self._node.fleets.values():
            if id(fleet) not in self._hooked:
                self._hooked.add(id(fleet))
                FleetTelemetry(fleet, self.exporter, gateway=demo_objects.GATEWAY).attach()


async def _cancel(tasks: list[asyncio.Task[None]]) -> None:
    for task in tasks:
        task.cancel()
    for task in tasks:
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def run_demo(
    options: DemoOptions, stop: asyncio.Event, on_ready: Callable[[DemoInfo], None]
) -> None:
    """Run the demo until `stop` is set; see the module docstring."""
    prometheus = PrometheusProcess(options.prometheus_dir, options.prometheus_port)
    directory = options.prometheus_dir
    prometheus.start(
        render_config(directory, _static_jobs(options), scrape_interval=options.scrape_interval)
    )
    client = async_client(options.kubeconfig, field_manager=FIELD_MANAGER)
    try:
        created = await create_demo_objects(client, options.namespace)
        log.info("demo objects", namespace=options.namespace, created=created)
        clock = ScaledClock()
        node = SimNode(
            gpu_profile=derive_profile(load_trace(default_trace_path())),
            clock=clock,
            addresses=AddressPool(options.network),
            seed=options.seed,
        )
        node.on_change(lambda: write_targets(directory, node.targets()))
        exporter = exporter_from_env({"service.name": "ngf-console-demo"})
        if exporter is not None:
            telemetry = _Telemetry(node, exporter)
            node.on_change(telemetry.hook)
            exporter.start()
            log.info("exporting OTLP logs", endpoint=exporter.endpoint)
        async with run_kubelet(client, node, namespace=options.kubelet_namespace):
            traffic = _traffic(node, clock, options)
            try:
                await prometheus.wait_ready()
                on_ready(DemoInfo(options.namespace, prometheus.url, directory, options.network))
                await stop.wait()
            finally:
                await _cancel(traffic)
                if exporter is not None:
                    await exporter.stop()
                    log.info("OTLP export", **vars(exporter.stats))
    finally:
        await client.close()
        prometheus.stop()
