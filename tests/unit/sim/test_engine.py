"""The model server's queueing model, stepped in virtual time (no sleeping).

Matrix: an idle server's TTFT is one prefill step · TTFT grows with load (more requests
ahead → higher TTFT, monotonic over a sweep) · a full batch queues (waiting count, FCFS) ·
KV blocks gate admission and are released · prefix-cache hits cut prefill and TTFT (and a
cache-off server gets none) · tokens arrive one per iteration and decode slows with batch
size · observer events · validation of oversized requests · busy time for GPU utilisation.
"""

from __future__ import annotations

import itertools

import pytest

from ngf_console.sim.engine import Engine, EngineConfig, SimRequest
from ngf_console.sim.prompts import block_keys

CFG = EngineConfig(
    max_num_seqs=4,
    num_gpu_blocks=256,
    block_size=16,
    max_model_len=4096,
    prefill_tokens_per_s=10_000.0,
    step_base_s=0.01,
    step_per_seq_s=0.001,
)


def request(
    rid: str, *, prompt: int = 500, out: int = 10, at: float = 0.0, keys: tuple[bytes, ...] = ()
) -> SimRequest:
    return SimRequest(rid, prompt_tokens=prompt, max_tokens=out, block_keys=keys, arrival=at)


def run(engine: Engine, until: float = 1000.0) -> None:
    engine.advance(until)


def test_idle_server_ttft_is_one_prefill_step() -> None:
    engine = Engine(CFG)
    r = request("a", prompt=500)
    engine.submit(r)
    run(engine)
    assert r.ttft == pytest.approx(0.01 + 0.001 + 500 / 10_000)
    assert r.output_tokens == 10
    assert r.done


def ttft_with_load(ahead: int) -> float:
    engine = Engine(CFG)
    for i in range(ahead):
        engine.submit(request(f"bg{i}", prompt=400, out=50))
    probe = request("probe", prompt=400, out=5)
    engine.submit(probe)
    run(engine)
    assert probe.ttft is not None
    return probe.ttft


def test_more_load_means_higher_ttft() -> None:
    ttfts = [ttft_with_load(n) for n in (0, 1, 3, 4, 8, 16)]
    assert ttfts == sorted(ttfts)
    assert ttfts[-1] > 10 * ttfts[0], "a queue behind a full batch waits for whole requests"
    assert all(b > a for a, b in itertools.pairwise(ttfts))


def test_full_batch_queues_first_come_first_served() -> None:
    engine = Engine(CFG)
    reqs = [request(str(i), out=100) for i in range(6)]
    for r in reqs:
        engine.submit(r)
    engine.advance(0.001)
    assert engine.num_running == 4
    assert engine.num_waiting == 2
    run(engine)
    starts = [r.scheduled_at for r in reqs]
    assert starts[4] is not None
    assert starts[5] is not None
    assert starts[4] <= starts[5]
    assert starts[4] > 0, "the fifth request waited for a slot"


def test_kv_blocks_gate_admission_and_are_released() -> None:
    engine = Engine(EngineConfig(max_num_seqs=8, num_gpu_blocks=64, max_model_len=1024))
    big = [request(str(i), prompt=500, out=12) for i in range(3)]  # 32 blocks each
    for r in big:
        engine.submit(r)
    engine.advance(0.0001)
    assert engine.used_blocks == 64
    assert engine.kv_cache_usage == 1.0
    assert engine.num_waiting == 1
    run(engine)
    assert all(r.done for r in big)
    assert engine.used_blocks == 0


def test_prefix_cache_hits_shorten_prefill_and_ttft() -> None:
    shared = "You are the support assistant of a bank. Answer briefly. " * 40
    engine = Engine(CFG)
    first_keys = block_keys(shared + "first question", 16, 256)
    first = request("first", prompt=len(shared) // 4 + 4, keys=first_keys)
    engine.submit(first)
    run(engine, 10.0)
    second_keys = block_keys(shared + "second question", 16, 256)
    second = request("second", prompt=first.prompt_tokens, keys=second_keys, at=10.0)
    engine.submit(second)
    run(engine)
    cold = Engine(CFG)
    control = request("control", prompt=first.prompt_tokens, keys=second_keys, at=10.0)
    cold.submit(control)
    run(cold)
    assert first.cached_tokens == 0
    assert second.cached_tokens >= 16 * (len(shared) // 64 - 1)
    assert second.ttft is not None
    assert control.ttft is not None
    assert second.ttft < control.ttft


def test_prefix_caching_off_never_hits() -> None:
    keys = block_keys("x" * 2000, 16, 256)
    engine = Engine(EngineConfig(prefix_caching=False))
    a, b = request("a", keys=keys), request("b", keys=keys, at=5.0)
    engine.submit(a)
    run(engine, 5.0)
    engine.submit(b)
    run(engine)
    assert b.cached_tokens == 0


def test_one_token_per_iteration_and_bigger_batches_decode_slower() -> None:
    def itl(batch: int) -> float:
        engine = Engine(CFG)
        reqs = [request(str(i), prompt=100, out=20) for i in range(batch)]
        for r in reqs:
            engine.submit(r)
        run(engine)
        times = reqs[0].token_times
        assert len(times) == 20
        return times[-1] - times[-2]

    assert itl(1) == pytest.approx(0.011)
    assert itl(4) == pytest.approx(0.014)


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []
        self.tokens = 0

    def request_scheduled(self, request: SimRequest) -> None:
        self.events.append(("scheduled", request.request_id))

    def request_finished(self, request: SimRequest) -> None:
        self.events.append(("finished", request.request_id))

    def iteration(self, tokens: int) -> None:
        self.tokens += tokens


def test_observer_sees_every_event() -> None:
    recorder = Recorder()
    engine = Engine(CFG, recorder)
    engine.submit(request("a", prompt=100, out=3))
    run(engine)
    assert recorder.events == [("scheduled", "a"), ("finished", "a")]
    assert recorder.tokens == 100 + 2, "prefill tokens, then one decode token per iteration"


def test_oversized_requests_are_rejected() -> None:
    engine = Engine(CFG)
    with pytest.raises(ValueError, match="maximum context length"):
        engine.submit(request("a", prompt=4000, out=200))
    with pytest.raises(ValueError, match="max_tokens"):
        engine.submit(request("b", out=0))


def test_busy_time_counts_forward_passes_only() -> None:
    engine = Engine(CFG)
    r = request("a", prompt=100, out=2)
    engine.submit(r)
    step = 0.01 + 0.001 + 100 / 10_000
    engine.advance(step / 2)
    assert engine.busy_seconds_at(step / 2) == pytest.approx(step / 2)
    run(engine, 100.0)
    assert engine.busy_seconds == pytest.approx(step + 0.011)
    assert engine.busy_seconds_at(100.0) == engine.busy_seconds
    assert engine.now == 100.0
    assert engine.next_event_time() is None
