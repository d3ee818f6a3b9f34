"""The inference figures the API reads from Prometheus, through `metrics.MetricsCompat`.

Model-server signals (queue depth, running, KV-cache use) and DCGM GPU signals are read by
logical name, so vLLM (old and new names), Triton TRT-LLM, SGLang and dcgm-exporter's label
variants all answer. A pool's series are selected by the `namespace` and `pool` target labels
(the scrape configuration attaches the pool's name, as the demo's discovery files do).
Prometheus failures surface as `UnavailableError` (503) for the Prometheus-only endpoints;
the pool endpoint, which is mostly ClickHouse, leaves its `live` part out instead.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import math
from collections.abc import Mapping, Sequence

from ngf_console.metrics import (
    GPU_MEMORY_FREE,
    GPU_MEMORY_USED,
    GPU_POWER,
    GPU_TEMPERATURE,
    GPU_UTILIZATION,
    KV_CACHE_USAGE,
    QUEUE_DEPTH,
    RUNNING,
    MetricsCompat,
    Options,
    PrometheusClient,
    PrometheusError,
    Sample,
    Series,
    Signal,
)
from ngf_console.server.errors import UnavailableError
from ngf_console.server.routers.inference_models import (
    PodState,
    PoolLive,
    RatePoint,
    SeriesByPod,
)

POD_SIGNALS: dict[str, Signal] = {
    "queue_depth": QUEUE_DEPTH, "running": RUNNING, "kv_cache_usage": KV_CACHE_USAGE,
    "gpu_utilization_pct": GPU_UTILIZATION, "gpu_memory_used_mib": GPU_MEMORY_USED,
    "gpu_memory_free_mib": GPU_MEMORY_FREE, "gpu_temperature_c": GPU_TEMPERATURE,
    "gpu_power_w": GPU_POWER,
}  # fmt: skip


class PromReader:
    """Reads inference signals from one Prometheus."""

    def __init__(self, url: str) -> None:
        self.client = PrometheusClient(url)
        self.compat = MetricsCompat(self.client, ttl=60.0)

    async def close(self) -> None:
        await self.client.aclose()

    async def pod_states(self, filters: Mapping[str, str]) -> list[PodState]:
        """Every signal of every pod matching `filters` now, one entry per pod."""
        options = Options(by=("namespace", "pod"), filters=dict(filters))
        try:
            results = await asyncio.gather(
                *(self.compat.instant(signal, options) for signal in POD_SIGNALS.values())
            )
        except PrometheusError as e:
            raise UnavailableError(f"Prometheus: {e}") from e
        pods: dict[str, dict[str, float]] = {}
        for field, samples in zip(POD_SIGNALS, results, strict=True):
            for sample in samples:
                pod = _pod_key(sample.labels, filters)
                pods.setdefault(pod, {})[field] = sample.value
        return [PodState(pod=pod, **{f: v.get(f) for f in POD_SIGNALS})
                for pod, v in sorted(pods.items())]  # fmt: skip

    async def pool_live(
        self, filters: Mapping[str, str], start: dt.datetime, end: dt.datetime, step: int
    ) -> PoolLive:
        """The pool's queue and KV-cache now, and per pod over the range."""
        by_pod = Options(by=("namespace", "pod"), filters=dict(filters))
        try:
            queue, running, queue_series, kv_series = await asyncio.gather(
                self.compat.instant(QUEUE_DEPTH, by_pod),
                self.compat.instant(RUNNING, by_pod),
                self.compat.range(QUEUE_DEPTH, start, end, step, by_pod),
                self.compat.range(KV_CACHE_USAGE, start, end, step, by_pod),
            )
            kv = await self.compat.instant(KV_CACHE_USAGE, by_pod)
        except PrometheusError as e:
            raise UnavailableError(f"Prometheus: {e}") from e
        return PoolLive(
            queue_depth=_sum(queue),
            running=_sum(running),
            kv_cache_usage=sum(s.value for s in kv) / len(kv) if kv else None,
            queue_depth_series=_by_pod(queue_series, filters),
            kv_cache_series=_by_pod(kv_series, filters),
        )

    async def gpu_range(
        self, namespace: str | None, start: dt.datetime, end: dt.datetime, step: int
    ) -> tuple[list[SeriesByPod], list[SeriesByPod]]:
        """GPU utilisation and framebuffer use per pod (`namespace/pod`) over the range."""
        filters = {"namespace": namespace} if namespace else {}
        options = Options(by=("namespace", "pod"), filters=filters)
        try:
            util, memory = await asyncio.gather(
                self.compat.range(GPU_UTILIZATION, start, end, step, options),
                self.compat.range(GPU_MEMORY_USED, start, end, step, options),
            )
        except PrometheusError as e:
            raise UnavailableError(f"Prometheus: {e}") from e
        return _by_pod(util, {}), _by_pod(memory, {})


def _pod_key(labels: Mapping[str, str], filters: Mapping[str, str]) -> str:
    pod = labels.get("pod", "")
    return pod if "namespace" in filters else f"{labels.get('namespace', '')}/{pod}"


def _sum(samples: Sequence[Sample]) -> float | None:
    return sum(s.value for s in samples) if samples else None


def _by_pod(series: Sequence[Series], filters: Mapping[str, str]) -> list[SeriesByPod]:
    out = [
        SeriesByPod(pod=_pod_key(s.labels, filters),
                    points=[RatePoint(t=int(t), value=None if math.isnan(v) else v)
                            for t, v in s.points])
        for s in series
    ]  # fmt: skip
    return sorted(out, key=lambda s: s.pod)
