"""WebSockets against the real API server: status changes and events, authenticated.

Covers: a parent's status change written to the API server reaches a crd-status subscriber
(the latency from the status write to the message is logged at INFO, not asserted: timing
targets live in bench/api.py); the first message is the current state; a delete is sent as
`deleted`; the events stream filters by kind; a handshake without a token is refused with
401, one the caller may not watch with 403; the token works as the Kubernetes bearer
subprotocol and as `access_token`.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import time
from pathlib import Path
from typing import Any, cast

import httpx
import pytest
from lightkube.models.core_v1 import EventSource, ObjectReference
from lightkube.models.meta_v1 import ObjectMeta
from lightkube.resources.core_v1 import Event
from websockets.exceptions import InvalidStatus
from websockets.sync.client import ClientConnection, connect

from ngf_console.kube.resources import resource_for, to_dict
from ngf_console.server import catalog
from tests.integration.server.bodies import create_body
from tests.integration.server.conftest import Personas
from tests.integration.server.harness import Identity, ServerThread, admin_client

pytestmark = pytest.mark.integration
STACKS = catalog.parent("InferenceStack")
log = logging.getLogger(__name__)


def _subprotocol(identity: Identity) -> str:
    raw = base64.urlsafe_b64encode(identity.token.encode()).decode().rstrip("=")
    return f"base64url.bearer.authorization.k8s.io.{raw}"


def _ws(api: ServerThread, path: str, identity: Identity) -> ClientConnection:
    url = f"ws://127.0.0.1:{api.port}{path}"
    return connect(url, subprotocols=[cast(Any, _subprotocol(identity))], proxy=None)


def _recv(ws: ClientConnection, timeout: float = 10.0) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(ws.recv(timeout=timeout))
    return message


def _write_status(kubeconfig: Path, namespace: str, name: str, status: dict[str, Any]) -> None:
    kind = cast(Any, resource_for(STACKS.api_version, STACKS.kind))
    with admin_client(kubeconfig) as client:
        manifest = to_dict(client.get(kind, name, namespace=namespace))
        manifest["status"] = status
        client.replace(kind.Status.from_dict(manifest), name, namespace=namespace)


def test_status_change_reaches_subscriber(
    api: ServerThread,
    http: httpx.Client,
    personas: Personas,
    namespace: str,
    kubeconfig: Path,
) -> None:
    http.post("/api/v1/inferencestacks", json=create_body(STACKS, namespace, "llm"))
    path = f"/api/v1/ws/crd-status/{namespace}/llm?kind=InferenceStack"
    with _ws(api, path, personas.viewer) as ws:
        first = _recv(ws)
        assert (first["type"], first["kind"], first["name"]) == ("status", "InferenceStack", "llm")
        assert first["status"] is None
        started = time.perf_counter()
        _write_status(kubeconfig, namespace, "llm", {"phase": "Ready", "currentReplicas": 2})
        update = _recv(ws)
        latency = time.perf_counter() - started
        assert update["status"] == {"phase": "Ready", "currentReplicas": 2}
        log.info("crd-status latency from status write to message: %.1f ms", latency * 1000)
        assert http.delete(f"/api/v1/inferencestacks/{namespace}/llm").status_code == 204
        assert _recv(ws)["type"] == "deleted"


def test_events_stream_filters(
    api: ServerThread, personas: Personas, namespace: str, kubeconfig: Path
) -> None:
    token = personas.operator.token
    url = f"ws://127.0.0.1:{api.port}/api/v1/ws/events?namespace={namespace}&kind=InferenceStack"
    with connect(f"{url}&access_token={token}", proxy=None) as ws:
        now = dt.datetime.now(dt.UTC)
        with admin_client(kubeconfig) as client:
            for name, kind, api_version in (
                ("pod", "Pod", "v1"),
                ("stack", "InferenceStack", STACKS.api_version),
            ):
                client.create(
                    Event(
                        metadata=ObjectMeta(name=f"e-{name}", namespace=namespace),
                        involvedObject=ObjectReference(
                            apiVersion=api_version, kind=kind, name=name, namespace=namespace
                        ),
                        reason="Tested",
                        message=name,
                        type="Normal",
                        source=EventSource(component="test"),
                        firstTimestamp=now,
                        lastTimestamp=now,
                    )
                )
        message = _recv(ws)
        assert message["type"] == "event"
        assert message["event"]["involvedObject"]["name"] == "stack"


def test_handshake_needs_a_token(api: ServerThread, namespace: str) -> None:
    url = f"ws://127.0.0.1:{api.port}/api/v1/ws/crd-status/{namespace}/x"
    with pytest.raises(InvalidStatus) as refused:
        connect(url, proxy=None)
    assert refused.value.response.status_code == 401


def test_unknown_kind_is_400(api: ServerThread, personas: Personas, namespace: str) -> None:
    with pytest.raises(InvalidStatus) as refused:
        _ws(api, f"/api/v1/ws/crd-status/{namespace}/x?kind=Deployment", personas.admin)
    assert refused.value.response.status_code == 400


def test_handshake_needs_watch_permission(
    api: ServerThread, personas: Personas, namespace: str
) -> None:
    path = f"/api/v1/ws/crd-status/{namespace}/x"
    with pytest.raises(InvalidStatus) as refused:
        _ws(api, path, personas.scoped)
    assert refused.value.response.status_code == 403
    with _ws(api, f"/api/v1/ws/crd-status/{personas.scoped_namespace}/x", personas.scoped) as ws:
        ws.ping()
