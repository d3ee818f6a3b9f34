"""`reference_rows.rows_of`: the rows a payload puts in a raw table, in Python (the oracle).

Matrix: event by `event_name` and by the `event.name` attribute, other events skipped;
record > scope > resource attribute precedence; typed conversion (ints rounded, floats
scaled, bools, arrays) and zero values for missing or unconvertible attributes; timestamp
from the record time, else the observed time; trace id as hex.
"""

from __future__ import annotations

import datetime as dt

from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import ExportLogsServiceRequest
from opentelemetry.proto.common.v1.common_pb2 import (
    AnyValue,
    InstrumentationScope,
    KeyValue,
)
from opentelemetry.proto.logs.v1.logs_pb2 import LogRecord, ResourceLogs, ScopeLogs
from opentelemetry.proto.resource.v1.resource_pb2 import Resource

from ngf_console.analytics.otlp import attributes as a
from ngf_console.analytics.schema.decisions import EPP_DECISIONS
from ngf_console.sim.otlp_records import log_record
from tests.unit.analytics.reference_rows import rows_of


def _kv(key: str, value: str) -> KeyValue:
    return KeyValue(key=key, value=AnyValue(string_value=value))


def _payload(records: list[LogRecord], resource: list[KeyValue], scope: list[KeyValue]) -> bytes:
    scope_logs = ScopeLogs(scope=InstrumentationScope(attributes=scope), log_records=records)
    request = ExportLogsServiceRequest(
        resource_logs=[
            ResourceLogs(resource=Resource(attributes=resource), scope_logs=[scope_logs])
        ]
    )
    return bytes(request.SerializeToString())


def test_decision_rows_with_precedence_types_and_defaults() -> None:
    decision = log_record(a.EVENT_EPP_DECISION, 1_700_000_000_123_000_000, {
        a.K8S_POD: "pod-1", a.EPP_QUEUE_DEPTH: 3, a.EPP_KV_CACHE_PCT: 41.5,
        a.EPP_PREFIX_HIT: True, a.EPP_CANDIDATE_PODS: ["pod-1", "pod-2"],
        a.EPP_CANDIDATE_SCORES: [0.9, 0.4], a.POOL: "from-record",
        a.EPP_CANDIDATE_COUNT: "many",
    }, bytes(range(16)))  # fmt: skip
    unnamed = LogRecord(observed_time_unix_nano=2_000_000_000,
                        attributes=[_kv(a.EVENT_NAME_ATTRIBUTE, a.EVENT_EPP_DECISION)])  # fmt: skip
    other = log_record(a.EVENT_INFERENCE, 1, {a.K8S_POD: "not-a-decision"}, b"")
    resource = [_kv(a.K8S_NAMESPACE, "ns"), _kv(a.POOL, "from-resource")]
    payload = _payload([decision, unnamed, other], resource, [_kv(a.MODEL, "llama")])
    first, second = rows_of(payload, EPP_DECISIONS)
    assert first["timestamp"] == dt.datetime(2023, 11, 14, 22, 13, 20, 123000, tzinfo=dt.UTC)
    assert first["trace_id"] == bytes(range(16)).hex()
    assert (first["namespace"], first["inference_pool"], first["model_name"]) == (
        "ns", "from-record", "llama")  # fmt: skip
    assert (first["picked_pod"], first["queue_depth"], first["kv_cache_pct"]) == ("pod-1", 3, 41.5)
    assert first["prefix_hit"] is True
    assert first["candidates"] == ["pod-1", "pod-2"]
    assert first["candidate_scores"] == [0.9, 0.4]
    assert first["candidate_count"] == 0  # "many" is not a number
    assert first["reason"] == ""
    assert second["timestamp"] == dt.datetime(1970, 1, 1, 0, 0, 2, tzinfo=dt.UTC)
    assert (second["inference_pool"], second["trace_id"], second["candidates"]) == (
        "from-resource", "", [])  # fmt: skip
