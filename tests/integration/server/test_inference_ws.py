"""The live EPP decision WebSocket under the session API server (real control plane, chDB).

Matrix:

* a live decision is the REST API's decision in full (`GET …/decisions/{requestId}`, read
  back from ClickHouse) with `candidates: []` — the same summary, scores and weights;
* a client that stops reading is dropped (the hub counts it; reading again, it finds the
  connection closed before it got every batch) while a client that keeps reading receives
  every decision posted meanwhile.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from lightkube.models.meta_v1 import ObjectMeta
from lightkube.models.rbac_v1 import PolicyRule
from lightkube.resources.rbac_authorization_v1 import ClusterRole
from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import ExportLogsServiceRequest
from opentelemetry.proto.logs.v1.logs_pb2 import ResourceLogs, ScopeLogs
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from ngf_console.analytics.otlp import attributes as a
from ngf_console.devcluster import process
from ngf_console.server.context import AppContext
from ngf_console.sim.otlp_records import Attr, log_record
from tests.integration.server.conftest import Personas
from tests.integration.server.harness import Identity, ServerThread, admin_client, make_identity

pytestmark = pytest.mark.integration

ROLE = "test-otlp-writer"
PODS = [f"pod-{k}" for k in range(8)]


@pytest.fixture(scope="module")
def writer(local_cluster: process.Cluster, personas: Personas) -> Identity:
    role = ClusterRole(
        metadata=ObjectMeta(name=ROLE),
        rules=[PolicyRule(apiGroups=["ngf-console.f5.com"], resources=["otlplogs"],
                          verbs=["create"])],
    )  # fmt: skip
    with admin_client(local_cluster.kubeconfig) as client:
        client.apply(role, force=True)
    name = f"otlp-ws-{uuid.uuid4().hex[:6]}"
    return make_identity(local_cluster.kubeconfig, personas.admin.namespace, name, ROLE)


def decision(ns: str, pool: str, request_id: str, picked: str = "pod-2") -> dict[str, Attr]:
    """Values exact in Float32 (the store's type), so REST and live agree to the bit."""
    return {
        a.K8S_NAMESPACE: ns, a.POOL: pool, a.MODEL: "llama", a.K8S_POD: picked,
        a.REQUEST_ID: request_id, a.EPP_REASON: "kv_available", a.EPP_LATENCY_US: 41.5,
        a.EPP_CANDIDATE_COUNT: len(PODS), a.EPP_TIED_COUNT: 1, a.EPP_QUEUE_DEPTH: 3,
        a.EPP_KV_CACHE_PCT: 37.5, a.EPP_PREFIX_HIT: True, a.EPP_PREFIX_MATCHED_BLOCKS: 2,
        a.EPP_PREFIX_TOTAL_BLOCKS: 4, a.EPP_SCORE_QUEUE: 0.25, a.EPP_SCORE_KV_CACHE: 0.5,
        a.EPP_SCORE_PREFIX: 0.125, a.EPP_SCORE_TOTAL: 0.875, a.EPP_CANDIDATE_PODS: PODS,
        a.EPP_CANDIDATE_SCORES: [1.0 - 0.0625 * k for k in range(len(PODS))],
        a.EPP_CANDIDATE_QUEUE_SCORES: [0.5] * len(PODS),
        a.EPP_CANDIDATE_KV_CACHE_SCORES: [0.25] * len(PODS),
        a.EPP_CANDIDATE_PREFIX_SCORES: [0.75] * len(PODS),
        a.EPP_CANDIDATE_QUEUE_DEPTHS: [1.0] * len(PODS),
        a.EPP_CANDIDATE_KV_CACHE_PCTS: [12.5] * len(PODS),
        a.EPP_CANDIDATE_PREFIX_MATCHED_BLOCKS: [2.0] * len(PODS),
        a.EPP_WEIGHT_QUEUE: 1.0, a.EPP_WEIGHT_KV_CACHE: 2.0, a.EPP_WEIGHT_PREFIX: 3.0,
    }  # fmt: skip


def post(api: ServerThread, writer: Identity, records: list[dict[str, Attr]]) -> None:
    now_ns = int(time.time() * 1000) * 10**6  # whole milliseconds: DateTime64(3) keeps them
    logs = [log_record(a.EVENT_EPP_DECISION, now_ns, r, uuid.uuid4().bytes) for r in records]
    scope = ScopeLogs(log_records=logs)
    body = ExportLogsServiceRequest(resource_logs=[ResourceLogs(scope_logs=[scope])])
    headers = {"content-type": "application/x-protobuf", **writer.headers()}
    response = httpx.post(f"{api.url}/v1/logs", content=body.SerializeToString(),
                          headers=headers, timeout=60)  # fmt: skip
    assert response.status_code == 200, response.text


@contextlib.contextmanager
def watch(
    api: ServerThread, viewer: Identity, ns: str, pool: str, **options: Any
) -> Iterator[ClientConnection]:
    """A client of the pool's EPP feed, past its "subscribed" message.

    No keepalive pings (a client that stops reading would time them out and close the
    connection itself) and no compression (the session server accepts it, and a stalled
    client's buffers would hold ten times the batches before the server saw it stall)."""
    raw = base64.urlsafe_b64encode(viewer.token.encode()).decode().rstrip("=")
    url = f"ws://127.0.0.1:{api.port}/api/v1/ws/inference/epp/{ns}/{pool}"
    protocols: list[Any] = [f"base64url.bearer.authorization.k8s.io.{raw}"]
    options = {"max_size": 2**26, "ping_interval": None, "compression": None} | options
    with connect(url, subprotocols=protocols, proxy=None, **options) as ws:
        assert json.loads(ws.recv(timeout=30))["type"] == "subscribed"
        yield ws


def test_live_decision_is_the_stored_decision_without_candidates(
    api: ServerThread, personas: Personas, writer: Identity, http: httpx.Client
) -> None:
    ns, pool = f"wsl-{uuid.uuid4().hex[:6]}", "live-pool"
    with watch(api, personas.viewer, ns, pool) as ws:
        post(api, writer, [decision(ns, pool, "req-live")])
        message = json.loads(ws.recv(timeout=30))
    [live] = message["decisions"]
    response = http.get(f"/api/v1/inference/metrics/epp/{ns}/{pool}/decisions/req-live")
    assert response.status_code == 200, response.text
    stored = response.json()
    assert len(stored["candidates"]) == live["candidateCount"] == len(PODS)
    assert live["candidates"] == []
    assert dt.datetime.fromisoformat(live.pop("timestamp")) == dt.datetime.fromisoformat(
        stored.pop("timestamp")
    )
    assert live | {"candidates": stored["candidates"]} == stored
    assert "over pod-0" in live["summary"]  # the runner-up, though no candidate is sent


def test_a_client_that_stops_reading_is_dropped_the_other_gets_everything(
    api: ServerThread, personas: Personas, writer: Identity
) -> None:
    ns, pool = f"wss-{uuid.uuid4().hex[:6]}", "busy-pool"
    hub = _context(api).hub
    dropped_before = hub.dropped
    stalled_socket = socket.socket()  # a small receive window, set before connecting
    stalled_socket.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    stalled_socket.connect(("127.0.0.1", api.port))
    received: list[str] = []
    with (
        watch(api, personas.viewer, ns, pool) as reader,
        watch(api, personas.viewer, ns, pool, sock=stalled_socket, max_queue=1) as stalled,
    ):
        done = threading.Event()

        def read() -> None:
            while not done.is_set() or received[-1:] != ["req-last"]:
                message = json.loads(reader.recv(timeout=60))
                received.extend(d["requestId"] for d in message["decisions"])

        thread = threading.Thread(target=read, daemon=True)
        thread.start()
        posted: list[str] = []
        deadline = time.monotonic() + 90
        while hub.dropped == dropped_before:  # until the stalled client fell too far behind
            late = f"the stalled client was not dropped after {len(posted)} decisions"
            assert time.monotonic() < deadline, late
            ids = [f"req-{len(posted) + i}" for i in range(3000)]
            post(api, writer, [decision(ns, pool, i) for i in ids])
            posted += ids
            time.sleep(0.5)
        post(api, writer, [decision(ns, pool, "req-last")])
        done.set()
        thread.join(60)
        assert received == [*posted, "req-last"]  # in order, nothing lost
        got = _read_until_closed(stalled)  # what reached it before it was dropped
        assert got < len(posted)
        assert hub.dropped == dropped_before + 1


def _read_until_closed(ws: ClientConnection) -> int:
    """Decisions received until the connection turns out closed (fails if it never does)."""
    got = 0
    with contextlib.suppress(ConnectionClosed):
        while True:
            got += len(json.loads(ws.recv(timeout=30))["decisions"])
    return got


def _context(api: ServerThread) -> AppContext:
    app = api.server.config.app
    assert isinstance(app, FastAPI)
    context: AppContext = app.state.context
    return context
