"""Which names a Prometheus actually has, and the PromQL that reads a signal from them.

`MetricsCompat.resolve(signal)` asks `/api/v1/series` once for every variant of the signal
(histograms by their `_count` series) over the last `lookback` seconds and keeps the
variants that exist — several may (a vLLM pool next to a Triton pool); the answer is cached
for `ttl` seconds, an empty one only for `empty_ttl` (a Prometheus that has not scraped a new
pool yet must not hide it for a whole `ttl`). `build()` turns the resolution into one PromQL
expression, pure and unit-tested:

* gauge — `max by (…) (metric{…} * scale)` per variant;
* counter — `sum by (…) (rate(metric{…}[window])) * scale`;
* histogram — `histogram_quantile(q, sum by (le, …) (rate(metric_bucket{…}[window]))) * scale`;

variants joined with `or` (each is aggregated by the same labels first, so the label sets
line up). Model-server series are expected to carry the scrape's `namespace` and `pod`
target labels (Kubernetes service discovery relabelling). DCGM series name the workload pod
with `exported_pod`, `pod` or `pod_name` (and its namespace likewise): the first present is
used for filters and grouping and copied to `pod`/`namespace`, so callers always read those.
Filters: `namespace`, `pod`, and `model` (the engine's model label; ignored for GPU series).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ngf_console.metrics import promql as q
from ngf_console.metrics.client import Instant, PrometheusClient
from ngf_console.metrics.models import Sample, Series
from ngf_console.metrics.signals import (
    DCGM_NAMESPACE_LABELS,
    DCGM_POD_LABELS,
    Signal,
    Variant,
)

_MODEL_LABEL = {"triton-trtllm": "model"}  # the others label the model `model_name`


@dataclass(frozen=True, slots=True)
class Resolved:
    """The variants of `signal` this Prometheus has, and the labels naming pod/namespace."""

    signal: Signal
    variants: tuple[Variant, ...]
    pod_label: str = "pod"
    namespace_label: str = "namespace"


def probe_selector(variant: Variant, kind: str) -> str:
    """The selector `/api/v1/series` is asked with for `variant`."""
    name = f"{variant.metric}_count" if kind == "histogram" else variant.metric
    return q.selector(name, variant.match)


def resolve_from_series(signal: Signal, label_sets: Sequence[Mapping[str, str]]) -> Resolved:
    """The resolution from the label sets `/api/v1/series` returned for the probe."""
    suffix = "_count" if signal.kind == "histogram" else ""
    present = tuple(
        v for v in signal.variants
        if any(ls.get("__name__") == v.metric + suffix and all(ls.get(k) == x for k, x in v.match)
               for ls in label_sets)
    )  # fmt: skip
    if not signal.gpu:
        return Resolved(signal, present)
    keys = {k for ls in label_sets for k in ls}
    pod = next((label for label in DCGM_POD_LABELS if label in keys), "pod")
    namespace = next((label for label in DCGM_NAMESPACE_LABELS if label in keys), "namespace")
    return Resolved(signal, present, pod, namespace)


def build(
    resolved: Resolved,
    *,
    by: Sequence[str] = ("namespace", "pod"),
    filters: Mapping[str, str] | None = None,
    window: str = "1m",
    quantile: float = 0.95,
) -> str | None:
    """One PromQL expression for the resolved variants; None when there are none."""
    if not 0 <= quantile <= 1:
        raise ValueError("quantile must be in [0, 1]")
    parts = [_variant_expr(resolved, v, by, filters or {}, q.duration(window), quantile=quantile)
             for v in resolved.variants]  # fmt: skip
    return " or ".join(f"({p})" for p in parts) if parts else None


def _actual(resolved: Resolved, variant: Variant, logical: str) -> str | None:
    if logical == "pod":
        return resolved.pod_label
    if logical == "namespace":
        return resolved.namespace_label
    if logical == "model":
        return None if resolved.signal.gpu else _MODEL_LABEL.get(variant.engine, "model_name")
    return q.label_name(logical)


def _variant_expr(
    resolved: Resolved, v: Variant, by: Sequence[str], filters: Mapping[str, str], window: str,
    *, quantile: float,
) -> str:  # fmt: skip
    matchers = list(v.match)
    for logical, value in filters.items():
        label = _actual(resolved, v, logical)
        if label is not None:
            matchers.append((label, value))
    group = [label for label in (_actual(resolved, v, b) for b in by) if label is not None]
    kind = resolved.signal.kind
    if kind == "gauge":
        expr = f"max{q.by(group)} ({q.scaled(q.selector(v.metric, matchers), v.scale)})"
    elif kind == "counter":
        expr = q.scaled(
            f"sum{q.by(group)} (rate({q.selector(v.metric, matchers)}[{window}]))", v.scale
        )
    else:
        series = q.selector(f"{v.metric}_bucket", matchers)
        buckets = f"sum{q.by(['le', *group])} (rate({series}[{window}]))"
        expr = q.scaled(f"histogram_quantile({quantile!r}, {buckets})", v.scale)
    for logical in by:
        actual = _actual(resolved, v, logical)
        if actual is not None:
            expr = q.rename_label(expr, logical, actual)
    return expr


@dataclass(frozen=True, slots=True)
class Options:
    """How a signal is read: grouping labels, equality filters, rate window, quantile."""

    by: tuple[str, ...] = ("namespace", "pod")
    filters: Mapping[str, str] = field(default_factory=dict)
    window: str = "1m"
    quantile: float = 0.95


class MetricsCompat:
    """Resolves signals against one Prometheus and queries them (see the module docstring)."""

    def __init__(
        self,
        client: PrometheusClient,
        *,
        ttl: float = 300.0,
        empty_ttl: float = 5.0,
        lookback: float = 3600.0,
        now: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._ttl, self._empty_ttl, self._lookback = ttl, min(ttl, empty_ttl), lookback
        self._now, self._monotonic = now, monotonic
        self._cache: dict[str, tuple[float, Resolved]] = {}  # name -> (expires at, answer)

    async def resolve(self, signal: Signal) -> Resolved:
        """The variants of `signal` present now (cached; see the module docstring)."""
        cached = self._cache.get(signal.name)
        if cached is not None and self._monotonic() < cached[0]:
            return cached[1]
        selectors = [probe_selector(v, signal.kind) for v in signal.variants]
        now = self._now()
        label_sets = await self._client.series(selectors, start=now - self._lookback, end=now)
        resolved = resolve_from_series(signal, label_sets)
        ttl = self._ttl if resolved.variants else self._empty_ttl
        self._cache[signal.name] = (self._monotonic() + ttl, resolved)
        return resolved

    async def expr(self, signal: Signal, options: Options | None = None) -> str | None:
        """The PromQL for `signal`, None when Prometheus has no variant of it."""
        o = options or Options()
        resolved = await self.resolve(signal)
        return build(resolved, by=o.by, filters=o.filters, window=o.window, quantile=o.quantile)

    async def instant(
        self, signal: Signal, options: Options | None = None, at: Instant | None = None
    ) -> list[Sample]:
        """`signal` now (or at `at`); [] when no engine exports it."""
        expr = await self.expr(signal, options)
        return [] if expr is None else await self._client.query(expr, at)

    async def range(
        self, signal: Signal, start: Instant, end: Instant, step: float,
        options: Options | None = None,
    ) -> list[Series]:  # fmt: skip
        """`signal` from `start` to `end` every `step` seconds; [] when no engine exports it."""
        expr = await self.expr(signal, options)
        return [] if expr is None else await self._client.query_range(expr, start, end, step)
