"""One EPP scheduling cycle, reproducing upstream's results.

Table (each row: candidates, profile, prefix state → every raw score, totals, the pick):
queue spread · equal queues (neutral 1.0, seeded tie-break) · kv spread · kv usage above 1
(raw negative, weighted clamped to 0) · empty prefix cache · prompt shorter than a block
(all-zero prefix) · composite by hand with the spec's weights · composite with upstream's
chart weights · weights that change the winner · a zero weight.
Also: ties are broken by the injected RNG (same seed → same pick; every tied pod can win) ·
the ranking is the full shuffled stable sort · empty pool · the stateful picker records the
prefix for the pick (prefix affinity follows it, `forget` drops it, strategies without the
prefix scorer never touch the index) · per-candidate views · property tests (scores in [0, 1],
the pick has the maximum total, the ranking is sorted).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ngf_console.api.v1alpha1.inferencestack import CompositeWeights
from ngf_console.inference import (
    KV_CACHE_SCORER,
    PREFIX_CACHE_SCORER,
    QUEUE_SCORER,
    UPSTREAM_DEFAULT_PROFILE,
    EndpointPicker,
    EndpointState,
    NoCandidatesError,
    PrefixMatch,
    SchedulingProfile,
    WeightedScorer,
    composite_profile,
    profile_for,
    schedule,
)
from ngf_console.inference.scorers import ScorerType


def seeded(seed: int) -> random.Random:
    return random.Random(seed)


def pod(name: str, queue: int = 0, kv: float = 0.0) -> EndpointState:
    return EndpointState(name=name, waiting_queue_size=queue, kv_cache_usage=kv)


@dataclass(frozen=True)
class Case:
    pods: tuple[EndpointState, ...]
    profile: SchedulingProfile
    raw: dict[ScorerType, tuple[float, ...]]
    totals: tuple[float, ...]
    picked: str
    prefix: PrefixMatch | None = None
    tied: tuple[str, ...] = field(default=())


HAND = (pod("a", 2, 0.5), pod("b", 0, 0.9), pod("c", 4, 0.1))
HAND_PREFIX = PrefixMatch(total_blocks=8, matched={"a": 4, "c": 8})
NO_BLOCKS = PrefixMatch(total_blocks=0, matched={})

CASES = {
    "queue-spread": Case(
        pods=(pod("a", 0), pod("b", 5), pod("c", 10)),
        profile=profile_for("least_queue"),
        raw={QUEUE_SCORER: (1.0, 0.5, 0.0)},
        totals=(1.0, 0.5, 0.0),
        picked="a",
    ),
    "equal-queues-neutral": Case(
        pods=(pod("a", 3), pod("b", 3), pod("c", 3)),
        profile=profile_for("least_queue"),
        raw={QUEUE_SCORER: (1.0, 1.0, 1.0)},
        totals=(1.0, 1.0, 1.0),
        picked="*",
        tied=("a", "b", "c"),
    ),
    "kv-spread": Case(
        pods=(pod("a", kv=0.9), pod("b", kv=0.2), pod("c", kv=0.5)),
        profile=profile_for("best_kv_cache"),
        raw={KV_CACHE_SCORER: (1 - 0.9, 1 - 0.2, 1 - 0.5)},
        totals=(1 - 0.9, 1 - 0.2, 1 - 0.5),
        picked="b",
    ),
    "kv-over-full-clamped": Case(
        pods=(pod("a", kv=1.25), pod("b", kv=0.95)),
        profile=profile_for("best_kv_cache"),
        raw={KV_CACHE_SCORER: (1 - 1.25, 1 - 0.95)},
        totals=(0.0, 1 - 0.95),
        picked="b",
    ),
    "empty-prefix-cache": Case(
        pods=(pod("a"), pod("b")),
        profile=profile_for("prefix_affinity"),
        prefix=PrefixMatch(total_blocks=5, matched={}),
        raw={PREFIX_CACHE_SCORER: (0.0, 0.0)},
        totals=(0.0, 0.0),
        picked="*",
        tied=("a", "b"),
    ),
    "all-zero-prefix-short-prompt": Case(
        pods=(pod("a", 1, 0.3), pod("b", 1, 0.3)),
        profile=profile_for("prefix_affinity"),
        prefix=NO_BLOCKS,
        raw={PREFIX_CACHE_SCORER: (0.0, 0.0)},
        totals=(0.0, 0.0),
        picked="*",
        tied=("a", "b"),
    ),
    # queue: max 4, min 0 -> a (4-2)/4 = 0.5, b 1, c 0; kv: 0.5, 0.1, 0.9; prefix 4/8, 0, 8/8
    # spec weights 0.4/0.3/0.3: a .2+.15+.15 = .5, b .4+.03+0 = .43, c 0+.27+.3 = .57 -> c
    "composite-by-hand-spec-weights": Case(
        pods=HAND,
        profile=profile_for("composite"),
        prefix=HAND_PREFIX,
        raw={
            QUEUE_SCORER: (0.5, 1.0, 0.0),
            KV_CACHE_SCORER: (0.5, 1 - 0.9, 1 - 0.1),
            PREFIX_CACHE_SCORER: (0.5, 0.0, 1.0),
        },
        totals=(0.5, 0.43, 0.57),
        picked="c",
    ),
    # upstream chart weights 2/2/3: a 1+1+1.5 = 3.5, b 2+.2+0 = 2.2, c 0+1.8+3 = 4.8 -> c
    "composite-upstream-chart-weights": Case(
        pods=HAND,
        profile=UPSTREAM_DEFAULT_PROFILE,
        prefix=HAND_PREFIX,
        raw={
            QUEUE_SCORER: (0.5, 1.0, 0.0),
            KV_CACHE_SCORER: (0.5, 1 - 0.9, 1 - 0.1),
            PREFIX_CACHE_SCORER: (0.5, 0.0, 1.0),
        },
        totals=(3.5, 2.2, 4.8),
        picked="c",
    ),
    # queue-heavy 0.8/0.1/0.1: a .4+.05+.05 = .5, b .8+.01+0 = .81, c 0+.09+.1 = .19 -> b
    "weights-change-the-winner": Case(
        pods=HAND,
        profile=composite_profile(
            CompositeWeights(queue_depth=0.8, kv_cache=0.1, prefix_cache=0.1)
        ),
        prefix=HAND_PREFIX,
        raw={
            QUEUE_SCORER: (0.5, 1.0, 0.0),
            KV_CACHE_SCORER: (0.5, 1 - 0.9, 1 - 0.1),
            PREFIX_CACHE_SCORER: (0.5, 0.0, 1.0),
        },
        totals=(0.5, 0.81, 0.19),
        picked="b",
    ),
    # zero queue weight: the shortest queue (b) no longer matters; kv .5/.1/.9 x .5, prefix x .5
    "zero-weight-ignored": Case(
        pods=HAND,
        profile=composite_profile(
            CompositeWeights(queue_depth=0.0, kv_cache=0.5, prefix_cache=0.5)
        ),
        prefix=HAND_PREFIX,
        raw={
            QUEUE_SCORER: (0.5, 1.0, 0.0),
            KV_CACHE_SCORER: (0.5, 1 - 0.9, 1 - 0.1),
            PREFIX_CACHE_SCORER: (0.5, 0.0, 1.0),
        },
        totals=(0.5, 0.05, 0.95),
        picked="c",
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_scheduling_table(case: Case) -> None:
    decision = schedule(case.pods, case.profile, rng=seeded(1), prefix=case.prefix)
    for column in decision.columns:
        assert column.raw == pytest.approx(case.raw[column.scorer]), column.scorer
        weights = {s.type: s.weight for s in case.profile.scorers}
        expected = [min(max(r, 0.0), 1.0) * weights[column.scorer] for r in column.raw]
        assert column.weighted == pytest.approx(expected)
    assert {c.scorer for c in decision.columns} == set(case.raw)
    assert decision.totals == pytest.approx(case.totals)
    if case.picked == "*":
        assert set(decision.tied) == set(case.tied)
        assert decision.picked_name in case.tied
    else:
        assert decision.picked_name == case.picked
        assert decision.tied == (case.picked,)


def test_ties_are_broken_by_the_injected_rng() -> None:
    pods = [pod(n, 3) for n in ("a", "b", "c", "d")]
    profile = profile_for("least_queue")
    first = [schedule(pods, profile, rng=seeded(s)).picked_name for s in range(40)]
    again = [schedule(pods, profile, rng=seeded(s)).picked_name for s in range(40)]
    assert first == again, "same seed, same pick"
    assert set(first) == {"a", "b", "c", "d"}, "every tied pod can win"


def test_ranking_is_a_random_order_stable_sorted_by_total() -> None:
    pods = [pod("a", 0), pod("b", 0), pod("c", 4), pod("d", 8)]
    decision = schedule(pods, profile_for("least_queue"), rng=seeded(3))
    keys = [seeded(3).random() for _ in pods]
    random_order = sorted(range(4), key=keys.__getitem__)
    expected = sorted(random_order, key=lambda i: decision.totals[i], reverse=True)
    assert decision.order == tuple(expected)
    assert [c.endpoint.name for c in decision.candidates()][2:] == ["c", "d"]
    assert [c.rank for c in decision.candidates()] == [0, 1, 2, 3]


def test_tie_break_is_uniform() -> None:
    pods = [pod(n, 1) for n in ("a", "b", "c")]
    rng = seeded(11)
    counts = {"a": 0, "b": 0, "c": 0}
    for _ in range(3000):
        counts[schedule(pods, profile_for("least_queue"), rng=rng).picked_name] += 1
    assert all(900 < n < 1100 for n in counts.values()), counts


def test_candidate_views_carry_every_score() -> None:
    decision = schedule(HAND, profile_for("composite"), rng=seeded(0), prefix=HAND_PREFIX)
    c = decision.candidate("c")
    assert c.rank == 0
    assert c.total == pytest.approx(0.57)
    assert c.prefix_matched_blocks == 8
    assert decision.prefix_total_blocks == 8
    queue = c.score(QUEUE_SCORER)
    assert queue is not None
    assert (queue.raw, queue.weight, queue.weighted) == (0.0, 0.4, 0.0)
    assert decision.candidate("a").score(PREFIX_CACHE_SCORER) == (
        PREFIX_CACHE_SCORER,
        0.5,
        0.3,
        0.15,
    )
    assert decision.picked == c
    with pytest.raises(KeyError):
        decision.candidate("zzz")
    single = schedule(HAND, profile_for("least_queue"), rng=seeded(0))
    assert single.picked.score(KV_CACHE_SCORER) is None


def test_empty_pool_is_an_error() -> None:
    with pytest.raises(NoCandidatesError):
        schedule([], profile_for("least_queue"), rng=seeded(0))


SYSTEM = "You are a careful assistant for the billing team. " * 8


def test_picker_records_the_prefix_for_the_picked_pod() -> None:
    picker = EndpointPicker(profile_for("prefix_affinity"), rng=seeded(5))
    pods = [pod("a"), pod("b"), pod("c")]
    first = picker.pick(SYSTEM + "How do I pay? " * 10, "m", pods)
    assert first.prefix_total_blocks > 0
    assert set(first.tied) == {"a", "b", "c"}
    second = picker.pick(SYSTEM + "Where is my invoice? " * 10, "m", pods)
    assert second.picked_name == first.picked_name
    assert second.picked.score(PREFIX_CACHE_SCORER) is not None
    assert 0.0 < second.picked.total < 1.0, "shared system prompt, different question"
    picker.forget(first.picked_name)
    third = picker.pick(SYSTEM + "Refund?", "m", pods)
    assert third.totals == (0.0, 0.0, 0.0)


def test_other_models_do_not_share_prefixes() -> None:
    picker = EndpointPicker(profile_for("prefix_affinity"), rng=seeded(5))
    pods = [pod("a"), pod("b")]
    picker.pick(SYSTEM, "model-one", pods)
    assert picker.pick(SYSTEM, "model-two", pods).totals == (0.0, 0.0)


def test_strategies_without_the_prefix_scorer_leave_the_index_alone() -> None:
    picker = EndpointPicker(profile_for("least_queue"), rng=seeded(5))
    decision = picker.pick(SYSTEM, "m", [pod("a", 1), pod("b", 0)])
    assert decision.picked_name == "b"
    assert decision.prefix_total_blocks == 0
    assert picker.index.servers() == frozenset()


def test_picker_sizes_the_lru_from_num_gpu_blocks() -> None:
    picker = EndpointPicker(profile_for("prefix_affinity"), rng=seeded(5))
    small = EndpointState("a", 0, 0.0, num_gpu_blocks=2)
    picker.pick(SYSTEM * 3, "m", [small])
    picker.pick("different text entirely, long enough " * 4, "m", [small])
    assert picker.index.size("a") == 2


endpoints = st.lists(
    st.builds(
        EndpointState,
        name=st.just(""),
        waiting_queue_size=st.integers(0, 200),
        kv_cache_usage=st.floats(0.0, 1.5, allow_nan=False),
    ),
    min_size=1,
    max_size=30,
)
weights = st.lists(st.floats(0.0, 5.0, allow_nan=False), min_size=3, max_size=3)


@settings(max_examples=200, deadline=None)
@given(pods=endpoints, w=weights, total=st.integers(0, 20), seed=st.integers(0, 2**32))
def test_properties(pods: list[EndpointState], w: list[float], total: int, seed: int) -> None:
    named = [
        EndpointState(f"p{i}", p.waiting_queue_size, p.kv_cache_usage) for i, p in enumerate(pods)
    ]
    rng = seeded(seed)
    matched = {p.name: rng.randint(0, total) for p in named}
    profile = SchedulingProfile(
        (
            WeightedScorer(QUEUE_SCORER, w[0]),
            WeightedScorer(KV_CACHE_SCORER, w[1]),
            WeightedScorer(PREFIX_CACHE_SCORER, w[2]),
        )
    )
    decision = schedule(named, profile, rng=rng, prefix=PrefixMatch(total, matched))
    for column in decision.columns:
        if column.scorer != KV_CACHE_SCORER:
            assert all(0.0 <= r <= 1.0 for r in column.raw)
        assert all(0.0 <= x <= column.weight for x in column.weighted)
    assert decision.totals[decision.order[0]] == max(decision.totals)
    ranked = [decision.totals[i] for i in decision.order]
    assert ranked == sorted(ranked, reverse=True)
    assert sorted(decision.order) == list(range(len(named)))
    assert decision.picked.total == max(decision.totals)
