"""Serve ASGI apps on loopback ports inside the running event loop (uvicorn).

Many servers share one loop, so none of them may own the process's signal handlers:
`_EmbeddedServer` leaves signals to the caller (the CLI stops the fleet on SIGINT/SIGTERM).
Port 0 binds a free port; `HttpServer.port` is the one the kernel chose.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Generator
from dataclasses import dataclass

import uvicorn
from starlette.types import ASGIApp

_GRACE_S = 2  # streams still open after this are cut when a pod is scaled down


class _EmbeddedServer(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


@dataclass
class HttpServer:
    """A running server; `await stop()` shuts it down."""

    server: uvicorn.Server
    task: asyncio.Task[None]
    host: str
    port: int

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def stop(self) -> None:
        self.server.should_exit = True
        await self.task


async def serve(app: ASGIApp, *, host: str = "127.0.0.1", port: int = 0) -> HttpServer:
    """Start `app` on `host:port` and return once it accepts connections."""
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=_GRACE_S,
    )
    server = _EmbeddedServer(config)
    task = asyncio.create_task(server.serve(), name=f"http-{host}:{port}")
    while not server.started:
        if task.done():
            try:
                task.result()
            except SystemExit as e:  # uvicorn exits when it cannot bind
                raise OSError(f"could not serve on {host}:{port} (port in use?)") from e
            raise OSError(f"server on {host}:{port} exited during startup")
        await asyncio.sleep(0.01)
    bound = server.servers[0].sockets[0].getsockname()[1]
    return HttpServer(server=server, task=task, host=host, port=int(bound))
