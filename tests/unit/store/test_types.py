"""`UTCDateTime`: aware UTC in and out on both dialects; naive datetimes refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.engine import Dialect, make_url

from ngf_console.store.types import UTCDateTime, as_utc

PARIS = timezone(timedelta(hours=1))


def _dialect(url: str) -> Dialect:
    return make_url(url).get_dialect()()


SQLITE = _dialect("sqlite://")
POSTGRES = _dialect("postgresql+asyncpg://")


def test_bind_converts_to_utc_and_drops_the_zone_only_for_sqlite() -> None:
    value = datetime(2026, 3, 1, 13, 0, tzinfo=PARIS)
    column = UTCDateTime()

    on_sqlite = column.process_bind_param(value, SQLITE)
    on_postgres = column.process_bind_param(value, POSTGRES)

    assert on_sqlite == datetime(2026, 3, 1, 12, 0)
    assert on_postgres == datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_results_are_aware_utc() -> None:
    column = UTCDateTime()

    from_sqlite = column.process_result_value(datetime(2026, 3, 1, 12, 0), SQLITE)
    from_postgres = column.process_result_value(datetime(2026, 3, 1, 13, 0, tzinfo=PARIS), POSTGRES)

    assert from_sqlite == from_postgres == datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    assert from_sqlite is not None
    assert from_sqlite.tzinfo is UTC


def test_none_passes_through() -> None:
    column = UTCDateTime()

    assert column.process_bind_param(None, SQLITE) is None
    assert column.process_result_value(None, SQLITE) is None


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="naive datetime 2026-03-01T12:00:00"):
        as_utc(datetime(2026, 3, 1, 12, 0))
