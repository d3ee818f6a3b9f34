"""XXH64, the 64-bit xxHash, in pure Python.

The EPP hashes prompt blocks with `github.com/cespare/xxhash/v2` (`Sum64`, seed 0); using the
same function keeps our prefix hashes bit-identical to upstream's, so a block hash computed
here names the same block the EPP's index would hold. The algorithm follows the xxHash
specification (`doc/xxhash_spec.md`): 32-byte stripes over four accumulators, then the tail
in 8-, 4- and 1-byte steps, then the avalanche. Cross-checked against `xxhsum -H1` (Debian
package `xxhash`); the unit tests pin those vectors.
"""

from __future__ import annotations

import struct

_P1 = 0x9E3779B185EBCA87
_P2 = 0xC2B2AE3D27D4EB4F
_P3 = 0x165667B19E3779F9
_P4 = 0x85EBCA77C2B2AE63
_P5 = 0x27D4EB2F165667C5
_MASK = 0xFFFFFFFFFFFFFFFF
_STRIPE = struct.Struct("<4Q")
_LANE = struct.Struct("<Q")
_WORD = struct.Struct("<I")


def _rotl(x: int, r: int) -> int:
    return ((x << r) | (x >> (64 - r))) & _MASK


def _round(acc: int, lane: int) -> int:
    acc = (acc + lane * _P2) & _MASK
    return (_rotl(acc, 31) * _P1) & _MASK


def _merge(acc: int, lane_acc: int) -> int:
    acc ^= _round(0, lane_acc)
    return (acc * _P1 + _P4) & _MASK


def _stripes(data: bytes, seed: int) -> tuple[int, int]:
    """Consume every whole 32-byte stripe; return the merged hash and the bytes consumed."""
    v1 = (seed + _P1 + _P2) & _MASK
    v2 = (seed + _P2) & _MASK
    v3 = seed
    v4 = (seed - _P1) & _MASK
    end = len(data) - len(data) % 32
    for pos in range(0, end, 32):
        l1, l2, l3, l4 = _STRIPE.unpack_from(data, pos)
        v1 = _round(v1, l1)
        v2 = _round(v2, l2)
        v3 = _round(v3, l3)
        v4 = _round(v4, l4)
    h = (_rotl(v1, 1) + _rotl(v2, 7) + _rotl(v3, 12) + _rotl(v4, 18)) & _MASK
    for v in (v1, v2, v3, v4):
        h = _merge(h, v)
    return h, end


def xxh64(data: bytes, seed: int = 0) -> int:
    """The XXH64 digest of `data` as an unsigned 64-bit integer."""
    n = len(data)
    if n >= 32:
        h, pos = _stripes(data, seed)
    else:
        h, pos = (seed + _P5) & _MASK, 0
    h = (h + n) & _MASK
    while pos + 8 <= n:
        h ^= _round(0, _LANE.unpack_from(data, pos)[0])
        h = (_rotl(h, 27) * _P1 + _P4) & _MASK
        pos += 8
    if pos + 4 <= n:
        h ^= (_WORD.unpack_from(data, pos)[0] * _P1) & _MASK
        h = (_rotl(h, 23) * _P2 + _P3) & _MASK
        pos += 4
    for byte in data[pos:]:
        h ^= (byte * _P5) & _MASK
        h = (_rotl(h, 11) * _P1) & _MASK
    h ^= h >> 33
    h = (h * _P2) & _MASK
    h ^= h >> 29
    h = (h * _P3) & _MASK
    return h ^ (h >> 32)
