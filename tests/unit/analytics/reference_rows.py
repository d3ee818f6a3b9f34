"""The rows one OTLP logs payload puts in one raw table, computed in Python: a test oracle.

The engine flattens payloads itself (`wire.flatten_insert`); this module reads the same
payload the same way, column by column from the table definitions, so that tests can check
the API server's lean live-decision reader (`server.inference_feed.live_decisions`) against
it. Mapping, as the landing views do it (`schema.model`): a record
belongs to `table` when its `event_name` (or its `event.name` attribute) is the table's event;
each column takes the first of its sources present among the record's, then the scope's, then
the resource's attributes, times the source's scale; `timestamp` is `time_unix_nano` (else the
observed time) and `trace_id` lowercase hex. Missing values take the column type's zero.

Python reads attributes at about 1 µs each (the reason the live feed reads only the fields
it sends).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import ExportLogsServiceRequest

from ngf_console.analytics.otlp.attributes import EVENT_NAME_ATTRIBUTE
from ngf_console.analytics.schema.model import ColumnKind, Table
from ngf_console.analytics.store import Cell

Row = dict[str, Cell]


def rows_of(payload: bytes, table: Table) -> list[Row]:
    """The rows of `table` in a protobuf `ExportLogsServiceRequest` payload."""
    request = ExportLogsServiceRequest.FromString(payload)
    return list(_rows(request, table.event, _plan(table)))


Converter = Callable[[Cell, float], Cell]
_Column = tuple[str, ColumnKind, tuple[tuple[str, float], ...], Converter, Cell]
_Plan = tuple[_Column, ...]


@functools.cache
def _plan(table: Table) -> _Plan:
    """Per column: name, kind, (key, scale) sources, converter and zero — computed once."""
    return tuple((c.name, c.kind, tuple((s.key, s.scale) for s in c.sources),
                  _converter(c.type), _zero(c.type)) for c in table.columns)  # fmt: skip


def _rows(request: Any, event_name: str, plan: _Plan) -> Iterator[Row]:
    for rl in request.resource_logs:
        resource = _attributes(rl.resource.attributes)
        for sl in rl.scope_logs:
            scope = _attributes(sl.scope.attributes)
            for record in sl.log_records:
                attrs = _attributes(record.attributes)
                event = record.event_name or str(attrs.get(EVENT_NAME_ATTRIBUTE, ""))
                if event != event_name:
                    continue
                merged = {**resource, **scope, **attrs} if resource or scope else attrs
                yield {column[0]: _cell(column, record, merged) for column in plan}


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


def _cell(column: _Column, record: Any, attrs: dict[str, Cell]) -> Cell:
    _, kind, sources, convert, zero = column
    if kind == "time":
        nanos = record.time_unix_nano or record.observed_time_unix_nano
        return dt.datetime.fromtimestamp(nanos / 1e9, dt.UTC)
    if kind == "trace_id":
        return bytes(record.trace_id).hex()
    for key, scale in sources:
        value = attrs.get(key)
        if value is not None:
            try:
                return convert(value, scale)
            except (TypeError, ValueError):
                return zero
    return zero


def _base(type_: str) -> str:
    for wrapper in ("LowCardinality(", "Nullable("):
        if type_.startswith(wrapper):
            type_ = type_[len(wrapper) : -1]
    return type_


def _to_int(value: Cell, scale: float) -> Cell:
    if isinstance(value, int) and scale == 1.0:
        return value
    return round(float(value) * scale)  # type: ignore[arg-type]


def _to_float(value: Cell, scale: float) -> Cell:
    return float(value) * scale  # type: ignore[arg-type]


def _to_bool(value: Cell, _: float) -> Cell:
    return bool(value)


def _to_str(value: Cell, _: float) -> Cell:
    return value if isinstance(value, str) else str(value)


def _converter(type_: str) -> Converter:
    base = _base(type_)
    if base.startswith("Array("):
        inner = _converter(base[len("Array(") : -1])

        def array(value: Cell, _: float) -> Cell:
            items = value if isinstance(value, list) else [value]
            return [inner(v, 1.0) for v in items]

        return array
    if base.startswith(("UInt", "Int")):
        return _to_int
    if base.startswith(("Float", "Decimal")):
        return _to_float
    if base == "Bool":
        return _to_bool
    return _to_str


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
