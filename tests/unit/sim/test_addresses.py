"""Loopback pod IPs.

Matrix: hosts only (no network or broadcast address), in order · round-robin: a released
address comes back only after the others · wrap-around to freed addresses · exhaustion ·
networks outside 127.0.0.0/8 or smaller than a /30 are refused.
"""

from __future__ import annotations

import pytest

from ngf_console.sim.addresses import AddressPool, AddressPoolExhaustedError


def test_hands_out_hosts_in_order_then_runs_out() -> None:
    pool = AddressPool("127.20.0.0/30")
    assert [pool.allocate(), pool.allocate()] == ["127.20.0.1", "127.20.0.2"]
    assert len(pool) == 2
    with pytest.raises(AddressPoolExhaustedError, match=r"127\.20\.0\.0/30"):
        pool.allocate()


def test_released_address_is_reused_only_after_the_others() -> None:
    pool = AddressPool("127.20.0.0/29")  # hosts .1 to .6
    first = pool.allocate()
    pool.release(first)
    assert not pool.in_use(first)
    assert [pool.allocate() for _ in range(5)] == [f"127.20.0.{i}" for i in range(2, 7)]
    assert pool.allocate() == first  # wrapped around


def test_wraps_past_addresses_still_in_use() -> None:
    pool = AddressPool("127.20.0.0/29")
    taken = [pool.allocate() for _ in range(6)]
    pool.release(taken[3])
    assert pool.allocate() == taken[3]
    assert pool.in_use(taken[0])


def test_release_of_an_unknown_address_is_ignored() -> None:
    pool = AddressPool("127.20.0.0/30")
    pool.release("127.99.0.1")
    assert len(pool) == 0


@pytest.mark.parametrize(
    ("network", "message"),
    [("10.0.0.0/24", "loopback"), ("127.20.0.0/31", "too small")],
    ids=["not-loopback", "too-small"],
)
def test_refuses_unusable_networks(network: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        AddressPool(network)
