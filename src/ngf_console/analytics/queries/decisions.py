"""Endpoint-picker decisions: counts over `ngf_epp_decisions(_*)`, the raw rows by page, and
one decision by its request id."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from ngf_console.analytics.errors import InvalidQueryError
from ngf_console.analytics.queries.models import DecisionCount, DecisionCounts
from ngf_console.analytics.queries.sql import Aggregates, finite, run, select
from ngf_console.analytics.queries.timerange import ANY, Filters, Source, TimeRange, plan, where
from ngf_console.analytics.schema.decisions import EPP_DECISIONS
from ngf_console.analytics.schema.rollups import DECISION_ROLLUP
from ngf_console.analytics.store import AnalyticsStore, Cell, Param

MAX_PAGE = 1000

_COLUMNS = {"namespace": "namespace", "pool": "inference_pool", "model": "model_name",
            "pod": "picked_pod"}  # fmt: skip
_COUNTS = Aggregates(
    raw=("count() AS decisions", "sum(decision_latency_us) AS latency"),
    rollup=("sum(decision_count) AS decisions", "sum(latency_sum) AS latency"),
)


def decision_counts(
    store: AnalyticsStore, rng: TimeRange, filters: Filters = ANY, source: Source = "auto"
) -> DecisionCounts:
    """How many times each pod was picked, for which reason, over the range."""
    p = plan(rng, EPP_DECISIONS.name, DECISION_ROLLUP, source)
    sql, params = select(p, rng, filters, _COUNTS, columns=_COLUMNS, series=False,
                         dimensions=(("pod", "picked_pod"), ("reason", "reason")))  # fmt: skip
    rows = run(store, sql, params).rows
    pairs = [DecisionCount(str(pod), str(reason), int(str(n))) for pod, reason, n, _ in rows]
    by_pod: Counter[str] = Counter()
    by_reason: Counter[str] = Counter()
    for pair in pairs:
        by_pod[pair.pod] += pair.decisions
        by_reason[pair.reason] += pair.decisions
    total = sum(by_pod.values())
    latency = sum(float(str(row[3])) for row in rows)
    return DecisionCounts(pairs, dict(by_pod), dict(by_reason), total,
                          finite(latency / total) if total else None)  # fmt: skip


@dataclass(frozen=True, slots=True)
class DecisionPage:
    """Decisions newest first, and the keyset cursor of the next page (None: no more)."""

    rows: list[dict[str, Cell]]
    next_cursor: tuple[int, str] | None


def recent_decisions(
    store: AnalyticsStore,
    rng: TimeRange,
    filters: Filters = ANY,
    *,
    limit: int = 100,
    before: tuple[int, str] | None = None,
) -> DecisionPage:
    """Raw decisions in the range, newest first, `limit` per page.

    `before` is the cursor of the previous page: (timestamp in Unix ms, request id) of its
    last row; rows strictly before it in (timestamp, request id) order come next.
    """
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidQueryError("limit", f"must be between 1 and {MAX_PAGE}")
    p = plan(rng, EPP_DECISIONS.name, None, "raw")
    clause, params = where(p, rng, filters, _COLUMNS)
    if before is not None:
        clause += (" AND (toUnixTimestamp64Milli(timestamp), request_id) < "
                   "({before_ms:Int64}, {before_id:String})")  # fmt: skip
        params |= {"before_ms": before[0], "before_id": before[1]}
    columns = ", ".join(c.name for c in EPP_DECISIONS.columns)
    # the table and columns are constants of this package; values are bound parameters
    sql = (f"SELECT {columns}, toUnixTimestamp64Milli(timestamp) AS ms "  # noqa: S608
           f"FROM {p.table} WHERE {clause} ORDER BY timestamp DESC, request_id DESC "
           f"LIMIT {int(limit) + 1}")  # fmt: skip
    rows = run(store, sql, params).dicts()
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = (int(str(rows[-1]["ms"])), str(rows[-1]["request_id"])) if more and rows else None
    return DecisionPage(rows, cursor)


NEAR = dt.timedelta(seconds=1)
"""How far from the given time `decision_by_id` looks (the caller's copy of the timestamp may
be rounded to the second, e.g. Unix seconds)."""


def decision_by_id(
    store: AnalyticsStore,
    namespace: str,
    pool: str,
    request_id: str,
    at: dt.datetime | None = None,
) -> dict[str, Cell] | None:
    """The decision of `request_id` in `namespace/pool`, None when there is none.

    `at` (the decision's time, when known) bounds the lookup to `NEAR` either side of it, so
    ClickHouse reads the granules of that second only (the table is ordered by pool, then
    time); without it every part of the pool is read. Should a request id recur (a retried
    request is decided again), the decision nearest `at` — else the newest — is returned.
    """
    clauses = ["inference_pool = {pool:String}", "namespace = {namespace:String}",
               "request_id = {request_id:String}"]  # fmt: skip
    params: dict[str, Param] = {"pool": pool, "namespace": namespace, "request_id": request_id}
    order = "timestamp DESC"
    if at is not None:
        at_ms = round(at.timestamp() * 1000)
        near_ms = int(NEAR.total_seconds() * 1000)
        clauses += ["timestamp >= fromUnixTimestamp64Milli({from_ms:Int64})",
                    "timestamp <= fromUnixTimestamp64Milli({to_ms:Int64})"]  # fmt: skip
        params |= {"from_ms": at_ms - near_ms, "to_ms": at_ms + near_ms, "at_ms": at_ms}
        order = "abs(toUnixTimestamp64Milli(timestamp) - {at_ms:Int64}), timestamp DESC"
    columns = ", ".join(c.name for c in EPP_DECISIONS.columns)
    # the table and columns are constants of this package; values are bound parameters
    sql = (f"SELECT {columns} FROM {EPP_DECISIONS.name} "  # noqa: S608
           f"WHERE {' AND '.join(clauses)} ORDER BY {order} LIMIT 1")  # fmt: skip
    rows = run(store, sql, params).dicts()
    return rows[0] if rows else None
