"""Typed rows of the dashboard queries (frozen dataclasses; FastAPI serialises them as-is).

`t` is the bucket start in Unix seconds (UTC). Latencies are milliseconds. A figure that has
no data behind it (an average over zero requests) is None, never NaN. Buckets without any
row are absent: the UI draws gaps.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TtftPoint:
    """TTFT percentiles of the successful requests (status < 400) of one bucket."""

    t: int
    requests: int
    p50: float | None
    p90: float | None
    p95: float | None
    p99: float | None
    avg: float | None
    max: float | None


@dataclass(frozen=True, slots=True)
class PodThroughput:
    """Output tokens per second of one pod in one bucket."""

    t: int
    pod: str
    tokens_per_s: float


@dataclass(frozen=True, slots=True)
class Throughput:
    """Output tokens per second, per pod and summed over the pods."""

    per_pod: list[PodThroughput]
    total: list[tuple[int, float]]


@dataclass(frozen=True, slots=True)
class LatencyBreakdown:
    """Mean queue wait → prefill → decode (and end-to-end) of the successful requests."""

    t: int
    requests: int
    queue_ms: float | None
    prefill_ms: float | None
    decode_ms: float | None
    total_ms: float | None


@dataclass(frozen=True, slots=True)
class PrefixCachePoint:
    """Prefix-cache effectiveness in one bucket.

    `epp_hit_rate`: share of requests the EPP routed to a pod holding a matching prefix;
    `cached_token_ratio`: share of prompt tokens the servers served from their prefix cache.
    """

    t: int
    requests: int
    epp_hit_rate: float | None
    cached_token_ratio: float | None


@dataclass(frozen=True, slots=True)
class RequestPoint:
    """Requests and errors (4xx, 5xx) in one bucket."""

    t: int
    requests: int
    client_errors: int
    server_errors: int


@dataclass(frozen=True, slots=True)
class ModelStats:
    """One model over the whole range (or every model together: `model` is '')."""

    model: str
    requests: int
    errors: int
    ttft_p50: float | None
    ttft_p95: float | None
    ttft_avg: float | None
    tokens_per_s: float
    avg_decode_tokens_per_s: float | None
    total_ms_avg: float | None
    prefix_hit_rate: float | None


@dataclass(frozen=True, slots=True)
class DecisionCount:
    """Decisions for one (pod, reason) pair."""

    pod: str
    reason: str
    decisions: int


@dataclass(frozen=True, slots=True)
class DecisionCounts:
    """EPP decisions over the range: by (pod, reason), by pod, by reason, in total."""

    by_pod_reason: list[DecisionCount]
    by_pod: dict[str, int]
    by_reason: dict[str, int]
    total: int
    avg_latency_us: float | None


@dataclass(frozen=True, slots=True)
class HistogramBucket:
    """Requests whose value fell in `[lower, upper)`; `upper` None is open-ended."""

    lower: float
    upper: float | None
    count: int
