"""Inference dashboard queries over `ngf_inference_logs` and `ngf_inference_metrics_*`.

Each takes a `TimeRange` (start, end, step), `Filters` (namespace, pool, model, pod) and a
`source` ("auto" picks raw vs a rollup by step, see `timerange.plan`). Pool-level figures
come from `ngf_inference_metrics_*`; per-pod ones (a pod filter, tokens/s per pod) from
`ngf_inference_pod_metrics_*`, which keeps no percentile states — so per-pod percentiles are
read from raw rows. Percentiles from raw rows are read from a bfloat16 histogram
(`quantilesBFloat16`: each value rounded to 8 significant bits, within 0.4 %, the fastest
estimator over millions of rows) and from rollups by merging DDSketch states (within 2 %,
`schema.rollups`); either way a figure is within 2 % of the exact one. Only successful requests
(status < 400) count towards TTFT and latency figures; errors are counted in
`request_counts`.
"""

from __future__ import annotations

from collections import defaultdict

from ngf_console.analytics.errors import InvalidQueryError
from ngf_console.analytics.queries.models import (
    HistogramBucket,
    LatencyBreakdown,
    ModelStats,
    PodThroughput,
    PrefixCachePoint,
    RequestPoint,
    Throughput,
    TtftPoint,
)
from ngf_console.analytics.queries.sql import Aggregates, finite, percentile, run, select
from ngf_console.analytics.queries.timerange import (
    ANY,
    Filters,
    Plan,
    Source,
    TimeRange,
    plan,
    where,
)
from ngf_console.analytics.schema.inference import INFERENCE_LOGS
from ngf_console.analytics.schema.rollups import (
    INFERENCE_POD_ROLLUP,
    INFERENCE_ROLLUP,
    SKETCH_ACCURACY,
    TTFT_LEVELS,
)
from ngf_console.analytics.store import AnalyticsStore

_COLUMNS = {"namespace": "namespace", "pool": "inference_pool", "model": "model_name",
            "pod": "pod_name"}  # fmt: skip
_OK = "status < 400"
_LEVELS = ", ".join(str(x) for x in TTFT_LEVELS)
_SKETCH = ", ".join(str(x) for x in (SKETCH_ACCURACY, *TTFT_LEVELS))
_P50, _P90, _P95, _P99 = range(4)

_TTFT = Aggregates(
    raw=(f"countIf({_OK}) AS requests",
         f"quantilesBFloat16If({_LEVELS})(time_to_first_token_ms, {_OK}) AS q",
         f"avgIf(time_to_first_token_ms, {_OK}) AS avg",
         f"maxIf(time_to_first_token_ms, {_OK}) AS max"),
    rollup=("sum(ok_count) AS requests", f"quantilesDDMerge({_SKETCH})(ttft_quantiles) AS q",
            "sum(ttft_sum) / sum(ok_count) AS avg", "max(ttft_max) AS max"),
)  # fmt: skip

_TOKENS = Aggregates(
    raw=("sum(tokens_generated) / {step:UInt32} AS rate",),
    rollup=("sum(tokens_generated) / {step:UInt32} AS rate",),
)

_LATENCY = Aggregates(
    raw=(f"countIf({_OK}) AS requests", f"avgIf(queue_time_ms, {_OK}) AS queue",
         f"avgIf(prefill_time_ms, {_OK}) AS prefill", f"avgIf(decode_time_ms, {_OK}) AS decode",
         f"avgIf(total_inference_time_ms, {_OK}) AS total"),
    rollup=("sum(ok_count) AS requests", "sum(queue_time_sum) / sum(ok_count) AS queue",
            "sum(prefill_time_sum) / sum(ok_count) AS prefill",
            "sum(decode_time_sum) / sum(ok_count) AS decode",
            "sum(total_time_sum) / sum(ok_count) AS total"),
)  # fmt: skip

_PREFIX = Aggregates(
    raw=("count() AS requests", "countIf(prefix_cache_hit) / count() AS hit",
         "sum(cached_tokens) / sum(input_tokens) AS cached"),
    rollup=("sum(request_count) AS requests", "sum(prefix_hit_count) / sum(request_count) AS hit",
            "sum(cached_tokens) / sum(input_tokens) AS cached"),
)  # fmt: skip

