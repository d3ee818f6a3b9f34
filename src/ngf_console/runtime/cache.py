"""The manager's shared cache: one informer per (kind, namespace, label selector).

Controllers ask for informers while they are wired (`informer()` returns the existing one
for an equal request, so two controllers watching the same children share one watch);
`start()` runs them all, `has_synced()` says whether every one has listed (readiness),
`stop()` cancels them. Informers requested after `start()` start at once.
Reconcilers read objects from `informer(...).store`, never from the API server.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any, cast, get_args

from lightkube import AsyncClient

from ngf_console.runtime.clock import SYSTEM_CLOCK, Clock
from ngf_console.runtime.informer import Informer, RestartReason, WatchOptions
from ngf_console.runtime.keys import R, kind_name
from ngf_console.runtime.listwatch import Labels, LightkubeListWatch, selector_string
from ngf_console.runtime.metrics import RuntimeMetrics

InformerKey = tuple[type[Any], str | None, str | None]


class Cache:
    """Informers by (kind, namespace, selector)."""

    def __init__(
        self,
        client: AsyncClient,
        *,
        metrics: RuntimeMetrics,
        options: WatchOptions | None = None,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        self._client = client
        self._metrics = metrics
        self._options = options or WatchOptions()
        self._clock = clock
        self._informers: dict[InformerKey, Informer[Any]] = {}
        self._tasks: dict[InformerKey, asyncio.Task[None]] = {}
        self._started = False

    def informer(
        self,
        kind: type[R],
        *,
        namespace: str | None = None,
        labels: Labels | None = None,
    ) -> Informer[R]:
        """The informer of `kind` in `namespace` (None: all) matching `labels` (None: all)."""
        selector = selector_string(labels)
        key: InformerKey = (kind, namespace, selector)
        found = self._informers.get(key)
        if found is not None:
            return cast(Informer[R], found)
        kind_label = kind_name(kind)
        name = " ".join(p for p in (kind_label, namespace and f"ns={namespace}", selector) if p)

        def restarted(reason: RestartReason) -> None:
            self._metrics.watch_restarts.labels(kind=kind_label, reason=reason).inc()

        for reason in get_args(RestartReason):  # export every series from the start, at 0
            self._metrics.watch_restarts.labels(kind=kind_label, reason=reason)

        source = LightkubeListWatch(
            self._client,
            kind,
            namespace=namespace,
            labels=labels,
            server_timeout=self._options.server_timeout,
        )
        informer = Informer(
            source, name=name, options=self._options, clock=self._clock, on_restart=restarted
        )
        self._informers[key] = informer
        if self._started:
            self._start(key, informer)
        return informer

    @property
    def informers(self) -> list[Informer[Any]]:
        return list(self._informers.values())

    def has_synced(self) -> bool:
        """True when every informer has completed its first list."""
        return all(i.has_synced for i in self._informers.values())

    def unsynced(self) -> list[str]:
        """Names of informers that have not listed yet."""
        return [i.name for i in self._informers.values() if not i.has_synced]

    async def wait_for_sync(self) -> None:
        """Wait until every informer (including ones added meanwhile) has listed."""
        while not self.has_synced():
            await asyncio.gather(*(i.wait_synced() for i in self._informers.values()))

    async def start(self) -> None:
        """Start every informer (idempotent)."""
        if self._started:
            return
        self._started = True
        for key, informer in self._informers.items():
            self._start(key, informer)

    async def stop(self) -> None:
        """Cancel every informer and wait for them to end."""
        self._started = False
        tasks = list(self._tasks.values())
        self._tasks.clear()
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def _start(self, key: InformerKey, informer: Informer[Any]) -> None:
        self._tasks[key] = asyncio.get_running_loop().create_task(
            informer.run(), name=f"informer {informer.name}"
        )
