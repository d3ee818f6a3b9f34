"""PromQL builders (`metrics.promql`) and the signal → PromQL translation (`metrics.compat`).

Matrix: label values are escaped and names validated; durations validated; per kind
(gauge, counter, histogram) the expression shape, scaling (Triton's ms TTFT), the model
label per engine, filters and grouping; several variants are joined with `or`; DCGM's pod
and namespace labels (`exported_pod`, `pod`, `pod_name`) are used and copied to `pod` /
`namespace`; `resolve_from_series` keeps the variants the probe found; the catalogue
carries the real names of every engine.
"""

from __future__ import annotations

import pytest

from ngf_console.metrics import promql as q
from ngf_console.metrics.compat import Resolved, build, probe_selector, resolve_from_series
from ngf_console.metrics.signals import (
    GENERATION_TOKENS,
    GPU_UTILIZATION,
    KV_CACHE_USAGE,
    QUEUE_DEPTH,
    SIGNALS,
    TTFT,
    Signal,
    Variant,
)


@pytest.mark.parametrize(
    ("value", "literal"),
    [("plain", '"plain"'), ('say "hi"', '"say \\"hi\\""'), ("a\\b", '"a\\\\b"'),
     ("line\nbreak", '"line\\nbreak"'), ('"} or vector(1) or {"', '"\\"} or vector(1) or {\\""')],
)  # fmt: skip
def test_values_are_escaped(value: str, literal: str) -> None:
    assert q.quote(value) == literal
    assert q.selector("up", {"job": value}) == f"up{{job={literal}}}"


@pytest.mark.parametrize("name", ["1up", "a-b", "a b", "x{y}", ""])
def test_bad_metric_names(name: str) -> None:
    with pytest.raises(ValueError, match="metric name"):
        q.selector(name)


@pytest.mark.parametrize("name", ["a:b", "1x", "a-b", ""])
def test_bad_label_names(name: str) -> None:
    with pytest.raises(ValueError, match="label name"):
        q.selector("up", {name: "x"})


@pytest.mark.parametrize("text", ["1m", "30s", "1h30m", "500ms"])
def test_durations(text: str) -> None:
    assert q.duration(text) == text


