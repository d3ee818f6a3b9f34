"""Prompt block hashing and the approximate prefix index, as upstream computes them.

Matrix: hashing (shorter than a block → none, whole blocks only, truncation at
maxPrefixBlocks, chain seeded by model + salt, shared prefixes share leading hashes, block size
in tokens x 4 chars) · index (match stops at the first unheld block, upstream's per-server
count, LRU eviction per server with per-server capacity, re-adding refreshes recency,
remove_server) · PrefixMatch.score.
"""

from __future__ import annotations

import random
import struct

import pytest

from ngf_console.inference.prefix import PrefixIndex, PrefixMatch, hash_prompt
from ngf_console.inference.xxhash64 import xxh64

MODEL = "llama-3-8b"
BLOCK = 64  # 16 tokens x 4 characters


def _text(n: int, seed: str = "x") -> str:
    return (seed * n)[:n]


def test_prompt_shorter_than_a_block_has_no_hashes() -> None:
    assert hash_prompt(_text(BLOCK - 1), MODEL) == ()


@pytest.mark.parametrize(("length", "blocks"), [(64, 1), (127, 1), (128, 2), (64 * 10 + 5, 10)])
def test_only_whole_blocks_are_hashed(length: int, blocks: int) -> None:
    assert len(hash_prompt(_text(length), MODEL)) == blocks


def test_input_is_truncated_at_max_prefix_blocks() -> None:
    long = _text(BLOCK * 300)
    assert len(hash_prompt(long, MODEL)) == 256
    assert len(hash_prompt(long, MODEL, max_prefix_blocks=4)) == 4


def test_first_block_is_chained_from_the_model_and_salt() -> None:
    prompt = "A" * BLOCK
    seed = xxh64((MODEL + "salt").encode())
    expected = xxh64(prompt.encode() + struct.pack("<Q", seed))
    assert hash_prompt(prompt, MODEL, cache_salt="salt") == (expected,)
    assert hash_prompt(prompt, MODEL) != hash_prompt(prompt, "other-model")


def test_shared_prefix_shares_leading_hashes_only() -> None:
    system = _text(BLOCK * 3, "system prompt ")
    a = hash_prompt(system + _text(BLOCK * 2, "question one "), MODEL)
    b = hash_prompt(system + _text(BLOCK * 2, "another query "), MODEL)
    assert a[:3] == b[:3]
    assert a[3] != b[3]


def test_later_blocks_depend_on_earlier_ones() -> None:
    tail = _text(BLOCK, "same tail ")
    a = hash_prompt(_text(BLOCK, "first ") + tail, MODEL)
    b = hash_prompt(_text(BLOCK, "other ") + tail, MODEL)
    assert a[1] != b[1], "an identical block after a different history must not match"


def test_block_size_is_given_in_tokens() -> None:
    assert len(hash_prompt(_text(128), MODEL, block_size_tokens=32)) == 1
    assert len(hash_prompt(_text(128), MODEL, block_size_tokens=8)) == 4


def test_match_counts_each_servers_blocks_until_no_server_holds_one() -> None:
    index = PrefixIndex()
    index.add([1, 2, 3, 4], "a")
    index.add([1, 2], "b")
    index.add([1, 3], "c")  # holds 1 and 3 but not 2: upstream still counts both
    match = index.match((1, 2, 3, 4, 5))
    assert match.total_blocks == 5
    assert dict(match.matched) == {"a": 4, "b": 2, "c": 2}


def test_match_stops_at_the_first_block_nobody_holds() -> None:
    index = PrefixIndex()
    index.add([1, 3], "a")
    assert dict(index.match((1, 2, 3)).matched) == {"a": 1}


def test_lru_evicts_the_oldest_block_per_server() -> None:
    index = PrefixIndex(default_capacity=3)
    index.add([1, 2, 3], "a")
    index.add([1, 2, 3], "b")
    index.add([1], "a")  # refresh 1: 2 is now a's oldest
    index.add([9], "a")
    assert index.holders(2) == frozenset({"b"})
    assert index.holders(1) == frozenset({"a", "b"})
    assert index.size("a") == 3


