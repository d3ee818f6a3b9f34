"""The bundle's Gateway and TLS Secrets (pure).

Matrix: listeners keep name/port/protocol/hostname; allowedRoutes Same/All/Selector (with
matchLabels and matchExpressions) on every listener, absent when unset; certificateRef in
the bundle's namespace (no namespace written), in another namespace, from an inline
certificate (the bundle's Secret), passthrough (mode only); parametersRef present only
with an NginxProxy; a valid inline pair becomes a Secret, a bad one an outcome with the
reason and no Secret.
"""

from __future__ import annotations

from typing import Any

import pytest

from ngf_console.operator.children.gatewaybundle_gateway import build_gateway, build_tls_secrets
from tests.factories import spec_set
from tests.unit.operator.bundles import OWNER, gateway_bundle, listener
from tests.unit.operator.pki import make_pair, other_key


def _listeners(gateway: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["name"]: item for item in gateway["spec"]["listeners"]}


def test_listeners_and_parameters_ref() -> None:
    gateway = build_gateway(gateway_bundle(), OWNER, "gw-proxy-config")
    assert gateway["metadata"]["name"] == "gw"
    assert gateway["spec"]["gatewayClassName"] == "nginx"
    http, https = gateway["spec"]["listeners"]
    assert {k: http[k] for k in ("name", "port", "protocol")} == {
        "name": "http",
        "port": 80,
        "protocol": "HTTP",
    }
    assert "tls" not in http
    assert https["hostname"] == "*.example.com"
    assert https["tls"] == {
        "mode": "Terminate",
        "certificateRefs": [{"kind": "Secret", "name": "wildcard-tls"}],
    }
    assert gateway["spec"]["infrastructure"]["parametersRef"]["name"] == "gw-proxy-config"
    assert "infrastructure" not in build_gateway(gateway_bundle(), OWNER, None)["spec"]


@pytest.mark.parametrize(
    ("allowed", "expected"),
    [
        pytest.param(None, None, id="unset"),
        pytest.param({"namespaces": "All"}, {"namespaces": {"from": "All"}}, id="all"),
        pytest.param({"namespaces": "Same"}, {"namespaces": {"from": "Same"}}, id="same"),
        pytest.param(
            {
                "namespaces": "Selector",
                "selector": {
                    "matchLabels": {"team": "a"},
                    "matchExpressions": [{"key": "env", "operator": "In", "values": ["prod"]}],
                },
            },
            {
                "namespaces": {
                    "from": "Selector",
                    "selector": {
                        "matchLabels": {"team": "a"},
                        "matchExpressions": [{"key": "env", "operator": "In", "values": ["prod"]}],
                    },
                }
            },
            id="selector",
        ),
    ],
)
def test_allowed_routes_on_every_listener(
    allowed: dict[str, Any] | None, expected: dict[str, Any] | None
) -> None:
    bundle = gateway_bundle("gatewaybundle_production", spec_set("allowedRoutes", allowed))
    for item in build_gateway(bundle, OWNER, None)["spec"]["listeners"]:
        assert item.get("allowedRoutes") == expected


def test_certificate_refs_by_source() -> None:
    cert, key = make_pair()
    bundle = gateway_bundle(
        "gatewaybundle_production",
        listener(
            "other-ns",
            8443,
            "HTTPS",
            tls={"mode": "Terminate", "certificateRef": {"name": "c", "namespace": "certs"}},
        ),
        listener(
            "same-ns",
            9443,
            "HTTPS",
            tls={"mode": "Terminate", "certificateRef": {"name": "c", "namespace": "ns"}},
        ),
        listener(
            "inline",
            10443,
            "HTTPS",
            tls={"mode": "Terminate", "inlineCert": {"certificate": cert, "privateKey": key}},
        ),
        listener("pass", 11443, "TLS", tls={"mode": "Passthrough"}),
    )
    listeners = _listeners(build_gateway(bundle, OWNER, None))
    refs = {
        n: listeners[n]["tls"].get("certificateRefs") for n in listeners if "tls" in listeners[n]
    }
    assert refs == {
        "https": [{"kind": "Secret", "name": "wildcard-tls"}],
        "other-ns": [{"kind": "Secret", "name": "c", "namespace": "certs"}],
        "same-ns": [{"kind": "Secret", "name": "c"}],
        "inline": [{"kind": "Secret", "name": "gw-inline-tls"}],
        "pass": None,
    }
    assert listeners["pass"]["tls"] == {"mode": "Passthrough"}


def test_inline_certificates_become_secrets_or_outcomes() -> None:
    cert, key = make_pair()
    bad_cert, _ = make_pair()
    bundle = gateway_bundle(
        "gatewaybundle_production",
        listener(
            "good",
            8443,
            "HTTPS",
            tls={"mode": "Terminate", "inlineCert": {"certificate": cert, "privateKey": key}},
        ),
        listener(
            "bad",
            9443,
            "HTTPS",
            tls={
                "mode": "Terminate",
                "inlineCert": {"certificate": bad_cert, "privateKey": other_key()},
            },
        ),
    )
    secrets, outcomes = build_tls_secrets(bundle, OWNER)
    assert [s["metadata"]["name"] for s in secrets] == ["gw-good-tls"]
    assert [(o.listener, o.secret, o.reason) for o in outcomes] == [
        ("good", "gw-good-tls", None),
        ("bad", "gw-bad-tls", "KeyMismatch"),
    ]
    assert secrets[0]["metadata"]["labels"]["app.kubernetes.io/component"] == "tls-secret"
