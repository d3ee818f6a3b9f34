"""Response models of the inference metrics API and its live streams (they drive the OpenAPI
document and the UI's TypeScript types).

Conventions: JSON keys are camelCase; times are RFC 3339 (UTC); series points carry `t`, the
bucket start in Unix seconds; latencies are milliseconds; a figure with no data behind it is
null, never NaN. `source` fields say where a figure came from (`clickhouse`, `prometheus`).
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel


class Camel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, validate_by_name=True)


class TimeWindow(Camel):
    """The range a response covers, aligned to its step."""

    start: dt.datetime = Field(description="Start (inclusive), aligned down to the step.")
    end: dt.datetime = Field(description="End (exclusive), aligned up to the step.")
    step: int = Field(description="Bucket width, seconds.")


class ModelFigures(Camel):
    """One model (or every model together: `model` is '') over the whole range."""

    model: str = Field(description="Model name; '' for the aggregate.")
    requests: int = Field(description="Completed requests.")
    errors: int = Field(description="Requests answered with status >= 400.")
    ttft_p50_ms: float | None = Field(description="TTFT median of successful requests, ms.")
    ttft_p95_ms: float | None = Field(description="TTFT 95th percentile, ms.")
    ttft_avg_ms: float | None = Field(description="TTFT mean, ms.")
    tokens_per_second: float = Field(description="Output tokens per second over the range.")
    avg_decode_tokens_per_second: float | None = Field(
        description="Mean per-request decode speed, tokens/s."
    )
    total_ms_avg: float | None = Field(description="Mean end-to-end inference time, ms.")
    prefix_hit_rate: float | None = Field(
        description="Share of requests routed to a pod holding their prefix (0-1)."
    )


class DecisionTotals(Camel):
    """EPP decisions over the range."""

    total: int = Field(description="Decisions made.")
    by_pod: dict[str, int] = Field(description="Decisions per picked pod.")
    by_reason: dict[str, int] = Field(
        description="Decisions per deciding scorer (least_queue, kv_available, prefix_hit, "
        "composite)."
    )
    avg_latency_us: float | None = Field(description="Mean scheduling time, µs.")


class InferenceSummary(Camel):
    """Every pool the caller may read, aggregated over the range (ClickHouse)."""

    window: TimeWindow = Field(description="The range covered.")
    namespace: str | None = Field(description="The namespace filter, if any.")
    overall: ModelFigures = Field(description="Every model together.")
    models: list[ModelFigures] = Field(description="Each model (model comparison).")
    decisions: DecisionTotals = Field(description="EPP decisions.")


class TtftPoint(Camel):
    """TTFT percentiles of one bucket (successful requests)."""

    t: int = Field(description="Bucket start, Unix seconds.")
    requests: int = Field(description="Successful requests in the bucket.")
    p50: float | None = Field(description="Median, ms.")
    p90: float | None = Field(description="90th percentile, ms.")
    p95: float | None = Field(description="95th percentile, ms.")
    p99: float | None = Field(description="99th percentile, ms.")
    avg: float | None = Field(description="Mean, ms.")
    max: float | None = Field(description="Maximum, ms.")


class HistogramBucket(Camel):
    """Requests whose TTFT fell in `[lowerMs, upperMs)`."""

    lower_ms: float = Field(description="Lower edge, ms (inclusive).")
    upper_ms: float | None = Field(description="Upper edge, ms (exclusive); null: open-ended.")
    count: int = Field(description="Requests in the bucket.")


class TtftReport(Camel):
    """Time-to-first-token of one pool: percentiles over time and the distribution."""

    namespace: str = Field(description="Namespace of the stack.")
    name: str = Field(description="Name of the stack.")
    pool: str = Field(description="InferencePool the figures are of.")
    window: TimeWindow = Field(description="The range covered.")
    series: list[TtftPoint] = Field(description="Percentiles per bucket.")
    histogram: list[HistogramBucket] = Field(description="Distribution over the range.")


class PodRate(Camel):
    """Output tokens/s of one pod in one bucket."""

    t: int = Field(description="Bucket start, Unix seconds.")
    pod: str = Field(description="Pod name.")
    tokens_per_second: float = Field(description="Output tokens per second.")


class RatePoint(Camel):
    """A value per bucket."""

    t: int = Field(description="Bucket start, Unix seconds.")
    value: float | None = Field(description="The value; null when there is no data.")


class LatencyPoint(Camel):
    """Mean queue wait → prefill → decode of one bucket."""

    t: int = Field(description="Bucket start, Unix seconds.")
    requests: int = Field(description="Successful requests.")
    queue_ms: float | None = Field(description="Mean queue wait, ms.")
    prefill_ms: float | None = Field(description="Mean prefill (to first token), ms.")
    decode_ms: float | None = Field(description="Mean decode, ms.")
    total_ms: float | None = Field(description="Mean end to end, ms.")


class PrefixPoint(Camel):
    """Prefix-cache effectiveness of one bucket."""

    t: int = Field(description="Bucket start, Unix seconds.")
    requests: int = Field(description="Requests.")
    epp_hit_rate: float | None = Field(description="Share routed to a pod holding the prefix.")
    cached_token_ratio: float | None = Field(
        description="Share of prompt tokens served from the servers' prefix cache."
    )


class RequestPoint(Camel):
    """Requests and errors of one bucket."""

    t: int = Field(description="Bucket start, Unix seconds.")
    requests: int = Field(description="Requests.")
    client_errors: int = Field(description="4xx answers.")
    server_errors: int = Field(description="5xx answers.")


class SeriesByPod(Camel):
    """A Prometheus range series of one pod."""

    pod: str = Field(description="Pod name.")
    points: list[RatePoint] = Field(description="Values over time.")


class PoolLive(Camel):
    """The pool's state now, from Prometheus (absent without Prometheus)."""

    queue_depth: float | None = Field(description="Requests waiting, summed over the pods.")
    running: float | None = Field(description="Requests running, summed over the pods.")
    kv_cache_usage: float | None = Field(description="Mean KV-cache use over the pods (0-1).")
    queue_depth_series: list[SeriesByPod] = Field(description="Queue depth over the range.")
    kv_cache_series: list[SeriesByPod] = Field(description="KV-cache use (0-1) over the range.")


