"""Read endpoints served from the watch caches, against the real API server.

Covers: gatewayclasses (list, get), gateways (list, get), namespaces, secrets (names only —
never data), events (filters by kind and type), edition (unknown without NGF; oss/plus from
the control-plane Deployment's `--nginx-plus`), inference pools (stack joined with its
InferencePool), and certificatebundles/expiring (by status.expiresAt and threshold).
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any, cast

import httpx
import pytest
from lightkube.models.apps_v1 import DeploymentSpec
from lightkube.models.core_v1 import (
    Container,
    EventSource,
    ObjectReference,
    PodSpec,
    PodTemplateSpec,
)
from lightkube.models.meta_v1 import LabelSelector, ObjectMeta
from lightkube.resources.apps_v1 import Deployment
from lightkube.resources.core_v1 import Event, Secret

from ngf_console.kube.resources import resource_for, to_dict
from ngf_console.server import catalog
from tests.integration.server.bodies import create_body
from tests.integration.server.harness import admin_client, ensure_namespace, wait_until

pytestmark = pytest.mark.integration


def _names(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [o["metadata"]["name"] for o in response.json()["items"]]


def _apply(kubeconfig: Path, manifest: dict[str, Any]) -> None:
    kind = resource_for(manifest["apiVersion"], manifest["kind"])
    with admin_client(kubeconfig) as client:
        client.create(cast(Any, kind).from_dict(manifest))


def test_gateway_classes_and_gateways(http: httpx.Client, namespace: str, kubeconfig: Path) -> None:
    cls = f"gc-{uuid.uuid4().hex[:6]}"
    _apply(
        kubeconfig,
        {
            "apiVersion": "gateway.networking.k8s.io/v1",
            "kind": "GatewayClass",
            "metadata": {"name": cls},
            "spec": {"controllerName": "example.com/test-controller"},
        },
    )
    _apply(
        kubeconfig,
        {
            "apiVersion": "gateway.networking.k8s.io/v1",
            "kind": "Gateway",
            "metadata": {"name": "gw", "namespace": namespace},
            "spec": {"gatewayClassName": cls, "listeners": [{"name": "http", "port": 80,
                                                              "protocol": "HTTP"}]},
        },
    )  # fmt: skip
    wait_until(lambda: cls in _names(http.get("/api/v1/gatewayclasses")), what="class cached")
    assert http.get(f"/api/v1/gatewayclasses/{cls}").json()["spec"]["controllerName"]
    wait_until(
        lambda: _names(http.get("/api/v1/gateways", params={"namespace": namespace})) == ["gw"],
        what="gateway cached",
    )
    gateway = http.get(f"/api/v1/gateways/{namespace}/gw").json()
    assert gateway["spec"]["gatewayClassName"] == cls
    assert http.get(f"/api/v1/gateways/{namespace}/nope").status_code == 404
    assert http.get("/api/v1/gatewayclasses/nope-nope").status_code == 404


def test_namespaces(http: httpx.Client, namespace: str) -> None:
    wait_until(lambda: namespace in _names(http.get("/api/v1/namespaces")), what="namespace")


def test_secrets_are_metadata_only(http: httpx.Client, namespace: str, kubeconfig: Path) -> None:
    with admin_client(kubeconfig) as client:
        client.create(
            Secret(
                metadata=ObjectMeta(name="creds", namespace=namespace),
                stringData={"password": "hunter2-very-secret"},
            )
        )
    wait_until(
        lambda: _names(http.get("/api/v1/secrets", params={"namespace": namespace})) == ["creds"],
        what="secret cached",
    )
    response = http.get("/api/v1/secrets", params={"namespace": namespace})
    assert "hunter2" not in response.text
    assert "aHVudGVy" not in response.text  # base64 of the value
    assert "data" not in response.json()["items"][0]


def test_events_filter(http: httpx.Client, namespace: str, kubeconfig: Path) -> None:
    now = dt.datetime.now(dt.UTC)
    with admin_client(kubeconfig) as client:
        for name, kind, type_ in (("a", "InferenceStack", "Warning"), ("b", "Pod", "Normal")):
            client.create(
                Event(
                    metadata=ObjectMeta(name=f"e-{name}", namespace=namespace),
                    involvedObject=ObjectReference(
                        apiVersion="ngf-console.f5.com/v1alpha1" if name == "a" else "v1",
                        kind=kind,
                        name=name,
                        namespace=namespace,
                    ),
                    reason="Tested",
                    message=f"event {name}",
                    type=type_,
                    source=EventSource(component="test"),
                    firstTimestamp=now,
                    lastTimestamp=now,
                    count=1,
                )
            )
    params = {"namespace": namespace}
    wait_until(lambda: len(_names(http.get("/api/v1/events", params=params))) == 2)
    by_kind = http.get("/api/v1/events", params={**params, "kind": "InferenceStack"})
    assert _names(by_kind) == ["e-a"]
    by_type = http.get("/api/v1/events", params={**params, "type": "Normal"})
    assert _names(by_type) == ["e-b"]


def _ngf_deployment(namespace: str, *, plus: bool) -> Deployment:
    args = ["controller", "--gateway-ctlr-name=gateway.nginx.org/nginx-gateway-controller"]
    labels = {"app.kubernetes.io/name": "nginx-gateway-fabric"}
    return Deployment(
        metadata=ObjectMeta(name="ngf", namespace=namespace, labels=labels),
        spec=DeploymentSpec(
            selector=LabelSelector(matchLabels=labels),
            template=PodTemplateSpec(
                metadata=ObjectMeta(labels=labels),
                spec=PodSpec(
                    containers=[
                        Container(
                            name="nginx-gateway",
                            image="ghcr.io/nginx/nginx-gateway-fabric:2.6.7",
                            args=[*args, "--nginx-plus"] if plus else args,
                        )
                    ]
                ),
            ),
        ),
    )


def test_edition(http: httpx.Client, kubeconfig: Path) -> None:
    """NGF's namespace is the server's `ngf_namespace` (default nginx-gateway)."""
    ensure_namespace(kubeconfig, "nginx-gateway")

    def edition() -> dict[str, Any]:
        body: dict[str, Any] = http.get("/api/v1/edition").json()
        return body

    assert edition()["edition"] == "unknown"
    assert edition()["features"]["plus"].startswith("NGINX Gateway Fabric was not detected")
    with admin_client(kubeconfig) as client:
        client.create(_ngf_deployment("nginx-gateway", plus=True))
        try:
            wait_until(lambda: edition()["edition"] == "plus", what="plus detected")
            info = edition()
            assert (info["controlPlane"], info["version"]) == ("nginx-gateway/ngf", "2.6.7")
            assert info["features"]["plus"] is None
        finally:
            client.delete(Deployment, "ngf", namespace="nginx-gateway")
        wait_until(lambda: edition()["edition"] == "unknown", what="gone")
        client.create(_ngf_deployment("nginx-gateway", plus=False))
        try:
            wait_until(lambda: edition()["edition"] == "oss", what="oss detected")
            assert "needs NGINX Plus" in edition()["features"]["waf"]
        finally:
            client.delete(Deployment, "ngf", namespace="nginx-gateway")


def test_inference_pools_join(http: httpx.Client, namespace: str, kubeconfig: Path) -> None:
    rtype = catalog.parent("InferenceStack")
    http.post("/api/v1/inferencestacks", json=create_body(rtype, namespace, "llm"))
    _apply(
        kubeconfig,
        {
            "apiVersion": "inference.networking.k8s.io/v1",
            "kind": "InferencePool",
            "metadata": {"name": "llm", "namespace": namespace},
            "spec": {
                "selector": {"matchLabels": {"app": "llm"}},
                "targetPorts": [{"number": 8000}],
                "endpointPickerRef": {"name": "llm-epp", "port": {"number": 9002}},
            },
        },
    )

    def joined() -> bool:
        items = http.get("/api/v1/inference/pools", params={"namespace": namespace}).json()
        return len(items["items"]) == 1 and items["items"][0]["pool"] is not None

    wait_until(joined, what="pool joined")
    item = http.get("/api/v1/inference/pools", params={"namespace": namespace}).json()["items"][0]
    assert item["name"] == "llm"
    assert item["model"] == "Qwen/Qwen3-32B"
    assert item["pool"]["spec"]["selector"]["matchLabels"] == {"app": "llm"}


def _set_expiry(kubeconfig: Path, namespace: str, name: str, expires: dt.datetime) -> None:
    kind = cast(Any, resource_for("ngf-console.f5.com/v1alpha1", "CertificateBundle"))
    with admin_client(kubeconfig) as client:
        manifest = to_dict(client.get(kind, name, namespace=namespace))
        manifest["status"] = {"expiresAt": expires.isoformat().replace("+00:00", "Z")}
        client.replace(kind.Status.from_dict(manifest), name, namespace=namespace)


def test_expiring_certificates(http: httpx.Client, namespace: str, kubeconfig: Path) -> None:
    rtype = catalog.parent("CertificateBundle")
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for name, days in (("soon", 10), ("later", 90)):
        assert http.post("/api/v1/certificatebundles", json=create_body(rtype, namespace, name))
        _set_expiry(kubeconfig, namespace, name, now + dt.timedelta(days=days))
    params = {"namespace": namespace}

    def expiring(**extra: str) -> list[str]:
        return _names(http.get("/api/v1/certificatebundles/expiring", params={**params, **extra}))

    wait_until(lambda: expiring() == ["soon"], what="soon expiring by its 30d threshold")
    assert expiring(within="5d") == []
    assert expiring(within="100d") == ["soon", "later"]
