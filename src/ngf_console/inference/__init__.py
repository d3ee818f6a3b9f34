"""Inference domain logic: the EPP's scoring model (upstream formulas).

* `scorers` — queue-scorer, kv-cache-utilization-scorer, prefix-cache-scorer as pure functions.
* `prefix` — upstream's prompt block hashing (`xxhash64`) and approximate per-pod LRU index.
* `profile` — scheduling profiles and the product strategy → scorer mapping.
* `epp` — one scheduling cycle (weights, max-score picker, random tie-break) and the typed,
  read-only `Decision` that explains it.
* `totals` — the same cycle's totals and pick in C-level passes (bit-identical; the hot path).

Pure Python with no I/O: the simulator, the API and request replay share it.
"""

from ngf_console.inference.epp import (
    CandidateScore,
    Decision,
    EndpointPicker,
    EndpointState,
    EppError,
    NoCandidatesError,
    ScorerColumn,
    ScorerScore,
    schedule,
    score_columns,
)
from ngf_console.inference.prefix import PrefixIndex, PrefixMatch, hash_prompt
from ngf_console.inference.profile import (
    SPEC_COMPOSITE_WEIGHTS,
    UPSTREAM_DEFAULT_PROFILE,
    SchedulingProfile,
    WeightedScorer,
    composite_profile,
    profile_for,
)
from ngf_console.inference.scorers import (
    KV_CACHE_SCORER,
    PREFIX_CACHE_SCORER,
    QUEUE_SCORER,
    ScorerType,
)

__all__ = [
    "KV_CACHE_SCORER",
    "PREFIX_CACHE_SCORER",
    "QUEUE_SCORER",
    "SPEC_COMPOSITE_WEIGHTS",
    "UPSTREAM_DEFAULT_PROFILE",
    "CandidateScore",
    "Decision",
    "EndpointPicker",
    "EndpointState",
    "EppError",
    "NoCandidatesError",
    "PrefixIndex",
    "PrefixMatch",
    "SchedulingProfile",
    "ScorerColumn",
    "ScorerScore",
    "ScorerType",
    "WeightedScorer",
    "composite_profile",
    "hash_prompt",
    "profile_for",
    "schedule",
    "score_columns",
]
