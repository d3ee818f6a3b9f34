"""XXH64 against `xxhsum -H1` (Debian package `xxhash`).

Matrix: empty input · short ASCII · every tail path (1-, 4-, 8-byte steps) and the 32-byte
stripe loop (lengths 7, 31, 32, 33, 64, 72, 100, 257 of seeded random bytes).
"""

from __future__ import annotations

import random

import pytest

from ngf_console.inference.xxhash64 import xxh64

# xxhsum -H1 of the seeded random inputs below, generated in this order from Random(7).
_RANDOM_VECTORS = {
    7: 0x441F2308CA632555,
    31: 0xA7443768B9BC58DB,
    32: 0x50EC9D81F173DF47,
    33: 0x6AC322446A7E5D14,
    64: 0xC0022F0F95A3D41D,
    72: 0x4F340D02DBCDB949,
    100: 0xC804A6B5166D3591,
    257: 0x7DCA2BCE3083DC84,
}


@pytest.mark.parametrize(
    ("data", "digest"),
    [
        (b"", 0xEF46DB3751D8E999),
        (b"abc", 0x44BC2CF5AD770999),
        (b"meta-llama/Llama-3.1-8B", 0x69A87FEC428BC47B),
        (b"The quick brown fox jumps over the lazy dog", 0x0B242D361FDA71BC),
    ],
    ids=["empty", "abc", "model-name", "fox"],
)
def test_known_digests(data: bytes, digest: int) -> None:
    assert xxh64(data) == digest


def test_random_inputs_cover_every_path() -> None:
    rng = random.Random(7)
    for length, digest in _RANDOM_VECTORS.items():
        data = bytes(rng.randrange(256) for _ in range(length))
        assert xxh64(data) == digest, f"length {length}"
