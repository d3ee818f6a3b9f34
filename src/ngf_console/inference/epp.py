"""The Endpoint Picker's scheduling cycle, computed as upstream computes it.

One cycle (GIE v1.5.0 `scheduler_profile.go` + `max_score_picker.go`):

1. every scorer of the profile scores every candidate (`scorers`);
2. each candidate's total is `Σ clamp(raw, 0, 1) x weight`, summed in profile order;
3. the max-score picker shuffles the candidates (random tie-break), stable-sorts them by total,
   highest first, and takes the first (`maxNumOfEndpoints` = 1; the rest of the ranking is what
   upstream would hand the gateway as fallbacks when asked for more);
4. `PreRequest`: the prefix index records the request's block hashes for the picked server.

`schedule()` is the pure part (1-3) over a snapshot; `EndpointPicker` adds the prefix index
and the RNG, which is injectable so that ties are reproducible in tests and replays.
`score_columns` and `rank` are steps 1-3 written plainly; `schedule` computes the same totals,
RNG draws and pick with `totals` (C-level passes, no sort), because a pick among 100 pods
must stay well under 200 µs. The `Decision` gives every scorer's raw and weighted score for
every candidate on demand: it is what the API returns and what the UI's "why did this pod
win" panel shows.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ngf_console.inference.prefix import (
    DEFAULT_BLOCK_SIZE_TOKENS,
    DEFAULT_MAX_PREFIX_BLOCKS,
    PrefixIndex,
    PrefixMatch,
    hash_prompt,
)
from ngf_console.inference.profile import SchedulingProfile
from ngf_console.inference.scorers import (
    KV_CACHE_SCORER,
    PREFIX_CACHE_SCORER,
    QUEUE_SCORER,
    ScorerType,
    kv_cache_scores,
    prefix_scores,
    queue_scores,
)
from ngf_console.inference.totals import (
    draw_keys,
    pick_index,
    raw_scores,
    weigh,
    weighted_totals,
)


class EppError(Exception):
    """Base of the EPP model's errors."""


class NoCandidatesError(EppError):
    """There is no endpoint to pick from (upstream answers 503)."""


@dataclass(frozen=True, slots=True)
class EndpointState:
    """What the EPP knows about one candidate endpoint when it schedules.

    `kv_cache_usage` is a fraction (vLLM's `kv_cache_usage_perc` is 0-1 despite its name);
    `num_gpu_blocks` sizes the endpoint's prefix LRU when known (upstream's auto-tune).
    """

    name: str
    waiting_queue_size: int
    kv_cache_usage: float
    running_requests: int = 0
    num_gpu_blocks: int = 0


class ScorerScore(NamedTuple):
    """One scorer's verdict on one candidate: raw score, weight, `clamp(raw) x weight`."""

    scorer: ScorerType
    raw: float
    weight: float
    weighted: float


@dataclass(frozen=True, slots=True)
class ScorerColumn:
    """One scorer's raw and weighted scores for every candidate, in candidate order."""

    scorer: ScorerType
    weight: float
    raw: tuple[float, ...]
    weighted: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class CandidateScore:
    """A candidate with every scorer's score, the weighted total and its rank (0 = picked)."""

    endpoint: EndpointState
    scores: tuple[ScorerScore, ...]
    total: float
    rank: int
    prefix_matched_blocks: int

    def score(self, scorer: ScorerType) -> ScorerScore | None:
        """The score `scorer` gave, or None when the profile does not use it."""
        return next((s for s in self.scores if s.scorer == scorer), None)


