"""The server's watch caches: one informer per kind it serves, on its own identity.

Reads never list from the API server per request: at start-up one informer per kind of the
catalog (all namespaces) lists and watches, and an `ObjectView` per kind keeps the manifests
the API returns. Secrets are watched with their `data` and `stringData` dropped as they are
decoded, so no secret value is kept in the server's memory. A kind whose CRD is missing
keeps retrying with backoff; its endpoints answer 503 until it lists. The NGF edition is
`ngf_console.edition.EditionWatcher` on the same cache (without NGF's Secrets).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator
from dataclasses import replace
from typing import Any

from ngf_console.edition import EditionSources, EditionWatcher
from ngf_console.kube.resources import resource_for
from ngf_console.runtime import Cache, Informer, WatchOptions
from ngf_console.runtime.listwatch import LightkubeListWatch, ListWatch, WatchEvent
from ngf_console.runtime.metrics import RuntimeMetrics
from ngf_console.server import catalog
from ngf_console.server.catalog import ResourceType
from ngf_console.server.errors import UnavailableError
from ngf_console.server.views import ObjectView


def _strip_data(obj: Any) -> Any:
    for attr in ("data", "stringData"):
        if getattr(obj, attr, None) is not None:
            setattr(obj, attr, None)
    return obj


class MetadataOnly:
    """A `ListWatch` that drops Secret values before anything stores them."""

    def __init__(self, source: ListWatch[Any]) -> None:
        self._source = source

    async def list(self) -> tuple[list[Any], str]:
        items, version = await self._source.list()
        return [_strip_data(item) for item in items], version

    async def watch(self, resource_version: str) -> AsyncGenerator[WatchEvent[Any], None]:
        stream = self._source.watch(resource_version)
        try:
            async for event in stream:
                yield WatchEvent(event.type, _strip_data(event.obj))
        finally:
            await stream.aclose()


class ReadCache:
    """Informers and views of every kind in the catalog."""

    def __init__(
        self,
        client: Any,
        *,
        edition: EditionSources | None = None,
        options: WatchOptions | None = None,
    ) -> None:
        self._options = options or WatchOptions()
        self._cache = Cache(client, metrics=RuntimeMetrics(), options=self._options)
        self._client = client
        self._tasks: list[asyncio.Task[None]] = []
        self.views: dict[str, ObjectView] = {}
        for rtype in catalog.ALL:
            self.views[rtype.kind] = ObjectView(rtype, self._informer(rtype))
        # The edition from the shared cache; never NGF's Secrets (their values stay out).
        sources = replace(edition or EditionSources(), secrets=False)
        self.edition = EditionWatcher(self._cache, sources)

    def _informer(self, rtype: ResourceType) -> Informer[Any]:
        kind = resource_for(rtype.api_version, rtype.kind)
        if rtype is not catalog.SECRETS:
            return self._cache.informer(kind)
        source = MetadataOnly(LightkubeListWatch(self._client, kind))
        informer: Informer[Any] = Informer(source, name="Secret (metadata)", options=self._options)
        self._secrets = informer
        return informer

    def view(self, rtype: ResourceType) -> ObjectView:
        """The view of `rtype`; `Unavailable` until its informer has listed."""
        view = self.views[rtype.kind]
        if not view.synced:
            raise UnavailableError(
                f"the {rtype.kind} cache has not synced yet (is its CRD installed?)"
            )
        return view

    def ready(self) -> list[str]:
        """Kinds required for readiness that have not listed yet (empty: ready)."""
        return [r.kind for r in catalog.ALL if r.required and not self.views[r.kind].synced]

    async def start(self) -> None:
        await self._cache.start()
        self._tasks.append(asyncio.create_task(self._secrets.run(), name="informer secrets"))

    async def wait_ready(self) -> None:
        """Wait until every required kind has listed (bound it with `asyncio.timeout`)."""
        if True:
            await asyncio.gather(
                *(v.informer.wait_synced() for v in self.views.values() if v.rtype.required)
            )

    async def stop(self) -> None:
        await self._cache.stop()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
