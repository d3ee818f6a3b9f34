"""Go durations → seconds, and NGF's one-number-one-unit Duration."""

from __future__ import annotations

import pytest

from ngf_console.operator.children.durations import ngf_duration, seconds, whole_seconds


@pytest.mark.parametrize(
    ("text", "expected"),
    [("300s", 300.0), ("1m30s", 90.0), ("500ms", 0.5), ("1h", 3600.0), ("1.5s", 1.5)],
)
def test_seconds(text: str, expected: float) -> None:
    assert seconds(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "5", "5x", "s5", "1m 30s"])
def test_seconds_rejects_non_durations_naming_the_input(text: str) -> None:
    with pytest.raises(ValueError, match="is not a duration"):
        seconds(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("300s", "5m"),
        ("90s", "90s"),
        ("1m30s", "90s"),
        ("2h", "2h"),
        ("500ms", "500ms"),
        ("1.5s", "1500ms"),
        ("10001s", "167m"),
    ],
)
def test_ngf_duration_fits_ngf_pattern(text: str, expected: str) -> None:
    assert ngf_duration(text) == expected


def test_whole_seconds_rounds_up() -> None:
    assert whole_seconds("1500ms") == 2
