"""The bundle's WAFPolicy and snippets (pure), and the upstream-model check they go through.

Matrix: the bundle name chosen from policyRef, or from mode/threshold/bot defense; the
WAFPolicy targets the Gateway, fetches `<url>/<bundle>.tgz` and records the settings as
annotations; http/server snippets → one SnippetsPolicy (contexts http, http.server),
location → a SnippetsFilter (http.server.location), none → neither; `rejection` names the
field path and rule and never the value.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from ngf_console.api.v1alpha1.common import InlineCertSpec
from ngf_console.api.v1alpha1.gatewaybundle import WAFPolicySpec
from ngf_console.operator.children import gatewaybundle_policies as policies
from ngf_console.operator.children.gatewaybundle_validate import describe, rejection
from ngf_console.upstream.ngf.snippetsfilter import SnippetsFilter
from tests.factories import spec_set
from tests.unit.operator.bundles import OWNER, gateway_bundle


@pytest.mark.parametrize(
    ("waf", "name"),
    [
        pytest.param({"policyRef": "corp-strict"}, "corp-strict", id="policy-ref"),
        pytest.param({"mode": "enforce"}, "default-enforce", id="mode-only"),
        pytest.param(
            {"mode": "log-only", "violationRatingThreshold": 4}, "default-log-only-vr4", id="log"
        ),
        pytest.param(
            {"violationRatingThreshold": 3, "botDefense": True},
            "default-enforce-vr3-bot",
            id="sample",
        ),
    ],
)
def test_waf_bundle_name(waf: dict[str, Any], name: str) -> None:
    assert policies.waf_bundle(WAFPolicySpec.from_k8s(waf)) == name


def test_waf_policy_targets_the_gateway() -> None:
    bundle = gateway_bundle()
    assert bundle.spec.waf is not None
    doc, error = policies.build_waf_policy(bundle, bundle.spec.waf, OWNER, "http://bundles/x/")
    assert error is None
    assert doc is not None
    assert doc["metadata"]["name"] == "gw-waf"
    assert doc["spec"] == {
        "type": "HTTP",
        "targetRefs": [{"group": "gateway.networking.k8s.io", "kind": "Gateway", "name": "gw"}],
        "policySource": {"httpSource": {"url": "http://bundles/x/default-enforce-vr3-bot.tgz"}},
    }
    assert doc["metadata"]["annotations"] == {
        "ngf-console.f5.com/waf-mode": "enforce",
        "ngf-console.f5.com/waf-bot-defense": "true",
        "ngf-console.f5.com/waf-violation-rating-threshold": "3",
    }


def _snippets(*contexts: str) -> Any:
    return spec_set("snippets", [{"context": c, "content": f"# {c}"} for c in contexts])


def test_snippets_split_between_policy_and_filter() -> None:
    bundle = gateway_bundle("gatewaybundle_production", _snippets("http", "server", "location"))
    policy, error = policies.build_snippets_policy(bundle, OWNER)
    assert error is None
    assert policy is not None
    assert policy["kind"] == "SnippetsPolicy"
    assert policy["spec"]["snippets"] == [
        {"context": "http", "value": "# http"},
        {"context": "http.server", "value": "# server"},
    ]
    assert policy["spec"]["targetRefs"][0]["name"] == "gw"
    found, error = policies.build_snippets_filter(bundle, OWNER)
    assert error is None
    assert found is not None
    assert found["metadata"]["name"] == "gw-location-snippets"
    assert found["spec"]["snippets"] == [{"context": "http.server.location", "value": "# location"}]


def test_no_snippets_no_children() -> None:
    only_location = gateway_bundle("gatewaybundle_production", _snippets("location"))
    assert policies.build_snippets_policy(only_location, OWNER) == (None, None)
    assert policies.build_snippets_filter(gateway_bundle(), OWNER) == (None, None)


def test_rejection_names_path_and_rule_not_value() -> None:
    doc: dict[str, Any] = {
        "apiVersion": "gateway.nginx.org/v1alpha1",
        "kind": "SnippetsFilter",
        "metadata": {"name": "f"},
        "spec": {
            "snippets": [
                {"context": "http", "value": "secret-looking-value"},
                {"context": "http", "value": "again"},
                {"context": "nowhere", "value": "x"},
            ]
        },
    }
    message = rejection(SnippetsFilter, doc)
    assert message is not None
    assert message.startswith("SnippetsFilter (gateway.nginx.org/v1alpha1) would be rejected: ")
    assert "spec.snippets[2].context: Input should be 'main', 'http'" in message
    assert "secret-looking-value" not in message
    assert "nowhere" not in message
    doc["spec"]["snippets"] = doc["spec"]["snippets"][:2]
    message = rejection(SnippetsFilter, doc)
    assert message is not None
    assert "spec.snippets: Only one snippet allowed per context" in message
    doc["spec"]["snippets"] = doc["spec"]["snippets"][:1]
    assert rejection(SnippetsFilter, doc) is None


def test_describe_leaves_key_material_out() -> None:
    with pytest.raises(ValidationError) as caught:
        InlineCertSpec.from_k8s({"certificate": "MIIB-not-pem", "privateKey": "KEYMATERIAL"})
    text = describe(caught.value)
    assert "privateKey: String should match pattern" in text
    assert "KEYMATERIAL" not in text
    assert "MIIB-not-pem" not in text