class Decision:
    """The outcome of one scheduling cycle: the pick at once, the explanation when asked for.

    Scheduling computes only what the pick needs (each candidate's total and the tie-break
    keys, see `totals`); `columns` (every scorer's raw and weighted score), `order` (upstream's
    ranking, best first; `order[0]` is the pick), `prefix_matched` and the per-candidate views
    are built on first access from the same snapshot (columns equal to `score_columns`'s,
    the ranking by `rank`'s sort), and then kept. Read-only, compared and hashed by value.
    """

    __slots__ = (
        "_candidates",
        "_columns",
        "_endpoints",
        "_keys",
        "_order",
        "_pick",
        "_prefix",
        "_prefix_matched",
        "_profile",
        "_totals",
    )

    def __init__(
        self,
        endpoints: tuple[EndpointState, ...],
        profile: SchedulingProfile,
        totals: tuple[float, ...],
        keys: Sequence[float],
        prefix: PrefixMatch | None = None,
        *,
        pick: int | None = None,
    ) -> None:
        """`keys` are the tie-break keys `rank` draws; `pick` is `order[0]` when known."""
        self._endpoints = endpoints
        self._profile = profile
        self._totals = totals
        self._keys = keys
        self._prefix = prefix
        self._columns: tuple[ScorerColumn, ...] | None = None
        self._candidates: tuple[CandidateScore, ...] | None = None
        self._prefix_matched: tuple[int, ...] | None = None
        self._order: tuple[int, ...] | None = None
        if pick is None:
            self._order = _order(totals, keys)
            pick = self._order[0]
        self._pick = pick

    @property
    def endpoints(self) -> tuple[EndpointState, ...]:
        """The candidates, in the order they were given."""
        return self._endpoints

    @property
    def profile(self) -> SchedulingProfile:
        """The scheduling profile that scored them."""
        return self._profile

    @property
    def totals(self) -> tuple[float, ...]:
        """Each candidate's weighted total, in candidate order."""
        return self._totals

    @property
    def prefix_total_blocks(self) -> int:
        """The request's whole prompt blocks (0 without the prefix scorer or a whole block)."""
        return self._prefix.total_blocks if self._prefix is not None else 0

    @property
    def columns(self) -> tuple[ScorerColumn, ...]:
        """Every scorer's raw and weighted scores, in profile order."""
        if self._columns is None:
            columns = []
            for ws in self._profile.scorers:
                raw = raw_scores(ws.type, self._endpoints, self._prefix)
                weighted = weigh(raw, ws.weight)
                columns.append(ScorerColumn(ws.type, ws.weight, tuple(raw), tuple(weighted)))
            self._columns = tuple(columns)
        return self._columns

    @property
    def order(self) -> tuple[int, ...]:
        """Upstream's ranking: indices into `endpoints`, best first."""
        if self._order is None:
            self._order = _order(self._totals, self._keys)
        return self._order

    @property
    def prefix_matched(self) -> tuple[int, ...]:
        """Each candidate's matched prefix blocks, in candidate order."""
        if self._prefix_matched is None:
            matched = self._prefix.matched if self._prefix is not None else {}
            get = matched.get
            self._prefix_matched = tuple([get(c.name, 0) for c in self._endpoints])
        return self._prefix_matched

    @property
    def picked(self) -> CandidateScore:
        """The chosen candidate."""
        return self._row(self._pick, 0)

    @property
    def picked_endpoint(self) -> EndpointState:
        """The chosen endpoint's state."""
        return self._endpoints[self._pick]

    @property
    def picked_name(self) -> str:
        """Name of the chosen endpoint."""
        return self._endpoints[self._pick].name

    @property
    def tied(self) -> tuple[str, ...]:
        """Names of every candidate whose total equals the pick's (the tie-break pool)."""
        top = self._totals[self._pick]
        return tuple(self._endpoints[i].name for i in self.order if self._totals[i] == top)

    def candidates(self) -> tuple[CandidateScore, ...]:
        """Every candidate with its scores, in ranking order."""
        if self._candidates is None:
            self._candidates = tuple(self._row(i, r) for r, i in enumerate(self.order))
        return self._candidates

    def candidate(self, name: str) -> CandidateScore:
        """The scores of the candidate called `name` (KeyError when absent)."""
        for r, i in enumerate(self.order):
            if self._endpoints[i].name == name:
                return self._row(i, r)
        raise KeyError(name)

    def _row(self, i: int, rank: int) -> CandidateScore:
        scores = tuple(
            ScorerScore(c.scorer, c.raw[i], c.weight, c.weighted[i]) for c in self.columns
        )
        return CandidateScore(
            self._endpoints[i], scores, self._totals[i], rank, self.prefix_matched[i]
        )

    def _value(self) -> tuple[object, ...]:
        return (
            self._endpoints,
            self.columns,
            self._totals,
            self.order,
            self.prefix_total_blocks,
            self.prefix_matched,
            self._profile,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Decision):
            return NotImplemented
        return self._value() == other._value()

    def __hash__(self) -> int:
        return hash(self._value())

    def __repr__(self) -> str:
        return (
            f"Decision(picked={self.picked_name!r}, total={self._totals[self._pick]!r}, "
            f"candidates={len(self._endpoints)}, profile={self._profile.name!r})"
        )


def _raw_scores(
    scorer: ScorerType, candidates: Sequence[EndpointState], prefix: PrefixMatch | None
) -> list[float]:
    if scorer == QUEUE_SCORER:
        return queue_scores([c.waiting_queue_size for c in candidates])
    if scorer == KV_CACHE_SCORER:
        return kv_cache_scores([c.kv_cache_usage for c in candidates])
    if prefix is None or not prefix.matched or prefix.total_blocks == 0:
        return [0.0] * len(candidates)  # no server holds the request's first block
    return prefix_scores([c.name for c in candidates], prefix)


