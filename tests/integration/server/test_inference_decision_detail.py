"""One EPP decision in full: OTLP in through `POST /v1/logs`, out of
`GET /api/v1/inference/metrics/epp/{ns}/{name}/decisions/{requestId}`.

Against the session API server (real local control plane, real chDB). The decisions are
made by the EPP model (`inference.epp.schedule`, composite and single-scorer profiles) and
their attributes built by the simulator's producer (`sim.otlp_records`), so this is the
path the demo takes. Matrix:

* protobuf and JSON payloads round-trip: every candidate's total, each scorer's raw and
  weighted score, queue depth, KV-cache % and matched prefix blocks, and the profile's
  weights equal the decision's own figures; a scorer the profile does not run is null;
* the lookup with the decision's time (`at`) and without it find the same decision;
* the page of decisions carries the same per-candidate scores;
* an unknown request id, or a known one asked for at another time, is a 404 that says what
  to do; an `at` outside 1970-2200 is a 422 naming `query.at`.
"""

from __future__ import annotations

import datetime as dt
import random
import time
import uuid
from typing import Any

import httpx
import pytest

from ngf_console.analytics.otlp import attributes as a
from ngf_console.devcluster import process
from ngf_console.inference.epp import Decision, EndpointState, schedule
from ngf_console.inference.prefix import PrefixMatch
from ngf_console.inference.profile import SPEC_COMPOSITE_WEIGHTS, composite_profile, profile_for
from ngf_console.inference.scorers import KV_CACHE_SCORER, PREFIX_CACHE_SCORER, QUEUE_SCORER
from ngf_console.sim.decisions import DecisionRecord
from ngf_console.sim.otlp_records import Attr, decision_only_attributes, log_record
from tests.integration.server.conftest import Personas
from tests.integration.server.harness import Identity, ServerThread
from tests.integration.server.test_inference_api import _json, _post, _protobuf, _writer

pytestmark = pytest.mark.integration

API_KEYS = {QUEUE_SCORER: "queue", KV_CACHE_SCORER: "kvCache", PREFIX_CACHE_SCORER: "prefix"}
ENDPOINTS = [EndpointState("pod-0", 4, 0.2), EndpointState("pod-1", 0, 0.55),
             EndpointState("pod-2", 2, 0.9), EndpointState("pod-3", 7, 0.05)]  # fmt: skip


def _record(request_id: str, decision: Decision, at: float, ns: str, pool: str) -> DecisionRecord:
    return DecisionRecord(1, request_id, at, ns, pool, "model-a", decision, 25.0)


def _attrs(record: DecisionRecord) -> dict[str, Attr]:
    d = record.decision
    return {
        a.K8S_NAMESPACE: record.namespace, a.POOL: record.pool, a.MODEL: record.model,
        a.K8S_POD: d.picked_name, a.REQUEST_ID: record.request_id,
        a.EPP_REASON: "composite", a.EPP_LATENCY_US: record.latency_us,
        a.EPP_CANDIDATE_COUNT: len(d.endpoints), **decision_only_attributes(record),
    }  # fmt: skip


@pytest.fixture(scope="module")
def writer(local_cluster: process.Cluster, personas: Personas) -> Identity:
    return _writer(local_cluster.kubeconfig, personas.admin.namespace)


@pytest.fixture(scope="module")
def stored(api: ServerThread, writer: Identity) -> dict[str, Any]:
    """Two composite decisions (protobuf, JSON) and a queue-only one, in a fresh pool."""
    ns, pool = f"why-{uuid.uuid4().hex[:6]}", "pool-why"
    now = round(time.time() - 60, 3)
    composite = composite_profile(SPEC_COMPOSITE_WEIGHTS)
    prefix = PrefixMatch(4, {"pod-1": 3, "pod-2": 1})
    records = [
        _record("why-proto", schedule(ENDPOINTS, composite, rng=random.Random(1), prefix=prefix),
                now, ns, pool),
        _record("why-json", schedule(ENDPOINTS, composite, rng=random.Random(2), prefix=prefix),
                now + 1.5, ns, pool),
        _record("why-queue", schedule(ENDPOINTS, profile_for("least_queue"),
                                      rng=random.Random(3)), now + 2, ns, pool),
    ]  # fmt: skip
    proto = [log_record(a.EVENT_EPP_DECISION, round(r.timestamp * 1e9), _attrs(r), b"")
             for r in (records[0], records[2])]  # fmt: skip
    response = _post(api, writer, _protobuf(proto), "application/x-protobuf")
    assert response.status_code == 200, response.text
    # JSON carries whole seconds here (`_json` takes Unix seconds)
    as_json = records[1]
    as_json = _record(as_json.request_id, as_json.decision, int(as_json.timestamp), ns, pool)
    records[1] = as_json
    response = _post(api, writer, _json([(a.EVENT_EPP_DECISION, int(as_json.timestamp),
                                          _attrs(as_json))]), "application/json")  # fmt: skip
    assert response.status_code == 200, response.text
    assert "rejectedLogRecords" not in response.text
    return {"namespace": ns, "pool": pool, "records": {r.request_id: r for r in records}}


