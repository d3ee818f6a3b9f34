"""Start the product's processes for `make run`, watch them, stop them in reverse order.

Each service is a child process with its own log file under `.cache/run/`; a service
is up when its readiness URL answers 200. If one exits early, the run stops and says
which, with the tail of its log.
"""

from __future__ import annotations

import contextlib
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


class ServiceError(RuntimeError):
    """A service failed to start or died."""


@dataclass
class Service:
    """One supervised process."""

    name: str
    argv: list[str]
    log: Path
    ready_url: str | None = None
    env: dict[str, str] | None = None
    proc: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return "(no log)"


def _ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:  # noqa: S310 - our own loopback URL
            return bool(resp.status == 200)
    except (urllib.error.URLError, OSError):
        return False


class Supervisor:
    """Starts services in order and stops them in reverse."""

    def __init__(self, log: Callable[[str], None] = print) -> None:
        self.services: list[Service] = []
        self._log = log

    def start(self, service: Service, timeout: float = 60.0) -> None:
        service.log.parent.mkdir(parents=True, exist_ok=True)
        with service.log.open("ab") as out:
            service.proc = subprocess.Popen(
                service.argv, stdout=out, stderr=out, stdin=subprocess.DEVNULL, env=service.env
            )
        self.services.append(service)
        deadline = time.monotonic() + timeout
        while service.ready_url is not None and not _ok(service.ready_url):
            if service.proc.poll() is not None or time.monotonic() > deadline:
                raise ServiceError(
                    f"{service.name} did not become ready ({service.ready_url}); "
                    f"last log lines ({service.log}):\n{service.tail()}"
                )
            time.sleep(0.3)
        self._log(f"{service.name} is up (log: {service.log})")

    def watch(self, poll: float = 1.0) -> None:
        """Block until a service exits (raises) or the caller is interrupted."""
        while True:
            for service in self.services:
                if service.proc is not None and service.proc.poll() is not None:
                    raise ServiceError(
                        f"{service.name} exited with code {service.proc.returncode}; "
                        f"last log lines ({service.log}):\n{service.tail()}"
                    )
            time.sleep(poll)

    def stop(self) -> None:
        for service in reversed(self.services):
            proc = service.proc
            if proc is None or proc.poll() is not None:
                continue
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=5)
            self._log(f"{service.name} stopped")
        self.services.clear()
