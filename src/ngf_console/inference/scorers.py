"""The three EPP scorers the product exposes, as pure functions over a candidate list.

Each returns one raw score per candidate, in candidate order, computed exactly as upstream
(GIE v1.5.0; see `docs/inference-simulator.md` for the file references):

* `queue-scorer` — min-max over the candidates' waiting queues:
  `(max - q) / (max - min)`; when every queue is equal each candidate gets a neutral 1.0.
* `kv-cache-utilization-scorer` — `1 - usage` with usage in [0, 1]
  (`vllm:kv_cache_usage_perc`); not clamped here: a usage above 1 gives a negative raw score.
* `prefix-cache-scorer` — `matched blocks / total blocks` of the request (see `prefix`).

The profile clamps every raw score to [0, 1] before weighting (`enforceScoreRange`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from ngf_console.inference.prefix import PrefixMatch

ScorerType = Literal["queue-scorer", "kv-cache-utilization-scorer", "prefix-cache-scorer"]
QUEUE_SCORER: ScorerType = "queue-scorer"
KV_CACHE_SCORER: ScorerType = "kv-cache-utilization-scorer"
PREFIX_CACHE_SCORER: ScorerType = "prefix-cache-scorer"
SCORER_TYPES: tuple[ScorerType, ...] = (QUEUE_SCORER, KV_CACHE_SCORER, PREFIX_CACHE_SCORER)


def queue_scores(waiting: Sequence[int]) -> list[float]:
    """queue-scorer: shortest queue 1.0, longest 0.0, linear between; all equal → 1.0."""
    if not waiting:
        return []
    low, high = min(waiting), max(waiting)
    if high == low:
        return [1.0] * len(waiting)
    span = high - low
    return [(high - q) / span for q in waiting]


def kv_cache_scores(usage: Sequence[float]) -> list[float]:
    """kv-cache-utilization-scorer: `1 - usage`."""
    return [1.0 - u for u in usage]


def prefix_scores(servers: Sequence[str], match: PrefixMatch | None) -> list[float]:
    """prefix-cache-scorer: matched/total blocks; 0 for all without a match or a whole block."""
    if match is None or match.total_blocks == 0:
        return [0.0] * len(servers)
    matched, total = match.matched, match.total_blocks
    return [matched.get(s, 0) / total for s in servers]


def clamp_unit(score: float) -> float:
    """Upstream's `enforceScoreRange`: clamp to [0, 1]."""
    if score < 0.0:
        return 0.0
    if score > 1.0:
        return 1.0
    return score
