"""The simulators over real HTTP on loopback ports.

Matrix: vLLM, Triton and DCGM `/metrics` parse as Prometheus exposition with the expected
names · a streaming completion yields one SSE chunk per token, the finish reason, the usage
event and `[DONE]` · a non-streaming completion returns the text and usage · unknown model →
404 and oversized prompt → 400 with vLLM's error body · models and health endpoints ·
traffic through the EPP lands on the pods and in the decision stream · scaling the fleet at
runtime starts and stops servers and GPUs, and cuts streams still open on a removed pod.
"""

from __future__ import annotations

import asyncio
import json
import random

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from ngf_console.sim.traffic import Arrival, DailyPattern, TrafficGenerator
from tests.integration.sim.conftest import MODEL, FleetFactory
from tests.waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]


async def families(url: str) -> dict[str, str]:
    async with httpx.AsyncClient() as client:
        response = await client.get(f"{url}/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {f.name: f.type for f in text_string_to_metric_families(response.text)}


VLLM = {
    "vllm:num_requests_running": "gauge",
    "vllm:num_requests_waiting": "gauge",
    "vllm:kv_cache_usage_perc": "gauge",
    "vllm:cache_config_info": "gauge",
    "vllm:prompt_tokens": "counter",
    "vllm:generation_tokens": "counter",
    "vllm:prefix_cache_queries": "counter",
    "vllm:prefix_cache_hits": "counter",
    "vllm:request_success": "counter",
    "vllm:time_to_first_token_seconds": "histogram",
    "vllm:inter_token_latency_seconds": "histogram",
    "vllm:e2e_request_latency_seconds": "histogram",
}
TRITON = {
    "nv_trt_llm_request_metrics": "gauge",
    "nv_trt_llm_kv_cache_block_metrics": "gauge",
    "nv_inference_request_success": "counter",
    "nv_inference_pending_request_count": "gauge",
    "nv_inference_first_response_histogram_ms": "histogram",
}
DCGM = {
    "DCGM_FI_DEV_GPU_UTIL": "gauge",
    "DCGM_FI_DEV_FB_USED": "gauge",
    "DCGM_FI_DEV_FB_FREE": "gauge",
    "DCGM_FI_DEV_GPU_TEMP": "gauge",
    "DCGM_FI_DEV_POWER_USAGE": "gauge",
    "DCGM_FI_DEV_SM_CLOCK": "gauge",
    "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION": "counter",
}


async def test_vllm_and_dcgm_metrics_parse(fleet: FleetFactory) -> None:
    live = await fleet(pods=2)
    for i in range(2):
        assert VLLM.items() <= (await families(live.pod_url(i))).items()
    assert DCGM.items() <= (await families(live.dcgm.url)).items()


async def test_triton_metrics_parse(fleet: FleetFactory) -> None:
    live = await fleet(pods=1, backend="triton")
    assert TRITON.items() <= (await families(live.pod_url(0))).items()


async def test_streaming_completion_yields_sse_chunks_and_done(fleet: FleetFactory) -> None:
    live = await fleet(pods=1)
    body = {
        "model": MODEL,
        "prompt": "Tell me about GPUs. " * 20,
        "max_tokens": 5,
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    events: list[str] = []
    async with (
        httpx.AsyncClient(timeout=30) as client,
        client.stream("POST", f"{live.pod_url(0)}/v1/completions", json=body) as response,
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        async for line in response.aiter_lines():
            if line:
                assert line.startswith("data: ")
                events.append(line.removeprefix("data: "))
    assert events[-1] == "[DONE]"
    chunks = [json.loads(e) for e in events[:-1]]
    tokens = [c for c in chunks if c["choices"]]
    assert len(tokens) == 5
    assert all(c["object"] == "text_completion" and c["model"] == MODEL for c in tokens)
    assert [c["choices"][0]["finish_reason"] for c in tokens] == [None] * 4 + ["length"]
    usage = chunks[-1]["usage"]
    assert usage["completion_tokens"] == 5
    assert usage["prompt_tokens"] == 100


async def test_non_streaming_completion_and_errors(fleet: FleetFactory) -> None:
    live = await fleet(pods=1)
    url = f"{live.pod_url(0)}/v1/completions"
    async with httpx.AsyncClient(timeout=30) as client:
        ok = await client.post(url, json={"model": MODEL, "prompt": "hi", "max_tokens": 3})
        unknown = await client.post(url, json={"model": "nope", "prompt": "hi"})
        too_long = await client.post(
            url, json={"model": MODEL, "prompt": "x" * 40_000, "max_tokens": 10}
        )
        models = await client.get(f"{live.pod_url(0)}/v1/models")
        health = await client.get(f"{live.pod_url(0)}/health")
    assert ok.status_code == 200
    result = ok.json()
    assert result["choices"][0]["text"] == " the model answers"
    assert result["usage"] == {"prompt_tokens": 1, "completion_tokens": 3, "total_tokens": 4}
    assert unknown.status_code == 404
    assert unknown.json()["object"] == "error"
    assert too_long.status_code == 400
    assert "maximum context length" in too_long.json()["message"]
    assert models.json()["data"][0]["id"] == MODEL
    assert health.status_code == 200


async def test_traffic_through_the_epp_reaches_the_pods(fleet: FleetFactory) -> None:
    live = await fleet(pods=3, speed=20.0, strategy="composite")
    sim = live.fleet
    sub = sim.epp.log.subscribe()
    generator = TrafficGenerator(
        DailyPattern(peak_rps=4.0, start_hour=14.0),
        random.Random(5),
        start=sim.clock.now(),
    )

    async def send(arrival: Arrival) -> None:
        await sim.epp.complete(arrival.prompt, 16)

    task = asyncio.create_task(generator.run(send, sim.clock))
    try:
        first = await asyncio.wait_for(anext(sub), 20)
        assert first.pool == "llama"
        assert len(first.decision.endpoints) == 3
        assert {c.scorer for c in first.decision.columns} == {
            "queue-scorer",
            "kv-cache-utilization-scorer",
            "prefix-cache-scorer",
        }

        async def served_everywhere() -> bool:
            return all(p.engine.iterations > 0 for p in sim.pods)

        await eventually(served_everywhere, within=60, what="every pod served traffic")
    finally:
        task.cancel()
        sub.close()
    assert len(sim.epp.log.recent()) >= 3


async def test_fleet_scales_at_runtime(fleet: FleetFactory) -> None:
    live = await fleet(pods=2)
    sim = live.fleet
    await sim.scale(3)
    assert [p.name for p in sim.pods] == ["llama-0", "llama-1", "llama-2"]
    assert VLLM.items() <= (await families(live.pod_url(2))).items()
    gone = live.pod_url(1)
    await sim.scale(1)
    assert [p.name for p in sim.pods] == ["llama-0"]
    async with httpx.AsyncClient() as client:
        with pytest.raises(httpx.ConnectError):
            await client.get(f"{gone}/metrics")
        text = (await client.get(f"{live.dcgm.url}/metrics")).text
    gpus = {
        s.labels["pod"]
        for f in text_string_to_metric_families(text)
        if f.name == "DCGM_FI_DEV_GPU_UTIL"
        for s in f.samples
    }
    assert gpus == {"llama-0"}


async def test_scaling_down_cuts_open_streams(fleet: FleetFactory) -> None:
    live = await fleet(pods=2)
    url = f"{live.pod_url(1)}/v1/completions"
    body = {"model": MODEL, "prompt": "long answer please", "max_tokens": 5000, "stream": True}
    lines: list[str] = []

    async def read() -> None:
        async with (
            httpx.AsyncClient(timeout=30) as client,
            client.stream("POST", url, json=body) as response,
        ):
            async for line in response.aiter_lines():
                lines.append(line)

    reader = asyncio.create_task(read())

    async def streaming() -> bool:
        return len(lines) > 2

    await eventually(streaming, within=10, what="tokens streaming")
    await asyncio.wait_for(live.fleet.scale(1), 10)
    with pytest.raises(httpx.HTTPError):
        await asyncio.wait_for(reader, 10)
    assert "data: [DONE]" not in lines
