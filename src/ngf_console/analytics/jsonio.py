"""JSON in and out of ClickHouse: columnar batches as `JSONColumns`, results as `JSONCompact`.

The chDB adapter exchanges data with the engine in these formats, so the embedded store needs
no Arrow or pandas. The session runs with `session_timezone = 'UTC'`,
`output_format_json_quote_64bit_integers = 0` and `output_format_json_quote_denormals = 0`
(`SESSION_SETTINGS`), which makes the encoding exact: 64-bit integers are JSON numbers,
NaN/inf arrive as `null` and are restored from the column type (and are sent as the strings
"nan"/"inf"/"-inf", which ClickHouse parses into float columns), DateTime text is UTC.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import struct
from collections.abc import Callable
from typing import Any

from ngf_console.analytics.errors import SchemaError
from ngf_console.analytics.store import Cell, ColumnBatch, QueryResult

_F32 = struct.Struct("<f")

SESSION_SETTINGS = {
    "session_timezone": "UTC",
    "output_format_json_quote_64bit_integers": "0",
    "output_format_json_quote_denormals": "0",
}


def encode_batch(batch: ColumnBatch) -> bytes:
    """The batch as a `JSONColumns` document (datetimes as UTC text with microseconds)."""
    try:
        return json.dumps(
            {name: [_jsonable(v) for v in values] for name, values in batch.items()},
            separators=(",", ":"),
            allow_nan=False,
        ).encode()
    except (TypeError, ValueError) as e:
        raise SchemaError(f"a batch value cannot be sent to ClickHouse: {e}") from e


def _jsonable(value: object) -> object:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise SchemaError(f"datetime {value.isoformat()} has no timezone")
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")  # parsed as floats
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def decode_result(data: bytes) -> QueryResult:
    """A `JSONCompact` document as a `QueryResult` with Python values of the column types."""
    doc = json.loads(data)
    meta: list[dict[str, str]] = doc["meta"]
    converters = [_decoder(m["type"]) for m in meta]
    rows = [
        tuple(convert(cell) for convert, cell in zip(converters, row, strict=True))
        for row in doc["data"]
    ]
    return QueryResult(tuple(m["name"] for m in meta), rows)


def _decoder(type_name: str) -> Callable[[Any], Cell]:
    inner = _unwrap(type_name)
    if inner.startswith("Array("):
        element = _decoder(inner[len("Array(") : -1])
        return lambda v: None if v is None else [element(x) for x in v]
    if inner == "Float32":
        return _float32
    if inner.startswith("Float"):
        return lambda v: math.nan if v is None else float(v)
    if inner.startswith("DateTime"):
        return _datetime
    return _identity


def _unwrap(type_name: str) -> str:
    for wrapper in ("LowCardinality(", "Nullable("):
        if type_name.startswith(wrapper):
            return _unwrap(type_name[len(wrapper) : -1])
    if type_name.startswith("SimpleAggregateFunction("):
        return _unwrap(type_name[type_name.index(",") + 1 : -1].strip())
    return type_name


def _float32(value: Any) -> Cell:
    """The float32 the engine holds (JSON prints its shortest decimal, e.g. 1024.4688)."""
    if value is None:
        return math.nan
    exact: float = _F32.unpack(_F32.pack(float(value)))[0]
    return exact


def _datetime(value: Any) -> Cell:
    if value is None:
        return None
    return dt.datetime.fromisoformat(str(value)).replace(tzinfo=dt.UTC)


def _identity(value: Any) -> Cell:
    result: Cell = value
    return result
