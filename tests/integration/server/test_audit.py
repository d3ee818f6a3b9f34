"""Audit log: every write recorded with actor, configs and diff; reverts; on SQLite and PostgreSQL.

Matrix: database {sqlite, postgresql} x {create, update, delete, revert of an update, revert of
a delete}; filters and pagination; per-entry and between-versions diffs; a revert that needs a
secret the audit log only has redacted is refused with 409.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from ngf_console.devcluster import process
from ngf_console.server import catalog
from ngf_console.store import StoreSettings
from tests import pg
from tests.integration.server.bodies import create_body, update_body
from tests.integration.server.conftest import HttpFactory, Personas, start_server
from tests.integration.server.harness import Identity, ServerThread

pytestmark = pytest.mark.integration
STACKS = catalog.parent("InferenceStack")


@pytest.fixture(scope="session")
def pg_api(
    local_cluster: process.Cluster,
    api_identity: Identity,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[ServerThread]:
    """A second API server whose configuration database is a real PostgreSQL."""
    try:
        server = pg.start()
    except pg.PostgresHarnessError as e:
        pytest.fail(str(e), pytrace=False)
    try:
        url = server.create_database("console")
        store = StoreSettings(database_url=url.render_as_string(hide_password=False))
        api = start_server(local_cluster, api_identity, tmp_path_factory.mktemp("pgapi"), store)
        yield api
        api.stop()
    finally:
        pg.stop(server)


@pytest.fixture(params=["sqlite", "postgresql"])
def client(
    request: pytest.FixtureRequest, api: ServerThread, personas: Personas
) -> Iterator[httpx.Client]:
    server = api if request.param == "sqlite" else request.getfixturevalue("pg_api")
    with httpx.Client(base_url=server.url, headers=personas.admin.headers(), timeout=30) as c:
        yield c


def _entries(client: httpx.Client, namespace: str, **filters: str) -> list[dict[str, Any]]:
    response = client.get("/api/v1/audit", params={"namespace": namespace, **filters})
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def test_writes_and_reverts_are_audited(
    client: httpx.Client, namespace: str, personas: Personas
) -> None:
    base = "/api/v1/inferencestacks"
    created = client.post(base, json=create_body(STACKS, namespace, "llm")).json()
    pool = {**created["spec"]["pool"], "replicas": 3}
    updated = client.put(f"{base}/{namespace}/llm", json=update_body(created, pool=pool))
    assert updated.status_code == 200, updated.text

    create_entry, update_entry = reversed(_entries(client, namespace))
    assert create_entry["action"] == "create"
    assert create_entry["actor"] == personas.admin.username
    assert (create_entry["kind"], create_entry["namespace"], create_entry["name"]) == (
        "InferenceStack",
        namespace,
        "llm",
    )
    assert create_entry["previous"] is None
    assert "+  pool:" in str(create_entry["diff"])
    assert update_entry["action"] == "update"
    diff = str(update_entry["diff"])
    assert "-    replicas: 2" in diff
    assert "+    replicas: 3" in diff
    assert "status" not in str(update_entry["new"])

    entry_diff = client.get(f"/api/v1/audit/{update_entry['id']}/diff").json()["diff"]
    assert entry_diff == diff
    between = client.get(
        "/api/v1/audit/diff", params={"from": create_entry["id"], "to": update_entry["id"]}
    ).json()["diff"]
    assert "+    replicas: 3" in between

    reverted = client.post(f"/api/v1/audit/{update_entry['id']}/revert")
    assert reverted.status_code == 200, reverted.text
    result = reverted.json()
    assert result["object"]["spec"]["pool"]["replicas"] == 2
    assert result["entry"]["action"] == "rollback"
    assert result["entry"]["details"] == {"revertOf": update_entry["id"]}
    assert "+    replicas: 2" in result["entry"]["diff"]
    assert client.get(f"{base}/{namespace}/llm").json()["spec"]["pool"]["replicas"] == 2

    assert client.delete(f"{base}/{namespace}/llm").status_code == 204
    (delete_entry,) = _entries(client, namespace, action="delete")
    assert delete_entry["new"] is None
    assert "-  pool:" in str(delete_entry["diff"])
    restored = client.post(f"/api/v1/audit/{delete_entry['id']}/revert")
    assert restored.status_code == 200, restored.text
    assert client.get(f"{base}/{namespace}/llm").json()["spec"]["pool"]["replicas"] == 2

    actions = [e["action"] for e in _entries(client, namespace)]
    assert actions == ["rollback", "delete", "rollback", "update", "create"]
    first = client.get("/api/v1/audit", params={"namespace": namespace, "limit": 2}).json()
    assert [e["action"] for e in first["items"]] == ["rollback", "delete"]
    rest = client.get(
        "/api/v1/audit", params={"namespace": namespace, "limit": 10, "continue": first["continue"]}
    ).json()
    assert [e["action"] for e in rest["items"]] == ["rollback", "update", "create"]


def test_revert_needing_a_lost_secret_is_refused(client: httpx.Client, namespace: str) -> None:
    bundles = catalog.parent("CertificateBundle")
    client.post("/api/v1/certificatebundles", json=create_body(bundles, namespace, "c"))
    assert client.delete(f"/api/v1/certificatebundles/{namespace}/c").status_code == 204
    (entry,) = _entries(client, namespace, action="delete")
    refused = client.post(f"/api/v1/audit/{entry['id']}/revert")
    assert refused.status_code == 409
    assert "/spec/source/inline/privateKey" in refused.json()["message"]


def test_unknown_entry_is_404(client: httpx.Client) -> None:
    assert client.get("/api/v1/audit/999999999").status_code == 404
    assert client.post("/api/v1/audit/999999999/revert").status_code == 404


def test_audit_is_not_for_every_persona(as_: HttpFactory, personas: Personas) -> None:
    assert as_(personas.viewer).get("/api/v1/audit").status_code == 403
    assert as_(personas.operator).get("/api/v1/audit").status_code == 403
