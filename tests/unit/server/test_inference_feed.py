"""The live EPP decision feed: lean decisions read from stored payloads, one message per batch.

Matrix:

* a live decision equals the REST conversion (`decision_fields` of `rows_of`'s row) in every
  field but `candidates`, which is `[]` — table-driven: the pick first or second among the
  candidates, a lone candidate (no runner-up), a prefix hit, with and without per-candidate
  scorer scores (weights null or per scorer), a record without a trace id or time;
* it validates as the REST model `EppDecision`;
* a decision's live size does not grow with its candidates;
* namespace/pool from the resource's attributes; other pools and other events skipped;
* a flush sends each watching client the same once-encoded message with `sentAt`; nothing is
  sent for a quiet interval; a client that unsubscribed gets nothing.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import ExportLogsServiceRequest
from opentelemetry.proto.common.v1.common_pb2 import AnyValue, KeyValue
from opentelemetry.proto.logs.v1.logs_pb2 import LogRecord, ResourceLogs, ScopeLogs
from opentelemetry.proto.resource.v1.resource_pb2 import Resource

from ngf_console.analytics.otlp import attributes as a
from ngf_console.analytics.schema.decisions import EPP_DECISIONS
from ngf_console.server.hub import TEXT, Hub
from ngf_console.server.inference_decisions import decision_fields
from ngf_console.server.inference_feed import EppFeed, live_decisions
from ngf_console.server.routers.inference_models import EppDecision
from ngf_console.sim.otlp_records import Attr, log_record
from tests.unit.analytics.reference_rows import rows_of

NS, POOL = "team-a", "pool-a"
NOW_NS = 1_790_000_000_123_456_789


def make_decision(
    picked: str = "pod-1",
    pods: int = 4,
    *,
    details: bool = True,
    extra: dict[str, Attr] | None = None,
) -> dict[str, Attr]:
    """A decision among `pods` candidates, best first, the pick's score the best."""
    names = [f"pod-{k}" for k in range(pods)]
    totals = [0.9 - 0.05 * k for k in range(pods)]
    attrs: dict[str, Attr] = {
        a.K8S_NAMESPACE: NS, a.POOL: POOL, a.MODEL: "llama", a.K8S_POD: picked,
        a.REQUEST_ID: "req-1", a.EPP_REASON: "least_queue", a.EPP_LATENCY_US: 41.5,
        a.EPP_CANDIDATE_COUNT: pods, a.EPP_TIED_COUNT: 1, a.EPP_QUEUE_DEPTH: 2,
        a.EPP_KV_CACHE_PCT: 45.5, a.EPP_PREFIX_HIT: False,
        a.EPP_SCORE_QUEUE: 0.5, a.EPP_SCORE_KV_CACHE: 0.25, a.EPP_SCORE_PREFIX: 0.125,
        a.EPP_SCORE_TOTAL: 0.875, a.EPP_CANDIDATE_PODS: names, a.EPP_CANDIDATE_SCORES: totals,
    }  # fmt: skip
    if details:
        attrs |= {
            a.EPP_CANDIDATE_QUEUE_SCORES: [1.0 - 0.1 * k for k in range(pods)],
            a.EPP_CANDIDATE_KV_CACHE_SCORES: [0.5] * pods,
            a.EPP_CANDIDATE_PREFIX_SCORES: [],  # not in the profile
            a.EPP_CANDIDATE_QUEUE_DEPTHS: [float(k) for k in range(pods)],
            a.EPP_CANDIDATE_KV_CACHE_PCTS: [40.0] * pods,
            a.EPP_CANDIDATE_PREFIX_MATCHED_BLOCKS: [0.0] * pods,
            a.EPP_WEIGHT_QUEUE: 1.0, a.EPP_WEIGHT_KV_CACHE: 2.0, a.EPP_WEIGHT_PREFIX: 3.0,
        }  # fmt: skip
    return attrs | (extra or {})


def payload(*records: LogRecord, resource: dict[str, str] | None = None) -> bytes:
    kvs = [KeyValue(key=k, value=AnyValue(string_value=v)) for k, v in (resource or {}).items()]
    logs = ResourceLogs(resource=Resource(attributes=kvs),
                        scope_logs=[ScopeLogs(log_records=list(records))])  # fmt: skip
    return bytes(ExportLogsServiceRequest(resource_logs=[logs]).SerializeToString())


