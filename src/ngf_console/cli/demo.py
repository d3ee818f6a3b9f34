"""`ngf-console demo`: the simulated inference data plane, two demo stacks and Prometheus.

For the local control plane (which has no kubelet): it creates the demo namespace, a
Gateway and two InferenceStacks (vLLM and Triton) if they are missing, runs the kubelet
stand-in with the simulated model servers, DCGM exporters and EPPs, sends them traffic,
and runs a real Prometheus scraping all of it (plus the operator's and the API server's
`/metrics` when given). It needs the operator running against the same cluster. It stays
in the foreground; SIGTERM/SIGINT stops everything it started and keeps the demo stacks.
See `docs/inference-simulator.md` ("The demo").
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ngf_console.devcluster.paths import cache_dir
from ngf_console.kube.errors import KubeApiError
from ngf_console.runtime.logs import LogFormat, configure_logging
from ngf_console.runtime.signals import run_until_signalled
from ngf_console.sim.addresses import DEFAULT_NETWORK
from ngf_console.sim.demo import DemoInfo, DemoOptions, run_demo
from ngf_console.sim.prometheus import PrometheusError

console = Console(stderr=True, soft_wrap=True)


def _print_ready(info: DemoInfo) -> None:
    typer.echo(f"demo running in namespace {info.namespace}: {', '.join(info.stacks)}")
    typer.echo(f"  Prometheus:     {info.prometheus_url}  (data: {info.prometheus_dir})")
    typer.echo(f"  simulated pods: node sim-node, pod IPs from {info.network}")
    console.print("Ctrl-C stops the simulators and Prometheus; the demo stacks stay")


def demo_cmd(
    *,
    kubeconfig: Annotated[
        Path,
        typer.Option(
            "--kubeconfig", exists=True, dir_okay=False, help="Kubeconfig of the local cluster."
        ),
    ],
    namespace: Annotated[str, typer.Option(help="Namespace of the demo stacks.")] = "demo",
    prometheus_port: Annotated[int, typer.Option(help="Prometheus' port on 127.0.0.1.")] = 9090,
    prometheus_dir: Annotated[
        Path | None,
        typer.Option(help="Prometheus' config and data (default: .cache/run/prometheus)."),
    ] = None,
    operator_metrics: Annotated[
        str | None, typer.Option(help="host:port of the operator's /metrics to scrape.")
    ] = None,
    api_metrics: Annotated[
        str | None, typer.Option(help="host:port of the API server's /metrics to scrape.")
    ] = None,
    scrape_interval: Annotated[str, typer.Option(help="Prometheus scrape interval.")] = "5s",
    kubelet_namespace: Annotated[
        str | None,
        typer.Option(help="Run pods of this namespace only (default: every namespace)."),
    ] = None,
    network: Annotated[
        str, typer.Option(help="Loopback network of the simulated pod IPs.")
    ] = DEFAULT_NETWORK,
    traffic_scale: Annotated[
        float, typer.Option(min=0.01, help="Multiplies the demo's request rates.")
    ] = 1.0,
    day_seconds: Annotated[
        float, typer.Option(min=60, help="Real seconds of one simulated traffic day.")
    ] = 1800.0,
    seed: Annotated[int, typer.Option(help="Random seed of traffic and GPUs.")] = 0,
    log_level: Annotated[str, typer.Option(help="debug, info, warning or error.")] = "info",
) -> None:
    """Run the simulated data plane, two demo InferenceStacks, traffic and Prometheus."""
    configure_logging(log_level, LogFormat.AUTO)
    options = DemoOptions(
        kubeconfig=kubeconfig,
        prometheus_dir=prometheus_dir or cache_dir() / "run" / "prometheus",
        namespace=namespace,
        prometheus_port=prometheus_port,
        operator_metrics=operator_metrics,
        api_metrics=api_metrics,
        scrape_interval=scrape_interval,
        kubelet_namespace=kubelet_namespace,
        network=network,
        traffic_scale=traffic_scale,
        day_seconds=day_seconds,
        seed=seed,
    )

    async def main(stop: asyncio.Event) -> None:
        await run_demo(options, stop, _print_ready)

    try:
        asyncio.run(run_until_signalled(main))
    except (PrometheusError, KubeApiError, OSError, ValueError) as e:
        console.print(f"[red]error:[/red] {e}")
        raise typer.Exit(code=1) from e
