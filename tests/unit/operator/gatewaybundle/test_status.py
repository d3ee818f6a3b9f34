"""GatewayBundle status from plan and observations (pure), and its feature conditions.

Matrix: every child applied and ready → Ready with children, listenerCount and conditions;
a Gateway NGF has not programmed → Pending; an apply error with live children →
Degraded; failures with nothing live → Error; a bad key pair → TLSCertificatesValid=False
with its reason and a failed tlsSecrets entry; unavailable/unsupported features → their
conditions True with the messages; a repair → DriftDetected=True until the spec hash
changes; an unchanged outcome computed again → an equal status (nothing to write).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ngf_console.operator.children.gatewaybundle import BundlePlan, Failure
from ngf_console.operator.children.gatewaybundle_gateway import TLSOutcome
from ngf_console.operator.children.gatewaybundle_nginxproxy import Gap
from ngf_console.operator.gatewaybundle.status import BundleOutcome, compute_status
from ngf_console.operator.observed import Observed

NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(minutes=5)


def _child(kind: str, name: str, component: str, **body: Any) -> dict[str, Any]:
    labels = {"app.kubernetes.io/component": component}
    return {"kind": kind, "metadata": {"name": name, "namespace": "ns", "labels": labels}, **body}


GATEWAY = _child("Gateway", "gw", "gateway", spec={"listeners": [{"name": "a"}, {"name": "b"}]})
PROXY = _child("NginxProxy", "gw-proxy-config", "nginx-proxy", spec={})
SECRET = _child("Secret", "gw-app-tls", "tls-secret")
POLICY = _child("SnippetsPolicy", "gw-snippets", "snippets")


def _outcome(observed: list[Observed], plan: BundlePlan | None = None, **kw: Any) -> BundleOutcome:
    plan = plan or BundlePlan(namespace="ns", tls=[TLSOutcome("app", "gw-app-tls")])
    return BundleOutcome(
        plan=plan, observed=observed, spec_hash=kw.pop("spec_hash", "h1"), generation=1, **kw
    )


def _all_live() -> list[Observed]:
    return [Observed(d, d, applied=True) for d in (SECRET, GATEWAY, PROXY, POLICY)]


def _cond(status: Any, type_: str) -> tuple[str, str, str]:
    c = next(c for c in status.conditions if c.type == type_)
    return c.status, c.reason, c.message


def test_ready_with_every_child() -> None:
    status = compute_status(None, _outcome(_all_live()), NOW)
    assert status.phase == "Ready"
    assert status.listener_count == 2
    children = status.children
    assert children.gateway is not None
    assert children.gateway.ready
    assert children.nginx_proxy is not None
    assert children.nginx_proxy.name == "gw-proxy-config"
    assert children.waf_policy is None
    assert [s.name for s in children.snippets] == ["gw-snippets"]
    assert [s.name for s in children.tls_secrets] == ["gw-app-tls"]
    assert _cond(status, "Ready")[:2] == ("True", "GatewayReady")
    assert _cond(status, "EnterpriseFeatureUnavailable")[:2] == ("False", "AllFeaturesAvailable")
    assert _cond(status, "FeatureUnsupported")[:2] == ("False", "AllFieldsApplied")
    assert _cond(status, "TLSCertificatesValid") == (
        "True",
        "InlineCertificatesValid",
        "inline certificates of app are valid",
    )
    assert _cond(status, "DriftDetected")[:2] == ("False", "NoDrift")


def test_an_unprogrammed_gateway_is_pending() -> None:
    conditions = [{"type": "Programmed", "status": "False", "reason": "Pending", "message": "wait"}]
    gateway = {**GATEWAY, "status": {"conditions": conditions}}
    observed = [Observed(gateway, gateway), Observed(PROXY, PROXY)]
    plan = BundlePlan(namespace="ns")
    status = compute_status(None, _outcome(observed, plan), NOW)
    assert status.phase == "Pending"
    status_, reason, message = _cond(status, "Ready")
    assert (status_, reason) == ("False", "ChildrenNotReady")
    assert "Programmed: Pending: wait" in message


def test_apply_error_degrades_and_failures_without_live_children_are_errors() -> None:
    observed = [Observed(GATEWAY, GATEWAY), Observed(PROXY, None, error="forbidden")]
    degraded = compute_status(None, _outcome(observed, BundlePlan(namespace="ns")), NOW)
    assert degraded.phase == "Degraded"
    assert _cond(degraded, "Degraded")[0] == "True"
    assert "NginxProxy gw-proxy-config: forbidden" in _cond(degraded, "Reconciled")[2]

    plan = BundlePlan(namespace="ns", failures=[Failure("NginxProxy", "gw-proxy-config", "bad")])
    error = compute_status(None, _outcome([Observed(GATEWAY, None, error="denied")], plan), NOW)
    assert error.phase == "Error"
    assert error.children.nginx_proxy is not None
    assert (error.children.nginx_proxy.ready, error.children.nginx_proxy.message) == (False, "bad")


def test_bad_key_pair_condition_and_child() -> None:
    plan = BundlePlan(
        namespace="ns",
        tls=[TLSOutcome("app", "gw-app-tls", "KeyMismatch", "the private key does not match")],
        failures=[Failure("Secret", "gw-app-tls", "listener app: mismatch", "KeyMismatch")],
    )
    status = compute_status(None, _outcome([Observed(GATEWAY, GATEWAY)], plan), NOW)
    assert status.phase == "Degraded"
    assert _cond(status, "TLSCertificatesValid") == (
        "False",
        "KeyMismatch",
        "listener app: the private key does not match; Secret gw-app-tls not updated",
    )
    assert [(s.name, s.ready) for s in status.children.tls_secrets] == [("gw-app-tls", False)]


def test_feature_conditions() -> None:
    plan = BundlePlan(
        namespace="ns",
        unavailable=[Gap("waf", "needs NGINX Plus"), Gap("snippets (location)", "no --snippets")],
        unsupported=[Gap("nginxProxy.workerProcesses", "not in NGF 2.6")],
    )
    status = compute_status(None, _outcome([Observed(GATEWAY, GATEWAY)], plan), NOW)
    assert status.phase == "Ready"
    assert _cond(status, "EnterpriseFeatureUnavailable") == (
        "True",
        "FeatureUnavailable",
        "waf: needs NGINX Plus; snippets (location): no --snippets",
    )
    assert _cond(status, "FeatureUnsupported") == (
        "True",
        "NotInNGFAPI",
        "nginxProxy.workerProcesses: not in NGF 2.6",
    )
    assert _cond(status, "TLSCertificatesValid")[1] == "NoInlineCertificates"


def test_drift_stays_until_the_spec_changes_and_resync_is_stable() -> None:
    first = compute_status(None, _outcome(_all_live()), NOW)
    steady = [Observed(d, d) for d in (SECRET, GATEWAY, PROXY, POLICY)]
    again = compute_status(first, _outcome(steady), LATER)
    assert again == first
    repaired = compute_status(
        first, _outcome(steady, repairs=["Gateway gw was deleted; recreated"]), LATER
    )
    assert _cond(repaired, "DriftDetected") == (
        "True",
        "DriftRepaired",
        "Gateway gw was deleted; recreated",
    )
    kept = compute_status(repaired, _outcome(steady), LATER)
    assert _cond(kept, "DriftDetected")[0] == "True"
    changed = compute_status(kept, _outcome(steady, spec_hash="h2"), LATER)
    assert _cond(changed, "DriftDetected")[0] == "False"
