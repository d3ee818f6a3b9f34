"""Which CertificateBundles count as expiring (threshold, explicit window, phase)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ngf_console.server.routers.certificates import is_expiring, parse_duration

NOW = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


def bundle(days_left: float | None, *, threshold: str = "30d", phase: str = "Active") -> Any:
    status: dict[str, Any] = {"phase": phase}
    if days_left is not None:
        status["expiresAt"] = (NOW + dt.timedelta(days=days_left)).isoformat()
    return {"spec": {"expiryAlertThreshold": threshold}, "status": status}


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("30d", 30 * 86400), ("720h", 720 * 3600), ("1h30m", 5400), ("1.5d", 1.5 * 86400)],
)
def test_parse_duration(text: str, seconds: float) -> None:
    assert parse_duration(text).total_seconds() == seconds


def test_parse_duration_rejects() -> None:
    with pytest.raises(ValueError, match="not a duration"):
        parse_duration("30 days")


@pytest.mark.parametrize(
    ("item", "within", "expected"),
    [
        pytest.param(bundle(10), None, True, id="inside-own-threshold"),
        pytest.param(bundle(40), None, False, id="outside-own-threshold"),
        pytest.param(bundle(40, threshold="60d"), None, True, id="longer-threshold"),
        pytest.param(bundle(10), dt.timedelta(days=5), False, id="explicit-window"),
        pytest.param(bundle(-1), None, True, id="expired"),
        pytest.param(bundle(None), None, False, id="not-issued-yet"),
        pytest.param(bundle(None, phase="Expiring"), None, True, id="phase-says-so"),
    ],
)
def test_is_expiring(item: Any, within: dt.timedelta | None, expected: bool) -> None:
    assert is_expiring(item, NOW, within) is expected
