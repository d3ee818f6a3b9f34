"""vLLM's Prometheus metrics for a simulated engine (names and labels of vLLM V1).

Names from `vllm/v1/metrics/loggers.py` (research notes §1.6), labels `model_name` and
`engine`. Gauges (`vllm:num_requests_running`, `vllm:num_requests_waiting`,
`vllm:kv_cache_usage_perc`, info gauges `vllm:cache_config_info`, `vllm:lora_requests_info`)
are read from the engine at scrape time; counters and histograms are fed by the engine's
events. `legacy_names=True` serves the pre-0.10 names instead — `vllm:gpu_cache_usage_perc`
and `vllm:gpu_prefix_cache_{queries,hits}` — for EPPs older than GIE v1.2.
Bucket layouts are vLLM's.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.metrics_core import GaugeMetricFamily, Metric

from ngf_console.sim.engine import Engine, SimRequest

TTFT_BUCKETS = (
    0.001,
    0.005,
    0.01,
    0.02,
    0.04,
    0.06,
    0.08,
    0.1,
    0.25,
    0.5,
    0.75,
    1.0,
    2.5,
    5.0,
    7.5,
    10.0,
    20.0,
    40.0,
    80.0,
    160.0,
    640.0,
    2560.0,
)
TOKEN_LATENCY_BUCKETS = (
    0.01,
    0.025,
    0.05,
    0.075,
    0.1,
    0.15,
    0.2,
    0.3,
    0.4,
    0.5,
    0.75,
    1.0,
    2.5,
    5.0,
    7.5,
    10.0,
    20.0,
    40.0,
    80.0,
)
REQUEST_LATENCY_BUCKETS = (
    0.3,
    0.5,
    0.8,
    1.0,
    1.5,
    2.0,
    2.5,
    5.0,
    10.0,
    15.0,
    20.0,
    30.0,
    40.0,
    50.0,
    60.0,
    120.0,
    240.0,
    480.0,
    960.0,
    1920.0,
    7680.0,
)
LABELS = ("model_name", "engine")


def one_two_five_buckets(limit: int) -> tuple[float, ...]:
    """vLLM's `build_1_2_5_buckets`: 1, 2, 5, 10, 20, 50, ... up to `limit`."""
    buckets: list[float] = []
    exponent = 0
    while True:
        for mantissa in (1, 2, 5):
            value = mantissa * 10**exponent
            if value > limit:
                return tuple(buckets)
            buckets.append(float(value))
        exponent += 1


