"""The prefix-cache scorer's prompt hashing and its approximate per-pod block index.

Upstream (GIE v1.5.0 `approximate-prefix` data producer + `prefix-cache-scorer`):

* **Hashing.** The block size is given in tokens (`blockSizeTokens`, default 16 — vLLM's KV
  block — or auto-tuned from `vllm:cache_config_info{block_size}`) and converted to
  characters with 4 characters per token, so 64 characters by default. Prompts shorter than
  one block produce no hashes; prompts longer than `maxPrefixBlocksToMatch` (256) blocks are
  truncated; a trailing partial block is dropped. The chain starts from
  `xxh64(model + cache_salt)` and block *i* hashes `xxh64(block_i_bytes ‖ le64(hash_{i-1}))`.
* **Index.** One LRU of block hashes per server (capacity `lruCapacityPerServer` = 31250, or
  the server's `num_gpu_blocks` when auto-tuned) plus a hash → servers map; eviction from a
  server's LRU removes the server from that hash's set. After each pick the chosen server
  gets all of the request's hashes (`PreRequest`).
* **Match.** Walk the request's hashes from the first; stop at the first hash no server
  holds; every server holding a hash in that run gets +1 (`matchLongestPrefix`). The scorer
  then gives `matched / total` (0 when the prompt has no blocks).
"""

from __future__ import annotations

import struct
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ngf_console.inference.xxhash64 import xxh64

DEFAULT_BLOCK_SIZE_TOKENS = 16
AVERAGE_CHARACTERS_PER_TOKEN = 4
DEFAULT_MAX_PREFIX_BLOCKS = 256
DEFAULT_LRU_CAPACITY_PER_SERVER = 31250

_LE64 = struct.Struct("<Q")


def hash_prompt(
    prompt: str | bytes,
    model: str,
    *,
    block_size_tokens: int = DEFAULT_BLOCK_SIZE_TOKENS,
    max_prefix_blocks: int = DEFAULT_MAX_PREFIX_BLOCKS,
    cache_salt: str = "",
) -> tuple[int, ...]:
    """The chained block hashes of `prompt` exactly as upstream's `hashPrompt` computes them."""
    data = prompt.encode() if isinstance(prompt, str) else prompt
    block = block_size_tokens * AVERAGE_CHARACTERS_PER_TOKEN
    if block <= 0 or len(data) < block:
        return ()
    # Whole blocks of `data[: block * max_prefix_blocks]`, without copying the slice.
    end = len(range(len(data))[: block * max_prefix_blocks]) // block * block
    previous = xxh64((model + cache_salt).encode())
    hashes: list[int] = []
    append, pack = hashes.append, _LE64.pack
    for start in range(0, end, block):
        previous = xxh64(data[start : start + block] + pack(previous))
        append(previous)
    return tuple(hashes)


@dataclass(frozen=True, slots=True)
class PrefixMatch:
    """What the prefix scorer needs: the request's block count and each server's matched run."""

    total_blocks: int
    matched: Mapping[str, int]

    def score(self, server: str) -> float:
        """`matched / total` for `server`; 0 when the prompt had no whole block."""
        if self.total_blocks == 0:
            return 0.0
        return self.matched.get(server, 0) / self.total_blocks


class PrefixIndex:
    """The EPP's approximate view of which server holds which prompt blocks (per-server LRU)."""

    def __init__(self, default_capacity: int = DEFAULT_LRU_CAPACITY_PER_SERVER) -> None:
        if default_capacity <= 0:
            raise ValueError("default_capacity must be positive")
        self._default_capacity = default_capacity
        self._servers: dict[str, tuple[int, OrderedDict[int, None]]] = {}
        self._holders: dict[int, set[str]] = {}

    def add(self, hashes: Iterable[int], server: str, capacity: int | None = None) -> None:
        """Record that `server` now holds `hashes` (most recent last); evict beyond capacity.

        The capacity is fixed when the server is first seen, as upstream sizes each LRU once.
        """
        entry = self._servers.get(server)
        if entry is None:
            size = capacity if capacity is not None and capacity > 0 else self._default_capacity
            entry = self._servers[server] = (size, OrderedDict())
        size, lru = entry
        added = hashes if isinstance(hashes, tuple) else tuple(hashes)
        move_to_end = lru.move_to_end
        for h in added:
            if h in lru:
                move_to_end(h)
            else:
                lru[h] = None
                if len(lru) > size:
                    self._forget(lru.popitem(last=False)[0], server)
        # Upstream updates hash -> servers after the LRU pass, as we do: a request longer
        # than the LRU leaves its evicted first blocks mapped (their LRU entries are gone).
        holders = self._holders
        for h in added:
            servers = holders.get(h)
            if servers is None:
                holders[h] = {server}
            else:
                servers.add(server)

    def holders(self, block_hash: int) -> frozenset[str]:
        """The servers that (probably) hold `block_hash`."""
        return frozenset(self._holders.get(block_hash, ()))

    def match(self, hashes: tuple[int, ...]) -> PrefixMatch:
        """Upstream's `matchLongestPrefix` over `hashes`.

        Consecutive blocks usually have the same holders (a server that got a request got all
        of its blocks), so each run of equal holder sets is counted once, by its length.
        """
        holders = self._holders
        matched: dict[str, int] = {}
        get = matched.get
        run: set[str] = set()
        length = 0
        for h in hashes:
            servers = holders.get(h)
            if not servers:
                break
            if servers == run:
                length += 1
                continue
            for server in run:
                matched[server] = get(server, 0) + length
            run, length = servers, 1
        for server in run:
            matched[server] = get(server, 0) + length
        return PrefixMatch(total_blocks=len(hashes), matched=matched)

    def remove_server(self, server: str) -> None:
        """Drop everything recorded for `server` (a pod that left the pool)."""
        entry = self._servers.pop(server, None)
        if entry is not None:
            for h in entry[1]:
                self._forget(h, server)

    def servers(self) -> frozenset[str]:
        """Servers with an LRU in the index."""
        return frozenset(self._servers)

    def size(self, server: str) -> int:
        """How many block hashes `server`'s LRU holds."""
        entry = self._servers.get(server)
        return 0 if entry is None else len(entry[1])

    def _forget(self, block_hash: int, server: str) -> None:
        holders = self._holders.get(block_hash)
        if holders is not None:
            holders.discard(server)
            if not holders:
                del self._holders[block_hash]
