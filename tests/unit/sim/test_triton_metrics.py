"""Triton TRT-LLM metrics of a simulated engine.

Matrix: gauge families with their label shapes (request_type, kv_cache_block_type,
inflight_batcher_specific_metric, general_type; model/version) · used + free = max blocks,
fraction = used/max · counters written without `_total` and growing with finished requests
(µs durations) · first-response histogram in ms.
"""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

from ngf_console.sim.engine import Engine, EngineConfig, SimRequest
from ngf_console.sim.exposition import render
from ngf_console.sim.triton_metrics import TritonMetrics

CFG = EngineConfig(max_num_seqs=2, num_gpu_blocks=512, max_model_len=4096)


def setup() -> tuple[Engine, TritonMetrics]:
    metrics = TritonMetrics("llama")
    engine = Engine(CFG, metrics)
    metrics.attach(engine)
    return engine, metrics


def by_key(text: str, family: str, key: str) -> dict[str, float]:
    for f in text_string_to_metric_families(text):
        if f.name == family:
            assert all(s.labels["model"] == "llama" for s in f.samples)
            assert all(s.labels["version"] == "1" for s in f.samples)
            return {s.labels[key]: s.value for s in f.samples}
    raise AssertionError(f"{family} missing")


def test_request_and_kv_block_gauges() -> None:
    engine, metrics = setup()
    for i in range(3):
        engine.submit(SimRequest(str(i), 480, 32, (), 0.0))
    engine.advance(0.001)
    text = render(metrics.registry).decode()
    requests = by_key(text, "nv_trt_llm_request_metrics", "request_type")
    assert requests == {"waiting": 1, "context": 2, "scheduled": 2, "max": 2, "active": 3}
    blocks = by_key(text, "nv_trt_llm_kv_cache_block_metrics", "kv_cache_block_type")
    assert blocks["used"] + blocks["free"] == blocks["max"] == 512
    assert blocks["used"] == 2 * 32
    assert blocks["fraction"] == blocks["used"] / 512
    assert blocks["tokens_per"] == 16
    batcher = by_key(
        text, "nv_trt_llm_inflight_batcher_metrics", "inflight_batcher_specific_metric"
    )
    assert set(batcher) == {"micro_batch_id", "generation_requests", "total_context_tokens"}
    assert set(by_key(text, "nv_trt_llm_general_metrics", "general_type")) == {
        "iteration_counter",
        "timestamp",
    }


def test_counters_and_first_response_histogram() -> None:
    engine, metrics = setup()
    request = SimRequest("a", 100, 4, (), 0.0)
    engine.submit(request)
    engine.advance(10.0)
    text = render(metrics.registry).decode()
    assert "# TYPE nv_inference_request_success counter\n" in text
    assert '\nnv_inference_request_success{model="llama",version="1"} 1.0\n' in text
    assert "_total" not in text
    families = {f.name: f for f in text_string_to_metric_families(text)}
    duration = families["nv_inference_request_duration_us"].samples[0].value
    assert request.finished_at is not None
    assert duration == request.finished_at * 1e6
    assert families["nv_inference_exec_count"].samples[0].value == engine.iterations
    hist = {s.name: s.value for s in families["nv_inference_first_response_histogram_ms"].samples}
    assert request.ttft is not None
    assert hist["nv_inference_first_response_histogram_ms_count"] == 1
    assert hist["nv_inference_first_response_histogram_ms_sum"] == request.ttft * 1000
    pending = families["nv_inference_pending_request_count"].samples[0].value
    assert pending == 0
