"""The app without a cluster: the SPA at `/` with client-route fallback, health, settings.

`TestClient` used without `with` does not run the lifespan, so nothing connects.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from ngf_console.server.app import create_app
from ngf_console.server.settings import ServerSettings


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>NGF Console</title>")
    (dist / "assets" / "app.js").write_text("console.log('ngf')")
    settings = ServerSettings(kubeconfig=tmp_path / "kubeconfig", static_dir=dist)
    return TestClient(create_app(settings))


def test_spa_is_served_with_fallback(client: TestClient) -> None:
    assert "NGF Console" in client.get("/").text
    assert client.get("/assets/app.js").text == "console.log('ngf')"
    deep = client.get("/inference/pools/ns/llm")
    assert deep.status_code == 200
    assert "NGF Console" in deep.text


def test_unknown_api_path_is_a_json_404(client: TestClient) -> None:
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["reason"] == "NotFound"


def test_health_needs_no_cluster(client: TestClient) -> None:
    assert client.get("/healthz").text == "ok"


def test_no_spa_without_a_build(tmp_path: Path) -> None:
    settings = ServerSettings(kubeconfig=tmp_path / "kubeconfig", static_dir=tmp_path / "none")
    assert TestClient(create_app(settings)).get("/").status_code == 404


def test_a_cluster_must_be_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KUBERNETES_SERVICE_HOST", raising=False)
    monkeypatch.delenv("NGF_CONSOLE_API_KUBECONFIG", raising=False)
    with pytest.raises(ValidationError, match="no cluster named"):
        ServerSettings()
    monkeypatch.setenv("KUBERNETES_SERVICE_HOST", "10.0.0.1")
    assert ServerSettings().kubeconfig is None
