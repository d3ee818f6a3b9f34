"""The OTLP ingest queue: bounded memory, batched inserts in parallel, an answer per request.

`OtlpIngestor.ingest(payload)` queues one request's protobuf payload and returns once the
batch holding it is in the database (so a 200 means stored, not merely queued). Worker tasks
(`IngestSettings.workers`, each with its own store session, `AnalyticsStore.session()`) take
turns: a worker collects payloads until `max_batch_bytes` are waiting or `flush_interval`
seconds have passed since the oldest one arrived, hands them to the store as one payload —
concatenated `ExportLogsServiceRequest`s are one request whose `resource_logs` are all of
theirs, by protobuf's merge rule; the store writes them one after another, never joined in
memory — and runs one insert per event present in the batch
(`schema.ddl.LANDING_INSERTS`: the records of that event into its landing table) in a thread,
while the next worker collects the next batch. The engine decodes and writes an insert on one
core (chDB and a ClickHouse server alike run an `INSERT … SELECT` from one input stream on
one thread), so two sessions inserting at once is what puts a second core to work; the
measured gain is in `docs/analytics.md`.

Large batches matter: every insert runs its landing table's views and writes a part per
table, a fixed cost of the order of 0.1 s of CPU (~0.2 s on chDB, whatever the size), so the
defaults aim at large inserts under load (64 MiB ≈ 60k records).

Backpressure: the bytes of every payload not yet answered (queued or being inserted) are
counted; a payload that would take them past `max_queue_bytes` is refused at once with
`IngestBackpressureError` (HTTP 429 + Retry-After) — memory never grows without bound. When a
batch fails, its payloads are inserted one by one, so one bad request cannot fail the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import anyio.to_thread

from ngf_console.analytics.errors import (
    AnalyticsError,
    IngestBackpressureError,
    StoreUnavailableError,
)
from ngf_console.analytics.schema.ddl import LANDING_INSERTS
from ngf_console.analytics.schema.rollups import flush_buffers
from ngf_console.analytics.store import AnalyticsStore, FormattedInsert, Payload

_MIB = 1024 * 1024
_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IngestSettings:
    """Limits of the ingest path."""

    max_queue_bytes: int = 128 * _MIB
    max_batch_bytes: int = 64 * _MIB
    max_body_bytes: int = 16 * _MIB
    flush_interval: float = 0.5
    retry_after_s: int = 1
    workers: int = 2
    """Batches inserted at once, each through its own store session (1: the store's own)."""

    def __post_init__(self) -> None:
        if min(self.max_queue_bytes, self.max_batch_bytes, self.max_body_bytes) <= 0:
            raise ValueError("byte limits must be positive")
        if self.flush_interval < 0:
            raise ValueError("flush_interval must be >= 0")
        if not 1 <= self.workers <= 16:
            raise ValueError("workers must be between 1 and 16")


@dataclass(slots=True)
class _Pending:
    payload: bytes
    events: Collection[str] | None
    done: asyncio.Future[None]
    arrived: float


class OtlpIngestor:
    """Batches OTLP payloads into `store`; `start()` it on the serving event loop."""

    def __init__(
        self,
        store: AnalyticsStore,
        settings: IngestSettings | None = None,
        inserts: Mapping[str, FormattedInsert] = LANDING_INSERTS,
    ) -> None:
        self._store = store
        self.settings = settings or IngestSettings()
        self._inserts = inserts
        self._queue: deque[_Pending] = deque()
        self._queued_bytes = 0
        self._wake = asyncio.Event()
        self._workers: list[asyncio.Task[None]] = []
        self._sessions: list[AnalyticsStore] = []
        self._accepting = False
        self._draining = False
        self.pending_bytes = 0
        self.batches = 0

    async def start(self) -> None:
        """Open the workers' sessions and start the workers (idempotent).

        `StoreUnavailableError` when a session cannot be opened (none is left open)."""
        if self._workers:
            return
        count = self.settings.workers
        sessions = [self._store] if count == 1 else await self._open_sessions(count)
        self._sessions = sessions
        self._accepting, self._draining = True, False
        self._workers = [
            asyncio.create_task(self._run(s), name=f"otlp-ingest-{n}")
            for n, s in enumerate(sessions)
        ]

    async def stop(self) -> None:
        """Refuse new payloads, insert every queued one, stop the workers, flush the rollups'
        buffers (`schema.rollups.BUFFER`), close sessions."""
        self._accepting = False
        if not self._workers:
            return
        self._draining = True
        self._wake.set()
        await asyncio.gather(*self._workers, return_exceptions=True)
        self._workers = []
        try:
            await anyio.to_thread.run_sync(flush_buffers, self._store)
        except AnalyticsError as e:
            _log.warning("could not flush the rollup buffers on stop: %s", e)
        opened = [s for s in self._sessions if s is not self._store]
        self._sessions = []
        for session in opened:
            await anyio.to_thread.run_sync(session.close)

    async def ingest(self, payload: bytes, events: Collection[str] | None = None) -> None:
        """Queue `payload` and wait until it is stored (or raise why it was not).

        `events`: the events its records carry (None: any), so that only their inserts run."""
        if not self._accepting:
            raise StoreUnavailableError("the OTLP ingest is not running")
        size = len(payload)
        if self.pending_bytes + size > self.settings.max_queue_bytes:
            raise IngestBackpressureError(
                self.settings.retry_after_s,
                f"the ingest queue is full ({self.pending_bytes} of "
                f"{self.settings.max_queue_bytes} bytes waiting); retry later",
            )
        loop = asyncio.get_running_loop()
        pending = _Pending(payload, events, loop.create_future(), loop.time())
        self._queue.append(pending)
        self._queued_bytes += size
        self.pending_bytes += size
        self._wake.set()
        await pending.done  # a cancelled caller cancels it; the batch is stored anyway

    async def _open_sessions(self, count: int) -> list[AnalyticsStore]:
        sessions: list[AnalyticsStore] = []
        try:
            for _ in range(count):
                sessions.append(await anyio.to_thread.run_sync(self._store.session))
        except BaseException:
            for session in sessions:
                session.close()
            raise
        return sessions

    async def _run(self, store: AnalyticsStore) -> None:
        """One worker: wait for a batch to be due, insert it through `store`, repeat."""
        loop = asyncio.get_running_loop()
        while True:
            if not self._queue:
                if self._draining:
                    return
                self._wake.clear()
                await self._wake.wait()
                continue
            due = self._queue[0].arrived + self.settings.flush_interval
            while (
                self._queue
                and not self._draining
                and self._queued_bytes < self.settings.max_batch_bytes
                and (left := due - loop.time()) > 0
            ):
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), left)
            await self._flush(store)

    async def _flush(self, store: AnalyticsStore) -> None:
        batch: list[_Pending] = []
        size = 0
        while self._queue and (not batch or size + len(self._queue[0].payload) <=
                               self.settings.max_batch_bytes):  # fmt: skip
            item = self._queue.popleft()
            batch.append(item)
            size += len(item.payload)
        if not batch:
            return
        self._queued_bytes -= size
        if self._queue:
            self._wake.set()  # the rest is another worker's
        try:
            await self._store_batch(store, batch)
        finally:
            self.pending_bytes -= size

    async def _store_batch(self, store: AnalyticsStore, batch: list[_Pending]) -> None:
        failed: dict[int, BaseException] = {}
        for event, insert in self._inserts.items():
            items = [i for i, p in enumerate(batch) if p.events is None or event in p.events]
            if not items:
                continue
            try:
                await self._write(store, insert, [batch[i].payload for i in items])
            except Exception as e:  # any failure: retried payload by payload below
                if len(items) == 1:
                    failed.setdefault(items[0], e)
                    continue
                for i in items:
                    try:
                        await self._write(store, insert, batch[i].payload)
                    except Exception as single:  # handed to that request's caller
                        failed.setdefault(i, single)
        for i, item in enumerate(batch):
            _settle(item, failed.get(i))

    async def _write(self, store: AnalyticsStore, insert: FormattedInsert, data: Payload) -> None:
        self.batches += 1
        await anyio.to_thread.run_sync(store.insert_formatted, insert, data)


def store_payload(
    store: AnalyticsStore,
    payload: bytes,
    inserts: Mapping[str, FormattedInsert] = LANDING_INSERTS,
) -> None:
    """Store a protobuf logs request at once, one insert per event (tools and benchmarks)."""
    for insert in inserts.values():
        store.insert_formatted(insert, payload)


def _settle(item: _Pending, error: BaseException | None) -> None:
    if item.done.done():
        return  # its caller went away
    if error is None:
        item.done.set_result(None)
    else:
        item.done.set_exception(error)
