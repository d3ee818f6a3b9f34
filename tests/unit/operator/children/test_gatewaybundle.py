"""Everything a GatewayBundle owns, gated by the NGF edition (pure).

Matrix: apply order (TLS Secrets, Gateway, NginxProxy, WAFPolicy, snippets) on Plus with
every feature; OSS leaves WAF out (and waf.enable) with the reason, snippets stay;
snippets disabled, SnippetsPolicy on NGF < 2.4 (the filter still made), NGF unknown →
each listed as unavailable while the Gateway is built; failures (bad key pair, rejected
NginxProxy) are kept rather than deleted; the gating fingerprint moves only when a
feature's availability does.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ngf_console.operator.children.gatewaybundle import desired_children, gating
from ngf_console.operator.settings import OperatorSettings
from tests.factories import spec_set
from tests.unit.operator.bundles import OSS, PLUS, UNKNOWN, gateway_bundle, listener
from tests.unit.operator.pki import make_pair, other_key

SETTINGS = OperatorSettings()


def _full(key: str | None = None) -> Any:
    cert, own = make_pair()
    return [
        listener(
            "app",
            8443,
            "HTTPS",
            tls={
                "mode": "Terminate",
                "inlineCert": {"certificate": cert, "privateKey": key or own},
            },
        ),
        spec_set(
            "snippets",
            [
                {"context": "http", "content": "client_max_body_size 64m;"},
                {"context": "location", "content": "add_header X-A 1;"},
            ],
        ),
    ]


def _kinds(manifests: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(m["kind"], m["metadata"]["name"]) for m in manifests]


def test_apply_order_on_plus() -> None:
    plan = desired_children(
        gateway_bundle("gatewaybundle_production", *_full()), "u", PLUS, SETTINGS
    )
    assert _kinds(plan.manifests) == [
        ("Secret", "gw-app-tls"),
        ("Gateway", "gw"),
        ("NginxProxy", "gw-proxy-config"),
        ("WAFPolicy", "gw-waf"),
        ("SnippetsPolicy", "gw-snippets"),
        ("SnippetsFilter", "gw-location-snippets"),
    ]
    assert plan.unavailable == []
    assert plan.failures == []
    for m in plan.manifests:
        assert m["metadata"]["labels"]["ngf-console.f5.com/gatewaybundle"] == "gw"
        assert m["metadata"]["ownerReferences"][0]["uid"] == "u"


def test_oss_leaves_waf_out_with_the_reason() -> None:
    plan = desired_children(
        gateway_bundle("gatewaybundle_production", *_full()), "u", OSS, SETTINGS
    )
    kinds = [k for k, _ in _kinds(plan.manifests)]
    assert "WAFPolicy" not in kinds
    assert {"SnippetsPolicy", "SnippetsFilter"} <= set(kinds)
    proxy = next(m for m in plan.manifests if m["kind"] == "NginxProxy")
    assert "waf" not in proxy["spec"]
    assert [(g.feature, g.why) for g in plan.unavailable] == [
        (
            "waf",
            "needs NGINX Plus; control plane ngf/ngf runs without --nginx-plus; "
            "WAFPolicy gw-waf not created",
        )
    ]


def test_disabled_snippets_old_ngf_and_unknown_ngf() -> None:
    bundle = gateway_bundle("gatewaybundle_production", *_full())
    no_snippets = dataclasses.replace(PLUS, snippets=False)
    plan = desired_children(bundle, "u", no_snippets, SETTINGS)
    assert {g.feature for g in plan.unavailable} == {
        "snippets (http, server)",
        "snippets (location)",
    }
    assert "runs without --snippets" in plan.unavailable[0].why

    old = desired_children(bundle, "u", dataclasses.replace(PLUS, version="2.3.0"), SETTINGS)
    assert [g.feature for g in old.unavailable] == ["snippets (http, server)"]
    assert "SnippetsFilter" in [k for k, _ in _kinds(old.manifests)]

    unknown = desired_children(bundle, "u", UNKNOWN, SETTINGS)
    assert [k for k, _ in _kinds(unknown.manifests)] == ["Secret", "Gateway", "NginxProxy"]
    assert all(
        g.why.startswith("NGINX Gateway Fabric was not detected") for g in unknown.unavailable
    )


def test_failures_are_kept_not_deleted() -> None:
    bundle = gateway_bundle(
        "gatewaybundle_production",
        *_full(key=other_key()),
        spec_set("nginxProxy", {"additionalConfig": {"bogus": 1}}),
    )
    plan = desired_children(bundle, "u", PLUS, SETTINGS)
    assert [(f.kind, f.name, f.reason) for f in plan.failures] == [
        ("Secret", "gw-app-tls", "KeyMismatch"),
        ("NginxProxy", "gw-proxy-config", "Invalid"),
    ]
    assert plan.kept == {("Secret", "ns", "gw-app-tls"), ("NginxProxy", "ns", "gw-proxy-config")}
    gateway = next(m for m in plan.manifests if m["kind"] == "Gateway")
    assert gateway["spec"]["infrastructure"]["parametersRef"]["name"] == "gw-proxy-config"


def test_gating_moves_only_with_availability() -> None:
    assert gating(OSS) == gating(dataclasses.replace(OSS, reason="another wording"))
    assert gating(OSS) != gating(PLUS)
    assert gating(PLUS) != gating(dataclasses.replace(PLUS, waf_crd=False))
