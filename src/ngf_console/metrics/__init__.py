"""Prometheus for the console: an HTTP API client and the metric-name compatibility layer.

    async with PrometheusClient(url) as prom:
        compat = MetricsCompat(prom)
        queue = await compat.instant(QUEUE_DEPTH, Options(filters={"namespace": "demo"}))
        ttft = await compat.range(TTFT, start, end, 15, Options(by=("pod",), quantile=0.99))

Module map: `client` (PrometheusClient), `models` (Sample, Series), `errors`, `promql`
(escaped selectors and builders), `signals` (the catalogue of names per engine), `compat`
(resolution by series probe and PromQL per signal). Prometheus stays the source of truth:
nothing here stores metrics. See `docs/analytics.md`.
"""

from ngf_console.metrics.client import PrometheusClient
from ngf_console.metrics.compat import (
    MetricsCompat,
    Options,
    Resolved,
    build,
    resolve_from_series,
)
from ngf_console.metrics.errors import (
    PrometheusError,
    PrometheusQueryError,
    PrometheusResponseError,
    PrometheusUnavailableError,
)
from ngf_console.metrics.models import Sample, Series
from ngf_console.metrics.signals import (
    GENERATION_TOKENS,
    GPU_MEMORY_FREE,
    GPU_MEMORY_USED,
    GPU_POWER,
    GPU_TEMPERATURE,
    GPU_UTILIZATION,
    KV_CACHE_USAGE,
    PREFIX_CACHE_HITS,
    PREFIX_CACHE_QUERIES,
    PROMPT_TOKENS,
    QUEUE_DEPTH,
    RUNNING,
    SIGNALS,
    TTFT,
    Signal,
    Variant,
)

__all__ = [
    "GENERATION_TOKENS",
    "GPU_MEMORY_FREE",
    "GPU_MEMORY_USED",
    "GPU_POWER",
    "GPU_TEMPERATURE",
    "GPU_UTILIZATION",
    "KV_CACHE_USAGE",
    "PREFIX_CACHE_HITS",
    "PREFIX_CACHE_QUERIES",
    "PROMPT_TOKENS",
    "QUEUE_DEPTH",
    "RUNNING",
    "SIGNALS",
    "TTFT",
    "MetricsCompat",
    "Options",
    "PrometheusClient",
    "PrometheusError",
    "PrometheusQueryError",
    "PrometheusResponseError",
    "PrometheusUnavailableError",
    "Resolved",
    "Sample",
    "Series",
    "Signal",
    "Variant",
    "build",
    "resolve_from_series",
]