class VllmMetrics:
    """An `EngineObserver` that keeps vLLM's metrics in its own registry."""

    def __init__(self, model_name: str, *, max_model_len: int, legacy_names: bool = False) -> None:
        self.registry = CollectorRegistry()
        self.legacy_names = legacy_names
        self._labels = {"model_name": model_name, "engine": "0"}
        self._engine: Engine | None = None
        r = self.registry
        prefix_cache = "vllm:gpu_prefix_cache" if legacy_names else "vllm:prefix_cache"
        self.prompt_tokens = self._counter(r, "vllm:prompt_tokens", "Number of prefill tokens.")
        self.generation_tokens = self._counter(
            r, "vllm:generation_tokens", "Number of generation tokens."
        )
        self.prefix_queries = self._counter(
            r, f"{prefix_cache}_queries", "Prefix cache queries, in terms of number of tokens."
        )
        self.prefix_hits = self._counter(
            r, f"{prefix_cache}_hits", "Prefix cache hits, in terms of number of tokens."
        )
        self.preemptions = self._counter(
            r, "vllm:num_preemptions", "Cumulative number of preemption from the engine."
        )
        self.success = Counter(
            "vllm:request_success",
            "Count of successfully processed requests.",
            [*LABELS, "finished_reason"],
            registry=r,
        )
        self._hist: dict[str, Histogram] = {}
        for name, doc, buckets in (
            ("time_to_first_token_seconds", "Time to first token.", TTFT_BUCKETS),
            ("inter_token_latency_seconds", "Inter-token latency.", TOKEN_LATENCY_BUCKETS),
            (
                "request_time_per_output_token_seconds",
                "Per-request mean TPOT.",
                TOKEN_LATENCY_BUCKETS,
            ),
            ("e2e_request_latency_seconds", "End to end request latency.", REQUEST_LATENCY_BUCKETS),
            ("request_queue_time_seconds", "Time spent in WAITING phase.", REQUEST_LATENCY_BUCKETS),
            (
                "request_inference_time_seconds",
                "Time spent in RUNNING phase.",
                REQUEST_LATENCY_BUCKETS,
            ),
            (
                "request_prefill_time_seconds",
                "Time spent in PREFILL phase.",
                REQUEST_LATENCY_BUCKETS,
            ),
            ("request_decode_time_seconds", "Time spent in DECODE phase.", REQUEST_LATENCY_BUCKETS),
            (
                "request_prompt_tokens",
                "Number of prefill tokens processed.",
                one_two_five_buckets(max_model_len),
            ),
            (
                "request_generation_tokens",
                "Number of generation tokens processed.",
                one_two_five_buckets(max_model_len),
            ),
            (
                "request_params_max_tokens",
                "The max_tokens request parameter.",
                one_two_five_buckets(max_model_len),
            ),
            (
                "iteration_tokens_total",
                "Number of tokens per engine_step.",
                one_two_five_buckets(max_model_len),
            ),
        ):
            self._hist[name] = Histogram(f"vllm:{name}", doc, LABELS, registry=r, buckets=buckets)
        r.register(_LiveGauges(self))

    def _counter(self, registry: CollectorRegistry, name: str, doc: str) -> Counter:
        return Counter(name, doc, LABELS, registry=registry)

    def attach(self, engine: Engine) -> None:
        """Read the gauges from `engine` (constructed with this object as its observer)."""
        self._engine = engine

    @property
    def labels(self) -> dict[str, str]:
        """The constant labels of every series (`model_name`, `engine`)."""
        return dict(self._labels)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise RuntimeError("VllmMetrics.attach(engine) was not called")
        return self._engine

    def _observe(self, name: str, value: float) -> None:
        self._hist[name].labels(**self._labels).observe(value)

    def request_scheduled(self, request: SimRequest) -> None:
        self.prefix_queries.labels(**self._labels).inc(request.prompt_tokens)
        self.prefix_hits.labels(**self._labels).inc(request.cached_tokens)

    def iteration(self, tokens: int) -> None:
        self._observe("iteration_tokens_total", tokens)

    def request_finished(self, request: SimRequest) -> None:
        assert request.scheduled_at is not None
        assert request.first_token_at is not None
        assert request.finished_at is not None
        labels = self._labels
        self.prompt_tokens.labels(**labels).inc(request.prompt_tokens)
        self.generation_tokens.labels(**labels).inc(request.output_tokens)
        self.success.labels(**labels, finished_reason=request.finish_reason or "length").inc()
        times = request.token_times
        for earlier, later in itertools.pairwise(times):
            self._observe("inter_token_latency_seconds", later - earlier)
        decode = request.finished_at - request.first_token_at
        if request.output_tokens > 1:
            self._observe(
                "request_time_per_output_token_seconds", decode / (request.output_tokens - 1)
            )
        self._observe("time_to_first_token_seconds", request.first_token_at - request.arrival)
        self._observe("e2e_request_latency_seconds", request.finished_at - request.arrival)
        self._observe("request_queue_time_seconds", request.scheduled_at - request.arrival)
        self._observe("request_inference_time_seconds", request.finished_at - request.scheduled_at)
        self._observe("request_prefill_time_seconds", request.first_token_at - request.scheduled_at)
        self._observe("request_decode_time_seconds", decode)
        self._observe("request_prompt_tokens", request.prompt_tokens)
        self._observe("request_generation_tokens", request.output_tokens)
        self._observe("request_params_max_tokens", request.max_tokens)


class _LiveGauges:
    """Scrape-time gauges read from the engine."""

    def __init__(self, metrics: VllmMetrics) -> None:
        self._m = metrics

    def describe(self) -> list[Metric]:
        return []

    def collect(self) -> Iterator[Metric]:
        m = self._m
        engine = m.engine
        names, values = list(m.labels), list(m.labels.values())
        kv = "vllm:gpu_cache_usage_perc" if m.legacy_names else "vllm:kv_cache_usage_perc"
        for name, doc, value in (
            (
                "vllm:num_requests_running",
                "Number of requests in model execution batches.",
                engine.num_running,
            ),
            (
                "vllm:num_requests_waiting",
                "Number of requests waiting to be processed.",
                engine.num_waiting,
            ),
            (kv, "KV-cache usage. 1 means 100 percent usage.", engine.kv_cache_usage),
        ):
            gauge = GaugeMetricFamily(name, doc, labels=names)
            gauge.add_metric(values, float(value))
            yield gauge
        cfg = engine.config
        info = GaugeMetricFamily(
            "vllm:cache_config_info",
            "Information of the LLMEngine CacheConfig",
            labels=["block_size", "num_gpu_blocks", "enable_prefix_caching", "engine"],
        )
        info.add_metric(
            [str(cfg.block_size), str(cfg.num_gpu_blocks), str(cfg.prefix_caching), "0"], 1.0
        )
        yield info
        lora = GaugeMetricFamily(
            "vllm:lora_requests_info",
            "Running stats on lora requests.",
            labels=["max_lora", "waiting_lora_adapters", "running_lora_adapters"],
        )
        lora.add_metric(["0", "", ""], time.time())
        yield lora
