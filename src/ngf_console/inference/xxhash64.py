"""XXH64, the 64-bit xxHash, as the EPP computes it (seed 0, an unsigned 64-bit integer).

The EPP hashes prompt blocks with `github.com/cespare/xxhash/v2` (`Sum64`, seed 0); using the
same function keeps our prefix hashes bit-identical to upstream's, so a block hash computed
here names the same block the EPP's index would hold. The C implementation (PyPI `xxhash`,
the reference library) hashes a 64-byte block in well under a microsecond, which keeps one
pick among 100 pods inside the EPP's budget; the unit tests pin `xxhsum -H1` vectors.
"""

from __future__ import annotations

from collections.abc import Callable

import xxhash

# The C function itself, not a wrapper: a prompt's blocks are hashed in a loop, and a Python
# frame per block would cost more than the hash (`xxh64(data)` is XXH64 of `data`, seed 0).
xxh64: Callable[[bytes], int] = xxhash.xxh64_intdigest