def test_capacity_is_fixed_per_server_when_first_seen() -> None:
    index = PrefixIndex(default_capacity=100)
    index.add([1, 2], "small", capacity=2)
    index.add([3], "small", capacity=50)
    assert index.size("small") == 2
    assert index.holders(1) == frozenset()
    assert index.holders(3) == frozenset({"small"})


def test_blocks_evicted_within_one_add_stay_mapped_as_upstream() -> None:
    # Upstream adds to the LRU first and to hash -> servers afterwards, so a request longer
    # than the LRU keeps its first blocks mapped although the LRU no longer holds them.
    index = PrefixIndex()
    index.add([1, 2, 3], "small", capacity=2)
    assert index.size("small") == 2
    assert index.holders(1) == frozenset({"small"})


def test_remove_server_forgets_its_blocks() -> None:
    index = PrefixIndex()
    index.add([1, 2], "a")
    index.add([1], "b")
    index.remove_server("a")
    assert index.holders(1) == frozenset({"b"})
    assert index.holders(2) == frozenset()
    assert index.servers() == frozenset({"b"})


def test_prefix_match_score() -> None:
    match = PrefixMatch(total_blocks=4, matched={"a": 3})
    assert match.score("a") == 0.75
    assert match.score("b") == 0.0
    assert PrefixMatch(total_blocks=0, matched={}).score("a") == 0.0


def test_non_positive_capacity_is_rejected() -> None:
    with pytest.raises(ValueError, match="capacity"):
        PrefixIndex(default_capacity=0)


def _straightforward_hash(
    prompt: str, model: str, block_size_tokens: int, max_prefix_blocks: int
) -> tuple[int, ...]:
    """Upstream's hashPrompt read plainly (slice, then every whole block)."""
    data = prompt.encode()
    block = block_size_tokens * 4
    if block <= 0 or len(data) < block:
        return ()
    data = data[: block * max_prefix_blocks]
    previous = xxh64(model.encode())
    out: list[int] = []
    for start in range(0, len(data) - block + 1, block):
        previous = xxh64(data[start : start + block] + struct.pack("<Q", previous))
        out.append(previous)
    return tuple(out)


def test_hashing_equals_the_straightforward_reading() -> None:
    rng = random.Random(64)
    for _ in range(400):
        prompt = "".join(rng.choice("abcdé ") for _ in range(rng.randint(0, 3000)))
        tokens = rng.choice([1, 4, 16, 32])
        limit = rng.choice([-3, 0, 1, 5, 256])
        assert hash_prompt(
            prompt, MODEL, block_size_tokens=tokens, max_prefix_blocks=limit
        ) == _straightforward_hash(prompt, MODEL, tokens, limit), (len(prompt), tokens, limit)


def _straightforward_match(index: PrefixIndex, hashes: tuple[int, ...]) -> dict[str, int]:
    matched: dict[str, int] = {}
    for h in hashes:
        servers = index.holders(h)
        if not servers:
            break
        for server in servers:
            matched[server] = matched.get(server, 0) + 1
    return matched


def test_match_equals_the_straightforward_count_under_eviction() -> None:
    # Small LRUs evict blocks from the middle of chains, so consecutive blocks end up with
    # different holder sets: the run-length count must still equal counting block by block.
    rng = random.Random(31)
    index = PrefixIndex(default_capacity=6)
    chains = [tuple(rng.getrandbits(64) for _ in range(rng.randint(1, 8))) for _ in range(12)]
    servers = [f"s{i}" for i in range(7)]
    for _ in range(3000):
        chain = rng.choice(chains)
        request = chain[: rng.randint(1, len(chain))]
        match = index.match(request)
        assert match.total_blocks == len(request)
        assert dict(match.matched) == _straightforward_match(index, request)
        index.add(request, rng.choice(servers), capacity=rng.choice([None, 3, 9]))
