"""OTLP/HTTP into chDB through the receiver: every field of every table lands right.

Matrix: for each raw table, a record carrying every attribute column (values derived from
each column's type) is sent as protobuf and as OTLP/JSON and read back column by column
(time to the millisecond, trace id as hex); NGINX variable names feed the access table with
unit scaling; missing attributes give the column defaults; values of another type are
coerced (int ↔ double, bools from ints), numbers are clamped to the column's range and
strings are not parsed as numbers for typed attributes; record attributes win over scope
and resource ones; the observed time stands in for a missing time, the ingest time for
both; the `event.name` attribute routes a record without `eventName`.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI

from ngf_console.analytics.chdb_store import ChdbStore
from ngf_console.analytics.otlp.ingest import IngestSettings
from ngf_console.analytics.otlp.router import otlp_router
from ngf_console.analytics.schema.ddl import TABLES
from ngf_console.analytics.schema.model import Column, Table
from tests.unit.analytics.builders import Value, record, request, to_json

pytestmark = [pytest.mark.integration]

TRACE = bytes.fromhex("5b8efff798038103d269b633813fc60c")
INT_VALUES = {"UInt8": 7, "UInt16": 1234, "UInt32": 123_456, "UInt64": 2**40 + 5}


@pytest_asyncio.fixture
async def otlp(store: ChdbStore) -> AsyncIterator[httpx.AsyncClient]:
    app = FastAPI()
    app.include_router(otlp_router(store, settings=IngestSettings(flush_interval=0.01)))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://otlp") as client:
            yield client


def _value(column: Column) -> Value:  # noqa: PLR0911 - one value per column type
    base = column.type.removeprefix("LowCardinality(").removesuffix(")")
    if base == "String":
        return f"{column.name}-value"
    if base in INT_VALUES:
        return INT_VALUES[base]
    if base == "Float32":
        return 12.5
    if base == "Float64":
        return 1234.5678
    if base == "Bool":
        return True
    if column.type == "Array(String)":
        return ["a", "b"]
    if column.type.startswith("Array(UInt"):
        return [3, 12]
    return [0.5, 1.25]  # Array(Float32)


def _full_record(
    table: Table, request_id: str, time_ns: int
) -> tuple[dict[str, Value], dict[str, Any]]:
    attrs: dict[str, Value] = {}
    expected: dict[str, Any] = {}
    for column in table.columns:
        if column.kind == "time":
            expected[column.name] = dt.datetime.fromtimestamp(time_ns // 1_000_000 / 1000, dt.UTC)
        elif column.kind == "trace_id":
            expected[column.name] = TRACE.hex()
        else:
            value = request_id if column.name == "request_id" else _value(column)
            attrs.setdefault(column.sources[0].key, value)
            expected[column.name] = attrs[column.sources[0].key]
    return attrs, expected


async def _send(client: httpx.AsyncClient, req: Any, encoding: str) -> None:
    if encoding == "protobuf":
        headers = {"content-type": "application/x-protobuf"}
        response = await client.post("/v1/logs", content=req.SerializeToString(), headers=headers)
    else:
        response = await client.post("/v1/logs", content=json.dumps(to_json(req)),
                                     headers={"content-type": "application/json"})  # fmt: skip
    assert response.status_code == 200, response.text


def _row(store: ChdbStore, table: str, where: str, value: str) -> dict[str, Any]:
    sql = f"SELECT * FROM {table} WHERE {where} = {{v:String}}"  # noqa: S608 - test tables
    rows = store.query(sql, {"v": value}).dicts()
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.asyncio
@pytest.mark.parametrize("encoding", ["protobuf", "json"])
@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
async def test_every_field_lands(
    otlp: httpx.AsyncClient, store: ChdbStore, table: Table, encoding: str
) -> None:
    request_id = f"req-{uuid.uuid4().hex}"
    time_ns = time.time_ns() // 1_000_000 * 1_000_000 + 456_789  # sub-ms part is dropped
    attrs, expected = _full_record(table, request_id, time_ns)
    await _send(otlp, request(record(table.event, attrs, time_ns=time_ns, trace_id=TRACE)),
                encoding)  # fmt: skip
    row = _row(store, table.name, "request_id", request_id)
    assert {name: row[name] for name in expected} == expected


@pytest.mark.asyncio
async def test_nginx_variable_names_feed_the_access_table(
    otlp: httpx.AsyncClient, store: ChdbStore
) -> None:
    request_id = f"req-{uuid.uuid4().hex}"
    attrs: dict[str, Value] = {
        "request_id": request_id, "request_method": "POST", "uri": "/v1/chat",
        "status": "502", "request_time": "0.250", "upstream_response_time": 0.2,
        "request_length": 512, "bytes_sent": "2048", "proxy_host": "backend",
        "upstream_addr": "10.0.0.7:8000", "remote_addr": "192.0.2.1",
        "http_user_agent": "curl/8", "ssl_protocol": "TLSv1.3", "ssl_cipher": "TLS_AES",
    }  # fmt: skip
    await _send(otlp, request(record("ngf.access", attrs)), "protobuf")
    row = _row(store, "ngf_access_logs", "request_id", request_id)
    assert (row["method"], row["path"], row["status"]) == ("POST", "/v1/chat", 502)
    assert (row["latency_ms"], row["upstream_latency_ms"]) == (250.0, 200.0)
    assert (row["request_size"], row["response_size"]) == (512, 2048)
    assert (row["upstream_name"], row["upstream_addr"], row["client_ip"]) == (
        "backend", "10.0.0.7:8000", "192.0.2.1")  # fmt: skip
    assert (row["user_agent"], row["tls_version"], row["tls_cipher"]) == (
        "curl/8", "TLSv1.3", "TLS_AES")  # fmt: skip


@pytest.mark.asyncio
async def test_missing_attributes_are_defaults(otlp: httpx.AsyncClient, store: ChdbStore) -> None:
    request_id = f"req-{uuid.uuid4().hex}"
    await _send(otlp, request(record("ngf.inference.request", {"ngf.request.id": request_id})),
                "json")  # fmt: skip
    row = _row(store, "ngf_inference_logs", "request_id", request_id)
    assert (row["inference_pool"], row["trace_id"], row["gpu_type"]) == ("", "", "")
    assert (row["time_to_first_token_ms"], row["tokens_generated"], row["status"]) == (0.0, 0, 0)
    assert row["prefix_cache_hit"] is False


@pytest.mark.asyncio
async def test_values_of_another_type_are_coerced(
    otlp: httpx.AsyncClient, store: ChdbStore
) -> None:
    request_id = f"req-{uuid.uuid4().hex}"
    attrs: dict[str, Value] = {
        "ngf.request.id": request_id,
        "ngf.inference.ttft_ms": 40,  # int → Float64
        "gen_ai.usage.output_tokens": 99.6,  # double → UInt32, rounded
        "gen_ai.usage.input_tokens": "128",  # a typed attribute: strings are not parsed → 0
        "ngf.gpu.index": 300,  # above UInt8 → clamped to 255
        "ngf.epp.queue_depth": -1,  # below UInt16 → clamped to 0
        "ngf.epp.prefix_hit": 1,  # int → Bool
        "ngf.pool.replicas": 2.0,  # double → UInt16
    }
    await _send(otlp, request(record("ngf.inference.request", attrs)), "protobuf")
    row = _row(store, "ngf_inference_logs", "request_id", request_id)
    assert row["time_to_first_token_ms"] == 40.0
    assert (row["output_tokens"], row["input_tokens"]) == (100, 0)
    assert (row["gpu_id"], row["queue_depth_at_selection"], row["pool_replica_count"]) == (
        255,
        0,
        2,
    )
    assert row["prefix_cache_hit"] is True


@pytest.mark.asyncio
async def test_record_attributes_win_over_scope_and_resource(
    otlp: httpx.AsyncClient, store: ChdbStore
) -> None:
    request_id = f"req-{uuid.uuid4().hex}"
    req = request(
        record("ngf.inference.request", {"ngf.request.id": request_id, "k8s.pod.name": "rec"}),
        scope={"k8s.pod.name": "scope", "k8s.node.name": "scope-node", "ngf.gpu.type": "L40S"},
        resource={"k8s.pod.name": "res", "k8s.node.name": "res-node", "k8s.namespace.name": "ns1"},
    )
    await _send(otlp, req, "protobuf")
    row = _row(store, "ngf_inference_logs", "request_id", request_id)
    assert (row["pod_name"], row["node_name"], row["gpu_type"], row["namespace"]) == (
        "rec", "scope-node", "L40S", "ns1")  # fmt: skip


@pytest.mark.asyncio
async def test_time_falls_back_to_observed_then_ingest_time(
    otlp: httpx.AsyncClient, store: ChdbStore
) -> None:
    observed_id, unset_id = f"req-{uuid.uuid4().hex}", f"req-{uuid.uuid4().hex}"
    observed = (time.time_ns() - 3600 * 10**9) // 1_000_000 * 1_000_000  # within the TTL
    before = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    await _send(otlp, request(
        record("ngf.access", {"ngf.request.id": observed_id}, time_ns=0, observed_ns=observed),
        record("ngf.access", {"ngf.request.id": unset_id}, time_ns=0),
    ), "protobuf")  # fmt: skip
    observed_row = _row(store, "ngf_access_logs", "request_id", observed_id)
    assert observed_row["timestamp"] == dt.datetime.fromtimestamp(observed / 1e9, dt.UTC)
    unset_row = _row(store, "ngf_access_logs", "request_id", unset_id)
    assert before <= unset_row["timestamp"] <= dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)


@pytest.mark.asyncio
async def test_event_name_attribute_routes_a_record(
    otlp: httpx.AsyncClient, store: ChdbStore
) -> None:
    request_id = f"req-{uuid.uuid4().hex}"
    await _send(otlp, request(record("ngf.epp.decision", {"ngf.request.id": request_id},
                                     event_attribute=True)), "json")  # fmt: skip
    assert _row(store, "ngf_epp_decisions", "request_id", request_id)["request_id"] == request_id


@pytest.mark.asyncio
async def test_array_values_sent_to_a_table_without_arrays_are_skipped(
    otlp: httpx.AsyncClient, store: ChdbStore
) -> None:
    # the inference insert decodes no array values (wire.SCALAR_PROTO_SCHEMA): an array under
    # a scalar column's key reads as that column's default, and the other fields still land
    request_id = f"req-{uuid.uuid4().hex}"
    attrs: dict[str, Value] = {
        "ngf.request.id": request_id,
        "ngf.inference.ttft_ms": [1.5, 2.5],
        "ngf.extra.tags": ["a", "b"],
        "gen_ai.usage.output_tokens": 42,
        "k8s.pod.name": "pod-a",
    }
    await _send(otlp, request(record("ngf.inference.request", attrs)), "protobuf")
    row = _row(store, "ngf_inference_logs", "request_id", request_id)
    assert row["time_to_first_token_ms"] == 0.0
    assert (row["output_tokens"], row["pod_name"]) == (42, "pod-a")
