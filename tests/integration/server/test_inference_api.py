"""The inference metrics API over a known synthetic dataset ingested through `POST /v1/logs`.

Against the session API server (real local control plane, real chDB). Matrix:

* OTLP receiver: no token 401, a persona without `create otlplogs` 403, the telemetry
  writer 200 — half of the dataset as protobuf, half as JSON;
* summary, pool, TTFT (series + histogram), decisions (pages, cursor, scores) and cost agree
  with figures computed here from the same records;
* a bad time range, step or cursor is a 422 naming the parameter;
* the EPP WebSocket receives a batch of what the receiver stored, with every scorer's score.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import statistics
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from lightkube.models.meta_v1 import ObjectMeta
from lightkube.models.rbac_v1 import PolicyRule
from lightkube.resources.rbac_authorization_v1 import ClusterRole
from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import ExportLogsServiceRequest
from opentelemetry.proto.logs.v1.logs_pb2 import LogRecord, ResourceLogs, ScopeLogs
from websockets.sync.client import connect

from ngf_console.analytics.otlp import attributes as a
from ngf_console.analytics.queries.inference import TTFT_EDGES_MS
from ngf_console.devcluster import process
from ngf_console.server import catalog
from ngf_console.server.settings import DEFAULT_GPU_PRICES
from ngf_console.sim.otlp_records import Attr, log_record
from tests.integration.server.bodies import create_body
from tests.integration.server.conftest import Personas
from tests.integration.server.harness import Identity, ServerThread, admin_client, make_identity

pytestmark = pytest.mark.integration

PODS = ("pod-0", "pod-1", "pod-2", "pod-3")
REASONS = ("least_queue", "kv_available", "prefix_hit")
ROLE = "test-otlp-writer"


@dataclass(frozen=True)
class Dataset:
    namespace: str
    pool: str
    start: int  # Unix seconds, aligned to the hour
    inference: list[dict[str, Attr]]
    inference_times: list[int]
    decisions: list[dict[str, Attr]]
    decision_times: list[int]

    @property
    def params(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.start + 3600, "step": 60}


def _inference(ns: str, pool: str, i: int) -> dict[str, Attr]:
    ttft = 50.0 + (i % 10) * 20
    return {
        a.K8S_NAMESPACE: ns, a.POOL: pool, a.MODEL: "model-a", a.K8S_POD: PODS[i % 4],
        a.REQUEST_ID: f"req-{i}", a.TTFT_MS: ttft, a.TOTAL_MS: ttft + 1000.0,
        a.QUEUE_MS: 10.0, a.PREFILL_MS: ttft - 10.0, a.DECODE_MS: 1000.0,
        a.INPUT_TOKENS: 500, a.OUTPUT_TOKENS: 100 + i % 7, a.CACHED_TOKENS: 250 if i % 2 else 0,
        a.TOKENS_PER_SECOND: 99.0, a.EPP_PREFIX_HIT: i % 2 == 1,
        a.HTTP_STATUS: 500 if i % 25 == 0 else 200,
    }  # fmt: skip


def _decision(ns: str, pool: str, j: int) -> dict[str, Attr]:
    queue, kv, prefix = 0.5 * (j % 2), 0.25, 0.125
    total = queue + kv + prefix
    picked, other = PODS[j % 3], PODS[3]
    return {
        a.K8S_NAMESPACE: ns, a.POOL: pool, a.MODEL: "model-a", a.K8S_POD: picked,
        a.REQUEST_ID: f"dec-{j:03d}", a.EPP_REASON: REASONS[j % 3], a.EPP_LATENCY_US: 40.0 + j,
        a.EPP_CANDIDATE_COUNT: 2, a.EPP_TIED_COUNT: 1, a.EPP_QUEUE_DEPTH: j % 5,
        a.EPP_KV_CACHE_PCT: 30.0, a.EPP_PREFIX_HIT: j % 3 == 2,
        a.EPP_PREFIX_MATCHED_BLOCKS: 3 if j % 3 == 2 else 0, a.EPP_PREFIX_TOTAL_BLOCKS: 4,
        a.EPP_SCORE_QUEUE: queue, a.EPP_SCORE_KV_CACHE: kv, a.EPP_SCORE_PREFIX: prefix,
        a.EPP_SCORE_TOTAL: total, a.EPP_CANDIDATE_PODS: [picked, other],
        a.EPP_CANDIDATE_SCORES: [total, total - 0.1],
    }  # fmt: skip


def _protobuf(records: list[LogRecord]) -> bytes:
    scope = ScopeLogs(log_records=records)
    request = ExportLogsServiceRequest(resource_logs=[ResourceLogs(scope_logs=[scope])])
    return bytes(request.SerializeToString())


def _json_value(v: Attr) -> dict[str, Any]:
    if isinstance(v, bool):
        return {"boolValue": v}
    if isinstance(v, int):
        return {"intValue": str(v)}
    if isinstance(v, float):
        return {"doubleValue": v}
    if isinstance(v, str):
        return {"stringValue": v}
    return {"arrayValue": {"values": [_json_value(x) for x in v]}}


def _json(records: list[tuple[str, int, dict[str, Attr]]]) -> bytes:
    logs = [
        {"timeUnixNano": str(t * 10**9), "eventName": event, "traceId": uuid.uuid4().hex,
         "attributes": [{"key": k, "value": _json_value(v)} for k, v in attrs.items()]}
        for event, t, attrs in records
    ]  # fmt: skip
    return json.dumps({"resourceLogs": [{"scopeLogs": [{"logRecords": logs}]}]}).encode()


def _writer(kubeconfig: Any, namespace: str) -> Identity:
    role = ClusterRole(
        metadata=ObjectMeta(name=ROLE),
        rules=[PolicyRule(apiGroups=["ngf-console.f5.com"], resources=["otlplogs"],
                          verbs=["create"])],
    )  # fmt: skip
    with admin_client(kubeconfig) as client:
        client.apply(role, force=True)
    return make_identity(kubeconfig, namespace, f"otlp-{uuid.uuid4().hex[:6]}", ROLE)


@pytest.fixture(scope="module")
def writer(local_cluster: process.Cluster, personas: Personas) -> Identity:
    return _writer(local_cluster.kubeconfig, personas.admin.namespace)


def _post(
    api: ServerThread, identity: Identity | None, body: bytes, content_type: str
) -> httpx.Response:
    headers = {"content-type": content_type, **(identity.headers() if identity else {})}
    return httpx.post(f"{api.url}/v1/logs", content=body, headers=headers, timeout=60)


@pytest.fixture(scope="module")
def dataset(api: ServerThread, writer: Identity) -> Dataset:
    ns, pool = f"inf-{uuid.uuid4().hex[:6]}", "pool-a"
    start = int(time.time()) // 3600 * 3600 - 7200
    inference = [_inference(ns, pool, i) for i in range(200)]
    inference_times = [start + 1 + i * 15 for i in range(200)]
    decisions = [_decision(ns, pool, j) for j in range(120)]
    decision_times = [start + 3 + j * 25 for j in range(120)]
    half_i, half_d = len(inference) // 2, len(decisions) // 2
    proto = [
        log_record(a.EVENT_INFERENCE, t * 10**9, r, b"")
        for r, t in zip(inference[:half_i], inference_times[:half_i], strict=True)
    ]
    proto += [
        log_record(a.EVENT_EPP_DECISION, t * 10**9, r, b"")
        for r, t in zip(decisions[:half_d], decision_times[:half_d], strict=True)
    ]
    as_json = [
        (a.EVENT_INFERENCE, t, r)
        for r, t in zip(inference[half_i:], inference_times[half_i:], strict=True)
    ]
    as_json += [(a.EVENT_EPP_DECISION, t, r) for r, t in
                zip(decisions[half_d:], decision_times[half_d:], strict=True)]  # fmt: skip
    response = _post(api, writer, _protobuf(proto), "application/x-protobuf")
    assert response.status_code == 200, response.text
    response = _post(api, writer, _json(as_json), "application/json")
    assert response.status_code == 200, response.text
    assert "rejectedLogRecords" not in response.text
    return Dataset(ns, pool, start, inference, inference_times, decisions, decision_times)


def test_receiver_refuses_without_permission(api: ServerThread, personas: Personas) -> None:
    body = _protobuf([])
    assert _post(api, None, body, "application/x-protobuf").status_code == 401
    refused = _post(api, personas.admin, body, "application/x-protobuf")
    assert refused.status_code == 403
    assert "otlplogs" in refused.content.decode(errors="replace")


def _ok(records: list[dict[str, Attr]]) -> list[dict[str, Attr]]:
    return [r for r in records if r[a.HTTP_STATUS] == 200]


def test_summary_matches_dataset(dataset: Dataset, http: httpx.Client) -> None:
    response = http.get("/api/v1/inference/metrics/summary",
                        params={**dataset.params, "namespace": dataset.namespace})  # fmt: skip
    assert response.status_code == 200, response.text
    body = response.json()
    overall = body["overall"]
    ok = _ok(dataset.inference)
    assert overall["requests"] == 200
    assert overall["errors"] == 200 - len(ok)
    tokens = sum(int(str(r[a.OUTPUT_TOKENS])) for r in dataset.inference)
    assert overall["tokensPerSecond"] == pytest.approx(tokens / 3600)
    assert overall["prefixHitRate"] == pytest.approx(0.5)
    ttfts = [float(str(r[a.TTFT_MS])) for r in ok]
    assert overall["ttftAvgMs"] == pytest.approx(statistics.mean(ttfts))
    assert overall["ttftP50Ms"] == pytest.approx(statistics.median(ttfts), rel=0.15)
    assert [m["model"] for m in body["models"]] == ["model-a"]
    decisions = body["decisions"]
    assert decisions["total"] == 120
    assert decisions["byPod"] == dict(Counter(PODS[j % 3] for j in range(120)))
    assert decisions["byReason"] == {reason: 40 for reason in REASONS}


def test_pool_metrics_match_dataset(dataset: Dataset, http: httpx.Client) -> None:
    path = f"/api/v1/inference/metrics/pool/{dataset.namespace}/{dataset.pool}"
    response = http.get(path, params=dataset.params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["pool"] == dataset.pool
    assert body["window"]["step"] == 60
    assert sum(p["requests"] for p in body["requests"]) == 200
    assert sum(p["serverErrors"] for p in body["requests"]) == 8
    assert sum(p["requests"] for p in body["ttft"]) == len(_ok(dataset.inference))
    assert {p["queueMs"] for p in body["latency"]} == {10.0}
    assert {p["decodeMs"] for p in body["latency"]} == {1000.0}
    per_pod = Counter[str]()
    for point in body["tokensPerSecondByPod"]:
        per_pod[point["pod"]] += point["tokensPerSecond"] * 60
    expected = Counter[str]()
    for r in dataset.inference:
        expected[str(r[a.K8S_POD])] += int(str(r[a.OUTPUT_TOKENS]))
    assert {k: round(v) for k, v in per_pod.items()} == dict(expected)
    assert body["decisions"]["total"] == 120
    assert body["live"] is None  # no Prometheus configured for this server


def test_ttft_histogram_counts_every_successful_request(
    dataset: Dataset, http: httpx.Client
) -> None:
    path = f"/api/v1/inference/metrics/ttft/{dataset.namespace}/{dataset.pool}"
    response = http.get(path, params=dataset.params)
    assert response.status_code == 200, response.text
    histogram = response.json()["histogram"]
    assert [b["lowerMs"] for b in histogram] == list(TTFT_EDGES_MS)
    expected = Counter[float]()
    for r in _ok(dataset.inference):
        ttft = float(str(r[a.TTFT_MS]))
        expected[max(e for e in TTFT_EDGES_MS if e <= ttft)] += 1
    assert {b["lowerMs"]: b["count"] for b in histogram if b["count"]} == dict(expected)


def test_decisions_page_newest_first_with_scores(dataset: Dataset, http: httpx.Client) -> None:
    path = f"/api/v1/inference/metrics/epp/{dataset.namespace}/{dataset.pool}"
    seen: list[dict[str, Any]] = []
    cursor = None
    for _ in range(5):
        params = {**dataset.params, "limit": 50, **({"cursor": cursor} if cursor else {})}
        response = http.get(path, params=params)
        assert response.status_code == 200, response.text
        page = response.json()
        seen += page["items"]
        cursor = page["nextCursor"]
        if cursor is None:
            break
    assert [d["requestId"] for d in seen] == [f"dec-{j:03d}" for j in reversed(range(120))]
    newest = seen[0]
    j = 119
    assert newest["pickedPod"] == PODS[j % 3]
    assert newest["reason"] == REASONS[j % 3]
    assert newest["scores"] == {"queue": 0.5, "kvCache": 0.25, "prefix": 0.125, "total": 0.875}
    # a sender without per-candidate scores: totals only, the rest null
    nulls = {"scores": None, "queueDepth": None, "kvCachePct": None, "prefixMatchedBlocks": None}
    assert newest["candidates"] == [
        {"pod": PODS[j % 3], "score": 0.875, **nulls},
        {"pod": PODS[3], "score": pytest.approx(0.775), **nulls},
    ]
    assert newest["weights"] is None
    assert newest["summary"].startswith(f"Selected {PODS[j % 3]} of 2")
    assert dt.datetime.fromisoformat(newest["timestamp"]).timestamp() == dataset.decision_times[j]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "2026-01-02T00:00:00Z", "end": "2026-01-01T00:00:00Z"}, "query.end"),
        ({"start": "1900-01-01T00:00:00Z"}, "query.start"),
        ({"start": "2025-01-01T00:00:00Z", "end": "2026-06-01T00:00:00Z"}, "query.start"),
        ({"start": "2026-01-01T00:00:00Z", "end": "2026-01-02T00:00:00Z", "step": 1}, "query.step"),
        ({"step": 0}, "query.step"),
        ({"start": "yesterday"}, "query.start"),
    ],
    ids=["end-before-start", "before-1970", "over-400-days", "too-many-points", "zero-step",
         "not-a-time"],
)  # fmt: skip
def test_bad_time_range_is_422_naming_it(
    params: dict[str, Any], field: str, http: httpx.Client
) -> None:
    response = http.get("/api/v1/inference/metrics/summary", params=params)
    assert response.status_code == 422, response.text
    assert field in [c["field"] for c in response.json()["causes"]]


def test_bad_cursor_is_422(http: httpx.Client) -> None:
    response = http.get("/api/v1/inference/metrics/epp/ns/pool", params={"cursor": "%%%"})
    assert response.status_code == 422, response.text
    assert response.json()["causes"][0]["field"] == "query.cursor"


def test_gpu_and_pods_without_prometheus_say_so(http: httpx.Client) -> None:
    gpu = http.get("/api/v1/inference/metrics/gpu")
    assert gpu.status_code == 200, gpu.text
    assert gpu.json()["available"] is False
    pods = http.get("/api/v1/inference/metrics/pool/ns/pool/pods")
    assert pods.json() | {"pods": []} == pods.json()
    assert pods.json()["available"] is False


def _subprotocol(identity: Identity) -> list[Any]:
    raw = base64.urlsafe_b64encode(identity.token.encode()).decode().rstrip("=")
    return [f"base64url.bearer.authorization.k8s.io.{raw}"]


def test_epp_websocket_streams_what_was_stored(
    api: ServerThread, personas: Personas, writer: Identity
) -> None:
    ns, pool = f"ws-{uuid.uuid4().hex[:6]}", "live-pool"
    url = f"ws://127.0.0.1:{api.port}/api/v1/ws/inference/epp/{ns}/{pool}"
    now = int(time.time())
    records = [_decision(ns, pool, j) for j in range(5)]
    with connect(url, subprotocols=_subprotocol(personas.viewer), proxy=None) as ws:
        hello = json.loads(ws.recv(timeout=30))
        assert hello == {"type": "subscribed", "namespace": ns, "name": pool, "pool": pool,
                         "intervalSeconds": 1.0}  # fmt: skip
        body = _protobuf([log_record(a.EVENT_EPP_DECISION, now * 10**9, r, b"") for r in records])
        assert _post(api, writer, body, "application/x-protobuf").status_code == 200
        received: list[dict[str, Any]] = []
        while len(received) < len(records):
            message = json.loads(ws.recv(timeout=30))
            assert message["type"] == "decisions"
            assert message["pool"] == pool
            received += message["decisions"]
    assert [d["requestId"] for d in received] == [f"dec-{j:03d}" for j in range(5)]
    first = received[1]
    assert first["scores"] == {"queue": 0.5, "kvCache": 0.25, "prefix": 0.125, "total": 0.875}
    assert first["pickedPod"] == PODS[1]
    assert first["reason"] == REASONS[1]


def test_cost_of_a_stack(http: httpx.Client, personas: Personas) -> None:
    ns, name = personas.scoped_namespace, f"cost-{uuid.uuid4().hex[:6]}"
    created = http.post(
        "/api/v1/inferencestacks", json=create_body(catalog.parent("InferenceStack"), ns, name)
    )
    assert created.status_code == 201, created.text
    spec = created.json()["spec"]
    assert (spec["model"]["gpuType"], spec["model"]["gpusPerPod"]) == ("L40S", 2)
    path = f"/api/v1/inference/metrics/cost/{ns}/{name}"
    response = http.get(path, params={"start": 0, "end": 7200})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["currency"] == "USD"
    (pool,) = body["pools"]
    replicas = pool["replicas"]
    assert replicas == spec["pool"]["replicas"]  # no status yet: the desired size
    assert pool["pricePerGpuHour"] == DEFAULT_GPU_PRICES["L40S"]
    assert pool["hourly"] == pytest.approx(replicas * 2 * DEFAULT_GPU_PRICES["L40S"])
    assert pool["daily"] == pytest.approx(pool["hourly"] * 24)
    assert body["rangeCost"] == pytest.approx(pool["hourly"] * 2)
    assert body["unpricedGpuTypes"] == []