def _path(stored: dict[str, Any], request_id: str) -> str:
    return (f"/api/v1/inference/metrics/epp/{stored['namespace']}/{stored['pool']}"
            f"/decisions/{request_id}")  # fmt: skip


def _get(http: httpx.Client, path: str, **params: Any) -> httpx.Response:
    deadline = time.monotonic() + 30  # the receiver batches inserts: wait for the rows
    while True:
        response = http.get(path, params=params)
        if response.status_code != 404 or time.monotonic() > deadline:
            return response
        time.sleep(0.5)


def _expected_candidates(decision: Decision) -> list[dict[str, Any]]:
    weights = {c.scorer: c.weight for c in decision.columns}
    out = []
    for c in decision.candidates():
        scores: dict[str, Any] = dict.fromkeys(API_KEYS.values())
        for s in c.scores:
            raw, weighted = pytest.approx(s.raw, abs=1e-6), pytest.approx(s.weighted, abs=1e-6)
            scores[API_KEYS[s.scorer]] = {"raw": raw, "weighted": weighted}
        assert set(weights) == {s.scorer for s in c.scores}
        out.append({
            "pod": c.endpoint.name, "score": pytest.approx(c.total, abs=1e-6), "scores": scores,
            "queueDepth": c.endpoint.waiting_queue_size,
            "kvCachePct": pytest.approx(c.endpoint.kv_cache_usage * 100, abs=1e-3),
            "prefixMatchedBlocks": c.prefix_matched_blocks,
        })  # fmt: skip
    return out


@pytest.mark.parametrize("request_id", ["why-proto", "why-json", "why-queue"])
def test_a_stored_decision_round_trips_in_full(
    stored: dict[str, Any], http: httpx.Client, request_id: str
) -> None:
    record: DecisionRecord = stored["records"][request_id]
    decision = record.decision
    at = dt.datetime.fromtimestamp(record.timestamp, dt.UTC).isoformat()
    response = _get(http, _path(stored, request_id), at=at)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["requestId"] == request_id
    assert body["pickedPod"] == decision.picked_name
    assert dt.datetime.fromisoformat(body["timestamp"]).timestamp() == pytest.approx(
        record.timestamp, abs=1e-3
    )
    expected_weights = dict.fromkeys(API_KEYS.values())
    expected_weights |= {API_KEYS[c.scorer]: c.weight for c in decision.columns}
    assert body["weights"] == expected_weights
    assert body["candidates"] == _expected_candidates(decision)
    assert body["candidateCount"] == len(ENDPOINTS)
    # without the time, the lookup reads the whole pool and finds the same decision
    assert http.get(_path(stored, request_id)).json() == body


def test_the_page_carries_the_same_candidate_scores(
    stored: dict[str, Any], http: httpx.Client
) -> None:
    record = stored["records"]["why-proto"]
    detail = _get(http, _path(stored, "why-proto")).json()
    start = int(record.timestamp) - 60
    page = http.get(f"/api/v1/inference/metrics/epp/{stored['namespace']}/{stored['pool']}",
                    params={"start": start, "end": start + 300}).json()  # fmt: skip
    listed = next(d for d in page["items"] if d["requestId"] == "why-proto")
    assert listed == detail


def test_unknown_decision_is_a_404_saying_what_to_do(
    stored: dict[str, Any], http: httpx.Client
) -> None:
    _get(http, _path(stored, "why-proto"))  # the pool's rows are stored
    response = http.get(_path(stored, "no-such-request"))
    assert response.status_code == 404, response.text
    message = response.json()["message"]
    assert "no-such-request" in message
    assert "try again" in message
    far = http.get(_path(stored, "why-proto"), params={"at": "2026-01-01T00:00:00Z"})
    assert far.status_code == 404, far.text
    assert "near 2026-01-01T00:00:00+00:00" in far.json()["message"]


def test_an_impossible_time_is_a_422_naming_it(stored: dict[str, Any], http: httpx.Client) -> None:
    response = http.get(_path(stored, "why-proto"), params={"at": "1900-01-01T00:00:00Z"})
    assert response.status_code == 422, response.text
    assert response.json()["causes"][0]["field"] == "query.at"
