"""The fast scheduling path gives the straightforward computation's results, bit for bit.

`schedule` scores with `totals` (C-level passes, per-distinct-value tables, clamps skipped
when they cannot change a value, the pick without a sort); `score_columns` + `rank` are the
plain reading of upstream. Matrix, over thousands of seeded random snapshots: every profile
shape (one, two or three scorers, any order, weights 0 / 1 / -0.0 / large) · queues with few
distinct lengths (table), many (per candidate), floats and NaN · KV usage inside [0, 1],
outside it (clamped) and NaN · prefix matches empty, with counts above the total (clamped),
with no whole block · pools of 1 to 130 pods → identical totals (same bits), identical pick,
identical full ranking, and the RNG left in the same state. Also: the pick among ties is the
smallest key, a NaN total falls back to the sort, the per-candidate view comes from the same
snapshot (every column, bit for bit), and a `Decision` compares and hashes by value.
"""

from __future__ import annotations

import random
import struct
from typing import cast

import pytest

from ngf_console.inference import (
    KV_CACHE_SCORER,
    PREFIX_CACHE_SCORER,
    QUEUE_SCORER,
    EndpointState,
    PrefixMatch,
    SchedulingProfile,
    WeightedScorer,
    profile_for,
    schedule,
    score_columns,
)
from ngf_console.inference.epp import rank
from ngf_console.inference.scorers import ScorerType
from ngf_console.inference.totals import pick_index, weighted_totals

SCORERS: tuple[ScorerType, ...] = (QUEUE_SCORER, KV_CACHE_SCORER, PREFIX_CACHE_SCORER)
NAN = float("nan")


def bits(values: tuple[float, ...] | list[float]) -> list[bytes]:
    """Exact float identity (NaN and the sign of zero included)."""
    return [struct.pack("<d", v) for v in values]


def random_profile(rng: random.Random) -> SchedulingProfile:
    chosen = rng.sample(SCORERS, rng.randint(1, 3))
    weights = [0.0, 1.0, -0.0, 0.4, 0.3, 2.0, 3.0, 1e6]
    return SchedulingProfile(
        tuple(WeightedScorer(s, rng.choice([*weights, rng.random() * 5])) for s in chosen)
    )


def random_usage(rng: random.Random, mode: int) -> float:
    if mode == 0:
        return rng.random()
    if mode == 1:
        return rng.choice([0.0, 1.0, rng.random(), rng.uniform(-0.5, 1.5)])
    return rng.choice([rng.random(), rng.random(), NAN, 1.25, -0.1])


def random_queue(rng: random.Random, spread: int) -> int:
    if spread >= 0:
        return rng.randint(0, spread)
    # Outside the type (an int): a replay fed floats, NaN included, still scores as upstream.
    return cast(int, rng.choice([0.5, 2.0, 3, NAN]))


def random_snapshot(rng: random.Random) -> tuple[list[EndpointState], PrefixMatch | None]:
    n = rng.choice([1, 2, 3, 7, 50, 100, 100, 130])
    # 0: equal queues; large: mostly distinct lengths; -1: floats and NaN
    spread = rng.choice([0, 1, 4, 12, 500, 10**6, -1])
    kv_mode = rng.choice([0, 0, 1, 2])
    pods = [
        EndpointState(f"pod-{i}", random_queue(rng, spread), random_usage(rng, kv_mode))
        for i in range(n)
    ]
    total = rng.choice([0, 1, 5, 12, 256])
    shape = rng.randint(0, 4)
    if shape == 0:
        return pods, None
    if shape == 1:
        return pods, PrefixMatch(total, {})
    holders = rng.sample(pods, rng.randint(0, n))
    over = 2 if shape == 2 else 1  # counts above the total are clamped to 1
    matched = {p.name: rng.randint(0, max(total, 1) * over) for p in holders}
    matched["not-a-candidate"] = 3
    return pods, PrefixMatch(total, matched)


