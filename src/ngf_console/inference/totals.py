"""Every candidate's weighted total and the max-score pick, in a few C-level passes per scorer.

`epp.score_columns` and `epp.rank` are the straightforward computation: one Python expression
per candidate and scorer, then the full shuffled stable sort. A pick among 100 pods must stay
far below 200 µs, and on 2 cores that Python-level work was most of it. This module computes
the same totals with the same floating-point operations, in the same order, so the results are
bit-identical (`tests/unit/inference/test_totals.py` compares both paths on random snapshots):

* **Columns by `map`.** Attributes are read with `attrgetter`, `1 - usage`, `x weight` and the
  left-to-right sums are `map`s over `operator` functions (no bytecode per candidate).
* **Per distinct value.** The queue score depends only on the queue length and the prefix
  score only on the matched block count; both are evaluated once per distinct value (the same
  expression, clamped as upstream) and looked up per candidate.
* **Clamp only when it can change a value.** `clamp_unit` is the identity on [0, 1] and on
  NaN; a column is clamped per candidate only when its min or max lies outside [0, 1]. (With a
  NaN first, `min`/`max` return NaN and the column takes the clamping path; a NaN elsewhere is
  never returned by them, and the clamp would keep it anyway.)
* **Weight 1.** `x * 1.0 == x` for every float, so single-scorer profiles skip the product.
* **The pick without the ranking.** Upstream shuffles and stable-sorts by total, highest first;
  with one random key per candidate (`rank`), the first of that order is the candidate with
  the highest total and, among equal totals, the smallest key (then the lowest index); one
  plain sort of the totals finds that maximum and whether it is tied. The
  keys are drawn exactly as `rank` draws them, so the RNG stream, the pick and the full
  ranking (sorted lazily by `Decision.order`) are those of the straightforward path. When a
  total is NaN the order of a sort is not a maximum; `pick_index` then answers None and the
  caller sorts.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import compress, repeat, starmap
from math import isnan
from operator import add, attrgetter, eq, mul, sub, truediv
from typing import TYPE_CHECKING

from ngf_console.inference.scorers import KV_CACHE_SCORER, QUEUE_SCORER, ScorerType, clamp_unit

if TYPE_CHECKING:
    from ngf_console.inference.epp import EndpointState
    from ngf_console.inference.prefix import PrefixMatch
    from ngf_console.inference.profile import SchedulingProfile

_WAITING: Callable[[EndpointState], int] = attrgetter("waiting_queue_size")
_KV_USAGE: Callable[[EndpointState], float] = attrgetter("kv_cache_usage")
_NAME: Callable[[EndpointState], str] = attrgetter("name")

# A column is one weighted score per candidate (produced lazily, consumed once by the sum) or
# one score shared by every candidate.
Column = Iterator[float] | float


def _weigh(raw: Iterable[float], weight: float, in_unit: bool) -> Iterator[float]:
    """`clamp_unit(r) x weight` per raw score; `in_unit`: no clamp can change a raw score."""
    if not in_unit:
        raw = [0.0 if r < 0.0 else 1.0 if r > 1.0 else r for r in raw]
    return iter(raw) if weight == 1.0 else map(mul, raw, repeat(weight))


def _queue(candidates: Sequence[EndpointState], weight: float) -> Column:
    """queue-scorer, weighted: `(max - q) / (max - min)`, or 1.0 for all when queues are equal."""
    waiting = list(map(_WAITING, candidates))
    distinct = set(waiting)
    if not isnan(sum(distinct)) and 4 * len(distinct) <= len(waiting):
        # Few distinct lengths and no NaN: min and max of the set are those of the list.
        ordered = sorted(distinct)
        low, high = ordered[0], ordered[-1]
        if high == low:
            return clamp_unit(1.0) * weight
        span = high - low
        table = {q: clamp_unit((high - q) / span) * weight for q in ordered}
        return map(table.__getitem__, waiting)
    low, high = min(waiting), max(waiting)
    if high == low:
        return clamp_unit(1.0) * weight
    span = high - low
    raw = list(map(truediv, map(sub, repeat(high), waiting), repeat(span)))
    return _weigh(raw, weight, min(raw) >= 0.0 and max(raw) <= 1.0)


def _kv_cache(candidates: Sequence[EndpointState], weight: float) -> Column:
    """kv-cache-utilization-scorer, weighted: `1 - usage`, clamped.

    A usage in [0, 1] gives `1 - usage` in [0, 1] (exact at both ends, rounding is monotonic).
    """
    usage = list(map(_KV_USAGE, candidates))
    in_unit = min(usage) >= 0.0 and max(usage) <= 1.0
    return _weigh(map(sub, repeat(1.0), usage), weight, in_unit)


def _prefix(
    candidates: Sequence[EndpointState], weight: float, prefix: PrefixMatch | None
) -> Column:
    """prefix-cache-scorer, weighted: `matched / total` blocks, 0 for all without a match."""
    if prefix is None or not prefix.matched or prefix.total_blocks == 0:
        return clamp_unit(0.0) * weight
    matched, total = prefix.matched, prefix.total_blocks
    table = {m: clamp_unit(m / total) * weight for m in {0, *matched.values()}}
    names = map(_NAME, candidates)
    if 4 * len(matched) > len(candidates):
        return map(table.__getitem__, map(matched.get, names, repeat(0)))
    # Few servers matched: their weighted scores by name, the unmatched score for the rest.
    by_name = {server: table[m] for server, m in matched.items()}
    return map(by_name.get, names, repeat(table[0]))


def weighted_totals(
    candidates: Sequence[EndpointState],
    profile: SchedulingProfile,
    prefix: PrefixMatch | None = None,
) -> list[float]:
    """Each candidate's `Σ clamp(raw) x weight`, summed left to right in profile order.

    `candidates` must not be empty (`schedule` checks).
    """
    totals: Column | None = None
    for ws in profile.scorers:
        if ws.type == QUEUE_SCORER:
            column = _queue(candidates, ws.weight)
        elif ws.type == KV_CACHE_SCORER:
            column = _kv_cache(candidates, ws.weight)
        else:
            column = _prefix(candidates, ws.weight, prefix)
        if totals is None:
            totals = column
        elif isinstance(totals, float):
            totals = (
                totals + column if isinstance(column, float) else map(add, repeat(totals), column)
            )
        else:
            totals = map(add, totals, repeat(column) if isinstance(column, float) else column)
    if totals is None or isinstance(totals, float):
        return [0.0 if totals is None else totals] * len(candidates)
    return list(totals)


def raw_scores(
    scorer: ScorerType, candidates: Sequence[EndpointState], prefix: PrefixMatch | None
) -> list[float]:
    """One scorer's raw scores, as `scorers` computes them, for a decision's explanation."""
    if scorer == QUEUE_SCORER:
        waiting = list(map(_WAITING, candidates))
        low, high = min(waiting), max(waiting)
        if high == low:
            return [1.0] * len(waiting)
        return list(map(truediv, map(sub, repeat(high), waiting), repeat(high - low)))
    if scorer == KV_CACHE_SCORER:
        return list(map(sub, repeat(1.0), map(_KV_USAGE, candidates)))
    if prefix is None or not prefix.matched or prefix.total_blocks == 0:
        return [0.0] * len(candidates)
    matched, total = prefix.matched, prefix.total_blocks
    return list(map(truediv, map(matched.get, map(_NAME, candidates), repeat(0)), repeat(total)))


def weigh(raw: list[float], weight: float) -> list[float]:
    """`clamp_unit(r) x weight` for each raw score (non-empty)."""
    return list(_weigh(raw, weight, min(raw) >= 0.0 and max(raw) <= 1.0))


def draw_keys(rng: random.Random, n: int) -> list[float]:
    """One tie-break key per candidate, drawn in candidate order as `epp.rank` draws them."""
    return list(starmap(rng.random, repeat((), n)))


def pick_index(totals: list[float], keys: list[float]) -> int | None:
    """The first of `rank`'s order without sorting; None when a total is NaN (then sort)."""
    if isnan(sum(totals)):  # a NaN total (or inf - inf): only the sort defines the order
        return None
    # The maximum and whether it is tied: sorting floats uses CPython's specialised float
    # comparison and costs less than `max()` + `count()`, which compare generically.
    ordered = sorted(totals)
    top = ordered[-1]
    if len(ordered) == 1 or ordered[-2] != top:
        return totals.index(top)
    tied = compress(range(len(totals)), map(eq, totals, repeat(top)))
    return min(tied, key=keys.__getitem__)
