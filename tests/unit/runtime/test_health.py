"""The probe and metrics endpoints.

Matrix: /healthz reflects liveness · /readyz is 503 with the unsynced informers listed,
then 200 · /metrics serves the registry in the Prometheus text format.
"""

from __future__ import annotations

from starlette.testclient import TestClient

from ngf_console.runtime.health import health_app
from ngf_console.runtime.metrics import RuntimeMetrics


def test_probes_and_metrics() -> None:
    state = {"ready": False}
    metrics = RuntimeMetrics()
    metrics.reconcile_total.labels(controller="stacks", result="success").inc(3)
    app = health_app(
        alive=lambda: (True, "ok"),
        ready=lambda: (state["ready"], "ok" if state["ready"] else "caches not synced: Lease"),
        metrics=metrics.exposition,
    )
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        not_ready = client.get("/readyz")
        assert not_ready.status_code == 503
        assert "caches not synced: Lease" in not_ready.text
        state["ready"] = True
        assert client.get("/readyz").status_code == 200
        scraped = client.get("/metrics")
    assert scraped.headers["content-type"].startswith("text/plain")
    assert 'controller_runtime_reconcile_total{controller="stacks",result="success"} 3.0' in (
        scraped.text
    )
