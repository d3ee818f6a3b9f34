"""A real Prometheus for the demo: its configuration, its file-based discovery, the process.

The binary is the Debian package's (`/usr/bin/prometheus`, installed by `make setup`). Its
directory holds `prometheus.yml`, `targets/<job>.json` and the TSDB (`data/`).

* `model-servers` — every simulated model server (`file_sd`), labelled with its
  `namespace`, `pod`, `pool` and `backend`;
* `dcgm` — every pod's DCGM exporter (`file_sd`, `honor_labels`: the exporter's own `pod`,
  `namespace` and `container` labels are the attribution, as in dcgm-exporter's Kubernetes mode);
* `ngf-console-operator`, `ngf-console-api` — the `/metrics` given (static), if any.

`write_targets()` rewrites the discovery files atomically (write, then rename) whenever the
fleet changes; Prometheus notices at once (inotify) and re-reads them every 5 s anyway.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from ngf_console.sim.node import ScrapeTarget

PROMETHEUS_BIN = Path("/usr/bin/prometheus")
FILE_SD_JOBS = ("model-servers", "dcgm")
_READY_TIMEOUT_S = 30.0


class PrometheusError(RuntimeError):
    """Prometheus is missing, could not start or did not become ready."""


@dataclass(frozen=True, slots=True)
class StaticJob:
    """A job with one fixed target (`host:port`)."""

    name: str
    target: str
    metrics_path: str = "/metrics"


def render_config(
    directory: Path, static: Sequence[StaticJob], *, scrape_interval: str = "5s"
) -> str:
    """`prometheus.yml` (JSON, which Prometheus reads as YAML)."""
    jobs: list[dict[str, Any]] = [
        {
            "job_name": job,
            "honor_labels": job == "dcgm",
            "file_sd_configs": [
                {"files": [str(directory / "targets" / f"{job}.json")], "refresh_interval": "5s"}
            ],
        }
        for job in FILE_SD_JOBS
    ]
    jobs += [
        {
            "job_name": job.name,
            "metrics_path": job.metrics_path,
            "static_configs": [{"targets": [job.target]}],
        }
        for job in static
    ]
    settings = {"scrape_interval": scrape_interval, "evaluation_interval": scrape_interval}
    return json.dumps({"global": settings, "scrape_configs": jobs}, indent=2)


def file_sd(targets: Iterable[ScrapeTarget], job: str) -> list[dict[str, Any]]:
    """The discovery file of `job`: one group per target, with its labels."""
    return [{"targets": [t.address], "labels": dict(t.labels)} for t in targets if t.job == job]


def write_targets(directory: Path, targets: Sequence[ScrapeTarget]) -> None:
    """Rewrite every discovery file atomically."""
    folder = directory / "targets"
    folder.mkdir(parents=True, exist_ok=True)
    for job in FILE_SD_JOBS:
        path = folder / f"{job}.json"
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(file_sd(targets, job), indent=1))
        os.replace(tmp, path)


class PrometheusProcess:
    """`/usr/bin/prometheus` on `127.0.0.1:port` with everything under `directory`."""

    def __init__(self, directory: Path, port: int, *, binary: Path = PROMETHEUS_BIN) -> None:
        self.directory = directory
        self.port = port
        self.binary = binary
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_file(self) -> Path:
        return self.directory / "prometheus.log"

    def start(self, config: str) -> None:
        """Write the configuration and start the process (see `wait_ready`)."""
        if not self.binary.is_file():
            raise PrometheusError(
                f"Prometheus not found at {self.binary}: run `make setup` "
                "(it installs the Debian package `prometheus`)"
            )
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / "prometheus.yml").write_text(config)
        write_targets(self.directory, [])
        argv = [
            str(self.binary),
            f"--config.file={self.directory / 'prometheus.yml'}",
            f"--storage.tsdb.path={self.directory / 'data'}",
            "--storage.tsdb.retention.time=2d",
            f"--web.listen-address=127.0.0.1:{self.port}",
            "--log.level=warn",
        ]
        with self.log_file.open("ab") as log:
            self._process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
                argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )

    async def wait_ready(self) -> None:
        """Return once `/-/ready` answers 200; `PrometheusError` with its log otherwise."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + _READY_TIMEOUT_S
        async with httpx.AsyncClient(trust_env=False, timeout=1.0) as http:
            while loop.time() < deadline:
                if self._process is None or self._process.poll() is not None:
                    raise PrometheusError(f"prometheus exited; log:\n{self._tail()}")
                try:
                    if (await http.get(f"{self.url}/-/ready")).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.2)
        raise PrometheusError(
            f"prometheus not ready in {_READY_TIMEOUT_S:.0f}s; log:\n{self._tail()}"
        )

    def stop(self) -> None:
        """Terminate (kill after 10 s); its data stays for the next run."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

    def _tail(self, lines: int = 20) -> str:
        try:
            text = self.log_file.read_text(errors="replace")
        except FileNotFoundError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])
