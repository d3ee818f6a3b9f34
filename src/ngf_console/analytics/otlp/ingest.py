"""The OTLP ingest queue: bounded memory, batched inserts, an answer per request.

`OtlpIngestor.ingest(payload)` queues one request's protobuf payload and returns once the
batch holding it is in the database (so a 200 means stored, not merely queued). A worker
task collects payloads until `max_batch_bytes` are waiting or `flush_interval` seconds have
passed since the oldest one, concatenates them — concatenated `ExportLogsServiceRequest`s
are one request whose `resource_logs` are all of theirs, by protobuf's merge rule — and runs
one insert per event present in the batch (`schema.ddl.LANDING_INSERTS`: the records of that
event into its landing table) in a worker thread. Large batches matter: every insert runs
its landing table's views and writes a part per table, a fixed cost of the order of 0.1 s of
CPU (~0.2 s on chDB, whatever the size), so the defaults aim at large inserts under load
(64 MiB ≈ 60k records).

Backpressure: the bytes of every payload not yet answered (queued or being inserted) are
counted; a payload that would take them past `max_queue_bytes` is refused at once with
`IngestBackpressureError` (HTTP 429 + Retry-After) — memory never grows without bound. When a
batch fails, its payloads are inserted one by one, so one bad request cannot fail the others.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import anyio.to_thread

from ngf_console.analytics.errors import IngestBackpressureError, StoreUnavailableError
from ngf_console.analytics.schema.ddl import LANDING_INSERTS
from ngf_console.analytics.store import AnalyticsStore, FormattedInsert

_MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class IngestSettings:
    """Limits of the ingest path."""

    max_queue_bytes: int = 128 * _MIB
    max_batch_bytes: int = 64 * _MIB
    max_body_bytes: int = 16 * _MIB
    flush_interval: float = 0.5
    retry_after_s: int = 1

    def __post_init__(self) -> None:
        if min(self.max_queue_bytes, self.max_batch_bytes, self.max_body_bytes) <= 0:
            raise ValueError("byte limits must be positive")
        if self.flush_interval < 0:
            raise ValueError("flush_interval must be >= 0")


@dataclass(slots=True)
class _Pending:
    payload: bytes
    events: Collection[str] | None
    done: asyncio.Future[None]


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
        self._wake = asyncio.Event()
        self._worker: asyncio.Task[None] | None = None
        self._accepting = False
        self.pending_bytes = 0
        self.batches = 0

    async def start(self) -> None:
        """Start the worker (idempotent)."""
        if self._worker is None:
            self._accepting = True
            self._worker = asyncio.create_task(self._run(), name="otlp-ingest")

    async def stop(self) -> None:
        """Refuse new payloads, insert every queued one, stop the worker."""
        self._accepting = False
        if self._worker is None:
            return
        while self._queue:
            self._wake.set()
            await asyncio.sleep(0)
            await self._flush()
        self._worker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._worker
        self._worker = None

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
        pending = _Pending(payload, events, asyncio.get_running_loop().create_future())
        self._queue.append(pending)
        self.pending_bytes += size
        self._wake.set()
        await pending.done  # a cancelled caller cancels it; the batch is stored anyway

    async def _run(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            if not self._queue:
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._batch_full(), self.settings.flush_interval)
            await self._flush()

    async def _batch_full(self) -> None:
        while sum(len(p.payload) for p in self._queue) < self.settings.max_batch_bytes:
            self._wake.clear()
            await self._wake.wait()

    async def _flush(self) -> None:
        batch: list[_Pending] = []
        size = 0
        while self._queue and (not batch or size + len(self._queue[0].payload) <=
                               self.settings.max_batch_bytes):  # fmt: skip
            item = self._queue.popleft()
            batch.append(item)
            size += len(item.payload)
        if not batch:
            return
        try:
            await self._store_batch(batch)
        finally:
            self.pending_bytes -= size
            if self._queue:
                self._wake.set()

    async def _store_batch(self, batch: list[_Pending]) -> None:
        failed: dict[int, BaseException] = {}
        for event, insert in self._inserts.items():
            items = [i for i, p in enumerate(batch) if p.events is None or event in p.events]
            if not items:
                continue
            try:
                await self._write(insert, b"".join(batch[i].payload for i in items))
            except Exception as e:  # any failure: retried payload by payload below
                if len(items) == 1:
                    failed.setdefault(items[0], e)
                    continue
                for i in items:
                    try:
                        await self._write(insert, batch[i].payload)
                    except Exception as single:  # handed to that request's caller
                        failed.setdefault(i, single)
        for i, item in enumerate(batch):
            _settle(item, failed.get(i))

    async def _write(self, insert: FormattedInsert, data: bytes) -> None:
        self.batches += 1
        await anyio.to_thread.run_sync(self._store.insert_formatted, insert, data)


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
