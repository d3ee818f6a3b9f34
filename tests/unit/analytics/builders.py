"""Builders of OTLP logs requests for the analytics tests (unit and integration).

* `record(event, attrs, ...)` — one `LogRecord` (event in `event_name`, or in the
  `event.name` attribute with `event_attribute=True`);
* `request(*records, resource=..., scope=...)` — an `ExportLogsServiceRequest` with one
  resource and one scope;
* `to_json(request)` — its OTLP/JSON encoding, written independently of the decoder under
  test: lowerCamelCase keys, hex trace/span ids, 64-bit integers as decimal strings.
"""

from __future__ import annotations

import base64
import math
import time
from collections.abc import Mapping, Sequence
from typing import Any, TypeAlias

from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import ExportLogsServiceRequest
from opentelemetry.proto.common.v1.common_pb2 import AnyValue, ArrayValue, KeyValue
from opentelemetry.proto.logs.v1.logs_pb2 import LogRecord

Value: TypeAlias = "str | bool | int | float | bytes | Sequence[Value]"


def any_value(value: Value) -> AnyValue:
    """`value` as an OTLP `AnyValue` (lists become array values)."""
    if isinstance(value, str):
        return AnyValue(string_value=value)
    if isinstance(value, bool):
        return AnyValue(bool_value=value)
    if isinstance(value, int):
        return AnyValue(int_value=value)
    if isinstance(value, float):
        return AnyValue(double_value=value)
    if isinstance(value, bytes):
        return AnyValue(bytes_value=value)
    return AnyValue(array_value=ArrayValue(values=[any_value(v) for v in value]))


def key_values(attrs: Mapping[str, Value]) -> list[KeyValue]:
    return [KeyValue(key=k, value=any_value(v)) for k, v in attrs.items()]


def record(
    event: str | None,
    attrs: Mapping[str, Value] | None = None,
    *,
    time_ns: int | None = None,
    observed_ns: int = 0,
    trace_id: bytes = b"",
    span_id: bytes = b"",
    event_attribute: bool = False,
) -> LogRecord:
    """One log record of `event` with `attrs`."""
    all_attrs = dict(attrs or {})
    if event is not None and event_attribute:
        all_attrs["event.name"] = event
    return LogRecord(
        time_unix_nano=time.time_ns() if time_ns is None else time_ns,
        observed_time_unix_nano=observed_ns,
        event_name=event if event is not None and not event_attribute else "",
        trace_id=trace_id,
        span_id=span_id,
        attributes=key_values(all_attrs),
    )


def request(
    *records: LogRecord,
    resource: Mapping[str, Value] | None = None,
    scope: Mapping[str, Value] | None = None,
) -> ExportLogsServiceRequest:
    """A request with one resource and one scope holding `records`."""
    req = ExportLogsServiceRequest()
    rl = req.resource_logs.add()
    rl.resource.attributes.extend(key_values(resource or {}))
    sl = rl.scope_logs.add()
    sl.scope.name = "ngf-console-tests"
    sl.scope.attributes.extend(key_values(scope or {}))
    sl.log_records.extend(records)
    return req


def to_json(req: ExportLogsServiceRequest) -> dict[str, Any]:
    """The OTLP/JSON document of `req`."""
    return {
        "resourceLogs": [
            {
                "resource": {"attributes": _kvs(rl.resource.attributes)},
                "scopeLogs": [
                    {
                        "scope": {"name": sl.scope.name, "attributes": _kvs(sl.scope.attributes)},
                        "logRecords": [_record_json(r) for r in sl.log_records],
                    }
                    for sl in rl.scope_logs
                ],
            }
            for rl in req.resource_logs
        ]
    }


def _record_json(r: LogRecord) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "timeUnixNano": str(r.time_unix_nano),
        "observedTimeUnixNano": str(r.observed_time_unix_nano),
        "attributes": _kvs(r.attributes),
    }
    if r.event_name:
        doc["eventName"] = r.event_name
    if r.trace_id:
        doc["traceId"] = r.trace_id.hex()
    if r.span_id:
        doc["spanId"] = r.span_id.hex()
    return doc


def _kvs(kvs: Sequence[KeyValue]) -> list[dict[str, Any]]:
    return [{"key": kv.key, "value": _value_json(kv.value)} for kv in kvs]


def _value_json(v: AnyValue) -> dict[str, Any]:  # noqa: PLR0911 - one return per kind
    kind = v.WhichOneof("value")
    if kind == "string_value":
        return {"stringValue": v.string_value}
    if kind == "bool_value":
        return {"boolValue": v.bool_value}
    if kind == "int_value":
        return {"intValue": str(v.int_value)}
    if kind == "double_value":
        d = v.double_value
        return {"doubleValue": d if math.isfinite(d) else ("NaN" if math.isnan(d) else "Infinity")}
    if kind == "bytes_value":
        return {"bytesValue": base64.b64encode(v.bytes_value).decode()}
    if kind == "array_value":
        return {"arrayValue": {"values": [_value_json(x) for x in v.array_value.values]}}
    return {}
