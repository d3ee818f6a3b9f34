"""Endpoint-picker decision counts over `ngf_epp_decisions` and `ngf_epp_decisions_*`."""

from __future__ import annotations

from collections import Counter

from ngf_console.analytics.queries.models import DecisionCount, DecisionCounts
from ngf_console.analytics.queries.sql import Aggregates, finite, run, select
from ngf_console.analytics.queries.timerange import ANY, Filters, Source, TimeRange, plan
from ngf_console.analytics.schema.decisions import EPP_DECISIONS
from ngf_console.analytics.schema.rollups import DECISION_ROLLUP
from ngf_console.analytics.store import AnalyticsStore

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
