"""Pagination cursors (`ngf_console.store.cursor`): round trip, and refusal of anything else."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest

from ngf_console.store.cursor import Cursor
from ngf_console.store.errors import InvalidCursorError


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def test_round_trip_keeps_microseconds_and_zone() -> None:
    cursor = Cursor(datetime(2026, 3, 1, 12, 0, 0, 123456, tzinfo=UTC), 42)

    encoded = cursor.encode()

    assert Cursor.decode(encoded) == cursor
    assert "=" not in encoded
    assert "/" not in encoded  # safe in a query string


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("!!!", id="not-base64"),
        pytest.param(_b64("not json"), id="not-json"),
        pytest.param(_b64('{"t": "2026-03-01T12:00:00+00:00"}'), id="no-id"),
        pytest.param(_b64('{"t": "yesterday", "id": 1}'), id="bad-time"),
        pytest.param(_b64('{"t": "2026-03-01T12:00:00", "id": 1}'), id="naive-time"),
        pytest.param(_b64('{"t": "2026-03-01T12:00:00+00:00", "id": "1"}'), id="id-not-int"),
        pytest.param(_b64("[1, 2]"), id="not-an-object"),
    ],
)
def test_decode_refuses_foreign_text(text: str) -> None:
    with pytest.raises(InvalidCursorError, match="invalid pagination cursor"):
        Cursor.decode(text)
