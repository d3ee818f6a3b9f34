"""Helpers for the runtime's integration tests.

* `TcpProxy` — a TCP relay in front of the API server that a test can `cut()` (drop every
  connection and refuse new ones: a network partition) or `freeze()` (keep connections
  open but relay nothing: a half-open, silent connection), then `restore()`.
* `proxied_kubeconfig()` — a copy of a kubeconfig that points at the proxy.
* `Recorder` — an informer handler recording (type, name) of each change.
* `RecordingReconciler` — records every reconcile (key, time) and can fail on demand.
* `running(manager)` — run a Manager in the background for the body of an `async with`.
* `make_configmap()` — a ConfigMap to create.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from lightkube.models.meta_v1 import ObjectMeta, OwnerReference
from lightkube.resources.core_v1 import ConfigMap

from ngf_console.runtime import Change, Manager, ObjectKey, Request, Result, RetryableError


@dataclass
class _Link:
    client: asyncio.StreamWriter
    upstream: asyncio.StreamWriter
    frozen: bool = False
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    def close(self) -> None:
        for task in self.tasks:
            task.cancel()
        for writer in (self.client, self.upstream):
            writer.close()


class TcpProxy:
    """A TCP relay to `host:port` on a free local port."""

    def __init__(self, host: str, port: int) -> None:
        self._upstream = (host, port)
        self._links: list[_Link] = []
        self._refusing = False
        self._server: asyncio.Server | None = None
        self.port = 0

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        self.cut()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    def cut(self) -> None:
        """Drop every connection and refuse new ones until `restore()`."""
        self._refusing = True
        for link in self._links:
            link.close()
        self._links.clear()

    def freeze(self) -> None:
        """Relay nothing more on the connections open now (they stay open)."""
        for link in self._links:
            link.frozen = True

    def restore(self) -> None:
        """Accept and relay new connections again."""
        self._refusing = False

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self._refusing:
            writer.close()
            return
        up_reader, up_writer = await asyncio.open_connection(*self._upstream)
        link = _Link(writer, up_writer)
        self._links.append(link)
        link.tasks = [
            asyncio.create_task(self._pump(link, reader, up_writer)),
            asyncio.create_task(self._pump(link, up_reader, writer)),
        ]

    @staticmethod
    async def _pump(
        link: _Link, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        with contextlib.suppress(ConnectionError, OSError):
            while data := await reader.read(65536):
                if link.frozen:
                    await asyncio.Event().wait()  # silent until closed
                writer.write(data)
                await writer.drain()
        link.close()


def proxied_kubeconfig(kubeconfig: Path, port: int, dest: Path) -> Path:
    """`kubeconfig` with every cluster's server replaced by the proxy on `port`."""
    config = yaml.safe_load(kubeconfig.read_text())
    for cluster in config["clusters"]:
        cluster["cluster"]["server"] = f"https://127.0.0.1:{port}"
    dest.write_text(yaml.safe_dump(config))
    return dest


class Recorder:
    """An informer handler that records what it saw."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []

    def __call__(self, change: Change[ConfigMap]) -> None:
        meta = change.obj.metadata
        self.seen.append((change.type, (meta.name or "") if meta else ""))


class RecordingReconciler:
    """Records reconciles; the first `failures[key]` reconciles of a key raise."""

    def __init__(self) -> None:
        self.calls: list[tuple[ObjectKey, float]] = []
        self.failures: dict[ObjectKey, int] = {}

    def count(self, key: ObjectKey) -> int:
        return sum(1 for k, _ in self.calls if k == key)

    def times(self, key: ObjectKey) -> list[float]:
        return [t for k, t in self.calls if k == key]

    async def reconcile(self, request: Request) -> Result:
        self.calls.append((request, time.monotonic()))
        if self.failures.get(request, 0) > 0:
            self.failures[request] -= 1
            raise RetryableError(f"{request}: dependency not ready")
        return Result()


@contextlib.asynccontextmanager
async def running(manager: Manager) -> AsyncIterator[asyncio.Task[None]]:
    """Run `manager` until the block ends, then stop it gracefully."""
    stop = asyncio.Event()
    task = asyncio.create_task(manager.run(stop))
    try:
        started = asyncio.ensure_future(manager.wait_started())
        await asyncio.wait({started, task}, return_when=asyncio.FIRST_COMPLETED)
        if task.done():
            started.cancel()
            task.result()  # raise why it did not start
        yield task
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=30)


def make_configmap(
    name: str,
    namespace: str,
    *,
    labels: Mapping[str, str] | None = None,
    owner: ConfigMap | None = None,
    data: Mapping[str, str] | None = None,
) -> ConfigMap:
    """A ConfigMap to create, optionally controller-owned by another ConfigMap."""
    owners = None
    if owner is not None:
        assert owner.metadata is not None
        owners = [
            OwnerReference(
                apiVersion="v1",
                kind="ConfigMap",
                name=owner.metadata.name or "",
                uid=owner.metadata.uid or "",
                controller=True,
            )
        ]
    return ConfigMap(
        metadata=ObjectMeta(
            name=name,
            namespace=namespace,
            labels=dict(labels) if labels else None,
            ownerReferences=owners,
        ),
        data=dict(data) if data else None,
    )
