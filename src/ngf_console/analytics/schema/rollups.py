"""1-minute, 1-hour and 1-day rollups of the raw tables (AggregatingMergeTree).

The spec sketches its rollups as SummingMergeTree views holding `avg()` and `quantile()`
columns; summing averages or quantiles across merged parts is wrong, so every measure here is
mergeable instead: counts and sums as `SimpleAggregateFunction(sum, …)`, maxima as
`SimpleAggregateFunction(max, …)`, percentiles as DDSketch states (`quantilesDD`, relative
accuracy `SKETCH_ACCURACY`). Averages are `sum / count` at query time and percentiles
`quantilesDDMerge(…)`. A DDSketch merge is exact (the merged sketch is the sketch of all the
values), so a 1-day percentile equals the one computed from the raw rows with the same sketch,
and its states are about half a t-digest's size and faster to merge (the dashboard's
percentile panels merge one state per series and bucket). Migration 0003 replaced the
t-digest states of 0001.

The 1-minute table is fed by a materialized view on the raw table; the 1-hour table by a view
on the 1-minute table (merging its states), the 1-day table by one on the 1-hour table, so an
insert is aggregated once per level. The 1-minute view writes into a `Buffer` table in front
of the 1-minute table (`<prefix>_1m_buffer`, `BUFFER`), which the engine flushes into it every
few seconds: what every insert cost was the 1-minute part and the 1-hour and 1-day views and
parts downstream of it, now paid once per flush (measured in `docs/analytics.md`). Queries of
the 1-minute level read the Buffer table, which answers with the buffered rows and the
table's; the 1-hour and 1-day levels see rows once they are flushed (`flush_buffers`
forces it). The 1-minute table is sorted by hour first (`Level.block`, see `LEVELS`). TTLs
follow the spec's values (`rollups1m: 90d`,
`rollups1h: 365d`, 1-day: one year).
"""

from __future__ import annotations

from dataclasses import dataclass

from ngf_console.analytics.store import AnalyticsStore

TTFT_LEVELS = (0.5, 0.9, 0.95, 0.99)
SKETCH_ACCURACY = 0.02
"""Relative accuracy of the percentile sketches: a reported p99 is within 2 % of a value at
that rank."""
LATENCY_LEVELS = (0.5, 0.95, 0.99)


@dataclass(frozen=True, slots=True)
class Measure:
    """One aggregate column: its state type, how raw rows and finer rollups feed it."""

    name: str
    state_type: str
    from_raw: str
    from_rollup: str
    final: str  # reading it at query time (GROUP BY the keys)


def count_if(name: str, condition: str = "") -> Measure:
    raw = f"countIf({condition})" if condition else "count()"
    return Measure(name, "SimpleAggregateFunction(sum, UInt64)", raw, f"sum({name})",
                   f"sum({name})")  # fmt: skip


def sum_of(name: str, expr: str, type_: str, condition: str = "") -> Measure:
    raw = f"sumIf({expr}, {condition})" if condition else f"sum({expr})"
    return Measure(name, f"SimpleAggregateFunction(sum, {type_})", raw, f"sum({name})",
                   f"sum({name})")  # fmt: skip


def max_of(name: str, expr: str, type_: str, condition: str = "") -> Measure:
    raw = f"maxIf({expr}, {condition})" if condition else f"max({expr})"
    return Measure(name, f"SimpleAggregateFunction(max, {type_})", raw, f"max({name})",
                   f"max({name})")  # fmt: skip


def quantiles_of(name: str, expr: str, levels: tuple[float, ...], condition: str = "") -> Measure:
    lv = ", ".join(str(x) for x in (SKETCH_ACCURACY, *levels))
    raw = (
        f"quantilesDDStateIf({lv})({expr}, {condition})"
        if condition
        else f"quantilesDDState({lv})({expr})"
    )
    return Measure(
        name,
        f"AggregateFunction(quantilesDD({lv}), Float64)",
        raw,
        f"quantilesDDMergeState({lv})({name})",
        f"quantilesDDMerge({lv})({name})",
    )


@dataclass(frozen=True, slots=True)
class Level:
    """One rollup resolution."""

    suffix: str
    seconds: int
    window: str  # expression of the source's time column
    partition: str
    ttl_days: int
    block: str | None = None  # leading sorting-key expression (a coarser window), if any
    index_granularity: int | None = None  # rows per granule, if not the engine's 8,192


LEVELS = (
    Level(
        "1m",
        60,
        "toStartOfMinute({t}, 'UTC')",
        "toYYYYMMDD(window_start)",
        90,
        block="toStartOfHour(window_start)",
        index_granularity=256,
    ),
    Level("1h", 3600, "toStartOfHour({t}, 'UTC')", "toYYYYMM(window_start)", 365),
    Level("1d", 86400, "toStartOfDay({t}, 'UTC')", "toYYYYMM(window_start)", 365),
)
"""The 1-minute level sorts by hour first and reads 256 rows per granule (migration 0006):
a day's partition then keeps each hour's rows together, so a panel over the last hours reads
(and decodes the percentile states of) only the granules of those hours instead of the whole
day's — state decoding is what a 1-minute panel's time went on. The coarser levels hold few
rows per partition and keep `(keys…, window_start)` with the default granule."""


@dataclass(frozen=True, slots=True)
class BufferSettings:
    """When a rollup's Buffer flushes into its 1-minute table: once every `min_*` is
    reached, or as soon as one `max_*` is (ClickHouse's `Buffer` engine parameters)."""

    min_seconds: int = 1
    max_seconds: int = 5
    min_rows: int = 100_000
    max_rows: int = 1_000_000
    min_bytes: int = 16 * 1024 * 1024
    max_bytes: int = 256 * 1024 * 1024


