"""The rows one OTLP logs payload puts in one raw table, computed in Python.

The engine flattens payloads itself (`wire.FLATTEN_INSERT`); this module reads the same
payload the same way for the few consumers that need the rows *as they arrive* — the live
EPP decision feed of the API server fans out exactly what the receiver stored, so the live
view and ClickHouse agree. Mapping, as the landing views do it (`schema.model`): a record
belongs to `table` when its `event_name` (or its `event.name` attribute) is the table's event;
each column takes the first of its sources present among the record's, then the scope's, then
the resource's attributes, times the source's scale; `timestamp` is `time_unix_nano` (else the
observed time) and `trace_id` lowercase hex. Missing values take the column type's zero.

Python reads attributes at about 1 µs each, so this is for selected events at live rates
(thousands of records per second), not for bulk ingest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import ExportLogsServiceRequest

from ngf_console.analytics.otlp.attributes import EVENT_NAME_ATTRIBUTE
from ngf_console.analytics.schema.model import Column, Table
from ngf_console.analytics.store import Cell

Row = dict[str, Cell]


def rows_of(payload: bytes, table: Table) -> list[Row]:
    """The rows of `table` in a protobuf `ExportLogsServiceRequest` payload."""
    request = ExportLogsServiceRequest.FromString(payload)
    return list(_rows(request, table))


def _rows(request: Any, table: Table) -> Iterator[Row]:
    for rl in request.resource_logs:
        resource = _attributes(rl.resource.attributes)
        for sl in rl.scope_logs:
            scope = _attributes(sl.scope.attributes)
            for record in sl.log_records:
                attrs = _attributes(record.attributes)
                event = record.event_name or str(attrs.get(EVENT_NAME_ATTRIBUTE, ""))
                if event != table.event:
                    continue
                merged = {**resource, **scope, **attrs}
                yield {c.name: _cell(c, record, merged) for c in table.columns}


def _attributes(pairs: Iterable[Any]) -> dict[str, Cell]:
    return {kv.key: _value(kv.value) for kv in pairs}


def _value(value: Any) -> Cell:
    kind = value.WhichOneof("value")
    if kind == "array_value":
        return [_value(v) for v in value.array_value.values]
    if kind is None or kind in ("kvlist_value", "bytes_value"):
        return None
    result: Cell = getattr(value, kind)
    return result


def _cell(column: Column, record: Any, attrs: dict[str, Cell]) -> Cell:
    if column.kind == "time":
        nanos = record.time_unix_nano or record.observed_time_unix_nano
        return dt.datetime.fromtimestamp(nanos / 1e9, dt.UTC)
    if column.kind == "trace_id":
        return bytes(record.trace_id).hex()
    for source in column.sources:
        if source.key in attrs and attrs[source.key] is not None:
            return _typed(column.type, attrs[source.key], source.scale)
    return _zero(column.type)


def _base(type_: str) -> str:
    for wrapper in ("LowCardinality(", "Nullable("):
        if type_.startswith(wrapper):
            type_ = type_[len(wrapper) : -1]
    return type_


def _typed(type_: str, value: Cell, scale: float) -> Cell:
    base = _base(type_)
    try:
        if base.startswith("Array("):
            inner = base[len("Array(") : -1]
            items = value if isinstance(value, list) else [value]
            return [_typed(inner, v, 1.0) for v in items]
        if base.startswith(("UInt", "Int")):
            return round(float(value) * scale)  # type: ignore[arg-type]
        if base.startswith(("Float", "Decimal")):
            return float(value) * scale  # type: ignore[arg-type]
        if base == "Bool":
            return bool(value)
    except (TypeError, ValueError):
        return _zero(type_)
    return "" if value is None else str(value)


def _zero(type_: str) -> Cell:
    base = _base(type_)
    if base.startswith("Array("):
        return []
    if base.startswith(("UInt", "Int")):
        return 0
    if base.startswith(("Float", "Decimal")):
        return 0.0
    if base == "Bool":
        return False
    return ""
