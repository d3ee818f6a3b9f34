"""Readiness of the kinds the GatewayBundle and CertificateBundle own (pure).

Matrix: Gateway — no status, Programmed=False, a listener with ResolvedRefs=False; NGF
policies (WAFPolicy, SnippetsPolicy) — no ancestors, one refusing; SnippetsFilter — no
controllers, one refusing; cert-manager Certificate — Ready False/True; kinds without a
readiness rule (Secret, NginxProxy) — applied means ready; absent — not ready.
"""

from __future__ import annotations

from typing import Any

import pytest

from ngf_console.operator.readiness import readiness


def _false(type_: str, reason: str = "Why") -> dict[str, str]:
    return {"type": type_, "status": "False", "reason": reason, "message": "m"}


@pytest.mark.parametrize(
    ("live", "ready", "needle"),
    [
        pytest.param({"kind": "Gateway"}, True, "applied", id="gateway-no-status"),
        pytest.param(
            {"kind": "Gateway", "status": {"conditions": [_false("Programmed")]}},
            False,
            "Programmed: Why",
            id="gateway-not-programmed",
        ),
        pytest.param(
            {
                "kind": "Gateway",
                "status": {
                    "listeners": [
                        {
                            "name": "https",
                            "conditions": [_false("ResolvedRefs", "InvalidCertificateRef")],
                        }
                    ]
                },
            },
            False,
            "listener https: ResolvedRefs: InvalidCertificateRef",
            id="gateway-listener-unresolved",
        ),
        pytest.param({"kind": "WAFPolicy"}, True, "not reported", id="waf-no-ancestors"),
        pytest.param(
            {
                "kind": "WAFPolicy",
                "status": {
                    "ancestors": [
                        {
                            "ancestorRef": {"name": "gw"},
                            "conditions": [_false("Accepted", "FetchError")],
                        }
                    ]
                },
            },
            False,
            "not accepted for gw: FetchError",
            id="waf-fetch-error",
        ),
        pytest.param(
            {"kind": "SnippetsPolicy", "status": {"ancestors": [{"conditions": []}]}},
            True,
            "accepted (1 reporting)",
            id="snippets-policy-accepted",
        ),
        pytest.param(
            {
                "kind": "SnippetsFilter",
                "status": {
                    "controllers": [
                        {"controllerName": "ngf", "conditions": [_false("Accepted", "Invalid")]}
                    ]
                },
            },
            False,
            "not accepted for ngf: Invalid",
            id="snippets-filter-refused",
        ),
        pytest.param(
            {"kind": "Certificate", "status": {"conditions": [_false("Ready", "Issuing")]}},
            False,
            "Ready: Issuing",
            id="certificate-issuing",
        ),
        pytest.param({"kind": "Secret"}, True, "applied", id="secret"),
        pytest.param({"kind": "NginxProxy"}, True, "applied", id="nginx-proxy"),
        pytest.param(None, False, "does not exist", id="absent"),
    ],
)
def test_readiness(live: dict[str, Any] | None, ready: bool, needle: str) -> None:
    got, message = readiness(live)
    assert got is ready
    assert needle in message
