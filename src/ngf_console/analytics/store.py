"""The one seam between the analytics code and a ClickHouse engine: `AnalyticsStore`.

Two adapters implement it with the same SQL: `chdb_store.ChdbStore` (chDB, ClickHouse in this
process — the embedded default) and `clickhouse_store.ClickHouseStore` (a ClickHouse server
over HTTP through clickhouse-connect). Only those two modules import their client libraries.

Invariants every adapter keeps (the contract tests check them on both):

* SQL uses unqualified table names; the store's `database` is the session's current one.
* Parameters are ClickHouse server-side bindings, `{name:Type}` in the SQL, values from
  `Param` (no string interpolation of values, ever).
* `insert()` takes a columnar batch (`{column: values}`, equal lengths); values are Python
  values of the column's type: `datetime` (timezone-aware) for DateTime64, `list` for Array.
* `insert_formatted()` runs an `INSERT … SELECT … FROM __PAYLOAD__ …` whose source is a
  payload in a ClickHouse input format (the OTLP ingest sends protobuf this way): chDB reads it
  from a temporary file, a server from the request body through `input()`. A payload given as
  several buffers is read as their concatenation.
* `query()` returns column names and rows of Python values; DateTime values are aware UTC.
  An empty result may come without column names (a server answers an empty Native result
  with no header block), so callers never rely on them when there are no rows.
* Engine errors surface as `QueryError` (with ClickHouse's code), connection problems as
  `StoreUnavailableError`; nothing else escapes.
* Every call is synchronous and thread-safe; async callers run them in a worker thread
  (`anyio.to_thread.run_sync`) — both engines release the GIL while they work.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeAlias, TypeVar, get_type_hints

from ngf_console.analytics.errors import SchemaError

Cell: TypeAlias = "str | int | float | bool | dt.datetime | list[Cell] | None"
Param: TypeAlias = str | int | float | bool | Sequence[str] | Sequence[int] | Sequence[float]
Params: TypeAlias = Mapping[str, Param]
ColumnBatch: TypeAlias = Mapping[str, Sequence[object]]
Payload: TypeAlias = bytes | Sequence[bytes]
"""A formatted insert's input: one buffer, or the buffers to read one after another (the
ingest passes a batch of protobuf requests this way instead of concatenating them)."""

PAYLOAD_SOURCE = "__PAYLOAD__"


@dataclass(frozen=True, slots=True)
class FormattedInsert:
    """`INSERT … SELECT … FROM __PAYLOAD__ …` reading a payload in input format `fmt`.

    `structure` is the payload's column list (`name Type, …`) and `settings` the format's
    settings (e.g. the protobuf schema); adapters replace `PAYLOAD_SOURCE` with their source.
    """

    sql: str
    fmt: str
    structure: str
    settings: Mapping[str, str]

    def __post_init__(self) -> None:
        if self.sql.count(PAYLOAD_SOURCE) != 1:
            raise SchemaError(f"a formatted insert must name {PAYLOAD_SOURCE} exactly once")


@dataclass(frozen=True, slots=True)
class QueryResult:
    """Column names and rows of one query."""

    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]]

    def dicts(self) -> list[dict[str, Cell]]:
        """Each row as `{column: value}`."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def scalar(self) -> Cell:
        """The single value of a one-row, one-column result."""
        if len(self.rows) != 1 or len(self.columns) != 1:
            raise SchemaError(
                f"expected one value, got {len(self.rows)} rows x {len(self.columns)} columns"
            )
        return self.rows[0][0]


class AnalyticsStore(Protocol):
    """A ClickHouse engine: DDL/DML, columnar inserts, formatted inserts, queries."""

    @property
    def database(self) -> str:
        """The database every unqualified table name refers to."""
        ...

    def execute(self, sql: str, params: Params | None = None) -> None:
        """Run a statement that returns no rows (DDL, INSERT … SELECT, OPTIMIZE)."""
        ...

    def insert(self, table: str, batch: ColumnBatch) -> None:
        """Insert a columnar batch into `table`."""
        ...

    def insert_formatted(self, insert: FormattedInsert, payload: Payload) -> None:
        """Run `insert` with `payload` (its buffers in order) as its source."""
        ...

    def query(self, sql: str, params: Params | None = None) -> QueryResult:
        """Run a SELECT and return its rows."""
        ...

    def session(self) -> AnalyticsStore:
        """Another store on the same database with its own session (connection), for work
        that runs at the same time as this store's; the caller closes it."""
        ...

    def close(self) -> None:
        """Release the engine or connection (idempotent)."""
        ...


def batch_length(batch: ColumnBatch) -> int:
    """The common length of a batch's columns (SchemaError when they differ or it is empty)."""
    lengths = {name: len(values) for name, values in batch.items()}
    if not lengths:
        raise SchemaError("a batch needs at least one column")
    if len(set(lengths.values())) != 1:
        raise SchemaError(f"batch columns differ in length: {lengths}")
    return next(iter(lengths.values()))


Row = TypeVar("Row")


def rows_as(result: QueryResult, row_type: type[Row]) -> list[Row]:
    """The rows as instances of the dataclass `row_type`, fields matched by column name.

    Every field must be a column; numbers are converted to the field's declared `int`/`float`
    (ClickHouse returns UInt64 aggregates as int, averages as float, NaN for empty groups).
    """
    if not dataclasses.is_dataclass(row_type):
        raise SchemaError(f"{row_type!r} is not a dataclass")
    if not result.rows:
        return []  # an empty result may have no column names (see the module docstring)
    hints = get_type_hints(row_type)
    fields = [f.name for f in dataclasses.fields(row_type)]
    missing = [name for name in fields if name not in result.columns]
    if missing:
        raise SchemaError(f"query result lacks columns {missing} for {row_type.__name__}")
    index = {name: result.columns.index(name) for name in fields}
    converters = {name: _converter(hints[name]) for name in fields}
    return [
        row_type(**{name: converters[name](row[index[name]]) for name in fields})
        for row in result.rows
    ]


def _converter(hint: object) -> Callable[[Cell], object]:
    if hint is float:
        return _to_float
    if hint is int:
        return _to_int
    return _identity


def _to_float(value: Cell) -> float:
    return float("nan") if value is None else float(value)  # type: ignore[arg-type]


def _to_int(value: Cell) -> int:
    return 0 if value is None else int(value)  # type: ignore[arg-type]


def _identity(value: Cell) -> Cell:
    return value


def payload_chunks(payload: Payload) -> Sequence[bytes]:
    """The buffers of `payload`, in order."""
    return (payload,) if isinstance(payload, bytes) else payload
