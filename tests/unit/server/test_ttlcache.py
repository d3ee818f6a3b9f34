"""The auth answer cache: entries expire after the TTL and the oldest go first when full."""

from __future__ import annotations

from ngf_console.server.auth.ttlcache import TTLCache


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_expires_after_ttl() -> None:
    clock = Clock()
    cache: TTLCache[str] = TTLCache(5.0, clock=clock)
    cache.put("k", "v")
    clock.now += 4.9
    assert cache.get("k") == "v"
    clock.now += 0.2
    assert cache.get("k") is None


def test_bounded() -> None:
    cache: TTLCache[int] = TTLCache(60.0, max_entries=2, clock=Clock())
    for i in range(3):
        cache.put(i, i)
    assert (cache.get(0), cache.get(1), cache.get(2)) == (None, 1, 2)


def test_zero_ttl_disables() -> None:
    cache: TTLCache[int] = TTLCache(0.0, clock=Clock())
    cache.put("k", 1)
    assert cache.get("k") is None


def test_lookup_tells_the_time_left() -> None:
    clock = Clock()
    cache: TTLCache[str] = TTLCache(5.0, clock=clock)
    cache.put("k", "v")
    clock.now += 3.0
    assert cache.lookup("k") == ("v", 2.0)
    cache.discard("k")
    assert cache.lookup("k") is None
