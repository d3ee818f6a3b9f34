"""The metric-name compatibility catalogue: each logical signal, per serving engine.

Sources: research notes §1.6 (the EPP's built-in mappings in llm-d-router / GIE v1.5, vLLM's
`loggers.py`), §3 (dcgm-exporter), SGLang's production-metrics page, Dynamo's TensorRT-LLM
page (`trtllm_*` names). A `Variant` is one engine's series for a signal: its metric, fixed
matchers (Triton multiplexes several gauges into one metric by label) and a scale to the
signal's unit. Where an engine has no series for a signal it is simply absent.

The table of names per engine is in `docs/analytics.md` ("Prometheus metric names").

GPU signals are dcgm-exporter's (`DCGM_FI_DEV_GPU_UTIL` %, `DCGM_FI_DEV_FB_USED` and
`_FB_FREE` MiB, `DCGM_FI_DEV_GPU_TEMP` °C, `DCGM_FI_DEV_POWER_USAGE` W); what varies there is
the label naming the workload pod: `exported_pod` (when the scrape config adds its own `pod`
label), `pod`, or the old `pod_name` — see `compat`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["gauge", "counter", "histogram"]


@dataclass(frozen=True, slots=True)
class Variant:
    """One engine's series for a signal."""

    engine: str
    metric: str
    match: tuple[tuple[str, str], ...] = ()
    scale: float = 1.0

    @property
    def series_metric(self) -> str:
        """The name its series carry (histograms: the `_bucket` series)."""
        return self.metric


@dataclass(frozen=True, slots=True)
class Signal:
    """A logical signal: its kind, unit and the engines' variants (in preference order)."""

    name: str
    kind: Kind
    unit: str
    variants: tuple[Variant, ...]
    gpu: bool = False  # dcgm-exporter series: the pod label varies


def _triton(metric: str, label: str, value: str) -> Variant:
    return Variant("triton-trtllm", metric, ((label, value),))


QUEUE_DEPTH = Signal("queue_depth", "gauge", "requests", (
    Variant("vllm", "vllm:num_requests_waiting"),
    Variant("sglang", "sglang:num_queue_reqs"),
    Variant("trtllm-serve", "trtllm_num_requests_waiting"),
    _triton("nv_trt_llm_request_metrics", "request_type", "waiting"),
))  # fmt: skip
RUNNING = Signal("running", "gauge", "requests", (
    Variant("vllm", "vllm:num_requests_running"),
    Variant("sglang", "sglang:num_running_reqs"),
    Variant("trtllm-serve", "trtllm_num_requests_running"),
    _triton("nv_trt_llm_request_metrics", "request_type", "scheduled"),
))  # fmt: skip
KV_CACHE_USAGE = Signal("kv_cache_usage", "gauge", "ratio", (
    Variant("vllm", "vllm:kv_cache_usage_perc"),
    Variant("vllm-legacy", "vllm:gpu_cache_usage_perc"),
    Variant("sglang", "sglang:token_usage"),
    Variant("trtllm-serve", "trtllm_kv_cache_utilization"),
    _triton("nv_trt_llm_kv_cache_block_metrics", "kv_cache_block_type", "fraction"),
))  # fmt: skip
TTFT = Signal("ttft", "histogram", "seconds", (
    Variant("vllm", "vllm:time_to_first_token_seconds"),
    Variant("sglang", "sglang:time_to_first_token_seconds"),
    Variant("trtllm-serve", "trtllm_time_to_first_token_seconds"),
    Variant("triton-trtllm", "nv_inference_first_response_histogram_ms", scale=0.001),
))  # fmt: skip
GENERATION_TOKENS = Signal("generation_tokens", "counter", "tokens", (
    Variant("vllm", "vllm:generation_tokens_total"),
    Variant("sglang", "sglang:generation_tokens_total"),
))  # fmt: skip
PROMPT_TOKENS = Signal("prompt_tokens", "counter", "tokens", (
    Variant("vllm", "vllm:prompt_tokens_total"),
    Variant("sglang", "sglang:prompt_tokens_total"),
))  # fmt: skip
PREFIX_CACHE_HITS = Signal("prefix_cache_hits", "counter", "tokens", (
    Variant("vllm", "vllm:prefix_cache_hits_total"),
    Variant("vllm-legacy", "vllm:gpu_prefix_cache_hits_total"),
))  # fmt: skip
PREFIX_CACHE_QUERIES = Signal("prefix_cache_queries", "counter", "tokens", (
    Variant("vllm", "vllm:prefix_cache_queries_total"),
    Variant("vllm-legacy", "vllm:gpu_prefix_cache_queries_total"),
))  # fmt: skip


def _dcgm(name: str, metric: str, unit: str) -> Signal:
    return Signal(name, "gauge", unit, (Variant("dcgm", metric),), gpu=True)


GPU_UTILIZATION = _dcgm("gpu_utilization", "DCGM_FI_DEV_GPU_UTIL", "percent")
GPU_MEMORY_USED = _dcgm("gpu_memory_used", "DCGM_FI_DEV_FB_USED", "MiB")
GPU_MEMORY_FREE = _dcgm("gpu_memory_free", "DCGM_FI_DEV_FB_FREE", "MiB")
GPU_TEMPERATURE = _dcgm("gpu_temperature", "DCGM_FI_DEV_GPU_TEMP", "celsius")
GPU_POWER = _dcgm("gpu_power", "DCGM_FI_DEV_POWER_USAGE", "watts")

# The label carrying the workload pod on DCGM series, most specific first.
DCGM_POD_LABELS = ("exported_pod", "pod", "pod_name")
DCGM_NAMESPACE_LABELS = ("exported_namespace", "namespace", "pod_namespace")
DCGM_HOST_LABELS = ("Hostname", "hostname")

SIGNALS = (QUEUE_DEPTH, RUNNING, KV_CACHE_USAGE, TTFT, GENERATION_TOKENS, PROMPT_TOKENS,
           PREFIX_CACHE_HITS, PREFIX_CACHE_QUERIES, GPU_UTILIZATION, GPU_MEMORY_USED,
           GPU_MEMORY_FREE, GPU_TEMPERATURE, GPU_POWER)  # fmt: skip
