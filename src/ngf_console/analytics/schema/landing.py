"""The OTLP landing tables and the views that map their rows into the raw tables.

Each raw table has a landing table, `ngf_otlp_landing_<table>` (Null engine: it stores
nothing), that the receiver fills with the records of the table's event (`landing_insert`),
and one materialized view (`ngf_otlp_to_<table>`) that keeps the rows of that event and
reads each column from the attribute arrays:

* strings: the first listed key that is present, else '';
* numbers: a double or an int (times the source's scale), else 0; a numeric string only for
  sources marked `text` (fields of a parsed log line); clamped to the column type's range;
* booleans: a bool or a non-zero int (and "true"/"1" for `text` sources);
* arrays: an array value's elements (numbers may be ints or doubles), else [];
* `timestamp`: `timeUnixNano`, else `observedTimeUnixNano`, else the ingest time;
* `trace_id`: the record's trace id as lowercase hex ('' when unset).

Lookups are the hot loop of ingest (one per column per record), so each view first maps the
record's keys to small integers with one hash lookup per key (`transform`), then finds each
column's key by comparing integers; string parsing and checked casts are left out of the
common path (measured in `bench/analytics.py`).
"""

from __future__ import annotations

from ngf_console.analytics.otlp.wire import LANDING_COLUMNS, flatten_insert
from ngf_console.analytics.schema.model import Column, Source, Table
from ngf_console.analytics.store import FormattedInsert

_UNSIGNED = {"UInt8": 8, "UInt16": 16, "UInt32": 32, "UInt64": 64}


def _quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def table_keys(table: Table) -> list[str]:
    """Every attribute key `table` reads, in a fixed order (their ids are 1, 2, …)."""
    return list(dict.fromkeys(s.key for c in table.columns for s in c.sources))


class _Expressions:
    """Column expressions of one table's routing view (keys numbered by `table_keys`)."""

    def __init__(self, table: Table) -> None:
        self._ids = {key: n for n, key in enumerate(table_keys(table), start=1)}

    def index(self, key: str) -> str:
        return f"indexOf(kid, {self._ids[key]})"

    def number(self, source: Source) -> str:
        i = self.index(source.key)
        value = f"(attr_double[{i}] + toFloat64(attr_int[{i}])"
        value += f" + toFloat64OrZero(attr_str[{i}]))" if source.text else ")"
        return value if source.scale == 1.0 else f"{value} * {source.scale!r}"

    def value(self, column: Column, source: Source) -> str:
        i = self.index(source.key)
        base = column.type.removeprefix("LowCardinality(").removesuffix(")")
        if base == "String":
            return f"attr_str[{i}]"
        if base == "Bool":
            text = f" OR lower(attr_str[{i}]) IN ('true', '1')" if source.text else ""
            return f"(attr_bool[{i}] OR attr_int[{i}] != 0{text})"
        if column.type == "Array(String)":
            return f"attr_str_arrays[{i}]"
        if column.type.startswith("Array("):
            element = column.type[len("Array(") : -1]
            return (
                f"arrayMap((d, n) -> to{element}(d + toFloat64(n)), "
                f"attr_double_arrays[{i}], attr_int_arrays[{i}])"
            )
        if base in _UNSIGNED:
            top = float(2 ** _UNSIGNED[base] - 1)
            return f"to{base}(greatest(0., least({top!r}, round({self.number(source)}))))"
        return f"to{base}({self.number(source)})"

    def column(self, column: Column) -> str:
        if column.kind == "time":
            return (
                "multiIf(time_unix_nano > 0, fromUnixTimestamp64Nano(toInt64(time_unix_nano)), "
                "observed_time_unix_nano > 0, "
                "fromUnixTimestamp64Nano(toInt64(observed_time_unix_nano)), now64(9))"
            )
        if column.kind == "trace_id":
            return "if(trace_id = '', '', lower(hex(trace_id)))"
        if len(column.sources) == 1:
            return self.value(column, column.sources[0])
        branches = ", ".join(f"{self.index(s.key)} > 0, {self.value(column, s)}"
                             for s in column.sources)  # fmt: skip
        return f"multiIf({branches}, {_default(column)})"


def _default(column: Column) -> str:
    if column.type.startswith("Array("):
        return f"CAST([], '{column.type}')"
    base = column.type.removeprefix("LowCardinality(").removesuffix(")")
    return {"String": "''", "Bool": "false"}.get(base, f"CAST(0, '{base}')")


def column_expression(table: Table, column: Column) -> str:
    """The SELECT expression reading `column` of `table` from a landing row (uses `kid`)."""
    return _Expressions(table).column(column)


def landing_table_name(table: Table) -> str:
    return f"ngf_otlp_landing_{table.name.removeprefix('ngf_')}"


def landing_table_ddl(table: Table) -> str:
    """`CREATE TABLE ngf_otlp_landing_<table> … ENGINE = Null`."""
    columns = ",\n  ".join(f"{name} {type_}" for name, type_ in LANDING_COLUMNS)
    return f"CREATE TABLE IF NOT EXISTS {landing_table_name(table)} (\n  {columns}\n) ENGINE = Null"


def landing_insert(table: Table) -> FormattedInsert:
    """The insert landing a request's records of `table.event` (see `wire`); array values
    are decoded only for a table with array columns."""
    arrays = any(c.type.startswith("Array(") for c in table.columns)
    return flatten_insert(landing_table_name(table), table.event, arrays=arrays)


def routing_view_name(table: Table) -> str:
    return f"ngf_otlp_to_{table.name}"


def routing_view_ddl(table: Table) -> str:
    """The materialized view copying `table.event` rows from its landing table into `table`."""
    keys = table_keys(table)
    names = ", ".join(_quote(k) for k in keys)
    ids = ", ".join(str(n) for n in range(1, len(keys) + 1))
    exprs = _Expressions(table)
    select = ",\n  ".join(f"{exprs.column(c)} AS {c.name}" for c in table.columns)
    return (
        f"CREATE MATERIALIZED VIEW IF NOT EXISTS {routing_view_name(table)} TO {table.name} AS\n"
        f"WITH arrayMap(k -> transform(k, [{names}], [{ids}], 0), attr_keys) AS kid\n"
        f"SELECT\n  {select}\nFROM {landing_table_name(table)}\n"
        f"WHERE event_name = {_quote(table.event)}"
    )