class PoolMetrics(Camel):
    """Every dashboard figure of one pool over the range."""

    namespace: str = Field(description="Namespace of the stack.")
    name: str = Field(description="Name of the stack.")
    pool: str = Field(description="InferencePool the figures are of.")
    window: TimeWindow = Field(description="The range covered.")
    overall: ModelFigures = Field(description="The pool over the whole range.")
    ttft: list[TtftPoint] = Field(description="TTFT percentiles per bucket.")
    tokens_per_second_by_pod: list[PodRate] = Field(description="Output tokens/s per pod.")
    tokens_per_second_total: list[RatePoint] = Field(description="Output tokens/s, all pods.")
    latency: list[LatencyPoint] = Field(description="Queue → prefill → decode breakdown.")
    prefix_cache: list[PrefixPoint] = Field(description="Prefix-cache hit rates.")
    requests: list[RequestPoint] = Field(description="Requests and errors.")
    decisions: DecisionTotals = Field(description="EPP decisions.")
    live: PoolLive | None = Field(description="State now (Prometheus); null without it.")


class PodState(Camel):
    """One model-server pod now: serving state and its GPU (DCGM)."""

    pod: str = Field(description="Pod name.")
    queue_depth: float | None = Field(description="Requests waiting.")
    running: float | None = Field(description="Requests running (in flight).")
    kv_cache_usage: float | None = Field(description="KV-cache use (0-1).")
    gpu_utilization_pct: float | None = Field(description="GPU utilisation, %.")
    gpu_memory_used_mib: float | None = Field(description="Framebuffer used, MiB.")
    gpu_memory_free_mib: float | None = Field(description="Framebuffer free, MiB.")
    gpu_temperature_c: float | None = Field(description="GPU temperature, °C.")
    gpu_power_w: float | None = Field(description="Power draw, W.")


class PoolPods(Camel):
    """Each pod of one pool now (Prometheus)."""

    namespace: str = Field(description="Namespace of the stack.")
    name: str = Field(description="Name of the stack.")
    pool: str = Field(description="InferencePool.")
    available: bool = Field(description="False when no Prometheus is configured.")
    pods: list[PodState] = Field(description="One entry per pod with any series.")


class GpuHeatmap(Camel):
    """GPU utilisation and memory per pod over the range (DCGM via Prometheus)."""

    window: TimeWindow = Field(description="The range covered.")
    available: bool = Field(description="False when no Prometheus is configured.")
    utilization: list[SeriesByPod] = Field(description="GPU utilisation, % (pod = ns/name).")
    memory_used: list[SeriesByPod] = Field(description="Framebuffer used, MiB (pod = ns/name).")


class ScorerScores(Camel):
    """The picked pod's weighted score from each scorer, and its total."""

    queue: float = Field(description="queue-scorer, weighted (0 when not in the profile).")
    kv_cache: float = Field(description="kv-cache-utilization-scorer, weighted.")
    prefix: float = Field(description="prefix-cache-scorer, weighted.")
    total: float = Field(description="Sum of the weighted scores.")


class ScorerWeights(Camel):
    """The scheduling profile's weight of each scorer; null: the profile does not run it."""

    queue: float | None = Field(description="queue-scorer's weight.")
    kv_cache: float | None = Field(description="kv-cache-utilization-scorer's weight.")
    prefix: float | None = Field(description="prefix-cache-scorer's weight.")


