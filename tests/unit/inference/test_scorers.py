"""The three scorers' raw formulas.

Matrix: queue min-max (spread, all equal → 1.0, single candidate, empty) · kv `1 - usage`
(incl. usage > 1 → negative raw) · prefix matched/total (no match, no whole block) · clamp.
"""

from __future__ import annotations

import pytest

from ngf_console.inference.prefix import PrefixMatch
from ngf_console.inference.scorers import clamp_unit, kv_cache_scores, prefix_scores, queue_scores


@pytest.mark.parametrize(
    ("waiting", "expected"),
    [
        ([0, 5, 10], [1.0, 0.5, 0.0]),
        ([3, 3, 3], [1.0, 1.0, 1.0]),
        ([7], [1.0]),
        ([2, 6, 4, 2], [1.0, 0.0, 0.5, 1.0]),
        ([], []),
    ],
    ids=["spread", "all-equal-neutral", "single", "duplicates", "empty"],
)
def test_queue_scorer_is_min_max(waiting: list[int], expected: list[float]) -> None:
    assert queue_scores(waiting) == expected


def test_kv_cache_scorer_is_one_minus_usage_unclamped() -> None:
    assert kv_cache_scores([0.0, 0.25, 1.0, 1.2]) == pytest.approx([1.0, 0.75, 0.0, -0.2])


def test_prefix_scorer_is_matched_over_total() -> None:
    match = PrefixMatch(total_blocks=8, matched={"a": 8, "b": 2})
    assert prefix_scores(["a", "b", "c"], match) == [1.0, 0.25, 0.0]


@pytest.mark.parametrize(
    "match",
    [None, PrefixMatch(total_blocks=0, matched={})],
    ids=["no-index", "prompt-shorter-than-a-block"],
)
def test_prefix_scorer_is_zero_without_blocks(match: PrefixMatch | None) -> None:
    assert prefix_scores(["a", "b"], match) == [0.0, 0.0]


@pytest.mark.parametrize(
    ("raw", "clamped"), [(-0.2, 0.0), (0.0, 0.0), (0.4, 0.4), (1.0, 1.0), (1.5, 1.0)]
)
def test_clamp_unit(raw: float, clamped: float) -> None:
    assert clamp_unit(raw) == clamped
