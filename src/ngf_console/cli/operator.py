"""`ngf-console operator`: run the operator's controller manager.

It talks only to a cluster named explicitly (`--kubeconfig`, or the in-cluster
ServiceAccount when running in a Pod), serves `/healthz`, `/readyz` and `/metrics` on
`--health-port`, elects a leader through a Lease unless `--no-leader-elect`, and exits 0
after a graceful shutdown on SIGTERM/SIGINT (controllers stopped, Lease released).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ngf_console.operator.settings import DEFAULT_DCGM_IMAGE, DEFAULT_EPP_IMAGE, OperatorSettings
from ngf_console.operator.setup import register_controllers
from ngf_console.runtime import ConfigurationError, LeaseTimings, Manager, ManagerOptions
from ngf_console.runtime.connect import default_lease_namespace
from ngf_console.runtime.logs import LogFormat, configure_logging
from ngf_console.runtime.manager import LEASE_NAME
from ngf_console.runtime.signals import run_until_signalled

console = Console(stderr=True)


def operator_cmd(
    *,
    kubeconfig: Annotated[
        Path | None,
        typer.Option(
            "--kubeconfig",
            exists=True,
            dir_okay=False,
            help="Kubeconfig of the cluster to operate (its current context). Required "
            "outside a cluster; ~/.kube/config is never used implicitly.",
        ),
    ] = None,
    health_host: Annotated[
        str, typer.Option(help="Address for /healthz, /readyz and /metrics.")
    ] = "0.0.0.0",  # noqa: S104  # probes come from the kubelet, on the Pod IP
    health_port: Annotated[int, typer.Option(help="Port for /healthz, /readyz, /metrics.")] = 8081,
    resync_period: Annotated[
        float, typer.Option(min=0, help="Seconds between resyncs of every parent; 0 disables.")
    ] = 60.0,
    leader_elect: Annotated[
        bool, typer.Option("--leader-elect/--no-leader-elect", help="Elect a leader via a Lease.")
    ] = True,
    lease_namespace: Annotated[
        str | None,
        typer.Option(help="Namespace of the Lease (default: the Pod's namespace, or default)."),
    ] = None,
    lease_name: Annotated[str, typer.Option(help="Name of the Lease.")] = LEASE_NAME,
    # client-go's 15/10/2 s scaled down so a crashed leader (whose Lease must expire) is
    # replaced within 15 s: lease + 2 x retry x jitter = 10 + 4.8 s at worst.
    lease_duration: Annotated[float, typer.Option(help="Lease duration, seconds.")] = 10.0,
    renew_deadline: Annotated[float, typer.Option(help="Renew deadline, seconds.")] = 7.0,
    retry_period: Annotated[float, typer.Option(help="Retry period, seconds.")] = 2.0,
    log_level: Annotated[str, typer.Option(help="debug, info, warning or error.")] = "info",
    log_format: Annotated[
        LogFormat, typer.Option(help="auto is JSON unless stderr is a terminal.")
    ] = LogFormat.AUTO,
    epp_image: Annotated[
        str, typer.Option(help="Endpoint Picker image; llm-d images get llm-d.ai configs.")
    ] = DEFAULT_EPP_IMAGE,
    dcgm_image: Annotated[str, typer.Option(help="DCGM exporter image.")] = DEFAULT_DCGM_IMAGE,
    prometheus_url: Annotated[
        str, typer.Option(help="Prometheus the autoscalers query (KEDA serverAddress).")
    ] = OperatorSettings.prometheus_url,
    system_namespace: Annotated[
        str, typer.Option(help="Namespace of shared children (the DCGM exporter).")
    ] = OperatorSettings.system_namespace,
    gateway_class: Annotated[
        str, typer.Option(help="GatewayClass of Gateways the operator creates.")
    ] = OperatorSettings.gateway_class,
) -> None:
    """Run the operator: caches, leader election, controllers, health and metrics."""
    configure_logging(log_level, log_format)
    try:
        timings = LeaseTimings(lease_duration, renew_deadline, retry_period)
        options = ManagerOptions(
            health_host=health_host,
            health_port=health_port,
            resync_period=resync_period,
            leader_election=leader_elect,
            lease_name=lease_name,
            lease_namespace=lease_namespace or default_lease_namespace(),
            lease_timings=timings,
        )
        manager = Manager.connect(kubeconfig, options)
        settings = OperatorSettings(
            epp_image=epp_image,
            dcgm_image=dcgm_image,
            prometheus_url=prometheus_url,
            system_namespace=system_namespace,
            gateway_class=gateway_class,
        )
        register_controllers(manager, settings)
    except (ConfigurationError, ValueError) as e:
        console.print(f"[red]error:[/red] {e}")
        raise typer.Exit(code=2) from e
    asyncio.run(run_until_signalled(manager.run))
