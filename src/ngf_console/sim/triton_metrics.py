"""Triton + TensorRT-LLM's Prometheus metrics for a simulated engine.

Shapes from the tensorrtllm_backend README ("Triton Metrics") and the EPP's built-in mapping
(research notes §1.6): gauges `nv_trt_llm_request_metrics{request_type=waiting|context|
scheduled|max|active}`, `nv_trt_llm_kv_cache_block_metrics{kv_cache_block_type=fraction|
tokens_per|used|free|max}`, `nv_trt_llm_inflight_batcher_metrics`,
`nv_trt_llm_general_metrics`, `nv_inference_pending_request_count`, and Triton's cumulative
counters `nv_inference_*` (no `_total` suffix, microsecond durations), all labelled `model`
and `version`. With `histograms=True` (Triton's `--metrics-config histogram_latencies=true`)
it adds `nv_inference_first_response_histogram_ms`; that bucket layout is ours.
`model` is the served model name here (Triton's own ensemble step would say `tensorrt_llm`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Histogram
from prometheus_client.metrics_core import GaugeMetricFamily, Metric

from ngf_console.sim.engine import Engine, SimRequest

FIRST_RESPONSE_BUCKETS_MS = (
    10.0,
    25.0,
    50.0,
    100.0,
    250.0,
    500.0,
    1000.0,
    2500.0,
    5000.0,
    10000.0,
    30000.0,
)

_COUNTERS = {
    "nv_inference_request_success": "Number of successful inference requests, all batch sizes",
    "nv_inference_request_failure": "Number of failed inference requests, all batch sizes",
    "nv_inference_count": "Number of inferences performed (does not include cached requests)",
    "nv_inference_exec_count": "Number of model executions performed "
    "(does not include cached requests)",
    "nv_inference_request_duration_us": "Cumulative inference request duration in "
    "microseconds (includes cached requests)",
    "nv_inference_queue_duration_us": "Cumulative inference queuing duration in "
    "microseconds (includes cached requests)",
    "nv_inference_compute_infer_duration_us": "Cumulative compute inference duration in "
    "microseconds (does not include cached requests)",
}


class TritonMetrics:
    """An `EngineObserver` keeping Triton TRT-LLM metrics in its own registry."""

    def __init__(self, model_name: str, *, histograms: bool = True) -> None:
        self.registry = CollectorRegistry()
        self.labels = {"model": model_name, "version": "1"}
        self.counters = dict.fromkeys(_COUNTERS, 0.0)
        self.context_tokens = 0
        self._engine: Engine | None = None
        self._first_response: Histogram | None = None
        if histograms:
            self._first_response = Histogram(
                "nv_inference_first_response_histogram_ms",
                "Duration from request to first response in milliseconds",
                ["model", "version"],
                registry=self.registry,
                buckets=FIRST_RESPONSE_BUCKETS_MS,
            )
        self.registry.register(_TritonCollector(self))

    def attach(self, engine: Engine) -> None:
        """Read the gauges from `engine` (constructed with this object as its observer)."""
        self._engine = engine

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise RuntimeError("TritonMetrics.attach(engine) was not called")
        return self._engine

    def request_scheduled(self, request: SimRequest) -> None:
        assert request.scheduled_at is not None
        self.counters["nv_inference_queue_duration_us"] += (
            request.scheduled_at - request.arrival
        ) * 1e6

    def iteration(self, tokens: int) -> None:
        self.counters["nv_inference_exec_count"] += 1
        self.context_tokens = tokens

    def request_finished(self, request: SimRequest) -> None:
        assert request.finished_at is not None
        assert request.scheduled_at is not None
        assert request.first_token_at is not None
        c = self.counters
        c["nv_inference_request_success"] += 1
        c["nv_inference_count"] += 1
        c["nv_inference_request_duration_us"] += (request.finished_at - request.arrival) * 1e6
        c["nv_inference_compute_infer_duration_us"] += (
            request.finished_at - request.scheduled_at
        ) * 1e6
        if self._first_response is not None:
            ttft_ms = (request.first_token_at - request.arrival) * 1000
            self._first_response.labels(**self.labels).observe(ttft_ms)


def _gauge(name: str, doc: str, key: str, rows: dict[str, float], labels: dict[str, str]) -> Metric:
    family = GaugeMetricFamily(name, doc, labels=[key, *labels])
    for value_of_key, value in rows.items():
        family.add_metric([value_of_key, *labels.values()], value)
    return family


class _TritonCollector:
    def __init__(self, metrics: TritonMetrics) -> None:
        self._m = metrics

    def describe(self) -> list[Metric]:
        return []

    def collect(self) -> Iterator[Metric]:
        m = self._m
        engine, labels = m.engine, m.labels
        cfg = engine.config
        running, waiting = engine.num_running, engine.num_waiting
        yield _gauge(
            "nv_trt_llm_request_metrics",
            "TRT LLM request metrics",
            "request_type",
            {
                "waiting": waiting,
                "context": engine.num_prefilling,
                "scheduled": running,
                "max": cfg.max_num_seqs,
                "active": running + waiting,
            },
            labels,
        )
        used = engine.used_blocks
        yield _gauge(
            "nv_trt_llm_kv_cache_block_metrics",
            "TRT LLM KV cache block metrics",
            "kv_cache_block_type",
            {
                "fraction": engine.kv_cache_usage,
                "tokens_per": cfg.block_size,
                "used": used,
                "free": cfg.num_gpu_blocks - used,
                "max": cfg.num_gpu_blocks,
            },
            labels,
        )
        yield _gauge(
            "nv_trt_llm_inflight_batcher_metrics",
            "TRT LLM inflight_batcher-specific metrics",
            "inflight_batcher_specific_metric",
            {
                "micro_batch_id": 0,
                "generation_requests": running - engine.num_prefilling,
                "total_context_tokens": m.context_tokens,
            },
            labels,
        )
        yield _gauge(
            "nv_trt_llm_general_metrics",
            "General TRT LLM metrics",
            "general_type",
            {
                "iteration_counter": engine.iterations,
                "timestamp": int(time.time()),
            },
            labels,
        )
        pending = GaugeMetricFamily(
            "nv_inference_pending_request_count",
            "Instantaneous number of pending requests awaiting execution per-model.",
            labels=list(labels),
        )
        pending.add_metric(list(labels.values()), waiting)
        yield pending
        for name, doc in _COUNTERS.items():
            counter = Metric(name, doc, "counter")
            counter.add_sample(name, labels, m.counters[name])
            yield counter
