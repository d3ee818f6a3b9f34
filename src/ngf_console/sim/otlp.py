"""An OTLP/HTTP logs exporter for the simulators: batches, protobuf, bounded, retrying.

`emit(record)` never blocks and never grows memory without bound: records wait in a queue of
`max_queue`; when it is full the oldest are dropped (`stats.dropped`). A worker task sends a
batch of up to `max_batch` records as one protobuf `ExportLogsServiceRequest` (one resource,
scope `ngf-console-sim`) to `endpoint` when the batch is full or `flush_interval` seconds
after the oldest waiting record. Answers, per the OTLP/HTTP spec:

* 200 — sent; a `partial_success` adds its count to `stats.rejected`;
* 429, 502, 503, 504 and transport errors — retried after `Retry-After` (or an exponential
  backoff from `retry_base`), at most `max_retries` times, then dropped (`stats.failed`);
* any other status — not retryable: dropped (`stats.failed`).

`exporter_from_env()` honours the standard `OTEL_EXPORTER_OTLP_LOGS_ENDPOINT` /
`OTEL_EXPORTER_OTLP_ENDPOINT` and `OTEL_EXPORTER_OTLP_LOGS_HEADERS` /
`OTEL_EXPORTER_OTLP_HEADERS` (`key=value,…`, values percent-decoded) variables, so
`ngf-console sim run` and the demo export without flags (the API server's receiver wants
`Authorization=Bearer <token>`).
Waits go through the injected `sleep`, so tests run without real delays.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from urllib.parse import unquote

import httpx
import structlog
from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import (
    ExportLogsServiceRequest,
    ExportLogsServiceResponse,
)
from opentelemetry.proto.common.v1.common_pb2 import AnyValue, InstrumentationScope, KeyValue
from opentelemetry.proto.logs.v1.logs_pb2 import LogRecord, ResourceLogs, ScopeLogs
from opentelemetry.proto.resource.v1.resource_pb2 import Resource

log = structlog.get_logger(__name__)

SCOPE = "ngf-console-sim"
_RETRYABLE = {429, 502, 503, 504}


@dataclass
class ExportStats:
    """Records by fate."""

    sent: int = 0
    rejected: int = 0
    dropped: int = 0
    failed: int = 0
    requests: int = 0


class OtlpLogExporter:
    """Sends emitted log records to an OTLP/HTTP logs endpoint; `start()` it in a loop."""

    def __init__(
        self,
        endpoint: str,
        *,
        resource: Mapping[str, str] | None = None,
        max_batch: int = 512,
        max_queue: int = 20_000,
        flush_interval: float = 1.0,
        max_retries: int = 3,
        retry_base: float = 0.5,
        timeout: float = 10.0,
        headers: Mapping[str, str] | None = None,
        client: httpx.AsyncClient | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if max_batch < 1 or max_queue < max_batch:
            raise ValueError("need 1 <= max_batch <= max_queue")
        self.endpoint = endpoint
        self.stats = ExportStats()
        self._resource = Resource(
            attributes=[
                KeyValue(key=k, value=AnyValue(string_value=v)) for k, v in (resource or {}).items()
            ]
        )
        self._max_batch, self._flush_interval = max_batch, flush_interval
        self._max_retries, self._retry_base = max_retries, retry_base
        self._queue: deque[LogRecord] = deque(maxlen=max_queue)
        self._headers = {**(headers or {}), "content-type": "application/x-protobuf"}
        self._owns_client = client is None
        self._client = client or httpx.AsyncClient(timeout=timeout)
        self._sleep = sleep
        self._wake = asyncio.Event()
        self._worker: asyncio.Task[None] | None = None
        self._stopping = False

    def emit(self, record: LogRecord) -> None:
        """Queue `record` (dropping the oldest when the queue is full)."""
        if len(self._queue) == self._queue.maxlen:
            self.stats.dropped += 1
        self._queue.append(record)
        if len(self._queue) >= self._max_batch:
            self._wake.set()

    @property
    def queued(self) -> int:
        return len(self._queue)

    def start(self) -> None:
        """Run the worker on the current event loop (idempotent)."""
        if self._worker is None:
            self._stopping = False
            self._worker = asyncio.create_task(self._run(), name="otlp-exporter")

    async def stop(self) -> None:
        """Let the worker finish the batch it is sending, send what is still queued, close
        the client this exporter made. (Cancelling the worker mid-send would lose the batch
        it had taken off the queue — counted neither sent nor failed.)"""
        if self._worker is not None:
            self._stopping = True
            self._wake.set()
            await self._worker
            self._worker = None
        await self.flush()
        if self._owns_client:
            await self._client.aclose()

    async def flush(self) -> None:
        """Send every queued record now."""
        while self._queue:
            batch = [self._queue.popleft() for _ in range(min(self._max_batch, len(self._queue)))]
            try:
                await self._send(batch)
            except asyncio.CancelledError:
                self._queue.extendleft(reversed(batch))  # back in front, for the next flush
                raise

    async def _run(self) -> None:
        while not self._stopping:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._flush_interval)
            self._wake.clear()
            await self.flush()

    async def _send(self, batch: list[LogRecord]) -> None:
        body = ExportLogsServiceRequest(
            resource_logs=[ResourceLogs(resource=self._resource, scope_logs=[
                ScopeLogs(scope=InstrumentationScope(name=SCOPE), log_records=batch)])]
        ).SerializeToString()  # fmt: skip
        for attempt in range(self._max_retries + 1):
            delay = await self._post(body, len(batch))
            if delay is None:
                return
            if attempt < self._max_retries:
                await self._sleep(delay if delay > 0 else self._retry_base * 2**attempt)
        self.stats.failed += len(batch)
        log.warning("otlp export dropped a batch after retries", records=len(batch))

    async def _post(self, body: bytes, count: int) -> float | None:
        """None when done with the batch; else seconds to wait before retrying (0: backoff)."""
        self.stats.requests += 1
        try:
            response = await self._client.post(self.endpoint, content=body, headers=self._headers)
        except httpx.TransportError as e:
            log.debug("otlp export transport error", error=str(e))
            return 0.0
        if response.status_code == 200:
            partial = ExportLogsServiceResponse.FromString(response.content).partial_success
            self.stats.rejected += partial.rejected_log_records
            self.stats.sent += count - partial.rejected_log_records
            return None
        if response.status_code in _RETRYABLE:
            retry_after = response.headers.get("retry-after", "")
            return float(retry_after) if retry_after.isdigit() else 0.0
        self.stats.failed += count
        log.warning("otlp export refused", status=response.status_code, body=response.text[:200])
        return None


def exporter_from_env(
    resource: Mapping[str, str] | None = None, environ: Mapping[str, str] | None = None
) -> OtlpLogExporter | None:
    """An exporter to the endpoint the OTEL_EXPORTER_OTLP_* variables name, or None."""
    env = os.environ if environ is None else environ
    endpoint = env.get("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT")
    if not endpoint and env.get("OTEL_EXPORTER_OTLP_ENDPOINT"):
        endpoint = env["OTEL_EXPORTER_OTLP_ENDPOINT"].rstrip("/") + "/v1/logs"
    if not endpoint:
        return None
    headers = parse_headers(
        env.get("OTEL_EXPORTER_OTLP_LOGS_HEADERS") or env.get("OTEL_EXPORTER_OTLP_HEADERS", "")
    )
    return OtlpLogExporter(endpoint, resource=resource, headers=headers)


def parse_headers(text: str) -> dict[str, str]:
    """`OTEL_EXPORTER_OTLP_HEADERS` syntax: `k1=v1,k2=v2`, keys and values percent-encoded."""
    headers: dict[str, str] = {}
    for part in text.split(","):
        key, sep, value = part.partition("=")
        if sep and key.strip():
            headers[unquote(key.strip())] = unquote(value.strip())
    return headers
