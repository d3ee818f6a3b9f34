"""An `ngf_epp_decisions` row as the API's `EppDecision` (`server.inference_decisions`).

Matrix: a composite decision gives the profile's three weights and, per candidate best
first, each scorer's raw and weighted (clamped raw x weight) score plus its queue, KV-cache
and matched prefix blocks, with Float32 noise rounded away; a single-scorer decision has the
other scorers null; a row recorded without per-candidate scores (before migration 0002) has
null weights and null candidate scores but keeps the totals; a scorer array shorter than the
candidates leaves the missing candidates' score of that scorer null.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ngf_console.analytics.store import Cell
from ngf_console.server.inference_decisions import decision_of

F32_0_8 = 0.800000011920929  # 0.8 as a Float32 column reads back


def make_row(**columns: Cell) -> dict[str, Cell]:
    """A decision row of three candidates (pod-b picked), without per-candidate scores."""
    row: dict[str, Cell] = {
        "timestamp": dt.datetime(2026, 11, 26, 9, 0, 1, 250000, tzinfo=dt.UTC),
        "namespace": "demo", "inference_pool": "llama", "model_name": "m",
        "request_id": "req-1", "trace_id": "ab" * 16, "picked_pod": "pod-b",
        "reason": "least_queue", "decision_latency_us": 31.5, "candidate_count": 3,
        "tied_count": 1, "queue_depth": 0, "kv_cache_pct": 50.0, "prefix_hit": True,
        "prefix_matched_blocks": 3, "prefix_total_blocks": 4, "queue_score": 0.4,
        "kv_cache_score": 0.15, "prefix_score": 0.225, "total_score": 0.775,
        "candidates": ["pod-b", "pod-a", "pod-c"], "candidate_scores": [0.775, 0.24, 0.23],
        "candidate_queue_scores": [], "candidate_kv_cache_scores": [],
        "candidate_prefix_scores": [], "candidate_queue_depths": [],
        "candidate_kv_cache_pcts": [], "candidate_prefix_matched_blocks": [],
        "queue_weight": 0.0, "kv_cache_weight": 0.0, "prefix_weight": 0.0,
    }  # fmt: skip
    return row | columns


COMPOSITE = {
    "candidate_queue_scores": [1.0, 0.0, 0.5],
    "candidate_kv_cache_scores": [0.5, F32_0_8, 0.1],
    "candidate_prefix_scores": [0.75, 0.0, 0.0],
    "candidate_queue_depths": [0, 4, 2],
    "candidate_kv_cache_pcts": [50.0, 20.0, 90.0],
    "candidate_prefix_matched_blocks": [3, 0, 0],
    "queue_weight": 0.4, "kv_cache_weight": 0.3, "prefix_weight": 0.3,
}  # fmt: skip


def _scores(candidate: Any) -> dict[str, tuple[float, float] | None]:
    s = candidate.scores
    assert s is not None
    pairs = (("queue", s.queue), ("kvCache", s.kv_cache), ("prefix", s.prefix))
    return {name: None if c is None else (c.raw, c.weighted) for name, c in pairs}


def test_composite_decision_has_every_candidates_scores_and_the_weights() -> None:
    d = decision_of(make_row(**COMPOSITE))  # type: ignore[arg-type]
    assert d.weights is not None
    assert (d.weights.queue, d.weights.kv_cache, d.weights.prefix) == (0.4, 0.3, 0.3)
    assert [c.pod for c in d.candidates] == ["pod-b", "pod-a", "pod-c"]
    assert [_scores(c) for c in d.candidates] == [
        {"queue": (1.0, 0.4), "kvCache": (0.5, 0.15), "prefix": (0.75, 0.225)},
        {"queue": (0.0, 0.0), "kvCache": (0.8, 0.24), "prefix": (0.0, 0.0)},
        {"queue": (0.5, 0.2), "kvCache": (0.1, 0.03), "prefix": (0.0, 0.0)},
    ]
    assert [(c.queue_depth, c.kv_cache_pct, c.prefix_matched_blocks) for c in d.candidates] == [
        (0, 50.0, 3), (4, 20.0, 0), (2, 90.0, 0)]  # fmt: skip
    assert [c.score for c in d.candidates] == [0.775, 0.24, 0.23]
    assert d.summary.startswith("Selected pod-b of 3")


def test_weighted_score_clamps_the_raw_score_as_the_epp_does() -> None:
    row = make_row(**COMPOSITE | {"candidate_queue_scores": [1.5, -0.25, 0.5]})  # type: ignore[arg-type]
    queue = [c.scores.queue for c in decision_of(row).candidates if c.scores is not None]
    assert [(q.raw, q.weighted) for q in queue if q is not None] == [
        (1.5, 0.4), (-0.25, 0.0), (0.5, 0.2)]  # fmt: skip


def test_single_scorer_decision_has_the_other_scorers_null() -> None:
    row = make_row(candidate_queue_scores=[1.0, 0.0, 0.5], queue_weight=1.0,
                   candidate_queue_depths=[0, 4, 2])  # fmt: skip
    d = decision_of(row)
    assert d.weights is not None
    assert (d.weights.queue, d.weights.kv_cache, d.weights.prefix) == (1.0, None, None)
    assert _scores(d.candidates[2]) == {"queue": (0.5, 0.5), "kvCache": None, "prefix": None}
    assert d.candidates[1].queue_depth == 4
    assert d.candidates[1].kv_cache_pct is None


def test_a_row_without_per_candidate_scores_keeps_the_totals() -> None:
    d = decision_of(make_row())
    assert d.weights is None
    assert [(c.pod, c.score, c.scores, c.queue_depth) for c in d.candidates] == [
        ("pod-b", 0.775, None, None),
        ("pod-a", 0.24, None, None),
        ("pod-c", 0.23, None, None),
    ]
    assert d.scores.queue == pytest.approx(0.4)


def test_a_short_scorer_array_leaves_the_missing_candidates_null() -> None:
    d = decision_of(make_row(**COMPOSITE | {"candidate_prefix_scores": [0.75]}))  # type: ignore[arg-type]
    assert _scores(d.candidates[0])["prefix"] == (0.75, 0.225)
    assert _scores(d.candidates[1])["prefix"] is None
    assert _scores(d.candidates[1])["queue"] == (0.0, 0.0)
