"""Tables and columns, with the OTLP attributes each column is read from.

A `Column` is the single source of its DDL type, its documentation and its ingest mapping:
`sources` lists attribute keys in priority order (the first one present wins), each with an
optional `scale` for unit conversion (NGINX's `$request_time` is seconds, the column is ms)
and whether numbers may arrive as text.
`kind` says how the value is computed instead when it is not an attribute: the record's time
(`time`) or trace id (`trace_id`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ColumnKind = Literal["attribute", "time", "trace_id"]

SECONDS_COLUMN = "timestamp_s"
SECONDS_DDL = f"{SECONDS_COLUMN} DateTime MATERIALIZED toDateTime(timestamp) CODEC(Delta, LZ4)"
"""Every raw table's `timestamp` in whole seconds, computed on insert (`MATERIALIZED`: not in
`SELECT *`, never written by ingest). Dashboard queries bucket and bound their ranges by it:
a 4-byte second decodes and divides several times faster than the `DateTime64(3)`, and
ranges start and end on whole seconds, so it selects exactly the same rows."""


@dataclass(frozen=True, slots=True)
class Source:
    """One attribute key a column may be read from; numbers are multiplied by `scale`.

    `text`: the value may be a numeric string (a field parsed out of a text log line, like
    NGINX's `$request_time`), so numeric columns also parse strings — at a cost per row, which
    is why typed OpenTelemetry attributes do not.
    """

    key: str
    scale: float = 1.0
    text: bool = False


@dataclass(frozen=True, slots=True)
class Column:
    """One column: ClickHouse type, description, where ingest reads it from."""

    name: str
    type: str
    doc: str
    sources: tuple[Source, ...] = ()
    kind: ColumnKind = "attribute"
    added: bool = False  # not in the spec's DDL: documented in docs/analytics.md
    codec: str = ""  # ClickHouse compression codec, e.g. "DoubleDelta, LZ4"


@dataclass(frozen=True, slots=True)
class Table:
    """A raw MergeTree table fed by OTLP log records of one event."""

    name: str
    event: str
    columns: tuple[Column, ...]
    order_by: tuple[str, ...]
    ttl_days: int
    doc: str

    def column(self, name: str) -> Column:
        """The column called `name` (KeyError when absent)."""
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


def attr(name: str, type_: str, doc: str, *keys: str | Source, added: bool = False) -> Column:
    """A column read from attribute `keys` (strings or `Source`s with a scale)."""
    sources = tuple(k if isinstance(k, Source) else Source(k) for k in keys)
    return Column(name, type_, doc, sources, "attribute", added)


def timestamp_column() -> Column:
    """`timestamp DateTime64(3)`: the record's time (its observed time when unset)."""
    return Column(
        "timestamp",
        "DateTime64(3)",
        "When the event happened: `timeUnixNano`, or `observedTimeUnixNano` when unset.",
        kind="time",
        codec="DoubleDelta, LZ4",  # sorted times within a key: ~250x smaller than plain LZ4
    )


def trace_id_column() -> Column:
    """`trace_id String`: the record's trace id as 32 lowercase hex digits ('' when unset)."""
    return Column(
        "trace_id", "String", "The log record's trace id, lowercase hex.", kind="trace_id"
    )