_REQUESTS = Aggregates(
    raw=("count() AS requests", "countIf(status >= 400 AND status < 500) AS client",
         "countIf(status >= 500) AS server"),
    rollup=("sum(request_count) AS requests", "sum(client_error_count) AS client",
            "sum(server_error_count) AS server"),
)  # fmt: skip

_MODEL = Aggregates(
    raw=("count() AS requests", "countIf(status >= 400) AS errors",
         f"quantilesBFloat16If({_LEVELS})(time_to_first_token_ms, {_OK}) AS q",
         f"avgIf(time_to_first_token_ms, {_OK}) AS ttft_avg", "sum(tokens_generated) AS tokens",
         f"avgIf(tokens_per_second, {_OK}) AS tps",
         f"avgIf(total_inference_time_ms, {_OK}) AS total",
         "countIf(prefix_cache_hit) / count() AS hit"),
    rollup=("sum(request_count) AS requests",
            "sum(client_error_count) + sum(server_error_count) AS errors",
            f"quantilesDDMerge({_SKETCH})(ttft_quantiles) AS q",
            "sum(ttft_sum) / sum(ok_count) AS ttft_avg", "sum(tokens_generated) AS tokens",
            "sum(tps_sum) / sum(ok_count) AS tps", "sum(total_time_sum) / sum(ok_count) AS total",
            "sum(prefix_hit_count) / sum(request_count) AS hit"),
)  # fmt: skip


def _plan(
    rng: TimeRange, source: Source, filters: Filters, *, per_pod: bool = False,
    percentiles: bool = False,
) -> Plan:  # fmt: skip
    """Pool rollup; pod rollup when pods are involved; raw for per-pod percentiles."""
    if not per_pod and filters.pod is None:
        return plan(rng, INFERENCE_LOGS.name, INFERENCE_ROLLUP, source)
    rollup = None if percentiles else INFERENCE_POD_ROLLUP
    return plan(rng, INFERENCE_LOGS.name, rollup, source)


def ttft_percentiles(
    store: AnalyticsStore, rng: TimeRange, filters: Filters = ANY, source: Source = "auto"
) -> list[TtftPoint]:
    """TTFT p50/p90/p95/p99, mean and max per bucket."""
    p = _plan(rng, source, filters, percentiles=True)
    sql, params = select(p, rng, filters, _TTFT, columns=_COLUMNS)
    return [
        TtftPoint(int(str(t)), int(str(n)), percentile(q, _P50), percentile(q, _P90),
                  percentile(q, _P95), percentile(q, _P99), finite(avg), finite(mx) if n else None)
        for t, n, q, avg, mx in run(store, sql, params).rows
    ]  # fmt: skip


def throughput(
    store: AnalyticsStore, rng: TimeRange, filters: Filters = ANY, source: Source = "auto"
) -> Throughput:
    """Output tokens/s per pod per bucket, and their sum per bucket."""
    p = _plan(rng, source, filters, per_pod=True)
    sql, params = select(p, rng, filters, _TOKENS, columns=_COLUMNS,
                         dimensions=(("pod", "pod_name"),))  # fmt: skip
    per_pod = [PodThroughput(int(str(t)), str(pod), float(str(rate)))
               for t, pod, rate in run(store, sql, params).rows]  # fmt: skip
    total: dict[int, float] = defaultdict(float)
    for point in per_pod:
        total[point.t] += point.tokens_per_s
    return Throughput(per_pod, sorted(total.items()))


def latency_breakdown(
    store: AnalyticsStore, rng: TimeRange, filters: Filters = ANY, source: Source = "auto"
) -> list[LatencyBreakdown]:
    """Mean queue wait, prefill, decode and end-to-end time per bucket."""
    sql, params = select(_plan(rng, source, filters), rng, filters, _LATENCY, columns=_COLUMNS)
    return [
        LatencyBreakdown(int(str(t)), int(str(n)), finite(q), finite(pf), finite(d), finite(tot))
        for t, n, q, pf, d, tot in run(store, sql, params).rows
    ]


