"""The CertificateBundle controller on a real API server.

Matrix: inline certificates generated here — valid (Active), expiring in 10 days with a
30-day threshold (Expiring), expired (Expired), a key that does not match (Error with
CertificateValid=False/KeyMismatch, no Secret, no PEM in status) — with expiresAt,
issuedAt and issuer from the stored certificate · cert-manager mode creates the
Certificate (issuerRef, dnsNames, renewBefore from the threshold, secretTemplate) and
reports the certificate cert-manager stores (the test plays cert-manager) · attachTo puts
the Secret on the listener through the owning GatewayBundle (the Gateway follows) and the
CertificateBundle's deletion reverts it · attachTo a Gateway no bundle owns, or an HTTP
listener, is refused with a condition that says why.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

import pytest
from cryptography import x509
from lightkube import ApiError, AsyncClient
from lightkube.resources.core_v1 import Secret

from ngf_console.kube.resources import (
    Certificate,
    CertificateBundle,
    Gateway,
    GatewayBundle,
    to_dict,
    to_object,
)
from ngf_console.runtime import Manager
from tests.conftest import KubeFactory
from tests.factories import sample
from tests.unit.operator.pki import make_pair, other_key
from tests.waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]

CB = "app-example-com"
ATTACHMENTS = "ngf-console.f5.com/certificate-attachments"


def _new(doc: dict[str, Any]) -> Any:
    return to_object(doc)


def _inline(namespace: str, cert: str, key: str, **spec: Any) -> dict[str, Any]:
    doc = sample("certificatebundle_inline")
    doc["metadata"] = {"name": CB, "namespace": namespace}
    doc["spec"]["source"]["inline"] = {"certificate": cert, "privateKey": key}
    doc["spec"]["attachTo"] = []
    doc["spec"].update(spec)
    return doc


async def _get(client: AsyncClient, kind: Any, name: str, namespace: str) -> dict[str, Any] | None:
    try:
        return to_dict(await client.get(kind, name, namespace=namespace))
    except ApiError as e:
        if e.status.code == 404:
            return None
        raise


async def _status_when(
    client: AsyncClient, namespace: str, what: str, check: Any, name: str = CB
) -> dict[str, Any]:
    async def holds() -> bool:
        doc = await _get(client, CertificateBundle, name, namespace)
        return doc is not None and bool(check(doc.get("status") or {}))

    await eventually(holds, what=what)
    doc = await _get(client, CertificateBundle, name, namespace)
    assert doc is not None
    return doc


def _condition(doc: dict[str, Any], type_: str) -> dict[str, Any]:
    return next(c for c in doc["status"]["conditions"] if c["type"] == type_)


def _iso(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.parametrize(
    "case",
    [
        pytest.param((365, "Active", "True"), id="valid"),
        pytest.param((10, "Expiring", "True"), id="expiring-within-30d"),
        pytest.param((-1, "Expired", "False"), id="expired"),
    ],
)
async def test_inline_certificate_phase_from_the_stored_certificate(
    kube: KubeFactory, namespace: str, operator: Manager, case: tuple[int, str, str]
) -> None:
    days_left, phase, ready = case
    client = kube(namespace=namespace)
    cert, key = make_pair(days_left=days_left, names=("app.example.com", "www.example.com"))
    await client.create(_new(_inline(namespace, cert, key, expiryAlertThreshold="30d")))
    doc = await _status_when(client, namespace, f"phase {phase}", lambda s: s.get("phase") == phase)
    parsed = x509.load_pem_x509_certificate(cert.encode())
    status = doc["status"]
    assert status["expiresAt"] == _iso(parsed.not_valid_after_utc)
    assert status["issuedAt"] == _iso(parsed.not_valid_before_utc)
    assert status["issuer"] == "CN=Test CA"
    assert _condition(doc, "Ready")["status"] == ready
    assert _condition(doc, "Ready")["reason"] == f"Certificate{phase}"
    assert _condition(doc, "CertificateValid")["status"] == "True"
    secret = await _get(client, Secret, f"{CB}-tls", namespace)
    assert secret is not None
    assert secret["type"] == "kubernetes.io/tls"
    assert base64.b64decode(secret["data"]["tls.crt"]).decode() == cert
    assert secret["metadata"]["ownerReferences"][0]["uid"] == doc["metadata"]["uid"]


async def test_a_key_that_does_not_match_is_a_clear_error(
    kube: KubeFactory, namespace: str, operator: Manager
) -> None:
    client = kube(namespace=namespace)
    cert, _ = make_pair()
    wrong = other_key()
    await client.create(_new(_inline(namespace, cert, wrong)))
    doc = await _status_when(client, namespace, "phase Error", lambda s: s.get("phase") == "Error")
    valid = _condition(doc, "CertificateValid")
    assert (valid["status"], valid["reason"]) == ("False", "KeyMismatch")
    assert valid["message"] == "the private key does not match the certificate (public keys differ)"
    assert _condition(doc, "Ready")["status"] == "False"
    assert await _get(client, Secret, f"{CB}-tls", namespace) is None
    assert wrong.splitlines()[1] not in json.dumps(doc["status"])


async def test_cert_manager_mode_creates_the_certificate_and_reports_what_it_stores(
    kube: KubeFactory, namespace: str, operator: Manager
) -> None:
    client = kube(namespace=namespace)
    doc = sample("certificatebundle_certmanager")
    doc["metadata"] = {"name": "wildcard", "namespace": namespace}
    doc["spec"]["attachTo"] = []
    await client.create(_new(doc))

    async def created() -> bool:
        return await _get(client, Certificate, "wildcard", namespace) is not None

    await eventually(created, what="cert-manager Certificate")
    certificate = await _get(client, Certificate, "wildcard", namespace)
    assert certificate is not None
    spec = certificate["spec"]
    assert spec["issuerRef"] == {
        "name": "letsencrypt-prod",
        "kind": "ClusterIssuer",
        "group": "cert-manager.io",
    }
    assert spec["dnsNames"] == ["*.example.com"]
    assert spec["secretName"] == "wildcard-tls"
    assert spec["renewBefore"] == "336h"
    labels = spec["secretTemplate"]["labels"]
    pending = await _status_when(
        client, namespace, "Pending", lambda s: s.get("phase") == "Pending", name="wildcard"
    )
    assert "no certificate stored in Secret" in _condition(pending, "Ready")["message"]

    cert, key = make_pair(days_left=80, names=("*.example.com",), issuer="Let's Encrypt R11")
    issued = {
        "apiVersion": "v1",
        "kind": "Secret",
        "type": "kubernetes.io/tls",
        "metadata": {"name": "wildcard-tls", "namespace": namespace, "labels": labels},
        "data": {
            "tls.crt": base64.b64encode(cert.encode()).decode(),
            "tls.key": base64.b64encode(key.encode()).decode(),
        },
    }
    await client.create(_new(issued))  # what cert-manager does once the issuer signs
    active = await _status_when(
        client, namespace, "Active", lambda s: s.get("phase") == "Active", name="wildcard"
    )
    assert active["status"]["issuer"] == "CN=Let's Encrypt R11"
    assert await _get(client, Secret, "wildcard-tls", namespace) is not None


async def _bundle(client: AsyncClient, namespace: str) -> dict[str, Any]:
    found = await _get(client, GatewayBundle, "production-gateway", namespace)
    assert found is not None
    return found


async def _gateway_ref(client: AsyncClient, namespace: str) -> str | None:
    gateway = await _get(client, Gateway, "production-gateway", namespace)
    if gateway is None:
        return None
    https = next(item for item in gateway["spec"]["listeners"] if item["name"] == "https")
    return str(https["tls"]["certificateRefs"][0]["name"])


async def test_attach_to_goes_through_the_bundle_and_is_reverted_on_deletion(
    kube: KubeFactory, namespace: str, operator: Manager
) -> None:
    client = kube(namespace=namespace)
    bundle = sample("gatewaybundle_production")
    bundle["metadata"] = {"name": "production-gateway", "namespace": namespace}
    await client.create(_new(bundle))

    async def gateway_serves(name: str) -> bool:
        return await _gateway_ref(client, namespace) == name

    await eventually(lambda: gateway_serves("wildcard-tls"), what="Gateway from the bundle")
    cert, key = make_pair()
    target = {"gatewayName": "production-gateway", "listenerName": "https"}
    await client.create(_new(_inline(namespace, cert, key, attachTo=[target])))

    await eventually(lambda: gateway_serves(f"{CB}-tls"), what="Gateway listener uses the cert")
    edited = await _bundle(client, namespace)
    https = edited["spec"]["listeners"][1]
    assert https["tls"]["certificateRef"] == {"name": f"{CB}-tls"}
    records = json.loads(edited["metadata"]["annotations"][ATTACHMENTS])
    assert records == {"https": {"by": f"{namespace}/{CB}", "previous": {"name": "wildcard-tls"}}}
    doc = await _status_when(
        client,
        namespace,
        "Attached",
        lambda s: any(
            c["type"] == "Attached" and c["status"] == "True" for c in s.get("conditions", [])
        ),
    )
    assert "listener https: serves Secret" in _condition(doc, "Attached")["message"]

    await client.delete(CertificateBundle, CB, namespace=namespace)
    await eventually(lambda: gateway_serves("wildcard-tls"), what="listener reverted")
    reverted = await _bundle(client, namespace)
    assert reverted["spec"]["listeners"][1]["tls"]["certificateRef"] == {"name": "wildcard-tls"}
    assert ATTACHMENTS not in (reverted["metadata"].get("annotations") or {})

    async def gone() -> bool:
        return await _get(client, CertificateBundle, CB, namespace) is None

    await eventually(gone, what="CertificateBundle deleted once its finalizer ran")


async def test_attach_to_an_unmanaged_gateway_or_an_http_listener_is_refused(
    kube: KubeFactory, namespace: str, operator: Manager
) -> None:
    client = kube(namespace=namespace)
    bundle = sample("gatewaybundle_production")
    bundle["metadata"] = {"name": "production-gateway", "namespace": namespace}
    await client.create(_new(bundle))
    await client.create(
        _new(
            {
                "apiVersion": "gateway.networking.k8s.io/v1",
                "kind": "Gateway",
                "metadata": {"name": "hand-made", "namespace": namespace},
                "spec": {
                    "gatewayClassName": "nginx",
                    "listeners": [{"name": "http", "port": 80, "protocol": "HTTP"}],
                },
            }
        )
    )
    cert, key = make_pair()
    targets = [
        {"gatewayName": "hand-made", "listenerName": "http"},
        {"gatewayName": "production-gateway", "listenerName": "http"},
    ]
    await client.create(_new(_inline(namespace, cert, key, attachTo=targets)))
    doc = await _status_when(
        client,
        namespace,
        "Attached=False",
        lambda s: any(
            c["type"] == "Attached" and c["status"] == "False" for c in s.get("conditions", [])
        ),
    )
    message = _condition(doc, "Attached")["message"]
    assert (
        f"{namespace}/hand-made listener http: Gateway {namespace}/hand-made is not managed"
        in message
    )
    assert "production-gateway listener http: the listener is HTTP" in message
    assert doc["status"]["phase"] == "Active"
    edited = await _bundle(client, namespace)
    assert ATTACHMENTS not in (edited["metadata"].get("annotations") or {})