BUFFER = BufferSettings()
"""Rows reach the 1-hour and 1-day levels at most `max_seconds` after their insert; a crash of
the process holding the engine (chDB) loses at most that much of the rollups' aggregates —
never raw rows — and a clean shutdown flushes (`OtlpIngestor.stop`)."""


@dataclass(frozen=True, slots=True)
class Rollup:
    """The rollups of one raw table: `<prefix>_1m`, `_1h`, `_1d`."""

    prefix: str
    source: str
    keys: tuple[tuple[str, str], ...]  # (column, expression over the raw table)
    measures: tuple[Measure, ...]

    def table(self, level: Level) -> str:
        return f"{self.prefix}_{level.suffix}"

    @property
    def buffer(self) -> str:
        """The Buffer table in front of the 1-minute level (its view writes here)."""
        return f"{self.table(LEVELS[0])}_buffer"

    def read_table(self, level: Level) -> str:
        """The table queries of `level` read: the 1-minute level through its buffer."""
        return self.buffer if level == LEVELS[0] else self.table(level)

    def measure(self, name: str) -> Measure:
        for m in self.measures:
            if m.name == name:
                return m
        raise KeyError(name)


OK = "status < 400"

_INFERENCE_SUMS = (
    count_if("request_count"),
    count_if("ok_count", OK),
    count_if("client_error_count", "status >= 400 AND status < 500"),
    count_if("server_error_count", "status >= 500"),
    sum_of("ttft_sum", "time_to_first_token_ms", "Float64", OK),
    max_of("ttft_max", "time_to_first_token_ms", "Float64", OK),
    sum_of("total_time_sum", "total_inference_time_ms", "Float64", OK),
    sum_of("queue_time_sum", "queue_time_ms", "Float64", OK),
    sum_of("prefill_time_sum", "prefill_time_ms", "Float64", OK),
    sum_of("decode_time_sum", "decode_time_ms", "Float64", OK),
    sum_of("tokens_generated", "tokens_generated", "UInt64"),
    sum_of("input_tokens", "input_tokens", "UInt64"),
    sum_of("cached_tokens", "cached_tokens", "UInt64"),
    sum_of("tps_sum", "tokens_per_second", "Float64", OK),
    count_if("prefix_hit_count", "prefix_cache_hit"),
    sum_of("queue_depth_sum", "queue_depth_at_selection", "UInt64"),
    sum_of("kv_cache_pct_sum", "kv_cache_pct_at_selection", "Float64"),
    sum_of("gpu_util_sum", "gpu_utilization_pct", "Float64"),
    sum_of("gpu_mem_used_sum", "gpu_memory_used_mb", "UInt64"),
    max_of("gpu_mem_used_max", "gpu_memory_used_mb", "UInt32"),
    sum_of("epp_latency_sum", "epp_decision_latency_us", "Float64"),
)  # fmt: skip

_POOL_KEYS = (("namespace", "namespace"), ("inference_pool", "inference_pool"),
              ("model_name", "model_name"))  # fmt: skip

# Per pool and model, with TTFT percentiles (the dashboard's percentile panels).
INFERENCE_ROLLUP = Rollup(
    prefix="ngf_inference_metrics",
    source="ngf_inference_logs",
    keys=_POOL_KEYS,
    measures=(*_INFERENCE_SUMS,
              quantiles_of("ttft_quantiles", "time_to_first_token_ms", TTFT_LEVELS, OK)),
)  # fmt: skip

# Per pod: the same sums, no percentile states (merging one sketch per pod and bucket is
# what made per-pod percentiles slow to read; per-pod percentiles come from raw rows).
INFERENCE_POD_ROLLUP = Rollup(
    prefix="ngf_inference_pod_metrics",
    source="ngf_inference_logs",
    keys=(*_POOL_KEYS, ("pod_name", "pod_name")),
    measures=_INFERENCE_SUMS,
)

ACCESS_ROLLUP = Rollup(
    prefix="ngf_metrics",
    source="ngf_access_logs",
    keys=(("namespace", "namespace"), ("gateway", "gateway"), ("route", "route"),
          ("status_class", "multiIf(status < 200, '1xx', status < 300, '2xx', status < 400, "
                           "'3xx', status < 500, '4xx', '5xx')")),
    measures=(
        count_if("request_count"),
        sum_of("latency_sum", "latency_ms", "Float64"),
        max_of("latency_max", "latency_ms", "Float64"),
        quantiles_of("latency_quantiles", "latency_ms", LATENCY_LEVELS),
        sum_of("upstream_latency_sum", "upstream_latency_ms", "Float64"),
        sum_of("request_bytes", "request_size", "UInt64"),
        sum_of("response_bytes", "response_size", "UInt64"),
    ),
)  # fmt: skip

DECISION_ROLLUP = Rollup(
    prefix="ngf_epp_decisions",
    source="ngf_epp_decisions",
    keys=(("namespace", "namespace"), ("inference_pool", "inference_pool"),
          ("model_name", "model_name"), ("picked_pod", "picked_pod"), ("reason", "reason")),
    measures=(
        count_if("decision_count"),
        sum_of("latency_sum", "decision_latency_us", "Float64"),
        max_of("latency_max", "decision_latency_us", "Float64"),
        count_if("prefix_hit_count", "prefix_hit"),
    ),
)  # fmt: skip

ROLLUPS = (INFERENCE_ROLLUP, INFERENCE_POD_ROLLUP, ACCESS_ROLLUP, DECISION_ROLLUP)


def flush_buffers(store: AnalyticsStore) -> None:
    """Flush every rollup's Buffer into its 1-minute table (and so on up the levels): tools,
    tests and a clean shutdown call it."""
    for r in ROLLUPS:
        store.execute(f"OPTIMIZE TABLE {r.buffer}")