def test_fast_path_equals_the_straightforward_computation() -> None:
    rng = random.Random(20261126)
    tie_breaks = 0
    for _ in range(3000):
        pods, prefix = random_snapshot(rng)
        profile = random_profile(rng)
        seed = rng.getrandbits(32)

        columns, reference_totals = score_columns(pods, profile, prefix)
        reference_rng = random.Random(seed)
        reference_order = rank(reference_totals, reference_rng)

        fast_rng = random.Random(seed)
        decision = schedule(pods, profile, rng=fast_rng, prefix=prefix)

        assert bits(weighted_totals(pods, profile, prefix)) == bits(reference_totals)
        assert bits(decision.totals) == bits(reference_totals)
        assert decision.picked_name == pods[reference_order[0]].name
        assert decision.order == reference_order
        for fast, plain in zip(decision.columns, columns, strict=True):
            assert (fast.scorer, fast.weight) == (plain.scorer, plain.weight)
            assert bits(fast.raw) == bits(plain.raw), fast.scorer
            assert bits(fast.weighted) == bits(plain.weighted), fast.scorer
        assert fast_rng.getstate() == reference_rng.getstate(), "same RNG draws"
        tie_breaks += len(decision.tied) > 1
    assert tie_breaks > 300, "the sample must exercise the tie-break"


@pytest.mark.parametrize(
    ("totals", "keys", "expected"),
    [
        ([0.2, 0.9, 0.5], [0.5, 0.9, 0.1], 1),
        ([0.9, 0.2, 0.9, 0.9], [0.7, 0.0, 0.3, 0.6], 2),
        ([0.9, 0.9], [0.4, 0.4], 0),
        ([0.0, -0.0], [0.8, 0.2], 1),
        ([1.0], [0.3], 0),
    ],
    ids=["unique-max", "tie-smallest-key", "equal-keys-lowest-index", "signed-zeros-tie", "one"],
)
def test_pick_is_the_first_of_the_sorted_order(
    totals: list[float], keys: list[float], expected: int
) -> None:
    assert pick_index(totals, keys) == expected
    order = sorted(range(len(totals)), key=keys.__getitem__)
    order.sort(key=totals.__getitem__, reverse=True)
    assert order[0] == expected


def test_a_nan_total_leaves_the_pick_to_the_sort() -> None:
    assert pick_index([0.5, NAN, 0.7], [0.1, 0.2, 0.3]) is None
    pods = [EndpointState("a", 0, NAN), EndpointState("b", 0, 0.2), EndpointState("c", 0, 0.9)]
    decision = schedule(pods, profile_for("best_kv_cache"), rng=random.Random(4))
    reference = rank(score_columns(pods, profile_for("best_kv_cache"))[1], random.Random(4))
    assert decision.order == reference
    assert decision.picked_name == pods[reference[0]].name


def test_the_explanation_is_built_from_the_same_snapshot() -> None:
    pods = [EndpointState(f"p{i}", i % 4, i / 10) for i in range(8)]
    prefix = PrefixMatch(4, {"p3": 4, "p5": 2})
    decision = schedule(pods, profile_for("composite"), rng=random.Random(1), prefix=prefix)
    columns, totals = score_columns(pods, profile_for("composite"), prefix)
    assert decision.columns == columns
    assert decision.totals == totals
    assert decision.prefix_matched == (0, 0, 0, 4, 0, 2, 0, 0)
    assert decision.picked.endpoint == decision.picked_endpoint
    assert decision.picked.total == max(totals)
    assert [c.rank for c in decision.candidates()] == list(range(8))


def test_decisions_compare_and_hash_by_value() -> None:
    pods = [EndpointState("a", 1, 0.5), EndpointState("b", 1, 0.5)]
    one = schedule(pods, profile_for("least_queue"), rng=random.Random(9))
    same = schedule(pods, profile_for("least_queue"), rng=random.Random(9))
    assert one == same
    assert hash(one) == hash(same)
    other = schedule(pods, profile_for("best_kv_cache"), rng=random.Random(9))
    assert one != other
    assert "picked=" in repr(one)
