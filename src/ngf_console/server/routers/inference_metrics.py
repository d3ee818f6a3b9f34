"""Inference metrics (spec §3.10.8, §5.1): ClickHouse for request history, Prometheus for now.

```
GET /api/v1/inference/metrics/summary                      every pool (list)
GET /api/v1/inference/metrics/pool/{namespace}/{name}      one pool's dashboard (get)
GET /api/v1/inference/metrics/pool/{namespace}/{name}/pods each pod now, GPU state (get)
GET /api/v1/inference/metrics/gpu                          GPU heatmap data (list)
GET /api/v1/inference/metrics/ttft/{namespace}/{name}      TTFT series + histogram (get)
GET /api/v1/inference/metrics/epp/{namespace}/{name}       EPP decisions, paginated (get)
GET /api/v1/inference/metrics/epp/{namespace}/{name}/decisions/{requestId}
                                                           one decision in full (get)
GET /api/v1/inference/metrics/cost                         cost of every pool (list)
GET /api/v1/inference/metrics/cost/{namespace}/{name}      cost of one pool (get)
```

Authorization: the verb in brackets on `inferencestacks` — in the namespace (or cluster-wide
without one) for the aggregate endpoints, on the stack for the per-pool ones. Every endpoint
takes the time range of `inference_params`. Figures from ClickHouse need the analytics store
(503 while it cannot be opened); figures from Prometheus are absent (`available: false`, or
`live: null`) when no Prometheus is configured.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from ngf_console.analytics import (
    Filters,
    TimeRange,
    decision_counts,
    latency_breakdown,
    model_comparison,
    prefix_cache,
    request_counts,
    summary,
    throughput,
    ttft_percentiles,
)
from ngf_console.analytics.queries.decisions import decision_by_id, recent_decisions
from ngf_console.analytics.queries.inference import ttft_histogram
from ngf_console.analytics.queries.models import DecisionCounts, ModelStats
from ngf_console.analytics.schema.decisions import EPP_DECISIONS
from ngf_console.server import catalog
from ngf_console.server.deps import ContextDep, GuardDep
from ngf_console.server.errors import (
    ERROR_RESPONSES,
    Cause,
    InvalidError,
    ResourceNotFoundError,
    UnavailableError,
)
from ngf_console.server.inference_decisions import decision_of
from ngf_console.server.inference_services import InferenceServices, get_services
from ngf_console.server.routers import inference_cost
from ngf_console.server.routers.inference_models import (
    CostEstimate,
    DecisionList,
    DecisionTotals,
    EppDecision,
    GpuHeatmap,
    HistogramBucket,
    InferenceSummary,
    LatencyPoint,
    ModelFigures,
    PodRate,
    PoolMetrics,
    PoolPods,
    PrefixPoint,
    RatePoint,
    RequestPoint,
    TtftPoint,
    TtftReport,
)
from ngf_console.server.routers.inference_params import (
    EARLIEST,
    LATEST,
    InferenceNamespaceQuery,
    NamePath,
    NamespacePath,
    decode_cursor,
    encode_cursor,
    pool_of,
    time_range,
    window_of,
)

router = APIRouter(prefix="/inference/metrics", tags=["inference"], responses=ERROR_RESPONSES)
STACKS = catalog.parent("InferenceStack")
RangeDep = Annotated[TimeRange, Depends(time_range)]
ServicesDep = Annotated[InferenceServices, Depends(get_services)]


def figures(stats: ModelStats) -> ModelFigures:
    return ModelFigures(
        model=stats.model, requests=stats.requests, errors=stats.errors,
        ttft_p50_ms=stats.ttft_p50, ttft_p95_ms=stats.ttft_p95, ttft_avg_ms=stats.ttft_avg,
        tokens_per_second=stats.tokens_per_s,
        avg_decode_tokens_per_second=stats.avg_decode_tokens_per_s,
        total_ms_avg=stats.total_ms_avg, prefix_hit_rate=stats.prefix_hit_rate,
    )  # fmt: skip


def totals(counts: DecisionCounts) -> DecisionTotals:
    return DecisionTotals(total=counts.total, by_pod=counts.by_pod, by_reason=counts.by_reason,
                          avg_latency_us=counts.avg_latency_us)  # fmt: skip


async def _pool(context: ContextDep, guard: GuardDep, namespace: str, name: str) -> str:
    await guard.require("get", STACKS, namespace, name)
    return pool_of(context, STACKS, namespace, name)


@router.get("/summary", response_model=InferenceSummary, operation_id="getInferenceSummary")
async def get_summary(
    guard: GuardDep, services: ServicesDep, rng: RangeDep,
    namespace: InferenceNamespaceQuery = None,
) -> InferenceSummary:  # fmt: skip
    """Every pool together and each model over the range, with EPP decision totals."""
    await guard.require("list", STACKS, namespace)
    filters = Filters(namespace=namespace)
    run = services.analytics.run
    overall = await run(summary, rng, filters)
    models = await run(model_comparison, rng, filters)
    counts = await run(decision_counts, rng, filters)
    return InferenceSummary(
        window=window_of(rng), namespace=namespace, overall=figures(overall),
        models=[figures(m) for m in models], decisions=totals(counts),
    )  # fmt: skip


@router.get(
    "/pool/{namespace}/{name}", response_model=PoolMetrics, operation_id="getInferencePoolMetrics"
)
async def get_pool(
    *, context: ContextDep, guard: GuardDep, services: ServicesDep, rng: RangeDep,
    namespace: NamespacePath, name: NamePath,
) -> PoolMetrics:  # fmt: skip
    """One pool's dashboard: TTFT, tokens/s, latency breakdown, prefix cache, requests,
    decisions (ClickHouse) and queue/KV-cache now and over the range (Prometheus)."""
    pool = await _pool(context, guard, namespace, name)
    filters = Filters(namespace=namespace, pool=pool)
    run = services.analytics.run
    overall = await run(summary, rng, filters)
    ttft = await run(ttft_percentiles, rng, filters)
    tps = await run(throughput, rng, filters)
    latency = await run(latency_breakdown, rng, filters)
    prefix = await run(prefix_cache, rng, filters)
    requests = await run(request_counts, rng, filters)
    counts = await run(decision_counts, rng, filters)
    live = None
    if services.prom is not None:
        try:
            live = await services.prom.pool_live(
                {"namespace": namespace, "pool": pool}, rng.start, rng.end, rng.step
            )
        except UnavailableError:
            live = None
    return PoolMetrics(
        namespace=namespace, name=name, pool=pool, window=window_of(rng), overall=figures(overall),
        ttft=[TtftPoint(t=p.t, requests=p.requests, p50=p.p50, p90=p.p90, p95=p.p95, p99=p.p99,
                        avg=p.avg, max=p.max) for p in ttft],
        tokens_per_second_by_pod=[PodRate(t=p.t, pod=p.pod, tokens_per_second=p.tokens_per_s)
                                  for p in tps.per_pod],
        tokens_per_second_total=[RatePoint(t=t, value=v) for t, v in tps.total],
        latency=[LatencyPoint(t=p.t, requests=p.requests, queue_ms=p.queue_ms,
                              prefill_ms=p.prefill_ms, decode_ms=p.decode_ms, total_ms=p.total_ms)
                 for p in latency],
        prefix_cache=[PrefixPoint(t=p.t, requests=p.requests, epp_hit_rate=p.epp_hit_rate,
                                  cached_token_ratio=p.cached_token_ratio) for p in prefix],
        requests=[RequestPoint(t=p.t, requests=p.requests, client_errors=p.client_errors,
                               server_errors=p.server_errors) for p in requests],
        decisions=totals(counts), live=live,
    )  # fmt: skip


@router.get(
    "/pool/{namespace}/{name}/pods", response_model=PoolPods, operation_id="getInferencePoolPods"
)
async def get_pods(
    *, context: ContextDep, guard: GuardDep, services: ServicesDep, rng: RangeDep,
    namespace: NamespacePath, name: NamePath,
) -> PoolPods:  # fmt: skip
    """Each pod of the pool now: queue, in-flight, KV-cache and its GPU (DCGM)."""
    del rng  # accepted for uniformity; the state is the latest sample
    pool = await _pool(context, guard, namespace, name)
    if services.prom is None:
        return PoolPods(namespace=namespace, name=name, pool=pool, available=False, pods=[])
    pods = await services.prom.pod_states({"namespace": namespace, "pool": pool})
    return PoolPods(namespace=namespace, name=name, pool=pool, available=True, pods=pods)


@router.get("/gpu", response_model=GpuHeatmap, operation_id="getInferenceGpuHeatmap")
async def get_gpu(
    guard: GuardDep, services: ServicesDep, rng: RangeDep,
    namespace: InferenceNamespaceQuery = None,
) -> GpuHeatmap:  # fmt: skip
    """GPU utilisation and memory per pod over the range (heatmap rows)."""
    await guard.require("list", STACKS, namespace)
    if services.prom is None:
        return GpuHeatmap(window=window_of(rng), available=False, utilization=[], memory_used=[])
    util, memory = await services.prom.gpu_range(namespace, rng.start, rng.end, rng.step)
    return GpuHeatmap(window=window_of(rng), available=True, utilization=util, memory_used=memory)


@router.get("/ttft/{namespace}/{name}", response_model=TtftReport, operation_id="getInferenceTtft")
async def get_ttft(
    *, context: ContextDep, guard: GuardDep, services: ServicesDep, rng: RangeDep,
    namespace: NamespacePath, name: NamePath,
) -> TtftReport:  # fmt: skip
    """TTFT percentiles per bucket and the distribution over the range."""
    pool = await _pool(context, guard, namespace, name)
    filters = Filters(namespace=namespace, pool=pool)
    series = await services.analytics.run(ttft_percentiles, rng, filters)
    buckets = await services.analytics.run(ttft_histogram, rng, filters)
    return TtftReport(
        namespace=namespace, name=name, pool=pool, window=window_of(rng),
        series=[TtftPoint(t=p.t, requests=p.requests, p50=p.p50, p90=p.p90, p95=p.p95,
                          p99=p.p99, avg=p.avg, max=p.max) for p in series],
        histogram=[HistogramBucket(lower_ms=b.lower, upper_ms=b.upper, count=b.count)
                   for b in buckets],
    )  # fmt: skip


@router.get("/epp/{namespace}/{name}", response_model=DecisionList, operation_id="listEppDecisions")
async def get_decisions(
    *, context: ContextDep, guard: GuardDep, services: ServicesDep, rng: RangeDep,
    namespace: NamespacePath, name: NamePath,
    limit: Annotated[int, Query(ge=1, le=1000, description="Page size.")] = 100,
    cursor: Annotated[str | None, Query(max_length=512,
                                        description="`nextCursor` of the previous page.")] = None,
) -> DecisionList:  # fmt: skip
    """EPP decisions newest first, each with every scorer's score and the winner."""
    pool = await _pool(context, guard, namespace, name)
    before = decode_cursor(cursor)
    filters = Filters(namespace=namespace, pool=pool)
    page = await services.analytics.run(recent_decisions, rng, filters, limit=limit, before=before)
    counts = await services.analytics.run(decision_counts, rng, filters)
    return DecisionList(
        namespace=namespace, name=name, pool=pool, window=window_of(rng), totals=totals(counts),
        items=[decision_of(row) for row in page.rows], next_cursor=encode_cursor(page.next_cursor),
    )  # fmt: skip


