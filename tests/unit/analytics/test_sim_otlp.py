"""The simulators' OTLP export (`sim.otlp`, `sim.otlp_records`), without a network.

Matrix: the decision reason per profile and lead (single scorers, a clear queue / KV / prefix
lead, ties, a lone candidate); the exporter batches by `max_batch`, drops the oldest when its
queue is full, counts partial successes, retries 429/503 after Retry-After (or a backoff)
through the injected sleep, gives up after `max_retries`, does not retry a 400, retries
transport errors, reads the OTEL_EXPORTER_OTLP_* variables, and loses nothing when stopped
mid-send (a cancelled send puts its batch back in front); `FleetTelemetry` emits one
decision record per pick and one completion record per finished request, sharing the trace
id and the decision's context, with the breakdown in ms; a decision record carries, per
candidate best first, each scorer's raw score and the inputs behind it and the profile's
weights (composite: all three; a single-scorer profile: only its scorer).
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from typing import Any, cast

import httpx
import pytest
from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import (
    ExportLogsServiceRequest,
    ExportLogsServiceResponse,
)
from opentelemetry.proto.logs.v1.logs_pb2 import LogRecord

from ngf_console.inference.epp import EndpointState, schedule
from ngf_console.inference.prefix import PrefixMatch
from ngf_console.inference.profile import SPEC_COMPOSITE_WEIGHTS, composite_profile, profile_for
from ngf_console.sim.clock import ManualClock
from ngf_console.sim.decisions import DecisionRecord
from ngf_console.sim.engine import EngineConfig, SimRequest
from ngf_console.sim.fleet import Fleet, PoolConfig
from ngf_console.sim.gpu_trace import default_trace_path, derive_profile, load_trace
from ngf_console.sim.otlp import OtlpLogExporter, exporter_from_env, parse_headers
from ngf_console.sim.otlp_records import FleetTelemetry, decision_only_attributes, decision_reason

COMPOSITE = composite_profile(SPEC_COMPOSITE_WEIGHTS)


def _eps(*states: tuple[int, float]) -> list[EndpointState]:
    return [EndpointState(f"p-{i}", q, kv) for i, (q, kv) in enumerate(states)]


@pytest.mark.parametrize(
    ("profile", "endpoints", "prefix", "reason"),
    [
        (profile_for("least_queue"), _eps((0, 0.1), (3, 0.1)), None, "least_queue"),
        (profile_for("best_kv_cache"), _eps((0, 0.1), (0, 0.9)), None, "kv_available"),
        (profile_for("prefix_affinity"), _eps((0, 0.1), (0, 0.1)), PrefixMatch(4, {"p-0": 4}),
         "prefix_hit"),
        (COMPOSITE, _eps((0, 0.5), (5, 0.5)), None, "least_queue"),
        (COMPOSITE, _eps((2, 0.1), (2, 0.95)), None, "kv_available"),
        (COMPOSITE, _eps((2, 0.5), (2, 0.5)), PrefixMatch(4, {"p-1": 4}), "prefix_hit"),
        (COMPOSITE, _eps((2, 0.5), (2, 0.5)), None, "composite"),
        (COMPOSITE, _eps((2, 0.5)), None, "composite"),
    ],
    ids=["queue-only", "kv-only", "prefix-only", "queue-lead", "kv-lead", "prefix-lead", "tie",
         "lone"],
)  # fmt: skip
def test_decision_reason(
    profile: object, endpoints: list[EndpointState], prefix: PrefixMatch | None, reason: str
) -> None:
    decision = schedule(endpoints, profile, rng=random.Random(1), prefix=prefix)  # type: ignore[arg-type]
    assert decision_reason(decision) == reason


def _record(profile: Any, endpoints: list[EndpointState], prefix: PrefixMatch | None) -> Any:
    decision = schedule(endpoints, profile, rng=random.Random(1), prefix=prefix)
    return DecisionRecord(1, "req-1", 0.0, "ns", "pool", "m", decision, 12.0)


def test_decision_carries_every_candidates_scores_and_the_weights() -> None:
    # p-1: shortest queue and a 3/4 prefix hit; p-0: most free KV-cache; p-2: neither
    endpoints = [EndpointState("p-0", 4, 0.2), EndpointState("p-1", 0, 0.5),
                 EndpointState("p-2", 2, 0.9)]  # fmt: skip
    attrs = decision_only_attributes(_record(COMPOSITE, endpoints, PrefixMatch(4, {"p-1": 3})))
    assert attrs["ngf.epp.candidate_pods"] == ["p-1", "p-0", "p-2"]
    assert attrs["ngf.epp.candidate.score.queue"] == [1.0, 0.0, 0.5]
    assert attrs["ngf.epp.candidate.score.kv_cache"] == pytest.approx([0.5, 0.8, 0.1])
    assert attrs["ngf.epp.candidate.score.prefix"] == [0.75, 0.0, 0.0]
    assert attrs["ngf.epp.candidate.queue_depth"] == [0, 4, 2]
    assert attrs["ngf.epp.candidate.kv_cache_pct"] == [50.0, 20.0, 90.0]
    assert attrs["ngf.epp.candidate.prefix_matched_blocks"] == [3, 0, 0]
    weights = [cast("float", attrs[f"ngf.epp.weight.{s}"]) for s in ("queue", "kv_cache", "prefix")]
    assert weights == [0.4, 0.3, 0.3]
    raw = [cast("list[float]", attrs[f"ngf.epp.candidate.score.{s}"])
           for s in ("queue", "kv_cache", "prefix")]  # fmt: skip
    # each candidate's total is the sum of its clamped raw scores times the weights
    for i, total in enumerate(cast("list[float]", attrs["ngf.epp.candidate_scores"])):
        assert total == pytest.approx(sum(r[i] * w for r, w in zip(raw, weights, strict=True)))


def test_a_single_scorer_profile_sends_only_its_scorer() -> None:
    endpoints = [EndpointState("p-0", 4, 0.2), EndpointState("p-1", 0, 0.5)]
    attrs = decision_only_attributes(_record(profile_for("least_queue"), endpoints, None))
    assert attrs["ngf.epp.candidate.score.queue"] == [1.0, 0.0]
    assert attrs["ngf.epp.weight.queue"] == 1.0
    for absent in ("ngf.epp.candidate.score.kv_cache", "ngf.epp.candidate.score.prefix",
                   "ngf.epp.weight.kv_cache", "ngf.epp.weight.prefix"):  # fmt: skip
        assert absent not in attrs


Handler = Callable[[httpx.Request], httpx.Response]


def _ok(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=ExportLogsServiceResponse().SerializeToString())


def _exporter(handler: Handler, **options: int) -> tuple[OtlpLogExporter, list[float]]:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    client = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    extra = cast("dict[str, Any]", options)
    exporter = OtlpLogExporter("http://otlp/v1/logs", resource={"service.name": "sim"},
                               client=client, sleep=sleep, **extra)  # fmt: skip
    return exporter, slept


def _records(n: int) -> list[LogRecord]:
    return [LogRecord(event_name="ngf.access", time_unix_nano=i + 1) for i in range(n)]


@pytest.mark.asyncio
async def test_batches_by_max_batch_and_drops_the_oldest() -> None:
    bodies: list[ExportLogsServiceRequest] = []

    def handler(request: httpx.Request) -> httpx.Response:
        bodies.append(ExportLogsServiceRequest.FromString(request.content))
        assert request.headers["content-type"] == "application/x-protobuf"
        return _ok(request)

    exporter, _ = _exporter(handler, max_batch=2, max_queue=4)
    for record in _records(5):
        exporter.emit(record)
    await exporter.flush()
    await exporter.stop()
    sizes = [len(b.resource_logs[0].scope_logs[0].log_records) for b in bodies]
    assert sizes == [2, 2]
    first = bodies[0].resource_logs[0]
    assert first.resource.attributes[0].key == "service.name"
    assert first.scope_logs[0].log_records[0].time_unix_nano == 2  # record 1 was dropped
    assert (exporter.stats.sent, exporter.stats.dropped) == (4, 1)


@pytest.mark.asyncio
async def test_partial_success_is_counted() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        response = ExportLogsServiceResponse()
        response.partial_success.rejected_log_records = 1
        return httpx.Response(200, content=response.SerializeToString())

    exporter, _ = _exporter(handler)
    for record in _records(3):
        exporter.emit(record)
    await exporter.stop()
    assert (exporter.stats.sent, exporter.stats.rejected) == (2, 1)


@pytest.mark.asyncio
async def test_retryable_statuses_wait_then_give_up() -> None:
    answers = iter([httpx.Response(429, headers={"retry-after": "7"}), httpx.Response(503)])

    def handler(request: httpx.Request) -> httpx.Response:
        return next(answers, None) or _ok(request)

    exporter, slept = _exporter(handler)
    exporter.emit(_records(1)[0])
    await exporter.stop()
    assert slept == [7.0, 1.0]  # Retry-After, then backoff 0.5 * 2**1
    assert (exporter.stats.sent, exporter.stats.requests) == (1, 3)

    always: Handler = lambda request: httpx.Response(503)  # noqa: E731
    exporter, slept = _exporter(always, max_retries=2)
    exporter.emit(_records(1)[0])
    await exporter.stop()
    assert (exporter.stats.failed, exporter.stats.requests, len(slept)) == (1, 3, 2)


@pytest.mark.asyncio
async def test_a_400_is_not_retried_and_transport_errors_are() -> None:
    exporter, slept = _exporter(lambda request: httpx.Response(400, text="bad"))
    exporter.emit(_records(1)[0])
    await exporter.stop()
    assert (exporter.stats.failed, exporter.stats.requests, slept) == (1, 1, [])

    calls = iter([True])

    def flaky(request: httpx.Request) -> httpx.Response:
        if next(calls, False):
            raise httpx.ConnectError("refused")
        return _ok(request)

    exporter, slept = _exporter(flaky)
    exporter.emit(_records(1)[0])
    await exporter.stop()
    assert (exporter.stats.sent, slept) == (1, [0.5])


def test_exporter_from_env() -> None:
    assert exporter_from_env(environ={}) is None
    logs = exporter_from_env(environ={"OTEL_EXPORTER_OTLP_LOGS_ENDPOINT": "http://a/v1/logs"})
    base = exporter_from_env(environ={"OTEL_EXPORTER_OTLP_ENDPOINT": "http://b:4318/"})
    assert logs is not None
    assert logs.endpoint == "http://a/v1/logs"
    assert base is not None
    assert base.endpoint == "http://b:4318/v1/logs"


def _attrs(record: LogRecord) -> dict[str, object]:
    out: dict[str, object] = {}
    for kv in record.attributes:
        kind = kv.value.WhichOneof("value")
        value = getattr(kv.value, kind or "string_value")
        out[kv.key] = list(value.values) if kind == "array_value" else value
    return out


@pytest.mark.asyncio
async def test_fleet_telemetry_emits_decisions_and_completions() -> None:
    clock = ManualClock()
    pool = PoolConfig(name="llama", namespace="ns", engine=EngineConfig(max_num_seqs=2,
                      num_gpu_blocks=1024, max_model_len=8192), gpu_type="H100")  # fmt: skip
    fleet = Fleet(pool, gpu_profile=derive_profile(load_trace(default_trace_path())), clock=clock)
    await fleet.scale(2)
    exporter, _ = _exporter(_ok)
    FleetTelemetry(fleet, exporter, wall_ns=lambda: 1_000).attach()
    record, pod = fleet.epp.decide("a prompt " * 40, request_id="req-1")
    pod.engine.submit(SimRequest("req-1", 90, 5, (), clock.now()))
    pod.engine.advance(clock.now() + 10)
    decision, completion = exporter._queue
    assert (decision.event_name, completion.event_name) == (
        "ngf.epp.decision",
        "ngf.inference.request",
    )
    assert decision.trace_id == completion.trace_id
    assert len(decision.trace_id) == 16
    d, c = _attrs(decision), _attrs(completion)
    assert (d["k8s.pod.name"], d["ngf.request.id"], d["ngf.inference.pool"]) == (
        pod.name,
        "req-1",
        "llama",
    )
    assert d["ngf.epp.candidate_count"] == 2
    assert [v.string_value for v in d["ngf.epp.candidate_pods"]] == [  # type: ignore[attr-defined]
        cand.endpoint.name for cand in record.decision.candidates()]  # fmt: skip
    assert c["ngf.epp.reason"] == d["ngf.epp.reason"]
    assert (c["k8s.pod.name"], c["ngf.gpu.type"], c["gen_ai.usage.output_tokens"]) == (
        pod.name,
        "H100",
        5,
    )
    assert c["ngf.inference.ttft_ms"] == pytest.approx(
        c["ngf.inference.queue_ms"] + c["ngf.inference.prefill_ms"])  # type: ignore[operator]  # fmt: skip
    assert c["ngf.inference.total_ms"] == pytest.approx(
        c["ngf.inference.ttft_ms"] + c["ngf.inference.decode_ms"])  # type: ignore[operator]  # fmt: skip
    assert completion.time_unix_nano == 1_000
    await exporter.stop()
    await fleet.stop()


def test_exporter_headers_from_env() -> None:
    env = {"OTEL_EXPORTER_OTLP_ENDPOINT": "http://b:4318", "OTEL_EXPORTER_OTLP_HEADERS":
           "Authorization=Bearer%20abc, x-tenant = t%2C1 ,broken"}  # fmt: skip
    exporter = exporter_from_env(environ=env)
    assert exporter is not None
    assert exporter._headers["Authorization"] == "Bearer abc"
    assert exporter._headers["x-tenant"] == "t,1"
    assert "broken" not in exporter._headers
    logs_only = {**env, "OTEL_EXPORTER_OTLP_LOGS_HEADERS": "Authorization=Bearer%20logs"}
    chosen = exporter_from_env(environ=logs_only)
    assert chosen is not None
    assert chosen._headers["Authorization"] == "Bearer logs"
    assert parse_headers("") == {}


@pytest.mark.asyncio
async def test_exporter_sends_its_headers() -> None:
    seen: list[httpx.Headers] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers)
        return _ok(request)

    client = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    exporter = OtlpLogExporter("http://otlp/v1/logs", headers={"Authorization": "Bearer t"},
                               client=client)  # fmt: skip
    exporter.emit(_records(1)[0])
    await exporter.flush()
    await exporter.stop()
    assert seen[0]["authorization"] == "Bearer t"
    assert seen[0]["content-type"] == "application/x-protobuf"


@pytest.mark.asyncio
async def test_fleet_telemetry_with_a_gateway_emits_access_logs() -> None:
    clock = ManualClock()
    pool = PoolConfig(name="llama", namespace="ns", engine=EngineConfig(max_num_seqs=2,
                      num_gpu_blocks=1024, max_model_len=8192), gpu_type="H100")  # fmt: skip
    fleet = Fleet(pool, gpu_profile=derive_profile(load_trace(default_trace_path())), clock=clock)
    await fleet.scale(1)
    exporter, _ = _exporter(_ok)
    FleetTelemetry(fleet, exporter, wall_ns=lambda: 2_000, gateway="gw").attach()
    _, pod = fleet.epp.decide("a prompt " * 40, request_id="req-9")
    pod.engine.submit(SimRequest("req-9", 90, 5, (), clock.now()))
    pod.engine.advance(clock.now() + 10)
    events = [r.event_name for r in exporter._queue]
    assert events == ["ngf.epp.decision", "ngf.inference.request", "ngf.access"]
    completion, access = exporter._queue[1], exporter._queue[2]
    assert access.trace_id == completion.trace_id
    attrs = _attrs(access)
    assert (attrs["ngf.gateway"], attrs["ngf.route"], attrs["ngf.upstream.address"]) == (
        "gw", "llama", pod.name)  # fmt: skip
    assert (attrs["k8s.namespace.name"], attrs["ngf.request.id"]) == ("ns", "req-9")
    assert attrs["ngf.upstream.latency_ms"] == pytest.approx(
        _attrs(completion)["ngf.inference.total_ms"])  # fmt: skip
    await exporter.stop()
    await fleet.stop()


@pytest.mark.asyncio
async def test_stop_while_a_batch_is_in_flight_sends_every_record() -> None:
    in_flight, release = asyncio.Event(), asyncio.Event()
    received: list[int] = []

    async def slow(request: httpx.Request) -> httpx.Response:
        in_flight.set()
        await release.wait()
        body = ExportLogsServiceRequest.FromString(request.content)
        received.extend(r.time_unix_nano for r in body.resource_logs[0].scope_logs[0].log_records)
        return _ok(request)

    client = httpx.AsyncClient(transport=httpx.MockTransport(slow))
    exporter = OtlpLogExporter("http://otlp/v1/logs", client=client, max_batch=4,
                               flush_interval=0.01)  # fmt: skip
    exporter.start()
    for record in _records(6):
        exporter.emit(record)
    await in_flight.wait()  # the worker has taken a batch off the queue and is posting it
    stopping = asyncio.create_task(exporter.stop())
    await asyncio.sleep(0.05)
    release.set()
    await stopping
    assert sorted(received) == [1, 2, 3, 4, 5, 6]
    assert (exporter.stats.sent, exporter.stats.failed, exporter.queued) == (6, 0, 0)


@pytest.mark.asyncio
async def test_a_cancelled_send_puts_its_batch_back_in_front() -> None:
    async def hang(request: httpx.Request) -> httpx.Response:
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    client = httpx.AsyncClient(transport=httpx.MockTransport(hang))
    exporter = OtlpLogExporter("http://otlp/v1/logs", client=client, max_batch=2)
    for record in _records(3):
        exporter.emit(record)
    flushing = asyncio.create_task(exporter.flush())
    await asyncio.sleep(0.05)
    flushing.cancel()
    with pytest.raises(asyncio.CancelledError):
        await flushing
    assert exporter.queued == 3
    assert exporter.stats.sent == 0
    await client.aclose()
