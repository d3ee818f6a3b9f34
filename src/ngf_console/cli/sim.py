"""`ngf-console sim ...`: the simulated inference data plane (demo and tests).

`sim run` starts one pool of simulated model servers (vLLM or Triton TRT-LLM) on loopback
ports `--port-base + ordinal`, the DCGM exporter simulator on `--dcgm-port`, the EPP
simulator and (unless `--no-traffic`) the daily traffic generator, prints every endpoint and
runs until interrupted.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import signal
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, get_args

import typer
from rich.console import Console

from ngf_console.api.v1alpha1.inferencestack import Strategy
from ngf_console.inference.epp import NoCandidatesError
from ngf_console.sim.clock import ScaledClock
from ngf_console.sim.fleet import Fleet, PoolConfig
from ngf_console.sim.gpu_trace import GpuProfile, default_trace_path, derive_profile, load_trace
from ngf_console.sim.gpu_types import GPU_TYPES
from ngf_console.sim.runner import RunnerStoppedError
from ngf_console.sim.serving import HttpServer, serve
from ngf_console.sim.traffic import Arrival, DailyPattern, TrafficGenerator

_STRATEGIES: dict[str, Strategy] = {name: name for name in get_args(Strategy)}

sim_app = typer.Typer(help="Simulated inference data plane.", no_args_is_help=True)
console = Console(stderr=True, soft_wrap=True)


def _fail(message: str) -> typer.Exit:
    console.print(f"[red]error:[/red] {message}")
    return typer.Exit(code=1)


@sim_app.command("run")
def run_cmd(
    *,
    pods: Annotated[int, typer.Option(min=0, max=64, help="Model-server pods.")] = 3,
    backend: Annotated[str, typer.Option(help="vllm or triton.")] = "vllm",
    port_base: Annotated[int, typer.Option(help="Pod i listens on port-base + i.")] = 18000,
    dcgm_port: Annotated[int, typer.Option(help="DCGM exporter port.")] = 9400,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    pool: Annotated[str, typer.Option(help="Pool (and pod name prefix).")] = "llama",
    namespace: Annotated[str, typer.Option(help="Namespace the pods claim.")] = "default",
    model: Annotated[str, typer.Option(help="Served model name.")] = (
        "meta-llama/Llama-3.1-8B-Instruct"
    ),
    gpu_type: Annotated[str, typer.Option(help=f"One of {', '.join(GPU_TYPES)}.")] = "H200",
    strategy: Annotated[str, typer.Option(help="EPP strategy.")] = "composite",
    speed: Annotated[float, typer.Option(min=0.01, help="Virtual seconds per real second.")] = 1.0,
    peak_rps: Annotated[float, typer.Option(min=0.01, help="Traffic at the daily peak.")] = 4.0,
    day_seconds: Annotated[float, typer.Option(min=1, help="Virtual length of a day.")] = 86400.0,
    start_hour: Annotated[float, typer.Option(min=0, max=24, help="Hour the day starts at.")] = (
        12.0
    ),
    traffic: Annotated[bool, typer.Option(help="Generate traffic through the EPP.")] = True,
    legacy_vllm_names: Annotated[
        bool, typer.Option(help="Serve vllm:gpu_cache_usage_perc (pre-0.10 names).")
    ] = False,
    trace: Annotated[
        Path | None, typer.Option(help="nvidia-smi CSV trace (default: shared fixtures).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
) -> None:
    """Serve simulated pods, a DCGM exporter and an EPP with traffic until interrupted."""
    if backend not in ("vllm", "triton"):
        raise _fail(f"--backend must be vllm or triton, not {backend!r}")
    if strategy not in _STRATEGIES:
        raise _fail(f"--strategy must be one of {', '.join(_STRATEGIES)}")
    if gpu_type not in GPU_TYPES:
        raise _fail(f"--gpu-type must be one of {', '.join(GPU_TYPES)}")
    try:
        profile = derive_profile(load_trace(trace or default_trace_path()))
    except (OSError, ValueError) as e:
        raise _fail(str(e)) from e
    config = PoolConfig(
        name=pool,
        namespace=namespace,
        model=model,
        backend="vllm" if backend == "vllm" else "triton",
        gpu_type=gpu_type,
        strategy=_STRATEGIES[strategy],
        legacy_vllm_names=legacy_vllm_names,
    )
    pattern = DailyPattern(peak_rps=peak_rps, day_seconds=day_seconds, start_hour=start_hour)
    options = _RunOptions(pods, port_base, dcgm_port, host, speed, pattern, traffic, seed)
    try:
        asyncio.run(_run(config, profile, options))
    except OSError as e:
        raise _fail(str(e)) from e


@dataclass(frozen=True)
class _RunOptions:
    pods: int
    port_base: int
    dcgm_port: int
    host: str
    speed: float
    pattern: DailyPattern
    traffic: bool
    seed: int


async def _run(config: PoolConfig, profile: GpuProfile, options: _RunOptions) -> None:
    clock = ScaledClock(options.speed)
    fleet = Fleet(config, gpu_profile=profile, clock=clock, seed=options.seed)
    await fleet.scale(options.pods)
    await fleet.start(port_base=options.port_base, host=options.host)
    dcgm: HttpServer | None = None
    traffic: asyncio.Task[None] | None = None
    try:
        dcgm = await serve(fleet.dcgm.app(), host=options.host, port=options.dcgm_port)
        _print_endpoints(fleet, dcgm)
        if options.traffic:
            rng = random.Random(options.seed)  # noqa: S311 - simulated traffic
            generator = TrafficGenerator(options.pattern, rng, start=clock.now())
            traffic = asyncio.create_task(generator.run(_sender(fleet), clock))
        await _until_signalled()
    finally:
        if traffic is not None:
            traffic.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await traffic
        if dcgm is not None:
            await dcgm.stop()
        await fleet.stop()


def _sender(fleet: Fleet) -> Callable[[Arrival], Awaitable[None]]:
    async def send(arrival: Arrival) -> None:
        with contextlib.suppress(NoCandidatesError, RunnerStoppedError, ValueError):
            await fleet.epp.complete(arrival.prompt, arrival.max_tokens)

    return send


async def _until_signalled() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)


def _print_endpoints(fleet: Fleet, dcgm: HttpServer) -> None:
    pool = fleet.pool
    typer.echo(f"simulated pool {pool.namespace}/{pool.name}: {pool.backend}, {pool.model}")
    for pod in fleet.pods:
        server = fleet.server(pod.name)
        url = server.url if server is not None else "(not serving)"
        typer.echo(f"  {pod.name:<16} {url}  /v1/completions /metrics  GPU {pod.gpu.identity.uuid}")
    typer.echo(f"  {'dcgm-exporter':<16} {dcgm.url}  /metrics  ({fleet.profile.name})")
    console.print(f"EPP strategy {pool.strategy}; Ctrl-C to stop")
