"""Parent CRD endpoints against the real API server, for every parent kind.

Matrix: kind x {create → get → list (namespace, labelSelector, limit/continue) → update →
stale update (409) → delete → 404}; dry-run create stores nothing; pydantic (CEL mirror)
422 with field paths; the API server's own 422 passed on with its field causes; duplicate
create 409; a CertificateBundle's private key is never returned and survives an update that
sends `<redacted>` back.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import httpx
import pytest

from ngf_console.kube.resources import resource_for, to_dict
from ngf_console.server import catalog
from ngf_console.server.catalog import ResourceType
from ngf_console.store import REDACTED
from tests.factories import sample
from tests.integration.server.bodies import create_body, update_body
from tests.integration.server.harness import admin_client

pytestmark = pytest.mark.integration

PARENTS = [pytest.param(r, id=r.kind) for r in catalog.PARENTS]


@pytest.mark.parametrize("rtype", PARENTS)
def test_crud_round_trip(http: httpx.Client, namespace: str, rtype: ResourceType) -> None:
    base = f"/api/v1/{rtype.rest_path}"
    created = http.post(base, json=create_body(rtype, namespace, "one", tier="a"))
    assert created.status_code == 201, created.text
    assert created.json()["metadata"]["uid"]
    http.post(base, json=create_body(rtype, namespace, "two", tier="b")).raise_for_status()

    got = http.get(f"{base}/{namespace}/one")
    assert got.status_code == 200, got.text
    assert got.json()["spec"] == created.json()["spec"]
    assert "managedFields" not in got.json()["metadata"]

    listed = http.get(base, params={"namespace": namespace}).json()
    assert [o["metadata"]["name"] for o in listed["items"]] == ["one", "two"]
    selected = http.get(base, params={"namespace": namespace, "labelSelector": "tier=b"}).json()
    assert [o["metadata"]["name"] for o in selected["items"]] == ["two"]
    first = http.get(base, params={"namespace": namespace, "limit": 1}).json()
    assert [o["metadata"]["name"] for o in first["items"]] == ["one"]
    rest = http.get(
        base, params={"namespace": namespace, "limit": 1, "continue": first["continue"]}
    ).json()
    assert [o["metadata"]["name"] for o in rest["items"]] == ["two"]
    assert "continue" not in rest

    stored = got.json()
    body = update_body(stored)
    body["metadata"]["labels"] = {"tier": "c"}
    updated = http.put(f"{base}/{namespace}/one", json=body)
    assert updated.status_code == 200, updated.text
    assert updated.json()["metadata"]["labels"] == {"tier": "c"}
    stale = http.put(f"{base}/{namespace}/one", json=body)
    assert stale.status_code == 409, stale.text
    assert stale.json()["reason"] == "Conflict"

    assert http.delete(f"{base}/{namespace}/two").status_code == 204
    assert http.get(f"{base}/{namespace}/two").status_code == 404
    assert http.delete(f"{base}/{namespace}/two").status_code == 404


def test_dry_run_create_stores_nothing(http: httpx.Client, namespace: str) -> None:
    rtype = catalog.parent("InferenceStack")
    response = http.post(
        "/api/v1/inferencestacks",
        params={"dryRun": "true"},
        json=create_body(rtype, namespace, "dry"),
    )
    assert response.status_code == 201, response.text
    assert http.get(f"/api/v1/inferencestacks/{namespace}/dry").status_code == 404
    audit = http.get("/api/v1/audit", params={"namespace": namespace}).json()
    assert audit["items"] == []


def test_model_validation_gives_field_paths(http: httpx.Client, namespace: str) -> None:
    body = create_body(catalog.parent("InferenceStack"), namespace, "bad")
    body["spec"]["pool"].update(replicas=9, maxReplicas=6)
    body["spec"]["model"]["gpusPerPod"] = 99
    response = http.post("/api/v1/inferencestacks", json=body)
    assert response.status_code == 422
    error = response.json()
    assert error["reason"] == "Invalid"
    fields = {c["field"] for c in error["causes"]}
    assert "spec.model.gpusPerPod" in fields
    assert http.get(f"/api/v1/inferencestacks/{namespace}/bad").status_code == 404


def test_cel_mirror_gives_the_crd_message(http: httpx.Client, namespace: str) -> None:
    body = create_body(catalog.parent("InferenceStack"), namespace, "bad")
    body["spec"]["pool"].update(replicas=9, maxReplicas=6)
    error = http.post("/api/v1/inferencestacks", json=body).json()
    assert any(
        c["field"] == "spec.pool" and "minReplicas <= replicas <= maxReplicas" in c["message"]
        for c in error["causes"]
    ), error


def test_api_server_validation_is_passed_on(http: httpx.Client, namespace: str) -> None:
    body = create_body(catalog.parent("InferenceStack"), namespace, "bad")
    body["metadata"]["labels"] = {"bad key!": "x"}  # only the API server checks label keys
    for dry_run in ("true", "false"):
        response = http.post("/api/v1/inferencestacks", params={"dryRun": dry_run}, json=body)
        assert response.status_code == 422, response.text
        causes = response.json()["causes"]
        assert any(c["field"] == "metadata.labels" for c in causes), causes


def test_duplicate_create_conflicts(http: httpx.Client, namespace: str) -> None:
    body = create_body(catalog.parent("MigrationPlan"), namespace, "dup")
    assert http.post("/api/v1/migrationplans", json=body).status_code == 201
    again = http.post("/api/v1/migrationplans", json=body)
    assert again.status_code == 409
    assert again.json()["reason"] == "AlreadyExists"


def test_update_checks_path_and_body(http: httpx.Client, namespace: str) -> None:
    rtype = catalog.parent("MigrationPlan")
    stored = http.post("/api/v1/migrationplans", json=create_body(rtype, namespace, "p")).json()
    body = update_body(stored)
    body["metadata"]["name"] = "other"
    response = http.put(f"/api/v1/migrationplans/{namespace}/p", json=body)
    assert response.status_code == 422
    missing = http.put(f"/api/v1/migrationplans/{namespace}/absent", json=update_body(stored))
    assert missing.status_code == 404


def test_private_key_is_write_only(http: httpx.Client, namespace: str, kubeconfig: Path) -> None:
    rtype = catalog.parent("CertificateBundle")
    body = create_body(rtype, namespace, "cert")
    key = sample("certificatebundle_inline")["spec"]["source"]["inline"]["privateKey"]
    created = http.post("/api/v1/certificatebundles", json=body)
    assert created.status_code == 201, created.text
    for response in (created, http.get(f"/api/v1/certificatebundles/{namespace}/cert")):
        assert response.json()["spec"]["source"]["inline"]["privateKey"] == REDACTED
        assert "PRIVATE KEY" not in response.text
    stored = http.get(f"/api/v1/certificatebundles/{namespace}/cert").json()
    change = copy.deepcopy(stored["spec"])
    change["hostnames"] = ["app.example.com"]
    updated = http.put(
        f"/api/v1/certificatebundles/{namespace}/cert",
        json=update_body(stored, hostnames=change["hostnames"]),
    )
    assert updated.status_code == 200, updated.text
    assert "PRIVATE KEY" not in updated.text
    listed = http.get("/api/v1/certificatebundles", params={"namespace": namespace})
    assert "PRIVATE KEY" not in listed.text
    [item] = listed.json()["items"]
    assert item["spec"]["source"]["inline"]["privateKey"] == REDACTED
    audit = http.get("/api/v1/audit", params={"namespace": namespace})
    assert audit.status_code == 200
    assert "PRIVATE KEY" not in audit.text
    with admin_client(kubeconfig) as client:
        kind: Any = resource_for(rtype.api_version, rtype.kind)
        live = client.get(kind, "cert", namespace=namespace)
    assert to_dict(live)["spec"]["source"]["inline"]["privateKey"] == key
    assert to_dict(live)["spec"]["hostnames"] == ["app.example.com"]


def test_bad_queries_are_400(http: httpx.Client) -> None:
    bad_selector = http.get("/api/v1/inferencestacks", params={"labelSelector": "a in b("})
    assert bad_selector.status_code == 400
    bad_continue = http.get("/api/v1/inferencestacks", params={"continue": "nope"})
    assert bad_continue.status_code == 400
    assert bad_continue.json()["requestId"] == bad_continue.headers["x-request-id"]
