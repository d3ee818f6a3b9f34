"""The bundle's NginxProxy (pure): mapping onto NGF 2.6.7's fields, pass-through, rejection.

Matrix: no nginxProxy/infrastructure/WAF → none; the production sample's mapping
(workerConnections, replicas, waf.enable) with workerProcesses reported unsupported;
resources → container.resources; additionalConfig merged as written and deep-merged
with mapped fields; a conflicting value is an error naming both fields; unknown fields,
wrong types and broken CEL rules are rejected as the CRD would; Plus-only settings
(nginxPlus, waf, errorLogFormat json, custom serverTokens) left out on OSS and kept on Plus.
"""

from __future__ import annotations

from typing import Any

import pytest

from ngf_console.operator.children.gatewaybundle_nginxproxy import build_nginx_proxy
from tests.factories import spec_set
from tests.unit.operator.bundles import OSS, OWNER, PLUS, gateway_bundle


def _extra(config: dict[str, Any], **proxy: Any) -> Any:
    return spec_set("nginxProxy", {"additionalConfig": config, **proxy})


def test_nothing_requested_means_no_nginx_proxy() -> None:
    bundle = gateway_bundle(
        "gatewaybundle_production",
        spec_set("nginxProxy", None),
        spec_set("infrastructure", None),
        spec_set("waf", None),
    )
    assert build_nginx_proxy(bundle, OWNER, PLUS, waf=False).name is None


def test_production_mapping() -> None:
    plan = build_nginx_proxy(gateway_bundle(), OWNER, PLUS, waf=True)
    assert plan.error is None
    assert plan.manifest is not None
    assert plan.manifest["apiVersion"] == "gateway.nginx.org/v1alpha2"
    assert plan.manifest["metadata"]["name"] == "gw-proxy-config"
    assert plan.manifest["spec"] == {
        "workerConnections": 8192,
        "kubernetes": {"deployment": {"replicas": 3}},
        "waf": {"enable": True},
    }
    assert [gap.feature for gap in plan.unsupported] == ["nginxProxy.workerProcesses"]
    assert "worker_processes auto" in plan.unsupported[0].why


def test_resources_and_additional_config_are_merged() -> None:
    bundle = gateway_bundle(
        "gatewaybundle_production",
        _extra(
            {
                "ipFamily": "ipv4",
                "kubernetes": {"deployment": {"pod": {"nodeSelector": {"pool": "edge"}}}},
            },
            workerConnections=1024,
        ),
        spec_set("infrastructure", {"replicas": 2, "resources": {"limits": {"memory": "1Gi"}}}),
    )
    plan = build_nginx_proxy(bundle, OWNER, PLUS, waf=False)
    assert plan.manifest is not None
    assert plan.manifest["spec"] == {
        "ipFamily": "ipv4",
        "workerConnections": 1024,
        "kubernetes": {
            "deployment": {
                "pod": {"nodeSelector": {"pool": "edge"}},
                "replicas": 2,
                "container": {"resources": {"limits": {"memory": "1Gi"}}},
            }
        },
    }


def test_a_conflict_names_both_fields() -> None:
    bundle = gateway_bundle(
        "gatewaybundle_production",
        _extra(
            {"workerConnections": 1024, "kubernetes": {"deployment": {"replicas": 1}}},
            workerConnections=8192,
        ),
    )
    plan = build_nginx_proxy(bundle, OWNER, PLUS, waf=False)
    assert plan.manifest is None
    assert plan.error == (
        "nginxProxy.additionalConfig.workerConnections conflicts with "
        "nginxProxy.workerConnections: set it in one place; "
        "nginxProxy.additionalConfig.kubernetes.deployment.replicas conflicts with "
        "infrastructure.replicas: set it in one place"
    )


@pytest.mark.parametrize(
    ("config", "message"),
    [
        pytest.param(
            {"workerProcesses": 4},
            "spec.workerProcesses: Extra inputs are not permitted",
            id="unknown-field",
        ),
        pytest.param(
            {"disableHTTP2": "yes"},
            "spec.disableHTTP2: Input should be a valid boolean",
            id="wrong-type",
        ),
        pytest.param(
            {"rewriteClientIP": {"mode": "XForwardedFor"}},
            "spec.rewriteClientIP: if mode is set, trustedAddresses is a required field",
            id="cel-rule",
        ),
        pytest.param(
            {"kubernetes": {"daemonSet": {}}},
            "spec.kubernetes: only one of deployment or daemonSet can be set",
            id="deployment-and-daemonset",
        ),
    ],
)
def test_what_the_crd_rejects_is_rejected(config: dict[str, Any], message: str) -> None:
    bundle = gateway_bundle("gatewaybundle_production", _extra(config, workerConnections=None))
    plan = build_nginx_proxy(bundle, OWNER, PLUS, waf=False)
    assert plan.manifest is None
    assert plan.error is not None
    assert plan.error.startswith("NginxProxy (gateway.nginx.org/v1alpha2) would be rejected: ")
    assert message in plan.error


PLUS_ONLY = {
    "nginxPlus": {"allowedAddresses": [{"type": "CIDR", "value": "10.0.0.0/8"}]},
    "waf": {"enable": True},
    "logging": {"errorLogFormat": "json", "errorLevel": "warn"},
    "serverTokens": "my-server",
}


def test_plus_only_settings_are_left_out_on_oss() -> None:
    bundle = gateway_bundle("gatewaybundle_production", _extra(dict(PLUS_ONLY)))
    plan = build_nginx_proxy(bundle, OWNER, OSS, waf=False)
    assert plan.manifest is not None
    spec = plan.manifest["spec"]
    assert "nginxPlus" not in spec
    assert "waf" not in spec
    assert "serverTokens" not in spec
    assert spec["logging"] == {"errorLevel": "warn"}
    assert [gap.feature for gap in plan.unavailable] == [
        "nginxProxy NGINX Plus API access (nginxPlus)",
        "nginxProxy F5 WAF for NGINX (waf)",
        "nginxProxy JSON error log (logging.errorLogFormat: json)",
        "nginxProxy a custom serverTokens string",
    ]
    assert plan.unavailable[0].why.startswith("needs NGINX Plus; control plane ngf/ngf runs")


def test_plus_only_settings_are_kept_on_plus_and_oss_tokens_everywhere() -> None:
    bundle = gateway_bundle("gatewaybundle_production", _extra(dict(PLUS_ONLY)))
    plan = build_nginx_proxy(bundle, OWNER, PLUS, waf=False)
    assert plan.manifest is not None
    assert plan.manifest["spec"]["serverTokens"] == "my-server"
    assert plan.unavailable == []
    oss_tokens = gateway_bundle("gatewaybundle_production", _extra({"serverTokens": "off"}))
    oss_plan = build_nginx_proxy(oss_tokens, OWNER, OSS, waf=False)
    assert oss_plan.manifest is not None
    assert oss_plan.manifest["spec"]["serverTokens"] == "off"