RequestIdPath = Annotated[
    str,
    Path(alias="requestId", min_length=1, max_length=256,
         description="The request id of the decision."),
]  # fmt: skip
AtQuery = Annotated[
    dt.datetime | None,
    Query(description="The decision's time, when known (RFC 3339 or Unix seconds; UTC without "
          "a zone): the lookup then reads that second only instead of the whole retention."),
]  # fmt: skip


def _instant(at: dt.datetime) -> dt.datetime:
    """`at` in UTC (naive: UTC); 422 on `query.at` outside 1970-2200."""
    aware = at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)
    if not EARLIEST <= aware <= LATEST:
        message = "must be between 1970-01-01 and 2200-01-01"
        raise InvalidError(f"at: {message}", causes=[Cause(field="query.at", message=message)])
    return aware.astimezone(dt.UTC)


@router.get(
    "/epp/{namespace}/{name}/decisions/{requestId}",
    response_model=EppDecision,
    operation_id="getEppDecision",
)
async def get_decision(
    *, context: ContextDep, guard: GuardDep, services: ServicesDep, namespace: NamespacePath,
    name: NamePath, request_id: RequestIdPath,
    at: AtQuery = None,
) -> EppDecision:  # fmt: skip
    """One EPP decision in full: every candidate with each scorer's raw and weighted score,
    the inputs behind them, and the profile's weights (what the live feed leaves out)."""
    pool = await _pool(context, guard, namespace, name)
    when = None if at is None else _instant(at)
    row = await services.analytics.run(decision_by_id, namespace, pool, request_id, when)
    if row is None:
        near = f" near {when.isoformat()}" if when is not None else ""
        raise ResourceNotFoundError(
            f"no EPP decision for request {request_id!r} in pool {namespace}/{pool}{near}: it "
            f"may not be stored yet (try again in a few seconds), be older than the "
            f"{EPP_DECISIONS.ttl_days}-day retention, or belong to another pool"
        )
    return decision_of(row)


@router.get("/cost", response_model=CostEstimate, operation_id="getInferenceCost")
async def get_cost(
    context: ContextDep, guard: GuardDep, services: ServicesDep, rng: RangeDep,
    namespace: InferenceNamespaceQuery = None,
) -> CostEstimate:  # fmt: skip
    """Estimated GPU cost of every pool: replicas x GPUs x the configured hourly price."""
    await guard.require("list", STACKS, namespace)
    stacks = context.cache.view(STACKS).all(namespace)
    return inference_cost.estimate(stacks, services.prices, rng, window_of(rng))


@router.get(
    "/cost/{namespace}/{name}", response_model=CostEstimate, operation_id="getInferencePoolCost"
)
async def get_pool_cost(
    *, context: ContextDep, guard: GuardDep, services: ServicesDep, rng: RangeDep,
    namespace: NamespacePath, name: NamePath,
) -> CostEstimate:  # fmt: skip
    """Estimated GPU cost of one pool (empty when the stack does not exist)."""
    await guard.require("get", STACKS, namespace, name)
    stack = context.cache.view(STACKS).get(namespace, name)
    stacks = [stack] if stack is not None else []
    return inference_cost.estimate(stacks, services.prices, rng, window_of(rng))
