"""Smoke: the server starts as its narrow ServiceAccount and answers health and one list."""

from __future__ import annotations

import httpx

from tests.integration.server.harness import ServerThread


def test_health_is_anonymous(api: ServerThread) -> None:
    with httpx.Client(base_url=api.url) as client:
        assert client.get("/healthz").text == "ok"
        assert client.get("/readyz").status_code == 200


def test_list_as_admin(http: httpx.Client) -> None:
    response = http.get("/api/v1/inferencestacks")
    assert response.status_code == 200, response.text
    assert "items" in response.json()
