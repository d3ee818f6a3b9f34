"""`ngf-console run`: the whole product on the embedded defaults (what `make run` calls).

It reuses the background local control plane or starts one, makes sure the system
namespace exists, starts the operator against that cluster only, starts the API server
(serving the built web UI at `/`) as its own narrow ServiceAccount, prints the URL and an
admin token (also written to `.cache/run/access.json`), and stops what it started on Ctrl-C.
With the demo, the API server reads the demo's Prometheus and the demo exports its OTLP logs
(EPP decisions, requests, access logs) to the API server's receiver as a ServiceAccount that
may only do that (`prepare_telemetry`), so ClickHouse (chDB under `.cache/run/chdb`) fills.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
import yaml
from rich.console import Console

from ngf_console.cli.api import prepare_local_access, write_access_file
from ngf_console.devcluster import build, crds, process
from ngf_console.devcluster.paths import cache_dir, default_data_dir, repo_root
from ngf_console.devcluster.supervisor import Service, ServiceError, Supervisor
from ngf_console.kube import identities

console = Console(stderr=True)
SYSTEM_NAMESPACE = "ngf-console-system"
TELEMETRY_ROLE = "ngf-console-telemetry-writer"
TELEMETRY_ACCOUNT = "ngf-console-telemetry"


def prepare_telemetry(kubeconfig: Path, namespace: str, run_dir: Path) -> str:
    """A token allowed to export OTLP logs to the API server (for the demo's exporter).

    The receiver authorizes `create` on the virtual resource `otlplogs.ngf-console.f5.com`
    (see `server.otlp`); this applies a ClusterRole granting only that and binds a
    ServiceAccount of its own to it.
    """
    role = {
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
        "metadata": {"name": TELEMETRY_ROLE,
                     "labels": {"app.kubernetes.io/name": "ngf-console"}},
        "rules": [{"apiGroups": ["ngf-console.f5.com"], "resources": ["otlplogs"],
                   "verbs": ["create"]}],
    }  # fmt: skip
    path = run_dir / "telemetry-role.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(role))
    identities.apply_cluster_roles(kubeconfig, [path])
    return identities.service_account_token(
        kubeconfig, namespace, TELEMETRY_ACCOUNT, TELEMETRY_ROLE, seconds=86400
    )


def _ensure_cluster(started: list[process.Cluster]) -> process.Cluster:
    data_dir = default_data_dir()
    cluster = process.running(data_dir)
    if cluster is not None:
        console.print(f"using the running local control plane at {cluster.server}")
        return cluster
    binary = build.ensure_built(log=console.print).path
    with console.status("starting the local control plane..."):
        cluster = process.start(binary, data_dir)
    started.append(cluster)
    with console.status("installing CRDs..."):
        crds.install(cluster.kubeconfig, crds.all_files())
    return cluster


def run_cmd(
    operator_health_port: Annotated[
        int, typer.Option(help="Port of the operator's /healthz, /readyz and /metrics.")
    ] = 8081,
    api_port: Annotated[int, typer.Option(help="Port of the API server and the web UI.")] = 8080,
    demo: Annotated[
        bool,
        typer.Option(help="Start the simulated inference fleet, its traffic and Prometheus."),
    ] = True,
    prometheus_port: Annotated[int, typer.Option(help="Port of the demo's Prometheus.")] = 9090,
) -> None:
    """Start the local control plane, the operator and the API server with the web UI;
    Ctrl-C stops what this started."""
    started: list[process.Cluster] = []
    supervisor = Supervisor(log=console.print)
    try:
        cluster = _ensure_cluster(started)
        crds.ensure_namespace(cluster.kubeconfig, SYSTEM_NAMESPACE)
        run_dir = cache_dir() / "run"
        exe = str(Path(sys.executable).parent / "ngf-console")
        supervisor.start(
            Service(
                "operator",
                [
                    exe, "operator", f"--kubeconfig={cluster.kubeconfig}",
                    "--health-host=127.0.0.1", f"--health-port={operator_health_port}",
                    f"--prometheus-url=http://127.0.0.1:{prometheus_port}",
                    f"--lease-namespace={SYSTEM_NAMESPACE}",
                    f"--system-namespace={SYSTEM_NAMESPACE}",
                ],
                run_dir / "operator.log",
                ready_url=f"http://127.0.0.1:{operator_health_port}/readyz",
            )
        )  # fmt: skip
        api_kubeconfig, admin_token = prepare_local_access(
            cluster.kubeconfig, SYSTEM_NAMESPACE, run_dir
        )
        url = f"http://127.0.0.1:{api_port}/"
        prometheus = f"http://127.0.0.1:{prometheus_port}"
        api_env = {**os.environ, "NGF_CONSOLE_API_PROMETHEUS_URL": prometheus}
        supervisor.start(
            Service(
                "api",
                [
                    exe, "api", f"--kubeconfig={api_kubeconfig}", "--host=127.0.0.1",
                    f"--port={api_port}", f"--static-dir={repo_root() / 'frontend' / 'dist'}",
                ],
                run_dir / "api.log",
                ready_url=f"http://127.0.0.1:{api_port}/readyz",
                env=api_env if demo else None,
            )
        )  # fmt: skip
        if demo:
            token = prepare_telemetry(cluster.kubeconfig, SYSTEM_NAMESPACE, run_dir)
            otlp_env = {
                **os.environ,
                "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{api_port}",
                "OTEL_EXPORTER_OTLP_HEADERS": f"Authorization=Bearer%20{token}",
            }
            supervisor.start(
                Service(
                    "demo (simulated inference fleet, traffic, Prometheus)",
                    [
                        exe, "demo", f"--kubeconfig={cluster.kubeconfig}",
                        f"--prometheus-port={prometheus_port}",
                        f"--operator-metrics=127.0.0.1:{operator_health_port}",
                        f"--api-metrics=127.0.0.1:{api_port}",
                    ],
                    run_dir / "demo.log",
                    ready_url=f"http://127.0.0.1:{prometheus_port}/-/ready",
                    env=otlp_env,
                ),
                timeout=120,
            )  # fmt: skip
        access = run_dir / "access.json"
        write_access_file(access, url=url, token=admin_token, namespace=SYSTEM_NAMESPACE)
        console.print()
        console.print("[bold green]NGF Console is running[/bold green] (Ctrl-C stops it)")
        console.print(f"  console:          {url}")
        console.print(f"  admin token:      {admin_token}", soft_wrap=True)
        console.print(f"  (URL and token also in {access})")
        console.print(f"  Kubernetes API:   {cluster.server}")
        console.print(f"  kubeconfig:       export KUBECONFIG={cluster.kubeconfig}")
        console.print(f"  operator metrics: http://127.0.0.1:{operator_health_port}/metrics")
        if demo:
            console.print(f"  Prometheus:       http://127.0.0.1:{prometheus_port}/")
            console.print("  demo stacks:      kubectl get istack -n demo")
        console.print(
            "  try:              kubectl apply -f config/samples/inferencestack_vllm.yaml"
        )
        supervisor.watch()
    except KeyboardInterrupt:
        console.print("stopping...")
    except (ServiceError, build.BuildError, process.ClusterError, crds.CRDInstallError) as e:
        console.print(f"[red]error:[/red] {e}")
        raise typer.Exit(code=1) from e
    finally:
        supervisor.stop()
        for cluster in started:
            process.stop_pid(cluster.pid)
            console.print("local control plane stopped")