def prefix_cache(
    store: AnalyticsStore, rng: TimeRange, filters: Filters = ANY, source: Source = "auto"
) -> list[PrefixCachePoint]:
    """EPP prefix-hit rate and the servers' cached-token ratio per bucket."""
    sql, params = select(_plan(rng, source, filters), rng, filters, _PREFIX, columns=_COLUMNS)
    return [
        PrefixCachePoint(int(str(t)), int(str(n)), finite(hit), finite(cached))
        for t, n, hit, cached in run(store, sql, params).rows
    ]


def request_counts(
    store: AnalyticsStore, rng: TimeRange, filters: Filters = ANY, source: Source = "auto"
) -> list[RequestPoint]:
    """Requests, 4xx and 5xx per bucket."""
    sql, params = select(_plan(rng, source, filters), rng, filters, _REQUESTS, columns=_COLUMNS)
    return [
        RequestPoint(int(str(t)), int(str(n)), int(str(c)), int(str(s)))
        for t, n, c, s in run(store, sql, params).rows
    ]


def model_comparison(
    store: AnalyticsStore, rng: TimeRange, filters: Filters = ANY, source: Source = "auto"
) -> list[ModelStats]:
    """Each model over the whole range: requests, errors, TTFT, throughput, prefix hits."""
    return _model_stats(store, rng, filters, source, by_model=True)


def summary(
    store: AnalyticsStore, rng: TimeRange, filters: Filters = ANY, source: Source = "auto"
) -> ModelStats:
    """Every model together over the whole range (`model` is '')."""
    rows = _model_stats(store, rng, filters, source, by_model=False)
    return rows[0]


def _model_stats(
    store: AnalyticsStore, rng: TimeRange, filters: Filters, source: Source, *, by_model: bool
) -> list[ModelStats]:
    dims = (("model", "model_name"),) if by_model else ()
    p = _plan(rng, source, filters, percentiles=True)
    sql, params = select(p, rng, filters, _MODEL, columns=_COLUMNS, dimensions=dims,
                         series=False)  # fmt: skip
    rows = run(store, sql, params).rows
    out = []
    for row in rows:
        model, rest = (str(row[0]), row[1:]) if by_model else ("", row)
        n, errors, q, ttft_avg, tokens, tps, total, hit = rest
        out.append(ModelStats(model, int(str(n)), int(str(errors)), percentile(q, _P50),
                              percentile(q, _P95), finite(ttft_avg),
                              float(str(tokens)) / rng.seconds, finite(tps), finite(total),
                              finite(hit)))  # fmt: skip
    return out


TTFT_EDGES_MS = (0.0, 25.0, 50.0, 100.0, 150.0, 200.0, 300.0, 500.0, 750.0, 1000.0, 1500.0,
                 2000.0, 3000.0, 5000.0, 10000.0)  # fmt: skip
"""Default TTFT histogram bucket edges (ms); the last bucket is open-ended."""


def ttft_histogram(
    store: AnalyticsStore,
    rng: TimeRange,
    filters: Filters = ANY,
    edges: tuple[float, ...] = TTFT_EDGES_MS,
) -> list[HistogramBucket]:
    """How many successful requests had a TTFT in each `[edges[i], edges[i+1])` (raw rows).

    Every bucket is present (zero when empty); the last one is `[edges[-1], ∞)`.
    """
    if len(edges) < 2 or list(edges) != sorted(set(edges)):
        raise InvalidQueryError("edges", "need at least two strictly increasing edges")
    p = plan(rng, INFERENCE_LOGS.name, None, "raw")
    clause, params = where(p, rng, filters, _COLUMNS)
    params["edges"] = list(edges)
    # table and expressions are constants of this package; values are bound parameters
    index = "arrayCount(e -> e <= time_to_first_token_ms, {edges:Array(Float64)})"
    sql = (f"SELECT {index} AS i, count() AS n FROM {p.table} "  # noqa: S608
           f"WHERE {clause} AND {_OK} GROUP BY i ORDER BY i")  # fmt: skip
    counts = {int(str(i)): int(str(n)) for i, n in run(store, sql, params).rows}
    bounds = [*edges, None]
    return [HistogramBucket(float(bounds[i] or 0.0), bounds[i + 1], counts.get(i + 1, 0))
            for i in range(len(edges))]  # fmt: skip
