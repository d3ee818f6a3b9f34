"""How the simulators see a prompt: token counts and the model server's own block keys.

No tokenizer runs here: a token is 4 characters (upstream's own estimate in the prefix
scorer). The model server's prefix cache is keyed by a chained hash of 16-token (64-character)
blocks, like vLLM's block hashes; blake2b stands in for vLLM's hash because only equality
matters inside the server (the EPP side uses upstream's xxh64 chain, `inference.prefix`).
"""

from __future__ import annotations

import hashlib

CHARS_PER_TOKEN = 4


def token_count(text: str) -> int:
    """Approximate tokens in `text` (at least 1)."""
    return max(1, -(-len(text) // CHARS_PER_TOKEN))


def block_keys(prompt: str, block_tokens: int, max_blocks: int) -> tuple[bytes, ...]:
    """Chained keys of the prompt's whole blocks (a trailing partial block has none)."""
    data = prompt.encode()
    size = block_tokens * CHARS_PER_TOKEN
    keys: list[bytes] = []
    previous = b""
    for start in range(0, min(len(data), size * max_blocks) - size + 1, size):
        previous = hashlib.blake2b(previous + data[start : start + size], digest_size=8).digest()
        keys.append(previous)
    return tuple(keys)
