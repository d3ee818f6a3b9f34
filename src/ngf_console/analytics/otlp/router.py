"""`otlp_router(store)`: the OTLP/HTTP logs receiver, `POST /v1/logs`, as a FastAPI router.

Mount it with `app.include_router(otlp_router(store))`; its lifespan starts and stops the
ingest worker with the app. Behaviour (OTLP/HTTP 1.x):

| request                                      | response                                   |
|----------------------------------------------|--------------------------------------------|
| protobuf or JSON body, every record stored   | 200, empty `ExportLogsServiceResponse`     |
| some records of an unknown event             | 200, `partial_success` with the count      |
| other Content-Type / Content-Encoding        | 415                                         |
| body larger than `max_body_bytes`            | 413                                         |
| malformed body                               | 400, `Status` naming the bad field         |
| ingest queue full                            | 429, `Retry-After`                          |
| engine unavailable / receiver stopping       | 503, `Retry-After`                          |
| engine error                                 | 500                                         |

Error bodies are `google.rpc.Status` in the request's encoding. `listeners` are called with
each stored payload (the API server's live EPP feed fans out what was stored). The route is
left out of the OpenAPI document: it is a protocol endpoint for telemetry exporters, not part
of the REST API.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager

from fastapi import APIRouter, Request, Response
from fastapi.params import Depends

from ngf_console.analytics.errors import (
    AnalyticsError,
    IngestBackpressureError,
    OtlpDecodeError,
    StoreUnavailableError,
)
from ngf_console.analytics.otlp import responses as r
from ngf_console.analytics.otlp.decode import Encoding, decode_request, rejection_message
from ngf_console.analytics.otlp.ingest import IngestSettings, OtlpIngestor
from ngf_console.analytics.store import AnalyticsStore

_ENCODINGS: dict[str, Encoding] = {
    "application/x-protobuf": "protobuf",
    "application/protobuf": "protobuf",
    "application/json": "json",
}


class _RejectError(Exception):
    def __init__(self, status: int, code: int, message: str, retry_after: int | None = None):
        super().__init__(message)
        self.status, self.code, self.retry_after = status, code, retry_after


class OtlpReceiver:
    """The receiver: its `ingestor` and the `router` serving `POST /v1/logs`."""

    def __init__(
        self,
        store: AnalyticsStore,
        *,
        settings: IngestSettings | None = None,
        dependencies: Sequence[Depends] = (),
    ) -> None:
        self.ingestor = OtlpIngestor(store, settings)
        self.listeners: list[Callable[[bytes], None]] = []
        """Called with each stored payload (protobuf), after the 200 is certain."""
        self.router = APIRouter(lifespan=self._lifespan, dependencies=list(dependencies))
        self.router.add_api_route(
            "/v1/logs", self.export_logs, methods=["POST"], include_in_schema=False
        )

    @asynccontextmanager
    async def _lifespan(self, _: object) -> AsyncIterator[None]:
        await self.ingestor.start()
        try:
            yield
        finally:
            await self.ingestor.stop()

    async def export_logs(self, request: Request) -> Response:
        """Handle one export request (see the module docstring)."""
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        encoding = _ENCODINGS.get(content_type)
        if encoding is None:
            message = f"unsupported Content-Type {content_type!r}: use {r.PROTOBUF} or {r.JSON}"
            return _error("json", _RejectError(415, r.INVALID_ARGUMENT, message))
        try:
            body = await _read_body(request, self.ingestor.settings.max_body_bytes)
            decoded = decode_request(body, encoding)
            if decoded.accepted:
                await _ingest(self.ingestor, decoded.payload, decoded.events)
                for listener in self.listeners:
                    listener(decoded.payload)
        except _RejectError as e:
            return _error(encoding, e)
        except OtlpDecodeError as e:
            return _error(encoding, _RejectError(400, r.INVALID_ARGUMENT, str(e)))
        message = rejection_message(decoded.rejected) if decoded.rejected else ""
        body = r.success_body(encoding, decoded.rejected, message)
        return Response(body, 200, media_type=r.media_type(encoding))


def otlp_router(
    store: AnalyticsStore,
    *,
    settings: IngestSettings | None = None,
    dependencies: Sequence[Depends] = (),
) -> APIRouter:
    """A router serving `POST /v1/logs` into `store` (see the module docstring)."""
    return OtlpReceiver(store, settings=settings, dependencies=dependencies).router


async def _ingest(ingestor: OtlpIngestor, payload: bytes, events: frozenset[str]) -> None:
    try:
        await ingestor.ingest(payload, events)
    except IngestBackpressureError as e:
        raise _RejectError(429, r.RESOURCE_EXHAUSTED, str(e), e.retry_after) from e
    except StoreUnavailableError as e:
        retry = ingestor.settings.retry_after_s
        raise _RejectError(503, r.UNAVAILABLE, str(e), retry) from e
    except AnalyticsError as e:
        raise _RejectError(500, r.INTERNAL, f"ingest failed: {e}") from e


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _RejectError(413, r.INVALID_ARGUMENT, f"the body exceeds {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _RejectError(413, r.INVALID_ARGUMENT, f"the body exceeds {limit} bytes")
        chunks.append(chunk)
    return _decompress(b"".join(chunks), request.headers.get("content-encoding", ""), limit)


def _decompress(body: bytes, content_encoding: str, limit: int) -> bytes:
    encoding = content_encoding.strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding != "gzip":
        raise _RejectError(415, r.INVALID_ARGUMENT, f"unsupported Content-Encoding {encoding!r}")
    inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    try:
        data = inflater.decompress(body, limit + 1)
    except zlib.error as e:
        raise _RejectError(400, r.INVALID_ARGUMENT, f"the gzip body is corrupt: {e}") from e
    if len(data) > limit or inflater.unconsumed_tail:
        raise _RejectError(413, r.INVALID_ARGUMENT, f"the decompressed body exceeds {limit} bytes")
    if not inflater.eof:
        raise _RejectError(400, r.INVALID_ARGUMENT, "the gzip body is truncated")
    return data


def _error(encoding: Encoding, reject: _RejectError) -> Response:
    headers = {"Retry-After": str(reject.retry_after)} if reject.retry_after is not None else None
    body = r.status_body(encoding, reject.code, str(reject))
    return Response(body, reject.status, headers=headers, media_type=r.media_type(encoding))
