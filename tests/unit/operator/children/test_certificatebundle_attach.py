"""Attachment planning (pure): edits to GatewayBundles and a result per attachTo entry.

Matrix: a new attachment replaces certificateRef and records the previous one; planning
again changes nothing; an entry removed from attachTo and "no targets" (deletion) revert
to the recorded ref; refusals — missing listener, HTTP, passthrough, another bundle's,
inline certificate; a new attachment waits while the certificate is not usable but an
existing one stays; a Secret in another namespace is referenced with its namespace;
Gateways without a bundle and missing Gateways; unreadable records count as none.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from ngf_console.operator.children.certificatebundle_attach import (
    ATTACHMENTS,
    Target,
    plan_attachments,
    records_of,
)

ME = "ns/cb"
SECRET = ("ns", "cb-tls")


def _bundle(records: dict[str, Any] | None = None, ns: str = "ns") -> dict[str, Any]:
    annotations = {ATTACHMENTS: json.dumps(records)} if records else {}
    return {
        "metadata": {"name": "gw", "namespace": ns, "annotations": annotations},
        "spec": {
            "listeners": [
                {"name": "http", "port": 80, "protocol": "HTTP"},
                {
                    "name": "https",
                    "port": 443,
                    "protocol": "HTTPS",
                    "tls": {"mode": "Terminate", "certificateRef": {"name": "wildcard-tls"}},
                },
                {"name": "db", "port": 8443, "protocol": "TLS", "tls": {"mode": "Passthrough"}},
                {
                    "name": "inline",
                    "port": 9443,
                    "protocol": "HTTPS",
                    "tls": {
                        "mode": "Terminate",
                        "inlineCert": {"certificate": "c", "privateKey": "k"},
                    },
                },
            ]
        },
    }


def _plan(bundle: dict[str, Any], *listeners: str, may: bool = True, secret: Any = SECRET) -> Any:
    targets = [Target("ns", "gw", name) for name in listeners]
    return plan_attachments(ME, secret, targets, {("ns", "gw"): bundle}, set(), may_attach=may)


def _https(edit: Any) -> dict[str, Any]:
    return dict(next(item for item in edit.listeners if item["name"] == "https"))


def test_attach_records_the_previous_ref_and_is_then_stable() -> None:
    bundle = _bundle()
    edits, results = _plan(bundle, "https")
    [edit] = edits
    assert _https(edit)["tls"]["certificateRef"] == {"name": "cb-tls"}
    assert edit.records == {"https": {"by": ME, "previous": {"name": "wildcard-tls"}}}
    assert [(r.attached, r.reason) for r in results] == [(True, "Attached")]
    # the live manifest is not mutated
    assert bundle["spec"]["listeners"][1]["tls"]["certificateRef"] == {"name": "wildcard-tls"}

    applied = copy.deepcopy(bundle)
    applied["spec"]["listeners"] = edit.listeners
    applied["metadata"]["annotations"] = {ATTACHMENTS: json.dumps(edit.records)}
    again, results = _plan(applied, "https")
    assert again == []
    assert results[0].attached


@pytest.mark.parametrize(
    "targets", [pytest.param((), id="deleted"), pytest.param(("http",), id="removed")]
)
def test_revert_restores_the_previous_ref(targets: tuple[str, ...]) -> None:
    bundle = _bundle({"https": {"by": ME, "previous": {"name": "wildcard-tls"}}})
    bundle["spec"]["listeners"][1]["tls"]["certificateRef"] = {"name": "cb-tls"}
    edits, _ = _plan(bundle, *targets)
    [edit] = edits
    assert _https(edit)["tls"]["certificateRef"] == {"name": "wildcard-tls"}
    assert edit.records == {}


@pytest.mark.parametrize(
    ("listener", "reason"),
    [
        ("missing", "ListenerNotFound"),
        ("http", "ListenerWithoutTLS"),
        ("db", "PassthroughListener"),
        ("inline", "InlineCertificate"),
    ],
)
def test_refusals(listener: str, reason: str) -> None:
    edits, [result] = _plan(_bundle(), listener)
    assert edits == []
    assert (result.attached, result.reason) == (False, reason)


def test_another_bundles_listener_is_refused() -> None:
    bundle = _bundle({"https": {"by": "ns/other", "previous": {"name": "x"}}})
    edits, [result] = _plan(bundle, "https")
    assert edits == []
    assert result.reason == "AlreadyAttached"
    assert "CertificateBundle ns/other already serves it" in result.message


def test_waits_for_a_usable_certificate_but_keeps_an_existing_attachment() -> None:
    edits, [result] = _plan(_bundle(), "https", may=False)
    assert (edits, result.reason) == ([], "CertificateNotReady")
    attached = _bundle({"https": {"by": ME, "previous": {"name": "wildcard-tls"}}})
    attached["spec"]["listeners"][1]["tls"]["certificateRef"] = {"name": "cb-tls"}
    edits, [result] = _plan(attached, "https", may=False)
    assert (edits, result.attached) == ([], True)


def test_secret_in_another_namespace_is_referenced_with_it() -> None:
    edits, _ = _plan(_bundle(), "https", secret=("certs", "cb-tls"))
    assert _https(edits[0])["tls"]["certificateRef"] == {"name": "cb-tls", "namespace": "certs"}


def test_gateways_without_a_bundle() -> None:
    targets = [Target("ns", "hand-made", "https"), Target("ns", "nowhere", "https")]
    edits, results = plan_attachments(
        ME, SECRET, targets, {}, {("ns", "hand-made")}, may_attach=True
    )
    assert edits == []
    assert [r.reason for r in results] == ["GatewayNotManaged", "GatewayNotFound"]
    assert "only through its GatewayBundle (one writer per object)" in results[0].message


def test_unreadable_records_count_as_none() -> None:
    doc = {"metadata": {"annotations": {ATTACHMENTS: "{not json"}}}
    assert records_of(doc) == {}
    assert records_of({"metadata": {"annotations": {ATTACHMENTS: "[1]"}}}) == {}
