"""Every child the GatewayBundle and CertificateBundle builders produce is accepted by the
real API server (server-side apply, dryRun=All): Gateway API's Gateway, the NGF CRDs
(NginxProxy, WAFPolicy, SnippetsPolicy, SnippetsFilter), cert-manager's Certificate and
core Secrets judge them with their schemas and CEL rules.

Matrix: both GatewayBundle samples on a Plus NGF with snippets (every child kind, an
inline TLS Secret, all three snippet contexts) · both CertificateBundle samples (inline
Secret; cert-manager Certificate with renewBefore and secretTemplate).
"""

from __future__ import annotations

from typing import Any, cast

import pytest
from lightkube import ApiError

from ngf_console.api.v1alpha1.certificatebundle import CertificateBundle
from ngf_console.api.v1alpha1.gatewaybundle import GatewayBundle
from ngf_console.edition import Edition
from ngf_console.kube.resources import to_object
from ngf_console.operator.children import certificatebundle, gatewaybundle
from ngf_console.operator.settings import OperatorSettings
from tests.conftest import KubeFactory
from tests.factories import sample

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]

PLUS = Edition("plus", "test", waf_crd=True, snippets=True, control_plane="ngf/ngf")


def _gateway_bundle(name: str, namespace: str) -> list[dict[str, Any]]:
    doc = sample(name)
    doc["metadata"]["namespace"] = namespace
    doc["spec"]["snippets"] = [
        {"context": "http", "content": "client_max_body_size 64m;"},
        {"context": "server", "content": "add_header X-Frame-Options DENY;"},
        {"context": "location", "content": "add_header X-Route inference;"},
    ]
    plan = gatewaybundle.desired_children(
        GatewayBundle.from_k8s(doc), "0000-uid", PLUS, OperatorSettings()
    )
    assert not plan.failures
    return plan.manifests


def _certificate_bundle(name: str, namespace: str) -> list[dict[str, Any]]:
    doc = sample(name)
    doc["metadata"]["namespace"] = namespace
    plan = certificatebundle.desired_children(CertificateBundle.from_k8s(doc), "0000-uid")
    assert plan.failure is None
    return plan.manifests


@pytest.mark.parametrize(
    ("build", "name", "kinds"),
    [
        pytest.param(
            _gateway_bundle,
            "gatewaybundle_production",
            {"Gateway", "NginxProxy", "WAFPolicy", "SnippetsPolicy", "SnippetsFilter"},
            id="gatewaybundle-production",
        ),
        pytest.param(
            _gateway_bundle,
            "gatewaybundle_inline_tls",
            {"Secret", "Gateway", "NginxProxy", "SnippetsPolicy", "SnippetsFilter"},
            id="gatewaybundle-inline-tls",
        ),
        pytest.param(
            _certificate_bundle,
            "certificatebundle_inline",
            {"Secret"},
            id="certificatebundle-inline",
        ),
        pytest.param(
            _certificate_bundle,
            "certificatebundle_certmanager",
            {"Certificate"},
            id="certificatebundle-cert-manager",
        ),
    ],
)
async def test_every_child_passes_server_side_dry_run(
    kube: KubeFactory, namespace: str, build: Any, name: str, kinds: set[str]
) -> None:
    manifests = build(name, namespace)
    assert {m["kind"] for m in manifests} == kinds
    client = kube(namespace=namespace)
    rejected: dict[str, str] = {}
    for m in manifests:
        try:
            await client.apply(
                cast(Any, to_object(m)),
                field_manager="ngf-console-operator",
                dry_run=True,
                force=True,
            )
        except ApiError as e:
            rejected[f"{m['kind']}/{m['metadata']['name']}"] = e.status.message or ""
    assert rejected == {}
