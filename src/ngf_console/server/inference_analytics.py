"""The API server's analytics store and OTLP receiver, opened on first use.

`AnalyticsService` opens the configured store (chDB by default, a ClickHouse server by URL)
the first time a request needs it — the OTLP receiver or an inference metrics query — and
migrates its schema; opening takes seconds, and a server that never receives telemetry never
loads the engine. The OTLP ingest worker then runs on the serving event loop; `close()` stores
what is queued and closes the store. Queries run in worker threads (the engines block).

Where the data lives when the settings do not say (`analytics_settings`): the ClickHouse
server of `NGF_CONSOLE_CLICKHOUSE_URL`, else chDB at `NGF_CONSOLE_CHDB_PATH`, else the
directory `chdb` beside the configuration database's SQLite file (`.cache/run/chdb` for
`make run`). chDB runs one data path per process.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TypeVar

import anyio.to_thread
import structlog

from ngf_console.analytics import (
    AnalyticsError,
    AnalyticsSettings,
    AnalyticsStore,
    IngestSettings,
    InvalidQueryError,
    OtlpReceiver,
    StoreUnavailableError,
    open_store,
)
from ngf_console.server.errors import Cause, InvalidError, UnavailableError
from ngf_console.server.settings import ServerSettings

log = structlog.get_logger(__name__)
T = TypeVar("T")


def analytics_settings(settings: ServerSettings) -> AnalyticsSettings:
    """The store the server uses (see the module docstring)."""
    if settings.analytics is not None:
        return settings.analytics
    from_env = AnalyticsSettings()
    if from_env.clickhouse_url or "chdb_path" in from_env.model_fields_set:
        return from_env
    return from_env.model_copy(update={"chdb_path": settings.store.sqlite_path.parent / "chdb"})


class AnalyticsService:
    """The store and the receiver, opened once on first use."""

    def __init__(
        self,
        settings: AnalyticsSettings,
        *,
        ingest: IngestSettings | None = None,
        listeners: list[Callable[[bytes], None]] | None = None,
    ) -> None:
        self._settings = settings
        self._ingest = ingest
        self._listeners = listeners or []
        self._lock = asyncio.Lock()
        self._store: AnalyticsStore | None = None
        self._receiver: OtlpReceiver | None = None
        self._closed = False

    @property
    def where(self) -> str:
        """The store, for logs (no credentials)."""
        if self._settings.clickhouse_url:
            return "ClickHouse server (NGF_CONSOLE_CLICKHOUSE_URL)"
        return f"chDB at {self._settings.chdb_path.absolute()}"

    async def receiver(self) -> OtlpReceiver:
        """The OTLP receiver, its ingest running (UnavailableError when the store is not)."""
        await self.store()
        receiver = self._receiver
        if receiver is None:
            raise UnavailableError("the analytics store is closing")
        return receiver

    async def store(self) -> AnalyticsStore:
        """The migrated store (UnavailableError when it cannot be opened)."""
        store = self._store
        if store is not None:
            return store
        async with self._lock:
            if self._closed:
                raise UnavailableError("the analytics store is closing")
            return self._store or await self._open()

    async def _open(self) -> AnalyticsStore:
        try:
            store = await anyio.to_thread.run_sync(open_store, self._settings)
        except AnalyticsError as e:
            log.warning("analytics store unavailable", store=self.where, error=str(e))
            raise UnavailableError(f"the analytics store is unavailable: {e}") from e
        receiver = OtlpReceiver(store, settings=self._ingest)
        receiver.listeners.extend(self._listeners)
        try:
            await receiver.ingestor.start()
        except AnalyticsError as e:
            await anyio.to_thread.run_sync(store.close)
            log.warning("analytics ingest unavailable", store=self.where, error=str(e))
            raise UnavailableError(f"the analytics store is unavailable: {e}") from e
        self._store, self._receiver = store, receiver
        log.info("analytics store ready", store=self.where)
        return store

    async def run(self, query: Callable[..., T], *args: object, **kwargs: object) -> T:
        """`query(store, *args, **kwargs)` in a worker thread.

        A query's invalid parameter is a 422 naming it; an unreachable store a 503.
        """
        store = await self.store()
        try:
            return await anyio.to_thread.run_sync(partial(query, store, *args, **kwargs))
        except InvalidQueryError as e:
            message = str(e).removeprefix(f"{e.field}: ")
            cause = Cause(field=f"query.{e.field}", message=message)
            raise InvalidError(str(e), causes=[cause]) from e
        except StoreUnavailableError as e:
            raise UnavailableError(f"the analytics store is unavailable: {e}") from e

    async def close(self) -> None:
        """Store what the receiver queued, then close the store."""
        async with self._lock:
            self._closed = True
            if self._receiver is not None:
                await self._receiver.ingestor.stop()
            if self._store is not None:
                await anyio.to_thread.run_sync(self._store.close)
            self._store = self._receiver = None
