"""Backoff arithmetic.

Matrix: per-key doubling from the base, capped · forget · invalid bounds rejected ·
no overflow for huge failure counts · single-loop backoff with jitter stays within
[delay, delay*(1+jitter)] and resets.
"""

from __future__ import annotations

import random

import pytest

from ngf_console.runtime.backoff import Backoff, ItemBackoff, exponential


def test_item_backoff_doubles_per_failure_up_to_the_cap() -> None:
    backoff: ItemBackoff[str] = ItemBackoff(base=0.005, cap=0.04)
    assert [backoff.when("a") for _ in range(6)] == [0.005, 0.01, 0.02, 0.04, 0.04, 0.04]
    assert backoff.retries("a") == 6
    assert backoff.when("b") == 0.005, "keys back off independently"


def test_forget_starts_a_key_over() -> None:
    backoff: ItemBackoff[str] = ItemBackoff(base=1.0, cap=100.0)
    backoff.when("a")
    backoff.when("a")
    backoff.forget("a")
    assert backoff.retries("a") == 0
    assert backoff.when("a") == 1.0


@pytest.mark.parametrize(("base", "cap"), [(0.0, 1.0), (-1.0, 1.0), (2.0, 1.0)])
def test_invalid_bounds_are_rejected(base: float, cap: float) -> None:
    with pytest.raises(ValueError, match="base"):
        ItemBackoff(base=base, cap=cap)


def test_huge_failure_counts_do_not_overflow() -> None:
    assert exponential(10_000, 0.005, 1000.0) == 1000.0


def test_loop_backoff_jitters_within_bounds_and_resets() -> None:
    backoff = Backoff(base=1.0, cap=4.0, jitter=0.5, rng=random.Random(7))  # jitter, seeded
    delays = [backoff.next() for _ in range(5)]
    for delay, nominal in zip(delays, [1.0, 2.0, 4.0, 4.0, 4.0], strict=True):
        assert nominal <= delay <= nominal * 1.5
    backoff.reset()
    assert 1.0 <= backoff.next() <= 1.5
