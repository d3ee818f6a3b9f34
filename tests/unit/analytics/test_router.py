"""The OTLP/HTTP receiver (`analytics.otlp.router`) over a fake store.

Matrix: protobuf and JSON requests are stored and answered in their own encoding; unknown
events give a partial success (and nothing is inserted when no record is accepted); gzip
bodies; 415 for other Content-Types and Content-Encodings; 413 for bodies too large
(declared, streamed, or decompressed); 400 with a `google.rpc.Status` naming the bad field;
429 + Retry-After when the queue is full; 503 + Retry-After when the engine is unavailable;
500 on an engine error; the route is not in the OpenAPI document.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import threading
from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI
from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import ExportLogsServiceResponse

from ngf_console.analytics.errors import QueryError, StoreUnavailableError
from ngf_console.analytics.otlp.ingest import IngestSettings
from ngf_console.analytics.otlp.responses import STATUS_CLASS
from ngf_console.analytics.otlp.router import OtlpReceiver, otlp_router
from tests.unit.analytics.builders import record, request, to_json
from tests.unit.analytics.fakes import FakeStore
from tests.waiting import eventually

PB = {"content-type": "application/x-protobuf"}


@pytest_asyncio.fixture
async def served() -> AsyncIterator[tuple[FakeStore, httpx.AsyncClient]]:
    store = FakeStore()
    app = FastAPI()
    app.include_router(
        otlp_router(store, settings=IngestSettings(flush_interval=0.01, max_body_bytes=4096))
    )
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://otlp") as client:
            yield store, client


def _two_records() -> bytes:
    body: bytes = request(record("ngf.access"), record("ngf.inference.request")).SerializeToString()
    return body


@pytest.mark.asyncio
async def test_protobuf_is_stored_and_answered_in_protobuf(
    served: tuple[FakeStore, httpx.AsyncClient],
) -> None:
    store, client = served
    body = _two_records()
    response = await client.post("/v1/logs", content=body, headers=PB)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/x-protobuf"
    assert not ExportLogsServiceResponse.FromString(response.content).HasField("partial_success")
    assert store.payloads == [body, body]  # one insert per event it carries, into its landing
    assert [sql.split()[2] for sql in store.formatted_sql] == [
        "ngf_otlp_landing_inference_logs", "ngf_otlp_landing_access_logs"]  # fmt: skip


@pytest.mark.asyncio
async def test_json_is_stored_and_answered_in_json(
    served: tuple[FakeStore, httpx.AsyncClient],
) -> None:
    store, client = served
    req = request(record("ngf.access", {"status": 200}))
    response = await client.post("/v1/logs", json=to_json(req))
    assert (response.status_code, response.json()) == (200, {})
    assert store.payloads == [req.SerializeToString()]


@pytest.mark.asyncio
async def test_unknown_events_are_a_partial_success(
    served: tuple[FakeStore, httpx.AsyncClient],
) -> None:
    store, client = served
    req = request(record("ngf.access"), record("app.log"), record(None))
    response = await client.post("/v1/logs", content=req.SerializeToString(), headers=PB)
    partial = ExportLogsServiceResponse.FromString(response.content).partial_success
    assert (response.status_code, partial.rejected_log_records) == (200, 2)
    assert "not one of" in partial.error_message
    assert len(store.payloads) == 1
    response = await client.post("/v1/logs", json=to_json(request(record("app.log"))))
    assert response.json()["partialSuccess"]["rejectedLogRecords"] == "1"
    assert len(store.payloads) == 1  # nothing to store: no insert


@pytest.mark.asyncio
async def test_gzip_bodies(served: tuple[FakeStore, httpx.AsyncClient]) -> None:
    store, client = served
    body = _two_records()
    headers = {**PB, "content-encoding": "gzip"}
    response = await client.post("/v1/logs", content=gzip.compress(body), headers=headers)
    assert response.status_code == 200
    assert store.payloads == [body, body]
    corrupt = await client.post("/v1/logs", content=b"\x1f\x8bnot gzip", headers=headers)
    assert corrupt.status_code == 400
    truncated = await client.post("/v1/logs", content=gzip.compress(body)[:-12], headers=headers)
    assert truncated.status_code == 400


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("headers", "status", "message"),
    [
        ({"content-type": "text/plain"}, 415, "unsupported Content-Type"),
        ({**PB, "content-encoding": "br"}, 415, "unsupported Content-Encoding"),
    ],
)
async def test_unsupported_media(
    served: tuple[FakeStore, httpx.AsyncClient], headers: dict[str, str], status: int, message: str
) -> None:
    _, client = served
    response = await client.post("/v1/logs", content=b"x", headers=headers)
    assert response.status_code == status
    assert message in response.text


@pytest.mark.asyncio
async def test_bodies_over_the_limit_are_413(served: tuple[FakeStore, httpx.AsyncClient]) -> None:
    _, client = served
    big = b"\x00" * 5000
    declared = await client.post("/v1/logs", content=big, headers=PB)

    async def stream() -> AsyncIterator[bytes]:
        for _ in range(5):
            yield b"\x00" * 1000

    streamed = await client.post("/v1/logs", content=stream(), headers=PB)
    bomb = await client.post(
        "/v1/logs", content=gzip.compress(big), headers={**PB, "content-encoding": "gzip"}
    )
    assert [r.status_code for r in (declared, streamed, bomb)] == [413, 413, 413]


@pytest.mark.asyncio
async def test_bad_bodies_are_400_naming_the_field(
    served: tuple[FakeStore, httpx.AsyncClient],
) -> None:
    _, client = served
    doc = to_json(request(record("ngf.access")))
    doc["resourceLogs"][0]["scopeLogs"][0]["logRecords"][0]["traceId"] = "nothex"
    response = await client.post("/v1/logs", json=doc)
    assert response.status_code == 400
    assert response.json()["code"] == 3
    assert response.json()["message"].startswith(
        "resourceLogs[0].scopeLogs[0].logRecords[0].traceId: expected 32 hex digits"
    )
    response = await client.post("/v1/logs", content=b"\xff\xff", headers=PB)
    status = STATUS_CLASS.FromString(response.content)
    assert (response.status_code, status.code) == (400, 3)
    assert "not a protobuf ExportLogsServiceRequest" in status.message


async def eventually_pending(receiver: OtlpReceiver) -> None:
    """Until the first request's bytes are held by the (blocked) worker."""

    async def held() -> bool:
        return receiver.ingestor.pending_bytes > 0

    await eventually(held, within=10, what="the first request queued")


