"""OTLP/JSON (`application/json`) into an `ExportLogsServiceRequest`, validating as it goes.

The OTLP/JSON encoding is proto3's JSON mapping with three differences (OTLP spec, "JSON
Protobuf Encoding"): `traceId`/`spanId` are hex strings (not base64), enum values are
integers, and keys are lowerCamelCase. Receivers must ignore unknown fields. This walker
accepts lowerCamelCase and the proto field names alike, 64-bit integers as numbers or
decimal strings, doubles as numbers or "NaN"/"Infinity"/"-Infinity", and reports the first
bad field with its path, e.g. `resourceLogs[0].scopeLogs[0].logRecords[3].traceId: expected
32 hex digits`.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Callable
from typing import Any

from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import ExportLogsServiceRequest
from opentelemetry.proto.common.v1.common_pb2 import AnyValue, KeyValue
from opentelemetry.proto.logs.v1.logs_pb2 import LogRecord, SeverityNumber

from ngf_console.analytics.errors import OtlpDecodeError

_UINT64_MAX = 2**64 - 1
_INT64 = (-(2**63), 2**63 - 1)
_SPECIAL_DOUBLES = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def parse_json_request(body: bytes) -> ExportLogsServiceRequest:
    """The request in `body`, or `OtlpDecodeError` naming the first bad field."""
    try:
        doc = json.loads(body)
    except (UnicodeDecodeError, ValueError) as e:
        raise OtlpDecodeError("", f"the body is not JSON: {e}") from e
    request = ExportLogsServiceRequest()
    for i, rl_doc in enumerate(_list(_obj(doc, "$"), "resourceLogs", "$")):
        path = f"resourceLogs[{i}]"
        rl = request.resource_logs.add()
        resource = _obj(_get(_obj(rl_doc, path), "resource", {}), f"{path}.resource")
        if _get(rl_doc, "resource") is not None:
            rl.resource.SetInParent()  # present, if empty: as the protobuf encoding keeps it
        _attributes(rl.resource.attributes, resource, f"{path}.resource")
        for j, sl_doc in enumerate(_list(rl_doc, "scopeLogs", path)):
            spath = f"{path}.scopeLogs[{j}]"
            sl = rl.scope_logs.add()
            scope = _obj(_get(_obj(sl_doc, spath), "scope", {}), f"{spath}.scope")
            if _get(sl_doc, "scope") is not None:
                sl.scope.SetInParent()
            sl.scope.name = _str(_get(scope, "name", ""), f"{spath}.scope.name")
            sl.scope.version = _str(_get(scope, "version", ""), f"{spath}.scope.version")
            _attributes(sl.scope.attributes, scope, f"{spath}.scope")
            for k, lr_doc in enumerate(_list(sl_doc, "logRecords", spath)):
                _record(sl.log_records.add(), _obj(lr_doc, f"{spath}.logRecords[{k}]"),
                        f"{spath}.logRecords[{k}]")  # fmt: skip
    return request


def _record(record: LogRecord, doc: dict[str, Any], path: str) -> None:
    record.time_unix_nano = _uint(_get(doc, "timeUnixNano", 0), f"{path}.timeUnixNano")
    record.observed_time_unix_nano = _uint(
        _get(doc, "observedTimeUnixNano", 0), f"{path}.observedTimeUnixNano"
    )
    severity = _int(_get(doc, "severityNumber", 0), f"{path}.severityNumber", 0, 24)
    record.severity_number = SeverityNumber.ValueType(severity)
    record.severity_text = _str(_get(doc, "severityText", ""), f"{path}.severityText")
    record.event_name = _str(_get(doc, "eventName", ""), f"{path}.eventName")
    record.trace_id = _hex(_get(doc, "traceId", ""), 16, f"{path}.traceId")
    record.span_id = _hex(_get(doc, "spanId", ""), 8, f"{path}.spanId")
    record.flags = _int(_get(doc, "flags", 0), f"{path}.flags", 0, 2**32 - 1)
    if (body := _get(doc, "body")) is not None:
        _any_value(record.body, _obj(body, f"{path}.body"), f"{path}.body")
    _attributes(record.attributes, doc, path)


def _attributes(target: Any, doc: dict[str, Any], path: str) -> None:
    for i, kv_doc in enumerate(_list(doc, "attributes", path)):
        _key_value(target.add(), _obj(kv_doc, f"{path}.attributes[{i}]"),
                   f"{path}.attributes[{i}]")  # fmt: skip


def _key_value(kv: KeyValue, doc: dict[str, Any], path: str) -> None:
    kv.key = _str(_get(doc, "key", ""), f"{path}.key")
    if (value := _get(doc, "value")) is not None:
        _any_value(kv.value, _obj(value, f"{path}.value"), f"{path}.value")


def _any_value(value: AnyValue, doc: dict[str, Any], path: str) -> None:
    present = [k for k in _VALUE_SETTERS if _get(doc, k) is not None]
    if len(present) > 1:
        raise OtlpDecodeError(path, f"has several values ({', '.join(present)}); expected one")
    for key in present:
        _VALUE_SETTERS[key](value, _get(doc, key), f"{path}.{key}")


def _set_array(value: AnyValue, doc: Any, path: str) -> None:
    for i, item in enumerate(_list(_obj(doc, path), "values", path)):
        _any_value(value.array_value.values.add(), _obj(item, f"{path}.values[{i}]"),
                   f"{path}.values[{i}]")  # fmt: skip


def _set_kvlist(value: AnyValue, doc: Any, path: str) -> None:
    for i, item in enumerate(_list(_obj(doc, path), "values", path)):
        _key_value(value.kvlist_value.values.add(), _obj(item, f"{path}.values[{i}]"),
                   f"{path}.values[{i}]")  # fmt: skip


def _set_bytes(value: AnyValue, doc: Any, path: str) -> None:
    try:
        value.bytes_value = base64.b64decode(_str(doc, path), validate=True)
    except binascii.Error as e:
        raise OtlpDecodeError(path, "expected base64") from e


def _set_string(value: AnyValue, doc: Any, path: str) -> None:
    value.string_value = _str(doc, path)


def _set_bool(value: AnyValue, doc: Any, path: str) -> None:
    if not isinstance(doc, bool):
        raise OtlpDecodeError(path, f"expected true or false, got {doc!r}")
    value.bool_value = doc


def _set_int(value: AnyValue, doc: Any, path: str) -> None:
    value.int_value = _int(doc, path, *_INT64)


def _set_double(value: AnyValue, doc: Any, path: str) -> None:
    if isinstance(doc, str) and doc in _SPECIAL_DOUBLES:
        value.double_value = _SPECIAL_DOUBLES[doc]
    elif isinstance(doc, int | float) and not isinstance(doc, bool):
        value.double_value = float(doc)
    else:
        raise OtlpDecodeError(path, f"expected a number, got {doc!r}")


_VALUE_SETTERS: dict[str, Callable[[AnyValue, Any, str], None]] = {
    "stringValue": _set_string,
    "boolValue": _set_bool,
    "intValue": _set_int,
    "doubleValue": _set_double,
    "arrayValue": _set_array,
    "kvlistValue": _set_kvlist,
    "bytesValue": _set_bytes,
}


def _snake(camel: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in camel)


def _get(doc: dict[str, Any], key: str, default: Any = None) -> Any:
    value = doc[key] if key in doc else doc.get(_snake(key))
    return default if value is None else value  # JSON null means "not set"


def _obj(doc: Any, path: str) -> dict[str, Any]:
    if not isinstance(doc, dict):
        raise OtlpDecodeError(path, f"expected an object, got {type(doc).__name__}")
    return doc


def _list(doc: dict[str, Any], key: str, path: str) -> list[Any]:
    value = _get(doc, key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise OtlpDecodeError(f"{path}.{key}", f"expected an array, got {type(value).__name__}")
    return value


def _str(doc: Any, path: str) -> str:
    if not isinstance(doc, str):
        raise OtlpDecodeError(path, f"expected a string, got {doc!r}")
    return doc


def _int(doc: Any, path: str, low: int, high: int) -> int:
    try:
        number = int(doc) if isinstance(doc, str) or type(doc) is int else None
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        raise OtlpDecodeError(path, f"expected an integer in [{low}, {high}], got {doc!r}")
    return number


def _uint(doc: Any, path: str) -> int:
    return _int(doc, path, 0, _UINT64_MAX)


def _hex(doc: Any, size: int, path: str) -> bytes:
    text = _str(doc, path)
    if text == "":
        return b""
    try:
        raw = bytes.fromhex(text)
    except ValueError:
        raw = b""
    if len(raw) != size or len(text) != 2 * size:
        raise OtlpDecodeError(path, f"expected {2 * size} hex digits, got {text!r}")
    return raw