def score_columns(
    candidates: Sequence[EndpointState],
    profile: SchedulingProfile,
    prefix: PrefixMatch | None = None,
) -> tuple[tuple[ScorerColumn, ...], tuple[float, ...]]:
    """Steps 1-2: each scorer's column and each candidate's total (summed in profile order).

    The plain reading of upstream, kept as the reference `schedule`'s fast path is tested
    against (and for callers that want the columns without a pick).
    """
    columns: list[ScorerColumn] = []
    totals: list[float] | None = None
    for ws in profile.scorers:
        raw = _raw_scores(ws.type, candidates, prefix)
        w = ws.weight
        # clamp_unit inlined: this runs for every candidate of every request
        weighted = [(0.0 if r < 0.0 else 1.0 if r > 1.0 else r) * w for r in raw]
        columns.append(ScorerColumn(ws.type, ws.weight, tuple(raw), tuple(weighted)))
        # Left to right from 0.0, as upstream's loop adds (not math.fsum / compensated sum).
        totals = (
            weighted if totals is None else [t + w for t, w in zip(totals, weighted, strict=True)]
        )
    return tuple(columns), tuple(totals or ())


def rank(totals: Sequence[float], rng: random.Random) -> tuple[int, ...]:
    """Step 3: a uniformly random order (random tie-break), stable-sorted by total, highest first.

    Upstream shuffles and stable-sorts; sorting indices by one random key each gives the same
    uniform permutation with two C-level sorts (a Python `shuffle` costs more than scoring).
    """
    return _order(totals, draw_keys(rng, len(totals)))


def _order(totals: Sequence[float], keys: Sequence[float]) -> tuple[int, ...]:
    order = sorted(range(len(totals)), key=keys.__getitem__)
    order.sort(key=totals.__getitem__, reverse=True)
    return tuple(order)


def schedule(
    candidates: Sequence[EndpointState],
    profile: SchedulingProfile,
    *,
    rng: random.Random,
    prefix: PrefixMatch | None = None,
) -> Decision:
    """One scheduling cycle over a snapshot; raises `NoCandidatesError` on an empty pool.

    Same totals, RNG draws, pick and ranking as `score_columns` + `rank`, computed by
    `totals` (the explanation is built on demand, see `Decision`).
    """
    if not candidates:
        raise NoCandidatesError("no candidate endpoints")
    totals = weighted_totals(candidates, profile, prefix)
    keys = draw_keys(rng, len(totals))
    return Decision(
        tuple(candidates), profile, tuple(totals), keys, prefix, pick=pick_index(totals, keys)
    )


class EndpointPicker:
    """A stateful EPP: a profile, the approximate prefix index and the tie-break RNG."""

    def __init__(
        self,
        profile: SchedulingProfile,
        *,
        rng: random.Random | None = None,
        index: PrefixIndex | None = None,
        block_size_tokens: int = DEFAULT_BLOCK_SIZE_TOKENS,
        max_prefix_blocks: int = DEFAULT_MAX_PREFIX_BLOCKS,
    ) -> None:
        self.profile = profile
        self.index = index if index is not None else PrefixIndex()
        self._rng = rng if rng is not None else random.Random()  # noqa: S311 - tie-break, not crypto
        self._block_size_tokens = block_size_tokens
        self._max_prefix_blocks = max_prefix_blocks

    def pick(
        self,
        prompt: str | bytes,
        model: str,
        candidates: Sequence[EndpointState],
        *,
        cache_salt: str = "",
    ) -> Decision:
        """Schedule one request and record its prefix blocks for the picked endpoint."""
        hashes: tuple[int, ...] = ()
        prefix: PrefixMatch | None = None
        if self.profile.uses(PREFIX_CACHE_SCORER):
            hashes = hash_prompt(
                prompt,
                model,
                block_size_tokens=self._block_size_tokens,
                max_prefix_blocks=self._max_prefix_blocks,
                cache_salt=cache_salt,
            )
            prefix = self.index.match(hashes)
        decision = schedule(candidates, self.profile, rng=self._rng, prefix=prefix)
        if hashes:
            chosen = decision.picked_endpoint
            self.index.add(hashes, chosen.name, chosen.num_gpu_blocks or None)
        return decision

    def forget(self, name: str) -> None:
        """Drop an endpoint that left the pool from the prefix index."""
        self.index.remove_server(name)
