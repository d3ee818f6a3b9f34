"""The traffic generator: daily rate, Poisson arrivals, prompt families.

Matrix: the rate peaks at the peak hour and bottoms out 12 h later at the trough fraction, on
a compressed day too · arrivals per window follow the rate · same seed, same traffic ·
prompts of a family share their leading prefix blocks (EPP hashing) and families do not ·
output lengths stay in [1, cap] · an invalid peak is refused.
"""

from __future__ import annotations

import random

import pytest

from ngf_console.inference.prefix import hash_prompt
from ngf_console.sim.traffic import DEFAULT_FAMILIES, DailyPattern, TrafficGenerator


def seeded(seed: int) -> random.Random:
    return random.Random(seed)


def test_rate_follows_the_day() -> None:
    pattern = DailyPattern(peak_rps=10.0, trough_fraction=0.2, peak_hour=14.0)
    hours = [pattern.rate(h * 3600.0) for h in range(24)]
    assert max(hours) == pytest.approx(10.0)
    assert hours.index(max(hours)) == 14
    assert min(hours) == pytest.approx(2.0)
    assert hours.index(min(hours)) == 2
    assert hours[10] < hours[12] < hours[14] > hours[16] > hours[18]


def test_a_compressed_day_repeats() -> None:
    pattern = DailyPattern(peak_rps=5.0, day_seconds=240.0, start_hour=6.0)
    assert pattern.hour(0.0) == 6.0
    assert pattern.hour(80.0) == pytest.approx(14.0)
    assert pattern.rate(80.0) == pytest.approx(5.0)
    assert pattern.rate(80.0 + 240.0) == pytest.approx(5.0)


def test_arrivals_follow_the_rate() -> None:
    pattern = DailyPattern(peak_rps=20.0, trough_fraction=0.1, day_seconds=2400.0)
    gen = TrafficGenerator(pattern, seeded(1))
    arrivals = gen.arrivals(2400.0)
    per_hour = [0] * 24
    for a in arrivals:
        per_hour[int(pattern.hour(a.at))] += 1
    expected = [sum(pattern.rate(h * 100 + s) for s in range(100)) for h in range(24)]
    assert per_hour[14] == pytest.approx(expected[14], rel=0.15)
    assert per_hour[2] == pytest.approx(expected[2], rel=0.35)
    assert per_hour[14] > 5 * per_hour[2]
    assert [a.at for a in arrivals] == sorted(a.at for a in arrivals)


def test_same_seed_same_traffic() -> None:
    def make() -> list[tuple[float, str, int]]:
        gen = TrafficGenerator(DailyPattern(peak_rps=3.0), seeded(9))
        return [(a.at, a.prompt, a.max_tokens) for w in (10.0, 20.0, 30.0) for a in gen.arrivals(w)]

    assert make() == make()
    assert len(make()) > 10


def test_families_share_prefixes() -> None:
    gen = TrafficGenerator(DailyPattern(peak_rps=50.0), seeded(2))
    arrivals = gen.arrivals(20.0)
    by_family: dict[str, list[tuple[int, ...]]] = {}
    for a in arrivals:
        by_family.setdefault(a.family, []).append(hash_prompt(a.prompt, "m"))
    assert set(by_family) == {f.name for f in DEFAULT_FAMILIES}
    for family in DEFAULT_FAMILIES:
        hashes = by_family[family.name]
        shared = len(family.system_prompt) // 64
        assert shared >= 2
        assert all(h[:shared] == hashes[0][:shared] for h in hashes)
    firsts = {hashes[0][0] for hashes in by_family.values()}
    assert len(firsts) == len(DEFAULT_FAMILIES), "families share no block"


def test_output_lengths_are_bounded() -> None:
    gen = TrafficGenerator(DailyPattern(peak_rps=50.0), seeded(4), max_output_tokens=64)
    lengths = [a.max_tokens for a in gen.arrivals(30.0)]
    assert min(lengths) >= 1
    assert max(lengths) == 64


def test_peak_must_be_positive() -> None:
    with pytest.raises(ValueError, match="peak_rps"):
        TrafficGenerator(DailyPattern(peak_rps=0.0), seeded(0))
