"""The probe and metrics endpoint: `/healthz`, `/readyz`, `/metrics` on one port.

* `/healthz` — 200 while the manager's loop serves requests (liveness).
* `/readyz` — 200 once every cache has synced, 503 listing the informers still listing
  (readiness; independent of leadership, so standby replicas are ready too).
* `/metrics` — the manager's registry in the Prometheus text format.

Served by uvicorn inside the manager's event loop on a socket bound before `start()`
returns (port 0 picks a free one; `port` tells which). uvicorn's own signal handling is
disabled: the manager owns SIGTERM/SIGINT.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Callable, Iterator

import uvicorn
from prometheus_client import CONTENT_TYPE_LATEST
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

Check = Callable[[], tuple[bool, str]]
"""A probe: (ok, detail)."""


def health_app(*, alive: Check, ready: Check, metrics: Callable[[], bytes]) -> Starlette:
    """The ASGI app behind the three endpoints."""

    def probe(check: Check) -> Callable[[Request], Response]:
        def endpoint(_: Request) -> Response:
            ok, detail = check()
            return PlainTextResponse(detail + "\n", status_code=200 if ok else 503)

        return endpoint

    def metrics_endpoint(_: Request) -> Response:
        return Response(metrics(), media_type=CONTENT_TYPE_LATEST)

    return Starlette(
        routes=[
            Route("/healthz", probe(alive)),
            Route("/readyz", probe(ready)),
            Route("/metrics", metrics_endpoint),
        ]
    )


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield  # the manager handles signals


class HealthServer:
    """Runs `health_app` on `host:port` in the current event loop."""

    def __init__(self, host: str, port: int, app: Starlette) -> None:
        self._host, self._port = host, port
        self._config = uvicorn.Config(
            app, log_config=None, access_log=False, lifespan="off", timeout_graceful_shutdown=2
        )
        self._server: _Server | None = None
        self._task: asyncio.Task[None] | None = None
        self.port = 0

    async def start(self) -> None:
        """Bind and start serving."""
        sock = socket.create_server((self._host, self._port), reuse_port=False)
        sock.setblocking(False)
        self.port = sock.getsockname()[1]
        self._server = _Server(self._config)
        self._task = asyncio.get_running_loop().create_task(
            self._server.serve(sockets=[sock]), name="health server"
        )
        while not self._server.started:
            if self._task.done():
                self._task.result()  # raise the startup failure
            await asyncio.sleep(0.01)

    async def stop(self) -> None:
        """Stop serving and wait for the server to close."""
        if self._server is None or self._task is None:
            return
        self._server.should_exit = True
        await self._task
        self._server = self._task = None