class ScorerContribution(Camel):
    """One scorer's verdict on one candidate."""

    raw: float = Field(description="The scorer's raw score (0-1 for the built-in scorers).")
    weighted: float = Field(
        description="clamp(raw, 0, 1) x the scorer's weight: its contribution to the total."
    )


class CandidateScorerScores(Camel):
    """Each scorer's score of one candidate; null: the profile does not run that scorer."""

    queue: ScorerContribution | None = Field(description="queue-scorer.")
    kv_cache: ScorerContribution | None = Field(description="kv-cache-utilization-scorer.")
    prefix: ScorerContribution | None = Field(description="prefix-cache-scorer.")


class CandidateTotal(Camel):
    """A candidate pod: its total score, each scorer's score and the inputs behind them."""

    pod: str = Field(description="Pod name.")
    score: float = Field(description="Total weighted score.")
    scores: CandidateScorerScores | None = Field(
        description="Each scorer's raw and weighted score; null when the decision was "
        "recorded without them (before per-candidate scores were stored)."
    )
    queue_depth: int | None = Field(description="Its waiting queue when scored; null: unknown.")
    kv_cache_pct: float | None = Field(description="Its KV-cache use when scored, %.")
    prefix_matched_blocks: int | None = Field(
        description="Prefix blocks of the request it holds (of `prefixTotalBlocks`)."
    )


class EppDecision(Camel):
    """One endpoint-picker decision: the winner, why, and every candidate's score.

    The live WebSocket feed may send decisions with `candidates: []` (`candidateCount` still
    counts them): read the full decision from the decision endpoint.
    """

    timestamp: dt.datetime = Field(description="When the decision was made.")
    request_id: str = Field(description="Request id.")
    trace_id: str = Field(description="Trace id (hex), '' when unset.")
    namespace: str = Field(description="Namespace of the pool.")
    pool: str = Field(description="InferencePool.")
    model: str = Field(description="Requested model.")
    picked_pod: str = Field(description="The winner.")
    reason: str = Field(description="The deciding scorer: least_queue, kv_available, "
                        "prefix_hit or composite.")  # fmt: skip
    latency_us: float = Field(description="Scheduling time, µs.")
    candidate_count: int = Field(description="Candidates scored.")
    tied_count: int = Field(description="Candidates sharing the top score.")
    queue_depth: int = Field(description="The winner's waiting queue.")
    kv_cache_pct: float = Field(description="The winner's KV-cache use, %.")
    prefix_hit: bool = Field(description="A cached prefix matched on the winner.")
    prefix_matched_blocks: int = Field(description="Prefix blocks matched on the winner.")
    prefix_total_blocks: int = Field(description="Prefix blocks of the request.")
    scores: ScorerScores = Field(description="The winner's weighted scores.")
    weights: ScorerWeights | None = Field(
        description="The profile's weights; null when the decision was recorded without them."
    )
    candidates: list[CandidateTotal] = Field(description="Every candidate, best first.")
    summary: str = Field(description="Why the winner won, in one line.")


class DecisionList(Camel):
    """A page of decisions, newest first."""

    namespace: str = Field(description="Namespace of the stack.")
    name: str = Field(description="Name of the stack.")
    pool: str = Field(description="InferencePool.")
    window: TimeWindow = Field(description="The range covered.")
    totals: DecisionTotals = Field(description="Decisions over the whole range.")
    items: list[EppDecision] = Field(description="This page.")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page.")


class PoolCost(Camel):
    """One pool's estimated GPU cost."""

    namespace: str = Field(description="Namespace of the stack.")
    name: str = Field(description="Name of the stack.")
    gpu_type: str = Field(description="GPU type of the stack's pods.")
    gpus_per_replica: int = Field(description="GPUs each replica requests.")
    replicas: int = Field(description="Replicas running now (status), else desired.")
    price_per_gpu_hour: float | None = Field(description="Configured price; null: unpriced.")
    hourly: float | None = Field(description="Cost per hour at the current size.")
    daily: float | None = Field(description="Cost per day at the current size.")
    range_cost: float | None = Field(description="Cost over the requested range at this size.")


class CostEstimate(Camel):
    """Estimated GPU cost of the pools (replicas x GPUs x configured hourly price)."""

    window: TimeWindow = Field(description="The range `rangeCost` covers.")
    currency: str = Field(description="Currency of the prices.")
    pools: list[PoolCost] = Field(description="Each pool.")
    hourly: float = Field(description="Sum over the priced pools, per hour.")
    daily: float = Field(description="Sum over the priced pools, per day.")
    range_cost: float = Field(description="Sum over the priced pools, over the range.")
    unpriced_gpu_types: list[str] = Field(description="GPU types without a configured price.")
