"""`ngf-console cluster ...`: the local control plane for development and the demo."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ngf_console.devcluster import build, crds, process
from ngf_console.devcluster.paths import default_data_dir

cluster_app = typer.Typer(help="Build, start and stop the local control plane.")
console = Console(stderr=True)

DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Cluster data directory (default .cache/localcluster)."),
]


def _fail(message: str) -> typer.Exit:
    console.print(f"[red]error:[/red] {message}")
    return typer.Exit(code=1)


@cluster_app.command("build")
def build_cmd() -> None:
    """Build the control-plane binary if its sources changed."""
    try:
        result = build.ensure_built(log=console.print)
    except build.BuildError as e:
        raise _fail(str(e)) from e
    state = "built" if result.built else "up to date"
    console.print(f"{result.path}: {state}, {result.size_bytes / 1e6:.0f} MB")


@cluster_app.command("up")
def up_cmd(
    data_dir: DataDir = None,
    port: Annotated[int, typer.Option(help="API server port on 127.0.0.1; 0 = free.")] = 0,
) -> None:
    """Start the local control plane in the background and install every CRD."""
    data_dir = data_dir or default_data_dir()
    current = process.running(data_dir)
    if current is not None:
        console.print(f"already running at {current.server} (pid {current.pid})")
        typer.echo(f"export KUBECONFIG={current.kubeconfig}")
        return
    try:
        binary = build.ensure_built(log=console.print).path
        with console.status("starting etcd and kube-apiserver..."):
            cluster = process.start(binary, data_dir, port=port)
        with console.status("installing CRDs (Gateway API, InferencePool, KEDA, cert-manager)..."):
            crds.install(cluster.kubeconfig, crds.all_files())
    except (build.BuildError, process.ClusterError, crds.CRDInstallError) as e:
        raise _fail(str(e)) from e
    console.print(f"[green]local control plane ready[/green] at {cluster.server}")
    console.print(f"log: {cluster.log_file}")
    typer.echo(f"export KUBECONFIG={cluster.kubeconfig}")


@cluster_app.command("down")
def down_cmd(data_dir: DataDir = None) -> None:
    """Stop the background control plane (its data is kept)."""
    data_dir = data_dir or default_data_dir()
    if process.stop(data_dir):
        console.print("local control plane stopped")
    else:
        console.print("no local control plane was running")


@cluster_app.command("status")
def status_cmd(data_dir: DataDir = None) -> None:
    """Say whether the background control plane runs, and where."""
    cluster = process.running(data_dir or default_data_dir())
    if cluster is None:
        raise _fail("the local control plane is not running: `make cluster-up` starts it")
    typer.echo(f"{cluster.server} pid={cluster.pid} kubeconfig={cluster.kubeconfig}")
