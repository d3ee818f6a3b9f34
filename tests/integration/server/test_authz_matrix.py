"""Authorization matrix: every endpoint x {admin, operator, viewer, scoped, no token}.

`scoped` is bound to the Operator persona by a RoleBinding in one namespace (S) only. Each
case names the endpoint (route template), one concrete request and the personas expected to
succeed; everyone else gets 403, and no token gets 401 (health endpoints: 200 for all).
Writes use `?dryRun=true`, so the API server authorizes them as the caller without storing.
`test_every_route_has_a_case` fails when an endpoint is added without a row here.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import httpx
import pytest
from fastapi.routing import APIWebSocketRoute
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from ngf_console.kube.resources import resource_for
from ngf_console.server import catalog
from ngf_console.server.app import API_PREFIX, create_app
from ngf_console.server.catalog import ResourceType
from ngf_console.server.routers import inference_ws, ws
from tests.integration.server.bodies import create_body, update_body
from tests.integration.server.conftest import HttpFactory, Personas
from tests.integration.server.harness import Identity, ServerThread, admin_client

pytestmark = pytest.mark.integration

PERSONAS = ("admin", "operator", "viewer", "scoped", "none")
READERS = frozenset({"admin", "operator", "viewer", "scoped"})
CLUSTER_READERS = frozenset({"admin", "operator", "viewer"})
WRITERS = frozenset({"admin", "operator", "scoped"})
ADMIN = frozenset({"admin"})
EVERYONE = frozenset(PERSONAS)


@dataclass(frozen=True)
class World:
    """What the requests refer to: the namespace S and objects the admin made in it."""

    namespace: str
    gateway_class: str
    audit_id: int
    revert_id: int


@dataclass(frozen=True)
class Case:
    route: str
    method: str
    allowed: frozenset[str]
    request: Callable[[World, httpx.Client], tuple[str, dict[str, Any], Any]]
    status: int = 200
    id: str = field(default="")


def _case(
    route: str, method: str, allowed: frozenset[str], path: str, *, status: int = 200, **kw: Any
) -> Case:
    def request(world: World, _admin: httpx.Client) -> tuple[str, dict[str, Any], Any]:
        params = {k: v.format(ns=world.namespace) for k, v in kw.get("params", {}).items()}
        concrete = path.format(
            ns=world.namespace, cls=world.gateway_class, id=world.audit_id, rev=world.revert_id
        )
        return concrete, params, None

    return Case(route, method, allowed, request, status, f"{method} {path} {kw.get('params', '')}")


def _object_cases(rtype: ResourceType) -> list[Case]:
    base = f"/api/v1/{rtype.rest_path}"
    one = f"{base}/{{namespace}}/{{name}}"
    dry = {"dryRun": "true"}

    def create(world: World, _admin: httpx.Client) -> tuple[str, dict[str, Any], Any]:
        name = f"m-{uuid.uuid4().hex[:8]}"
        return base, dry, create_body(rtype, world.namespace, name)

    def update(world: World, admin: httpx.Client) -> tuple[str, dict[str, Any], Any]:
        path = f"{base}/{world.namespace}/fixture"
        return path, dry, update_body(admin.get(path).json())

    def delete(world: World, _admin: httpx.Client) -> tuple[str, dict[str, Any], Any]:
        return f"{base}/{world.namespace}/fixture", dry, None

    return [
        _case(base, "GET", READERS, base, params={"namespace": "{ns}"}),
        _case(base, "GET", CLUSTER_READERS, base),
        Case(base, "POST", WRITERS, create, 201, f"POST {base}"),
        _case(one, "GET", READERS, f"{base}/{{ns}}/fixture"),
        Case(one, "PUT", WRITERS, update, 200, f"PUT {one}"),
        Case(one, "DELETE", WRITERS, delete, 204, f"DELETE {one}"),
    ]


NS = {"namespace": "{ns}"}
IM = "/api/v1/inference/metrics"
CASES: list[Case] = [
    *(c for r in catalog.ALL if r.writable for c in _object_cases(r)),
    _case("/healthz", "GET", EVERYONE, "/healthz"),
    _case("/readyz", "GET", EVERYONE, "/readyz"),
    _case("/api/v1/gatewayclasses", "GET", CLUSTER_READERS, "/api/v1/gatewayclasses"),
    _case("/api/v1/gatewayclasses/{name}", "GET", CLUSTER_READERS, "/api/v1/gatewayclasses/{cls}"),
    _case("/api/v1/gateways", "GET", READERS, "/api/v1/gateways", params=NS),
    _case("/api/v1/gateways", "GET", CLUSTER_READERS, "/api/v1/gateways"),
    _case("/api/v1/gateways/{namespace}/{name}", "GET", READERS, "/api/v1/gateways/{ns}/gw"),
    _case("/api/v1/namespaces", "GET", ADMIN, "/api/v1/namespaces"),
    _case("/api/v1/secrets", "GET", ADMIN, "/api/v1/secrets", params=NS),
    _case("/api/v1/events", "GET", READERS, "/api/v1/events", params=NS),
    _case("/api/v1/events", "GET", CLUSTER_READERS, "/api/v1/events"),
    _case("/api/v1/edition", "GET", READERS, "/api/v1/edition"),
    _case("/api/v1/inference/pools", "GET", READERS, "/api/v1/inference/pools", params=NS),
    _case("/api/v1/inference/pools", "GET", CLUSTER_READERS, "/api/v1/inference/pools"),
    *(
        _case(f"{IM}/{path}", "GET", allowed, f"{IM}/{concrete}", params=params)
        for path, concrete, allowed, params in (
            ("summary", "summary", READERS, NS),
            ("summary", "summary", CLUSTER_READERS, {}),
            ("gpu", "gpu", READERS, NS),
            ("gpu", "gpu", CLUSTER_READERS, {}),
            ("cost", "cost", READERS, NS),
            ("cost", "cost", CLUSTER_READERS, {}),
            ("pool/{namespace}/{name}", "pool/{ns}/fixture", READERS, {}),
            ("pool/{namespace}/{name}/pods", "pool/{ns}/fixture/pods", READERS, {}),
            ("ttft/{namespace}/{name}", "ttft/{ns}/fixture", READERS, {}),
            ("epp/{namespace}/{name}", "epp/{ns}/fixture", READERS, {}),
            ("cost/{namespace}/{name}", "cost/{ns}/fixture", READERS, {}),
        )
    ),
    _case(  # readers get the 404 of a decision nobody recorded; the others are refused first
        f"{IM}/epp/{{namespace}}/{{name}}/decisions/{{requestId}}",
        "GET",
        READERS,
        f"{IM}/epp/{{ns}}/fixture/decisions/no-such-request",
        status=404,
    ),
    _case(
        "/api/v1/certificatebundles/expiring",
        "GET",
        READERS,
        "/api/v1/certificatebundles/expiring",
        params=NS,
    ),
    _case("/api/v1/audit", "GET", ADMIN, "/api/v1/audit", params=NS),
    _case("/api/v1/audit/{entry_id}", "GET", ADMIN, "/api/v1/audit/{id}"),
    _case("/api/v1/audit/{entry_id}/diff", "GET", ADMIN, "/api/v1/audit/{id}/diff"),
    _case(
        "/api/v1/audit/diff",
        "GET",
        ADMIN,
        "/api/v1/audit/diff",
        params={"from": "1", "to": "1"},
    ),
    _case("/api/v1/audit/{entry_id}/revert", "POST", ADMIN, "/api/v1/audit/{rev}/revert"),
]
WS_CASES = [
    ("/api/v1/ws/crd-status/{namespace}/{name}", READERS, "/api/v1/ws/crd-status/{ns}/fixture"),
    ("/api/v1/ws/events", CLUSTER_READERS, "/api/v1/ws/events"),
    ("/api/v1/ws/events", READERS, "/api/v1/ws/events?namespace={ns}"),
    (
        "/api/v1/ws/inference/epp/{namespace}/{name}",
        READERS,
        "/api/v1/ws/inference/epp/{ns}/fixture",
    ),
    ("/api/v1/ws/inference/gpu-metrics", CLUSTER_READERS, "/api/v1/ws/inference/gpu-metrics"),
    (
        "/api/v1/ws/inference/gpu-metrics",
        READERS,
        "/api/v1/ws/inference/gpu-metrics?namespace={ns}",
    ),
]


def _identity(personas: Personas, persona: str) -> Identity | None:
    return None if persona == "none" else cast(Identity, getattr(personas, persona))


def _make_world(kubeconfig: Path, personas: Personas, admin: httpx.Client) -> World:
    ns = personas.scoped_namespace
    for rtype in (r for r in catalog.ALL if r.writable):
        created = admin.post(f"/api/v1/{rtype.rest_path}", json=create_body(rtype, ns, "fixture"))
        assert created.status_code == 201, created.text
    cls = f"gc-{uuid.uuid4().hex[:6]}"
    with admin_client(kubeconfig) as client:
        for manifest in (
            {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "GatewayClass",
             "metadata": {"name": cls},
             "spec": {"controllerName": "example.com/test-controller"}},
            {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway",
             "metadata": {"name": "gw", "namespace": ns},
             "spec": {"gatewayClassName": cls,
                      "listeners": [{"name": "http", "port": 80, "protocol": "HTTP"}]}},
        ):  # fmt: skip
            kind: Any = resource_for(str(manifest["apiVersion"]), str(manifest["kind"]))
            client.create(kind.from_dict(manifest))
    rtype = catalog.parent("MigrationPlan")
    stored = admin.post(
        "/api/v1/migrationplans", json=create_body(rtype, ns, "reverted", v="1")
    ).json()
    body = update_body(stored)
    body["metadata"]["labels"] = {"v": "2"}
    admin.put(f"/api/v1/migrationplans/{ns}/reverted", json=body).raise_for_status()
    entries = admin.get("/api/v1/audit", params={"namespace": ns, "name": "reverted"}).json()
    revert_id = entries["items"][0]["id"]
    first = admin.get("/api/v1/audit", params={"namespace": ns, "limit": 500}).json()["items"]
    for path in ("/api/v1/gatewayclasses", f"/api/v1/gateways/{ns}/gw"):
        _wait_ok(admin, path, cls)
    return World(ns, cls, first[-1]["id"], revert_id)


def _wait_ok(admin: httpx.Client, path: str, expect: str) -> None:
    for _ in range(100):
        response = admin.get(path)
        if response.status_code == 200 and expect in response.text:
            return
        import time  # noqa: PLC0415  # only this poll sleeps

        time.sleep(0.1)
    raise AssertionError(f"{path} never showed {expect}")


@pytest.fixture(scope="module")
def world(local_cluster: Any, personas: Personas, api: ServerThread) -> Iterator[World]:
    with httpx.Client(base_url=api.url, headers=personas.admin.headers(), timeout=30) as admin:
        yield _make_world(local_cluster.kubeconfig, personas, admin)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_http(case: Case, persona: str, world: World, personas: Personas, as_: HttpFactory) -> None:
    admin = as_(personas.admin)
    path, params, body = case.request(world, admin)
    client = as_(_identity(personas, persona))
    response = client.request(case.method, path, params=params, json=body)
    denied = 401 if persona == "none" else 403
    expected = case.status if persona in case.allowed else denied
    assert response.status_code == expected, response.text


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("ws_case", WS_CASES, ids=lambda c: c[2])
def test_websocket(
    ws_case: tuple[str, frozenset[str], str],
    persona: str,
    world: World,
    personas: Personas,
    api: ServerThread,
) -> None:
    _, allowed, path = ws_case
    identity = _identity(personas, persona)
    protocols: Any = None
    if identity is not None:
        raw = base64.urlsafe_b64encode(identity.token.encode()).decode().rstrip("=")
        protocols = [f"base64url.bearer.authorization.k8s.io.{raw}"]
    url = f"ws://127.0.0.1:{api.port}{path.format(ns=world.namespace)}"
    if persona in allowed:
        with connect(url, subprotocols=protocols, proxy=None) as ws:
            ws.ping()
        return
    with pytest.raises(InvalidStatus) as refused:
        connect(url, subprotocols=protocols, proxy=None)
    assert refused.value.response.status_code == (401 if persona == "none" else 403)


def test_every_route_has_a_case() -> None:
    paths = create_app().openapi()["paths"]
    http_routes = {(path, method.upper()) for path, ops in paths.items() for method in ops}
    ws_routes = {
        API_PREFIX + route.path
        for route in [*ws.router.routes, *inference_ws.router.routes]
        if isinstance(route, APIWebSocketRoute)
    }
    assert http_routes == {(c.route, c.method) for c in CASES}
    assert ws_routes == {route for route, _, _ in WS_CASES}
