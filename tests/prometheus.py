"""A real Prometheus server for tests, run from the Debian package's binary.

`start(jobs)` writes a scrape configuration for `jobs` (static targets, scraped every
`scrape_interval`, 1 s by default) into a fresh temporary directory, runs
`/usr/bin/prometheus` on a free loopback port with its TSDB in that directory, and returns
once `/-/ready` answers; `stop()` terminates it and deletes the directory.
`PrometheusServer.query()` runs an instant PromQL query over the HTTP API.

A missing binary raises `PrometheusHarnessError` telling the user to run `make setup`,
which installs the Debian package `prometheus`.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

PROMETHEUS_BIN = Path("/usr/bin/prometheus")
_START_ATTEMPTS = 3
_READY_TIMEOUT_S = 30.0


class PrometheusHarnessError(RuntimeError):
    """Prometheus could not be found or started."""


@dataclass(frozen=True)
class ScrapeJob:
    """One `scrape_configs` entry with static targets (`host:port`)."""

    name: str
    targets: Sequence[str]
    metrics_path: str = "/metrics"
    labels: Mapping[str, str] = field(default_factory=dict)


@dataclass
class PrometheusServer:
    """A running Prometheus; `url` is its HTTP API root."""

    process: subprocess.Popen[bytes]
    base_dir: Path
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_file(self) -> Path:
        return self.base_dir / "prometheus.log"

    async def query(self, promql: str) -> list[dict[str, Any]]:
        """The result vector of an instant query (raises on an API error)."""
        async with httpx.AsyncClient(base_url=self.url, timeout=10.0) as client:
            response = await client.get("/api/v1/query", params={"query": promql})
        body = response.json()
        if response.status_code != 200 or body.get("status") != "success":
            raise PrometheusHarnessError(f"query {promql!r} failed: {response.text}")
        result: list[dict[str, Any]] = body["data"]["result"]
        return result

    async def targets(self) -> list[dict[str, Any]]:
        """The active scrape targets with their health."""
        async with httpx.AsyncClient(base_url=self.url, timeout=10.0) as client:
            response = await client.get("/api/v1/targets")
        active: list[dict[str, Any]] = response.json()["data"]["activeTargets"]
        return active


def config(jobs: Sequence[ScrapeJob], scrape_interval: str) -> str:
    """The configuration file (JSON, which Prometheus reads as YAML)."""
    scrape_configs = [
        {
            "job_name": job.name,
            "metrics_path": job.metrics_path,
            "static_configs": [{"targets": list(job.targets), "labels": dict(job.labels)}],
        }
        for job in jobs
    ]
    settings = {"scrape_interval": scrape_interval, "evaluation_interval": scrape_interval}
    return json.dumps({"global": settings, "scrape_configs": scrape_configs}, indent=2)


def start(
    jobs: Sequence[ScrapeJob], *, scrape_interval: str = "1s", binary: Path = PROMETHEUS_BIN
) -> PrometheusServer:
    """Run Prometheus scraping `jobs`; see the module docstring."""
    if not binary.is_file():
        raise PrometheusHarnessError(
            f"Prometheus not found at {binary}: run `make setup` "
            "(it installs the Debian package `prometheus`)"
        )
    base_dir = Path(tempfile.mkdtemp(prefix="ngf-console-prometheus-"))
    try:
        (base_dir / "prometheus.yml").write_text(config(jobs, scrape_interval))
        for _ in range(_START_ATTEMPTS):
            server = _try_start(binary, base_dir, _free_port())
            if server is not None:
                return server
        raise PrometheusHarnessError(
            f"prometheus did not start in {_START_ATTEMPTS} attempts; log:\n{_tail(base_dir)}"
        )
    except BaseException:
        shutil.rmtree(base_dir, ignore_errors=True)
        raise


def stop(server: PrometheusServer) -> None:
    """Terminate Prometheus (kill after 10 s) and delete its directory."""
    try:
        server.process.terminate()
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=10)
    finally:
        shutil.rmtree(server.base_dir, ignore_errors=True)


def _try_start(binary: Path, base_dir: Path, port: int) -> PrometheusServer | None:
    argv = [
        str(binary),
        f"--config.file={base_dir / 'prometheus.yml'}",
        f"--storage.tsdb.path={base_dir / 'data'}",
        f"--web.listen-address=127.0.0.1:{port}",
        "--log.level=warn",
    ]
    log = (base_dir / "prometheus.log").open("ab")
    process = subprocess.Popen(  # noqa: S603 - fixed argv of the Debian binary, no shell
        argv, stdout=log, stderr=subprocess.STDOUT, cwd=base_dir
    )
    log.close()
    server = PrometheusServer(process=process, base_dir=base_dir, port=port)
    deadline = time.monotonic() + _READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            if "address already in use" in _tail(base_dir):
                return None  # lost the race for the port: try another
            raise PrometheusHarnessError(
                f"prometheus exited with {process.returncode}; log:\n{_tail(base_dir)}"
            )
        try:
            if httpx.get(f"{server.url}/-/ready", timeout=1.0).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    stop(server)
    raise PrometheusHarnessError(f"prometheus not ready in {_READY_TIMEOUT_S:.0f}s")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _tail(base_dir: Path, lines: int = 30) -> str:
    try:
        text = (base_dir / "prometheus.log").read_text(errors="replace")
    except FileNotFoundError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])
