"""OTLP/JSON decoding (`analytics.otlp.jsonlogs`).

Matrix: a request using every supported field round-trips to the same protobuf as the
builder made; proto field names (snake_case) are accepted like lowerCamelCase; 64-bit
integers as numbers or strings; special doubles; empty documents; and bad payloads, each
reported as `OtlpDecodeError` whose `field` is the path of the bad field.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from ngf_console.analytics.errors import OtlpDecodeError
from ngf_console.analytics.otlp.jsonlogs import parse_json_request
from tests.unit.analytics.builders import record, request, to_json

TRACE = bytes.fromhex("5b8efff798038103d269b633813fc60c")
SPAN = bytes.fromhex("eee19b7ec3c1b174")


def _body(doc: Any) -> bytes:
    return json.dumps(doc).encode()


def test_every_field_round_trips() -> None:
    original = request(
        record("ngf.access", {"s": "x", "b": True, "i": -(2**63), "d": 1.5, "a": ["p", 2, 0.5]},
               time_ns=1_700_000_000_123_456_789, observed_ns=1_700_000_000_200_000_000,
               trace_id=TRACE, span_id=SPAN),
        record(None, {"bytes": b"\x00\x01"}),
        resource={"k8s.pod.name": "pod-0"},
        scope={"scope.attr": 3},
    )  # fmt: skip
    parsed = parse_json_request(_body(to_json(original)))
    assert parsed == original


def test_proto_field_names_and_numeric_int64_are_accepted() -> None:
    attrs = [{"key": "n", "value": {"int_value": 7}}]
    lr_doc = {"time_unix_nano": 1_700_000_000_000_000_000, "event_name": "ngf.access",
              "trace_id": TRACE.hex(), "attributes": attrs}  # fmt: skip
    doc = {"resource_logs": [{"scope_logs": [{"log_records": [lr_doc]}]}]}
    lr = parse_json_request(_body(doc)).resource_logs[0].scope_logs[0].log_records[0]
    assert (lr.time_unix_nano, lr.event_name, lr.trace_id) == (
        1_700_000_000_000_000_000, "ngf.access", TRACE)  # fmt: skip
    assert lr.attributes[0].value.int_value == 7


@pytest.mark.parametrize(("text", "check"), [
    ("NaN", math.isnan), ("Infinity", lambda d: d == math.inf),
    ("-Infinity", lambda d: d == -math.inf),
])  # fmt: skip
def test_special_doubles(text: str, check: Any) -> None:
    doc = {"resourceLogs": [{"scopeLogs": [{"logRecords": [
        {"attributes": [{"key": "d", "value": {"doubleValue": text}}]}]}]}]}  # fmt: skip
    value = parse_json_request(_body(doc)).resource_logs[0].scope_logs[0].log_records[0]
    assert check(value.attributes[0].value.double_value)


@pytest.mark.parametrize("doc", [{}, {"resourceLogs": []}, {"resourceLogs": [{}]},
                                 {"resourceLogs": [{"scopeLogs": [{}]}]}])  # fmt: skip
def test_empty_documents_are_empty_requests(doc: dict[str, Any]) -> None:
    parsed = parse_json_request(_body(doc))
    assert sum(len(sl.log_records) for rl in parsed.resource_logs for sl in rl.scope_logs) == 0


def test_unknown_fields_are_ignored() -> None:
    doc = {"resourceLogs": [{"schemaUrl": "x", "future": {"a": 1}, "scopeLogs": [
        {"logRecords": [{"eventName": "e", "someNewField": [1, 2]}]}]}]}  # fmt: skip
    assert (
        parse_json_request(_body(doc)).resource_logs[0].scope_logs[0].log_records[0].event_name
        == "e"
    )


LR = "resourceLogs[0].scopeLogs[0].logRecords[0]"


def _with_record(**fields: Any) -> dict[str, Any]:
    return {"resourceLogs": [{"scopeLogs": [{"logRecords": [fields]}]}]}


def _with_value(value: Any) -> dict[str, Any]:
    return _with_record(attributes=[{"key": "k", "value": value}])


@pytest.mark.parametrize(
    ("doc", "field", "message"),
    [
        ([], "$", "expected an object"),
        ({"resourceLogs": {}}, "$.resourceLogs", "expected an array"),
        ({"resourceLogs": [3]}, "resourceLogs[0]", "expected an object"),
        ({"resourceLogs": [{"resource": []}]}, "resourceLogs[0].resource", "expected an object"),
        (_with_record(traceId="xyz"), f"{LR}.traceId", "expected 32 hex digits"),
        (_with_record(traceId="5b8e"), f"{LR}.traceId", "expected 32 hex digits"),
        (_with_record(spanId=TRACE.hex()), f"{LR}.spanId", "expected 16 hex digits"),
        (_with_record(timeUnixNano="abc"), f"{LR}.timeUnixNano", "expected an integer"),
        (_with_record(timeUnixNano=-1), f"{LR}.timeUnixNano", "expected an integer"),
        (_with_record(timeUnixNano=1.5), f"{LR}.timeUnixNano", "expected an integer"),
        (_with_record(severityNumber=99), f"{LR}.severityNumber", "expected an integer"),
        (_with_record(eventName=7), f"{LR}.eventName", "expected a string"),
        (_with_record(attributes={"k": "v"}), f"{LR}.attributes", "expected an array"),
        (_with_record(attributes=[{"key": 1}]), f"{LR}.attributes[0].key", "expected a string"),
        (_with_value({"intValue": "12x"}), f"{LR}.attributes[0].value.intValue",
         "expected an integer"),
        (_with_value({"intValue": str(2**63)}), f"{LR}.attributes[0].value.intValue",
         "expected an integer"),
        (_with_value({"intValue": True}), f"{LR}.attributes[0].value.intValue",
         "expected an integer"),
        (_with_value({"doubleValue": "x"}), f"{LR}.attributes[0].value.doubleValue",
         "expected a number"),
        (_with_value({"boolValue": "yes"}), f"{LR}.attributes[0].value.boolValue",
         "expected true or false"),
        (_with_value({"bytesValue": "***"}), f"{LR}.attributes[0].value.bytesValue",
         "expected base64"),
        (_with_value({"stringValue": "a", "intValue": 1}), f"{LR}.attributes[0].value",
         "several values"),
        (_with_value({"arrayValue": {"values": [{"intValue": "z"}]}}),
         f"{LR}.attributes[0].value.arrayValue.values[0].intValue", "expected an integer"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)  # fmt: skip
def test_bad_fields_are_named(doc: Any, field: str, message: str) -> None:
    with pytest.raises(OtlpDecodeError, match=message) as caught:
        parse_json_request(_body(doc))
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")


@pytest.mark.parametrize("body", [b"not json", b"\xff\xfe", b'{"resourceLogs": ['])
def test_non_json_bodies(body: bytes) -> None:
    with pytest.raises(OtlpDecodeError, match="the body is not JSON"):
        parse_json_request(body)