@pytest.mark.asyncio
async def test_full_queue_is_429_with_retry_after() -> None:
    gate = threading.Event()
    store = FakeStore(gate=gate)
    settings = IngestSettings(flush_interval=0.0, max_queue_bytes=600, retry_after_s=2)
    receiver = OtlpReceiver(store, settings=settings)
    app = FastAPI()
    app.include_router(receiver.router)
    body = request(*[record("ngf.access", {"k": "v" * 20}) for _ in range(10)]).SerializeToString()
    assert 300 < len(body) <= 600
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://otlp") as client:
            first = asyncio.create_task(client.post("/v1/logs", content=body, headers=PB))
            await eventually_pending(receiver)
            refused = await client.post("/v1/logs", content=body, headers=PB)
            gate.set()
            assert (await first).status_code == 200
    assert (refused.status_code, refused.headers["retry-after"]) == (429, "2")
    assert STATUS_CLASS.FromString(refused.content).code == 8


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("error", "status", "retry_after"),
    [(StoreUnavailableError("engine down"), 503, "1"), (QueryError("boom", code=1), 500, None)],
    ids=["unavailable", "engine-error"],
)
async def test_engine_failures(error: Exception, status: int, retry_after: str | None) -> None:
    store = FakeStore(fail_with=error)
    app = FastAPI()
    app.include_router(otlp_router(store, settings=IngestSettings(flush_interval=0.0)))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://otlp") as client:
            response = await client.post("/v1/logs", content=_two_records(), headers=PB)
    assert response.status_code == status
    assert response.headers.get("retry-after") == retry_after
    assert str(error) in STATUS_CLASS.FromString(response.content).message


@pytest.mark.asyncio
async def test_stopped_receiver_is_503() -> None:
    app = FastAPI()
    app.include_router(otlp_router(FakeStore()))
    transport = httpx.ASGITransport(app=app)  # lifespan not run: the worker never started
    async with httpx.AsyncClient(transport=transport, base_url="http://otlp") as client:
        response = await client.post("/v1/logs", content=_two_records(), headers=PB)
    assert response.status_code == 503
    assert "retry-after" in response.headers


def test_route_is_not_in_the_openapi_document() -> None:
    app = FastAPI()
    app.include_router(otlp_router(FakeStore()))
    assert "/v1/logs" not in json.dumps(app.openapi())