def decision_record(attrs: dict[str, Attr], time_ns: int = NOW_NS, trace: bytes = b"") -> LogRecord:
    return log_record(a.EVENT_EPP_DECISION, time_ns, attrs, trace)


PREFIX_HIT: dict[str, Attr] = {
    a.EPP_PREFIX_HIT: True,
    a.EPP_PREFIX_MATCHED_BLOCKS: 3,
    a.EPP_PREFIX_TOTAL_BLOCKS: 4,
}
CASES = {
    "pick-second": (make_decision("pod-1"), NOW_NS, bytes(range(16))),
    "pick-first": (make_decision("pod-0"), NOW_NS, b""),
    "lone-candidate": (make_decision("pod-0", pods=1), NOW_NS, b""),
    "prefix-hit": (make_decision(extra=PREFIX_HIT), NOW_NS, b""),
    "no-scorer-details": (make_decision(details=False), NOW_NS, b""),
    "no-time": (make_decision(), 0, b""),
}


@pytest.mark.parametrize(("attrs", "time_ns", "trace"), CASES.values(), ids=CASES.keys())
def test_live_decision_is_the_rest_decision_without_candidates(
    attrs: dict[str, Attr], time_ns: int, trace: bytes
) -> None:
    body = payload(decision_record(attrs, time_ns, trace))
    [row] = rows_of(body, EPP_DECISIONS)
    rest = decision_fields(row)
    [live] = live_decisions(body, [(NS, POOL)])
    assert live["candidates"] == []
    assert live["candidateCount"] == rest["candidateCount"] > 0
    assert {**live, "candidates": rest["candidates"]} == rest  # summary and weights included
    EppDecision.model_validate(live)


def test_summary_names_the_runner_up() -> None:
    [live] = live_decisions(payload(decision_record(make_decision("pod-1"))), [(NS, POOL)])
    assert "score 0.875, -0.025 over pod-0" in live["summary"]  # pod-0 first, at 0.9
    [lone] = live_decisions(payload(decision_record(make_decision("pod-0", 1))), [(NS, POOL)])
    assert " over " not in lone["summary"]


def test_live_size_does_not_grow_with_candidates() -> None:
    few = list(live_decisions(payload(decision_record(make_decision(pods=2))), [(NS, POOL)]))
    many = list(live_decisions(payload(decision_record(make_decision(pods=200))), [(NS, POOL)]))
    few_size, many_size = len(json.dumps(few)), len(json.dumps(many))
    assert abs(many_size - few_size) <= 4  # the candidate count's digits only


def test_pool_from_resource_attributes_and_others_skipped() -> None:
    shared = {a.K8S_NAMESPACE: NS, a.POOL: POOL}
    mine = {k: v for k, v in make_decision().items() if k not in shared}
    other = make_decision() | {a.POOL: "other-pool"}
    inference = log_record(a.EVENT_INFERENCE, NOW_NS, {a.POOL: POOL}, b"")
    body = payload(decision_record(mine), decision_record(other), inference, resource=shared)
    live = list(live_decisions(body, [(NS, POOL)]))
    assert [(d["namespace"], d["pool"], d["requestId"]) for d in live] == [(NS, POOL, "req-1")]


@pytest.mark.asyncio
async def test_flush_sends_every_client_the_same_encoded_batch() -> None:
    hub, feed = Hub(queue_size=4), EppFeed(interval=60)
    first, second, gone = hub.subscribe(), hub.subscribe(), hub.subscribe()
    for subscriber in (first, second, gone):
        feed.subscribe(NS, POOL, "stack-a", subscriber)
    feed.unsubscribe(NS, POOL, "stack-a", gone)
    feed.flush()  # nothing pending: nothing sent
    ids = [f"req-{i}" for i in range(3)]
    before = time.time()
    feed.publish(payload(*(decision_record(make_decision(extra={a.REQUEST_ID: i})) for i in ids)))
    feed.flush()
    a_message, b_message = first.queue.get_nowait(), second.queue.get_nowait()
    assert a_message is b_message  # encoded once for every client
    assert a_message is not None
    message: dict[str, Any] = json.loads(a_message[TEXT])
    assert message | {"decisions": [], "sentAt": 0} == {
        "type": "decisions", "namespace": NS, "name": "stack-a", "pool": POOL,
        "sentAt": 0, "decisions": [],
    }  # fmt: skip
    assert before <= message["sentAt"] <= time.time()
    assert [d["requestId"] for d in message["decisions"]] == ids
    assert (first.queue.empty(), gone.queue.empty()) == (True, True)
    await feed.close()
