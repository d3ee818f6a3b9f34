"""Routes and policies written directly (spec §5.1), against the real API server.

Matrix: every route kind and every policy type x {create, get, list, update, dry-run
delete keeps it, delete}; the NGF model rejects a bad policy with field paths before the API
server; the API server's own 422 for a bad route passes through with its causes.
"""

from __future__ import annotations

import httpx
import pytest

from ngf_console.server import catalog
from ngf_console.server.catalog import ResourceType
from tests.integration.server.bodies import create_body, update_body

pytestmark = pytest.mark.integration

KINDS = [pytest.param(r, id=r.kind) for r in (*catalog.ROUTES, *catalog.POLICIES)]


@pytest.mark.parametrize("rtype", KINDS)
def test_crud(http: httpx.Client, namespace: str, rtype: ResourceType) -> None:
    base = f"/api/v1/{rtype.rest_path}"
    created = http.post(base, json=create_body(rtype, namespace, "x", team="a"))
    assert created.status_code == 201, created.text
    assert created.json()["kind"] == rtype.kind
    got = http.get(f"{base}/{namespace}/x")
    assert got.status_code == 200, got.text
    listed = http.get(base, params={"namespace": namespace, "labelSelector": "team"}).json()
    assert [o["metadata"]["name"] for o in listed["items"]] == ["x"]
    body = update_body(got.json())
    body["metadata"]["labels"] = {"team": "b"}
    updated = http.put(f"{base}/{namespace}/x", json=body)
    assert updated.status_code == 200, updated.text
    assert updated.json()["metadata"]["labels"] == {"team": "b"}
    dry = http.delete(f"{base}/{namespace}/x", params={"dryRun": "true"})
    assert dry.status_code == 204
    assert http.get(f"{base}/{namespace}/x").status_code == 200
    assert http.delete(f"{base}/{namespace}/x").status_code == 204
    assert http.get(f"{base}/{namespace}/x").status_code == 404


def test_policy_model_checks_first(http: httpx.Client, namespace: str) -> None:
    rtype = next(r for r in catalog.POLICIES if r.kind == "ProxySettingsPolicy")
    body = create_body(rtype, namespace, "bad")
    body["spec"]["notAField"] = True
    response = http.post("/api/v1/policies/proxysettings", json=body)
    assert response.status_code == 422
    assert any(c["field"] == "spec.notAField" for c in response.json()["causes"])


def test_route_schema_is_the_api_servers(http: httpx.Client, namespace: str) -> None:
    body = create_body(catalog.ROUTES[0], namespace, "bad")
    body["spec"]["rules"][0]["matches"][0]["path"]["type"] = "Nonsense"
    response = http.post("/api/v1/httproutes", json=body)
    assert response.status_code == 422, response.text
    assert any("path.type" in c["field"] for c in response.json()["causes"])
