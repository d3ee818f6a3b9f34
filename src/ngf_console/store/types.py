"""Column types that mean the same thing on PostgreSQL and SQLite (spec §4.2).

| Spec (PostgreSQL) | Here                | PostgreSQL    | SQLite                        |
|-------------------|---------------------|---------------|-------------------------------|
| JSONB             | `JSONDocument`      | JSONB         | JSON (TEXT holding JSON)      |
| UUID              | `sqlalchemy.Uuid`   | UUID          | CHAR(32) (hex)                |
| TIMESTAMPTZ       | `UTCDateTime`       | TIMESTAMPTZ   | DATETIME (TEXT, ISO 8601 UTC) |
| BIGSERIAL         | `BigIntegerPK`      | BIGSERIAL     | INTEGER PRIMARY KEY AUTOINCREMENT |

(SQLite's AUTOINCREMENT needs the table option `sqlite_autoincrement`; it keeps ids from being
reused after deletes, which keyset cursors rely on.)

Invariant of `UTCDateTime`: values going in must be timezone-aware; values coming out are
always aware and in UTC. SQLite has no time zone type, so the UTC instant is stored without an
offset in a fixed-width text form that sorts and compares in time order.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Integer
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

JSONDocument: TypeEngine[Any] = JSON().with_variant(postgresql.JSONB(), "postgresql")
"""A JSON value: JSONB on PostgreSQL, JSON text on SQLite."""

BigIntegerPK: TypeEngine[int] = BigInteger().with_variant(Integer(), "sqlite")
"""BIGSERIAL on PostgreSQL; SQLite only auto-increments a column typed exactly INTEGER."""


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC timestamp: TIMESTAMPTZ on PostgreSQL, UTC text on SQLite."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        utc = as_utc(value)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def as_utc(value: datetime) -> datetime:
    """`value` converted to UTC; a naive datetime is refused (its zone would be a guess)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value.isoformat()} given; use an aware datetime")
    return value.astimezone(UTC)


def utcnow() -> datetime:
    """The current time, aware, in UTC (the default clock of every repository)."""
    return datetime.now(UTC)
