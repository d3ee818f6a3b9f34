"""Scheduling profiles: which scorers run, with which weights, for each product strategy.

Strategy → upstream scorers (ARCHITECTURE.md, "Upstream reality"):

| strategy          | scorers (weight)                                                     |
|-------------------|----------------------------------------------------------------------|
| `least_queue`     | queue-scorer (1)                                                     |
| `best_kv_cache`   | kv-cache-utilization-scorer (1)                                      |
| `prefix_affinity` | prefix-cache-scorer (1)                                              |
| `composite`       | all three with `compositeWeights` (spec default 0.4 / 0.3 / 0.3)     |

`UPSTREAM_DEFAULT_PROFILE` is the profile the GIE and llm-d charts render by default
(queue 2, kv-cache 2, prefix 3). A single-scorer profile's weight does not change the pick.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ngf_console.api.v1alpha1.inferencestack import CompositeWeights, Strategy
from ngf_console.inference.scorers import (
    KV_CACHE_SCORER,
    PREFIX_CACHE_SCORER,
    QUEUE_SCORER,
    ScorerType,
)


@dataclass(frozen=True, slots=True)
class WeightedScorer:
    """One `pluginRef` of a scheduling profile with its weight."""

    type: ScorerType
    weight: float


@dataclass(frozen=True, slots=True)
class SchedulingProfile:
    """An ordered set of weighted scorers (the order is the order scores are summed in)."""

    scorers: tuple[WeightedScorer, ...]
    name: str = "default"
    _types: frozenset[ScorerType] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        types = [s.type for s in self.scorers]
        if not types:
            raise ValueError("a scheduling profile needs at least one scorer")
        if len(set(types)) != len(types):
            raise ValueError(f"scorers must be unique, got {types}")
        if any(s.weight < 0 for s in self.scorers):
            raise ValueError("scorer weights must be >= 0")
        object.__setattr__(self, "_types", frozenset(types))  # asked once per pick

    def uses(self, scorer: ScorerType) -> bool:
        """Whether `scorer` is part of this profile."""
        return scorer in self._types


SPEC_COMPOSITE_WEIGHTS = CompositeWeights(queue_depth=0.4, kv_cache=0.3, prefix_cache=0.3)

UPSTREAM_DEFAULT_PROFILE = SchedulingProfile(
    (
        WeightedScorer(QUEUE_SCORER, 2.0),
        WeightedScorer(KV_CACHE_SCORER, 2.0),
        WeightedScorer(PREFIX_CACHE_SCORER, 3.0),
    )
)


def composite_profile(weights: CompositeWeights) -> SchedulingProfile:
    """All three scorers, in upstream's chart order, with the given weights."""
    return SchedulingProfile(
        (
            WeightedScorer(QUEUE_SCORER, weights.queue_depth),
            WeightedScorer(KV_CACHE_SCORER, weights.kv_cache),
            WeightedScorer(PREFIX_CACHE_SCORER, weights.prefix_cache),
        )
    )


def profile_for(strategy: Strategy, weights: CompositeWeights | None = None) -> SchedulingProfile:
    """The profile of a product strategy; composite uses `weights` or the spec's default."""
    if strategy == "least_queue":
        return SchedulingProfile((WeightedScorer(QUEUE_SCORER, 1.0),))
    if strategy == "best_kv_cache":
        return SchedulingProfile((WeightedScorer(KV_CACHE_SCORER, 1.0),))
    if strategy == "prefix_affinity":
        return SchedulingProfile((WeightedScorer(PREFIX_CACHE_SCORER, 1.0),))
    return composite_profile(weights or SPEC_COMPOSITE_WEIGHTS)
