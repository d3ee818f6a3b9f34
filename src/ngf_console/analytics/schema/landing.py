"""The OTLP landing table and the views that route its rows into the raw tables.

`ngf_otlp_logs` uses the Null engine: it stores nothing, it only triggers one materialized
view per raw table (`ngf_otlp_to_<table>`), which keeps the rows of that table's event and
reads each column from the attribute arrays:

* strings: the first listed key that is present, else '';
* numbers: a double, an int or a numeric string (times the source's scale), else 0; a value out
  of the column type's range is stored as 0 (`accurateCastOrDefault`);
* booleans: a bool, a non-zero int or the strings "true"/"1";
* arrays: an array value's elements (numbers may be ints or doubles), else [];
* `timestamp`: `timeUnixNano`, else `observedTimeUnixNano`, else the ingest time;
* `trace_id`: the record's trace id as lowercase hex ('' when unset).
"""

from __future__ import annotations

from ngf_console.analytics.otlp.wire import LANDING_COLUMNS, LANDING_TABLE
from ngf_console.analytics.schema.model import Column, Source, Table

_INTEGER_TYPES = ("UInt8", "UInt16", "UInt32", "UInt64", "Int8", "Int16", "Int32", "Int64")


def _quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _index(key: str) -> str:
    return f"indexOf(attr_keys, {_quote(key)})"


def _number(source: Source) -> str:
    i = _index(source.key)
    value = f"(attr_double[{i}] + toFloat64(attr_int[{i}]) + toFloat64OrZero(attr_str[{i}]))"
    return value if source.scale == 1.0 else f"{value} * {source.scale!r}"


def _value(column: Column, source: Source) -> str:
    i = _index(source.key)
    base = column.type.removeprefix("LowCardinality(").removesuffix(")")
    if base == "String":
        return f"attr_str[{i}]"
    if base == "Bool":
        return f"(attr_bool[{i}] OR attr_int[{i}] != 0 OR lower(attr_str[{i}]) IN ('true', '1'))"
    if column.type == "Array(String)":
        return f"attr_str_arrays[{i}]"
    if column.type.startswith("Array("):
        element = column.type[len("Array(") : -1]
        return f"arrayMap(x -> to{element}(x), attr_num_arrays[{i}])"
    if base in _INTEGER_TYPES:
        return f"accurateCastOrDefault(round({_number(source)}), '{base}')"
    return f"accurateCastOrDefault({_number(source)}, '{base}')"


def _default(column: Column) -> str:
    if column.type.startswith("Array("):
        return f"CAST([], '{column.type}')"
    base = column.type.removeprefix("LowCardinality(").removesuffix(")")
    return {"String": "''", "Bool": "false"}.get(base, f"CAST(0, '{base}')")


def column_expression(column: Column) -> str:
    """The SELECT expression reading `column` from a landing row."""
    if column.kind == "time":
        return (
            "multiIf(time_unix_nano > 0, fromUnixTimestamp64Nano(toInt64(time_unix_nano)), "
            "observed_time_unix_nano > 0, "
            "fromUnixTimestamp64Nano(toInt64(observed_time_unix_nano)), now64(9))"
        )
    if column.kind == "trace_id":
        return "if(trace_id = '', '', lower(hex(trace_id)))"
    if len(column.sources) == 1:
        return _value(column, column.sources[0])
    branches = ", ".join(f"has(attr_keys, {_quote(s.key)}), {_value(column, s)}"
                         for s in column.sources)  # fmt: skip
    return f"multiIf({branches}, {_default(column)})"


def landing_table_ddl() -> str:
    """`CREATE TABLE ngf_otlp_logs … ENGINE = Null`."""
    columns = ",\n  ".join(f"{name} {type_}" for name, type_ in LANDING_COLUMNS)
    return f"CREATE TABLE IF NOT EXISTS {LANDING_TABLE} (\n  {columns}\n) ENGINE = Null"


def routing_view_name(table: Table) -> str:
    return f"ngf_otlp_to_{table.name}"


def routing_view_ddl(table: Table) -> str:
    """The materialized view copying `table.event` rows from the landing table into `table`."""
    select = ",\n  ".join(f"{column_expression(c)} AS {c.name}" for c in table.columns)
    return (
        f"CREATE MATERIALIZED VIEW IF NOT EXISTS {routing_view_name(table)} TO {table.name} AS\n"
        f"SELECT\n  {select}\nFROM {LANDING_TABLE}\nWHERE event_name = {_quote(table.event)}"
    )