@pytest.mark.parametrize("text", ["1", "1 m", "m", "1m]", "-1m"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError, match="duration"):
        q.duration(text)


def _only(signal: Signal, engine: str) -> Resolved:
    return Resolved(signal, tuple(v for v in signal.variants if v.engine == engine))


def test_gauge_with_filters_and_the_engines_model_label() -> None:
    filters = {"namespace": "demo", "model": "llama"}
    assert build(_only(QUEUE_DEPTH, "vllm"), filters=filters) == (
        '(max by (namespace, pod) (vllm:num_requests_waiting{namespace="demo",model_name="llama"}))'
    )
    assert build(_only(QUEUE_DEPTH, "triton-trtllm"), filters=filters, by=("pod",)) == (
        "(max by (pod) (nv_trt_llm_request_metrics"
        '{request_type="waiting",namespace="demo",model="llama"}))'
    )


def test_counter_is_a_rate() -> None:
    assert build(_only(GENERATION_TOKENS, "vllm"), by=(), window="30s") == (
        "(sum (rate(vllm:generation_tokens_total[30s])))"
    )


def test_histogram_quantile_and_triton_milliseconds_scaled_to_seconds() -> None:
    assert build(_only(TTFT, "vllm"), quantile=0.99, by=("pod",)) == (
        "(histogram_quantile(0.99, sum by (le, pod) "
        "(rate(vllm:time_to_first_token_seconds_bucket[1m]))))"
    )
    assert build(_only(TTFT, "triton-trtllm"), by=("pod",)) == (
        "((histogram_quantile(0.95, sum by (le, pod) "
        "(rate(nv_inference_first_response_histogram_ms_bucket[1m])))) * 0.001)"
    )


def test_variants_are_joined_with_or() -> None:
    both = Resolved(KV_CACHE_USAGE, (KV_CACHE_USAGE.variants[0], KV_CACHE_USAGE.variants[1]))
    assert build(both, by=("pod",)) == (
        "(max by (pod) (vllm:kv_cache_usage_perc)) or (max by (pod) (vllm:gpu_cache_usage_perc))"
    )
    assert build(Resolved(KV_CACHE_USAGE, ())) is None


def test_dcgm_labels_are_used_and_copied_to_pod_and_namespace() -> None:
    resolved = Resolved(GPU_UTILIZATION, GPU_UTILIZATION.variants, "exported_pod",
                        "exported_namespace")  # fmt: skip
    assert build(resolved, filters={"pod": "p-0", "model": "ignored"}) == (
        "(label_replace(label_replace(max by (exported_namespace, exported_pod) "
        '(DCGM_FI_DEV_GPU_UTIL{exported_pod="p-0"}), "namespace", "$1", "exported_namespace", '
        '"(.*)"), "pod", "$1", "exported_pod", "(.*)"))'
    )


def test_invalid_options() -> None:
    with pytest.raises(ValueError, match="quantile"):
        build(_only(TTFT, "vllm"), quantile=1.5)
    with pytest.raises(ValueError, match="duration"):
        build(_only(GENERATION_TOKENS, "vllm"), window="5 minutes")


def test_probe_selectors() -> None:
    assert probe_selector(TTFT.variants[0], "histogram") == "vllm:time_to_first_token_seconds_count"
    triton = QUEUE_DEPTH.variants[-1]
    assert probe_selector(triton, "gauge") == 'nv_trt_llm_request_metrics{request_type="waiting"}'


def test_resolve_keeps_what_the_probe_found() -> None:
    found = [
        {"__name__": "vllm:gpu_cache_usage_perc", "pod": "a"},
        {"__name__": "nv_trt_llm_kv_cache_block_metrics", "kv_cache_block_type": "max"},
    ]
    assert [v.engine for v in resolve_from_series(KV_CACHE_USAGE, found).variants] == [
        "vllm-legacy"]  # fmt: skip
    found.append(
        {"__name__": "nv_trt_llm_kv_cache_block_metrics", "kv_cache_block_type": "fraction"}
    )
    assert [v.engine for v in resolve_from_series(KV_CACHE_USAGE, found).variants] == [
        "vllm-legacy", "triton-trtllm"]  # fmt: skip
    ttft = resolve_from_series(TTFT, [{"__name__": "sglang:time_to_first_token_seconds_count"}])
    assert [v.engine for v in ttft.variants] == ["sglang"]


@pytest.mark.parametrize(
    ("labels", "pod", "namespace"),
    [
        ({"exported_pod": "p", "pod": "dcgm-x", "exported_namespace": "n", "namespace": "gpu"},
         "exported_pod", "exported_namespace"),
        ({"pod": "p", "namespace": "n", "Hostname": "node"}, "pod", "namespace"),
        ({"pod_name": "p", "pod_namespace": "n", "hostname": "node"}, "pod_name", "pod_namespace"),
    ],
    ids=["exported", "pod", "old-pod_name"],
)  # fmt: skip
def test_dcgm_pod_label_variants(labels: dict[str, str], pod: str, namespace: str) -> None:
    resolved = resolve_from_series(
        GPU_UTILIZATION, [{"__name__": "DCGM_FI_DEV_GPU_UTIL", **labels}]
    )
    assert (resolved.pod_label, resolved.namespace_label) == (pod, namespace)


def test_catalogue_names() -> None:
    names = {(s.name, v.engine): v.metric for s in SIGNALS for v in s.variants}
    assert names[("queue_depth", "sglang")] == "sglang:num_queue_reqs"
    assert names[("running", "trtllm-serve")] == "trtllm_num_requests_running"
    assert names[("kv_cache_usage", "vllm-legacy")] == "vllm:gpu_cache_usage_perc"
    assert names[("kv_cache_usage", "trtllm-serve")] == "trtllm_kv_cache_utilization"
    assert names[("ttft", "trtllm-serve")] == "trtllm_time_to_first_token_seconds"
    assert names[("prefix_cache_hits", "vllm-legacy")] == "vllm:gpu_prefix_cache_hits_total"
    assert names[("gpu_temperature", "dcgm")] == "DCGM_FI_DEV_GPU_TEMP"
    assert all(isinstance(v, Variant) for s in SIGNALS for v in s.variants)
