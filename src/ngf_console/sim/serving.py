"""Serve ASGI apps on loopback ports inside the running event loop (uvicorn).

Many servers share one loop, so none of them may own the process's signal handlers:
`_EmbeddedServer` leaves signals to the caller (the CLI stops the fleet on SIGINT/SIGTERM).
Port 0 binds a free port; `HttpServer.port` is the one the kernel chose. The socket is bound
here, before uvicorn starts, so an address in use is a plain `OSError` (uvicorn itself would
`sys.exit()`, which escapes the event loop).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
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
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        sock = socket.create_server((host, port), family=family, backlog=config.backlog)
    except OSError as e:
        raise OSError(e.errno, f"could not serve on {host}:{port}: {e.strerror}") from e
    sock.setblocking(False)
    bound = int(sock.getsockname()[1])
    server = _EmbeddedServer(config)
    task = asyncio.create_task(server.serve(sockets=[sock]), name=f"http-{host}:{bound}")
    while not server.started:
        if task.done():
            sock.close()
            task.result()
            raise OSError(f"server on {host}:{bound} exited during startup")
        await asyncio.sleep(0.01)
    return HttpServer(server=server, task=task, host=host, port=bound)
