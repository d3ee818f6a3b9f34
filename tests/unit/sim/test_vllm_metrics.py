"""vLLM metrics of a simulated engine, parsed back as Prometheus exposition.

Matrix: every expected family with vLLM's name, type and labels (model_name, engine) ·
gauges track live engine state · counters and histograms after requests finish (prompt and
generation tokens, success by finished_reason, TTFT/ITL/e2e counts and sums, prefix-cache
queries and hits) · legacy names option · vLLM's 1-2-5 buckets.
"""

from __future__ import annotations

from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families

from ngf_console.sim.engine import Engine, EngineConfig, SimRequest
from ngf_console.sim.prompts import block_keys
from ngf_console.sim.vllm_metrics import VllmMetrics, one_two_five_buckets

MODEL = "llama"
LABELS = {"model_name": MODEL, "engine": "0"}
CFG = EngineConfig(max_num_seqs=2, num_gpu_blocks=512, max_model_len=4096)


def setup(*, legacy: bool = False) -> tuple[Engine, VllmMetrics]:
    metrics = VllmMetrics(MODEL, max_model_len=CFG.max_model_len, legacy_names=legacy)
    engine = Engine(CFG, metrics)
    metrics.attach(engine)
    return engine, metrics


def scrape(metrics: VllmMetrics) -> dict[str, dict[tuple[str, tuple[tuple[str, str], ...]], float]]:
    out: dict[str, dict[tuple[str, tuple[tuple[str, str], ...]], float]] = {}
    for family in text_string_to_metric_families(generate_latest(metrics.registry).decode()):
        samples = out.setdefault(f"{family.name}:{family.type}", {})
        for s in family.samples:
            samples[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def value(
    families: dict[str, dict[tuple[str, tuple[tuple[str, str], ...]], float]],
    family: str,
    sample: str,
    **extra: str,
) -> float:
    return families[family][(sample, tuple(sorted({**LABELS, **extra}.items())))]


PROMPT = "Shared system prompt for every request of this family. " * 20


def test_expected_families_and_types() -> None:
    _, metrics = setup()
    names = set(scrape(metrics))
    for gauge in (
        "num_requests_running",
        "num_requests_waiting",
        "kv_cache_usage_perc",
        "cache_config_info",
        "lora_requests_info",
    ):
        assert f"vllm:{gauge}:gauge" in names
    for counter in (
        "prompt_tokens",
        "generation_tokens",
        "request_success",
        "prefix_cache_queries",
        "prefix_cache_hits",
        "num_preemptions",
    ):
        assert f"vllm:{counter}:counter" in names
    for hist in (
        "time_to_first_token_seconds",
        "inter_token_latency_seconds",
        "request_time_per_output_token_seconds",
        "e2e_request_latency_seconds",
        "request_queue_time_seconds",
        "request_prefill_time_seconds",
        "request_decode_time_seconds",
        "request_inference_time_seconds",
        "request_prompt_tokens",
        "request_generation_tokens",
        "request_params_max_tokens",
        "iteration_tokens_total",
    ):
        assert f"vllm:{hist}:histogram" in names
    assert "vllm:gpu_cache_usage_perc:gauge" not in names


def test_gauges_follow_the_engine() -> None:
    engine, metrics = setup()
    for i in range(3):
        engine.submit(SimRequest(str(i), 500, 100, (), 0.0))
    engine.advance(0.001)
    families = scrape(metrics)
    assert value(families, "vllm:num_requests_running:gauge", "vllm:num_requests_running") == 2
    assert value(families, "vllm:num_requests_waiting:gauge", "vllm:num_requests_waiting") == 1
    kv = value(families, "vllm:kv_cache_usage_perc:gauge", "vllm:kv_cache_usage_perc")
    assert kv == engine.kv_cache_usage
    assert kv > 0
    info = families["vllm:cache_config_info:gauge"]
    ((_, labels),) = info
    assert ("block_size", "16") in labels
    assert ("num_gpu_blocks", "512") in labels


def test_counters_and_histograms_after_requests() -> None:
    engine, metrics = setup()
    keys = block_keys(PROMPT, 16, 256)
    first = SimRequest("a", len(PROMPT) // 4, 8, keys, 0.0)
    engine.submit(first)
    engine.advance(5.0)
    second = SimRequest("b", len(PROMPT) // 4, 8, keys, 5.0)
    engine.submit(second)
    engine.advance(10.0)
    f = scrape(metrics)
    prompt = first.prompt_tokens
    assert value(f, "vllm:prompt_tokens:counter", "vllm:prompt_tokens_total") == 2 * prompt
    assert value(f, "vllm:generation_tokens:counter", "vllm:generation_tokens_total") == 16
    success = value(
        f, "vllm:request_success:counter", "vllm:request_success_total", finished_reason="length"
    )
    assert success == 2
    ttft = "vllm:time_to_first_token_seconds"
    assert value(f, f"{ttft}:histogram", f"{ttft}_count") == 2
    assert second.ttft is not None
    assert first.ttft is not None
    assert value(f, f"{ttft}:histogram", f"{ttft}_sum") == first.ttft + second.ttft
    itl = "vllm:inter_token_latency_seconds"
    assert value(f, f"{itl}:histogram", f"{itl}_count") == 14
    queries = value(f, "vllm:prefix_cache_queries:counter", "vllm:prefix_cache_queries_total")
    hits = value(f, "vllm:prefix_cache_hits:counter", "vllm:prefix_cache_hits_total")
    assert queries == 2 * prompt
    assert hits == second.cached_tokens > 0


def test_legacy_names() -> None:
    _, metrics = setup(legacy=True)
    names = set(scrape(metrics))
    assert "vllm:gpu_cache_usage_perc:gauge" in names
    assert "vllm:gpu_prefix_cache_hits:counter" in names
    assert "vllm:kv_cache_usage_perc:gauge" not in names
    assert "vllm:prefix_cache_hits:counter" not in names


def test_one_two_five_buckets() -> None:
    assert one_two_five_buckets(100) == (1, 2, 5, 10, 20, 50, 100)
    assert one_two_five_buckets(4096)[-1] == 2000
