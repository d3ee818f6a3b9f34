"""The one exception handler: every boundary's errors become the common body.

Matrix: server errors (401/403/404/409/400/422/503), request validation (422 with field
paths), the API server's errors (422 with its causes, 403/404/409 passed through, 429 → 503,
other → 502), store errors (404/400/409) and an unexpected exception (500 with the request id,
no traceback).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field

from ngf_console.kube.errors import Cause, KubeApiError
from ngf_console.server import errors
from ngf_console.store import InvalidCursorError, NotFoundError, RedactedValueMissingError


class Body(BaseModel):
    replicas: int = Field(ge=0)


RAISED: dict[str, Exception] = {
    "forbidden": errors.ForbiddenError("no"),
    "unauthorized": errors.UnauthorizedError("who?"),
    "unavailable": errors.UnavailableError("later"),
    "kube-invalid": KubeApiError(
        "create",
        "X a/b",
        422,
        "X.ngf is invalid",
        reason="Invalid",
        causes=(Cause("spec.replicas", "must be >= 0", "FieldValueInvalid"),),
    ),
    "kube-conflict": KubeApiError("update", "X a/b", 409, "stale", reason="Conflict"),
    "kube-forbidden": KubeApiError("create", "X a/b", 403, "denied", reason="Forbidden"),
    "kube-throttled": KubeApiError("get", "X a/b", 429, "busy", reason="TooManyRequests"),
    "kube-broken": KubeApiError("get", "X a/b", 500, "etcd down"),
    "store-missing": NotFoundError("audit_log", 7),
    "store-cursor": InvalidCursorError("bad cursor"),
    "store-secret": RedactedValueMissingError(("/spec/key",)),
    "bug": ZeroDivisionError("secret internals"),
}


@pytest.fixture
def client() -> Iterator[TestClient]:
    app = FastAPI()
    errors.install(app)

    @app.get("/raise/{name}")
    async def raise_it(name: str) -> None:
        raise RAISED[name]

    @app.post("/body")
    async def body(payload: Body) -> Body:
        return payload

    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("name", "status", "reason"),
    [
        ("forbidden", 403, "Forbidden"),
        ("unauthorized", 401, "Unauthorized"),
        ("unavailable", 503, "ServiceUnavailable"),
        ("kube-invalid", 422, "Invalid"),
        ("kube-conflict", 409, "Conflict"),
        ("kube-forbidden", 403, "Forbidden"),
        ("kube-throttled", 503, "ServiceUnavailable"),
        ("kube-broken", 502, "BadGateway"),
        ("store-missing", 404, "NotFound"),
        ("store-cursor", 400, "BadRequest"),
        ("store-secret", 409, "Conflict"),
        ("bug", 500, "InternalError"),
    ],
)
def test_status_and_reason(client: TestClient, name: str, status: int, reason: str) -> None:
    response = client.get(f"/raise/{name}", headers={"X-Request-Id": "req-1"})
    assert response.status_code == status
    body = response.json()
    assert (body["status"], body["reason"], body["requestId"]) == (status, reason, "req-1")


def test_kube_causes_pass_through(client: TestClient) -> None:
    body = client.get("/raise/kube-invalid").json()
    assert body["causes"] == [
        {"field": "spec.replicas", "message": "must be >= 0", "reason": "FieldValueInvalid"}
    ]


def test_unexpected_error_hides_details(client: TestClient) -> None:
    response = client.get("/raise/bug", headers={"X-Request-Id": "req-9"})
    assert "secret internals" not in response.text
    assert "Traceback" not in response.text
    assert "req-9" in response.json()["message"]


def test_unauthorized_asks_for_a_bearer(client: TestClient) -> None:
    assert client.get("/raise/unauthorized").headers["WWW-Authenticate"] == "Bearer"


def test_request_validation_has_field_paths(client: TestClient) -> None:
    response = client.post("/body", json={"replicas": -1})
    assert response.status_code == 422
    assert [c["field"] for c in response.json()["causes"]] == ["replicas"]


def test_unknown_route_uses_the_body(client: TestClient) -> None:
    response = client.get("/nope")
    assert response.status_code == 404
    assert response.json()["reason"] == "NotFound"
