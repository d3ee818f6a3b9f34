"""Scheduling profiles and the product strategy -> upstream scorer mapping.

Matrix: each strategy's scorers and weights (composite: spec default and custom weights;
upstream chart default 2/2/3) · profile validation (empty, duplicate scorer, negative weight).
"""

from __future__ import annotations

import pytest

from ngf_console.api.v1alpha1.inferencestack import CompositeWeights, Strategy
from ngf_console.inference import (
    KV_CACHE_SCORER,
    PREFIX_CACHE_SCORER,
    QUEUE_SCORER,
    UPSTREAM_DEFAULT_PROFILE,
    SchedulingProfile,
    WeightedScorer,
    profile_for,
)


@pytest.mark.parametrize(
    ("strategy", "scorers"),
    [
        ("least_queue", [(QUEUE_SCORER, 1.0)]),
        ("best_kv_cache", [(KV_CACHE_SCORER, 1.0)]),
        ("prefix_affinity", [(PREFIX_CACHE_SCORER, 1.0)]),
        ("composite", [(QUEUE_SCORER, 0.4), (KV_CACHE_SCORER, 0.3), (PREFIX_CACHE_SCORER, 0.3)]),
    ],
)
def test_strategy_maps_to_upstream_scorers(
    strategy: Strategy, scorers: list[tuple[str, float]]
) -> None:
    profile = profile_for(strategy)
    assert [(s.type, s.weight) for s in profile.scorers] == scorers


def test_upstream_chart_default() -> None:
    assert [s.weight for s in UPSTREAM_DEFAULT_PROFILE.scorers] == [2.0, 2.0, 3.0]


def test_profile_rules() -> None:
    with pytest.raises(ValueError, match="at least one"):
        SchedulingProfile(())
    with pytest.raises(ValueError, match="unique"):
        SchedulingProfile((WeightedScorer(QUEUE_SCORER, 1), WeightedScorer(QUEUE_SCORER, 2)))
    with pytest.raises(ValueError, match=">= 0"):
        SchedulingProfile((WeightedScorer(QUEUE_SCORER, -1),))
    assert [s.weight for s in profile_for("composite").scorers] == [0.4, 0.3, 0.3]
    custom = profile_for(
        "composite", CompositeWeights(queue_depth=0.2, kv_cache=0.2, prefix_cache=0.6)
    )
    assert [s.weight for s in custom.scorers] == [0.2, 0.2, 0.6]
    assert [s.type for s in profile_for("best_kv_cache").scorers] == [KV_CACHE_SCORER]
