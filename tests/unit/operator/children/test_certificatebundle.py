"""What a CertificateBundle owns (pure).

Matrix: inline → an owned `kubernetes.io/tls` Secret `<name>-tls`; a bad pair → a failure
and the Secret kept; cert-manager → a Certificate (issuerRef with group, dnsNames,
secretName, secretTemplate labels) with renewBefore only under autoRenew, and the issued
Secret kept; Go durations for cert-manager.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ngf_console.operator.children.certificatebundle import (
    desired_children,
    go_duration,
    threshold,
)
from tests.factories import Mod, spec_set
from tests.unit.operator.bundles import certificate_bundle
from tests.unit.operator.pki import make_pair, other_key


def _inline(cert: str, key: str) -> Mod:
    return spec_set("source.inline", {"certificate": cert, "privateKey": key})


def test_inline_is_an_owned_tls_secret() -> None:
    cert, key = make_pair()
    plan = desired_children(certificate_bundle("certificatebundle_inline", _inline(cert, key)), "u")
    assert plan.failure is None
    assert plan.kept == set()
    [secret] = plan.manifests
    assert (secret["kind"], secret["type"], secret["metadata"]["name"]) == (
        "Secret",
        "kubernetes.io/tls",
        "cb-tls",
    )
    assert secret["metadata"]["labels"]["ngf-console.f5.com/certificatebundle"] == "cb"
    assert secret["metadata"]["ownerReferences"][0]["kind"] == "CertificateBundle"


def test_bad_pair_is_a_failure_and_the_secret_is_kept() -> None:
    cert, _ = make_pair()
    plan = desired_children(
        certificate_bundle("certificatebundle_inline", _inline(cert, other_key())), "u"
    )
    assert plan.manifests == []
    assert plan.failure is not None
    assert plan.failure[0] == "KeyMismatch"
    assert plan.kept == {("Secret", "ns", "cb-tls")}


@pytest.mark.parametrize(("auto_renew", "renew_before"), [(True, "336h"), (False, None)])
def test_cert_manager_certificate(auto_renew: bool, renew_before: str | None) -> None:
    bundle = certificate_bundle("certificatebundle_certmanager", spec_set("autoRenew", auto_renew))
    plan = desired_children(bundle, "u")
    [certificate] = plan.manifests
    assert certificate["apiVersion"] == "cert-manager.io/v1"
    spec = certificate["spec"]
    assert spec["issuerRef"] == {
        "name": "letsencrypt-prod",
        "kind": "ClusterIssuer",
        "group": "cert-manager.io",
    }
    assert spec["dnsNames"] == ["*.example.com"]
    assert spec["secretName"] == "cb-tls"
    assert spec["secretTemplate"]["labels"] == {
        "app.kubernetes.io/managed-by": "ngf-console",
        "ngf-console.f5.com/certificatebundle": "cb",
    }
    assert spec.get("renewBefore") == renew_before
    assert plan.kept == {("Secret", "ns", "cb-tls")}


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(30 * 86400, "720h"), (5400, "1h30m"), (45, "45s"), (3725, "1h2m5s"), (0, "0s")],
)
def test_go_duration(seconds: int, text: str) -> None:
    assert go_duration(dt.timedelta(seconds=seconds)) == text


def test_threshold_counts_days() -> None:
    bundle = certificate_bundle("certificatebundle_inline", spec_set("expiryAlertThreshold", "14d"))
    assert threshold(bundle) == dt.timedelta(days=14)
