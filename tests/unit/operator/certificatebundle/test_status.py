"""CertificateBundle status from the stored certificate (pure).

Matrix: Active / Expiring / Expired / not yet valid from the stored certificate with the
next phase change; nothing stored → Pending; an unusable pair → Error with
CertificateValid=False and its reason; an apply error → Error and Reconciled=False;
Attached for no targets, all attached, a refusal, a failed bundle update; a resync of an
unchanged outcome → an equal status; a repair → DriftDetected.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ngf_console.operator.certificatebundle.status import CertOutcome, compute_status, evaluate
from ngf_console.operator.children.certificatebundle_attach import AttachResult, Target
from ngf_console.operator.children.tls import CertificateInfo
from ngf_console.operator.observed import Observed

NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
THIRTY = dt.timedelta(days=30)


def _info(days_left: float, issued_days_ago: float = 300) -> CertificateInfo:
    return CertificateInfo(
        NOW - issued_days_ago * DAY, NOW + days_left * DAY, "CN=CA", "CN=app", ("app",)
    )


def _outcome(**kw: Any) -> CertOutcome:
    return CertOutcome(secret="ns/cb-tls", threshold=THIRTY, generation=1, **kw)


@pytest.mark.parametrize(
    ("info", "phase", "change"),
    [
        pytest.param(_info(365), "Active", NOW + 335 * DAY, id="active"),
        pytest.param(_info(10), "Expiring", NOW + 10 * DAY, id="expiring"),
        pytest.param(_info(-1), "Expired", None, id="expired"),
        pytest.param(_info(365, issued_days_ago=-2), "Pending", NOW + 2 * DAY, id="not-yet-valid"),
        pytest.param(None, "Pending", None, id="nothing-stored"),
    ],
)
def test_phase_and_next_change(info: CertificateInfo | None, phase: str, change: Any) -> None:
    got_phase, got_change, _ = evaluate(_outcome(stored=info), NOW)
    assert (got_phase, got_change) == (phase, change)


def _cond(status: Any, type_: str) -> tuple[str, str, str]:
    c = next(c for c in status.conditions if c.type == type_)
    return c.status, c.reason, c.message


def test_expiring_status_fields_and_conditions() -> None:
    status, change = compute_status(None, _outcome(stored=_info(10)), NOW)
    assert status.phase == "Expiring"
    assert change == NOW + 10 * DAY
    assert (status.expires_at, status.issued_at, status.issuer) == (
        NOW + 10 * DAY,
        NOW - 300 * DAY,
        "CN=CA",
    )
    ready = _cond(status, "Ready")
    assert ready[:2] == ("True", "CertificateExpiring")
    assert "within the 30d alert threshold" in ready[2]
    assert _cond(status, "CertificateValid")[0] == "True"
    assert _cond(status, "Attached")[:2] == ("True", "NothingToAttach")
    assert status.children.secret is not None
    assert status.children.secret.ready


def test_unusable_pair_is_an_error() -> None:
    failure = ("KeyMismatch", "the private key does not match the certificate")
    status, change = compute_status(None, _outcome(failure=failure), NOW)
    assert (status.phase, change) == ("Error", None)
    assert _cond(status, "CertificateValid") == ("False", *failure)
    assert _cond(status, "Ready")[:2] == ("False", "CertificateError")


def test_apply_error_is_an_error() -> None:
    desired = {"kind": "Certificate", "metadata": {"name": "cb", "namespace": "ns"}}
    observed = [Observed(desired, None, error="the server could not find the requested resource")]
    status, _ = compute_status(None, _outcome(observed=observed), NOW)
    assert status.phase == "Error"
    assert _cond(status, "Reconciled")[0] == "False"
    assert status.children.certificate is not None
    assert not status.children.certificate.ready


def test_attached_condition() -> None:
    target = Target("ns", "gw", "https")
    ok = [AttachResult(target, True, "Attached", "serves Secret cb-tls")]
    status, _ = compute_status(None, _outcome(stored=_info(90), attach=ok), NOW)
    assert _cond(status, "Attached") == (
        "True",
        "Attached",
        "ns/gw listener https: serves Secret cb-tls",
    )
    refused = [
        *ok,
        AttachResult(Target("ns", "gw", "http"), False, "ListenerWithoutTLS", "is HTTP"),
    ]
    status, _ = compute_status(None, _outcome(stored=_info(90), attach=refused), NOW)
    assert _cond(status, "Attached")[:2] == ("False", "ListenerWithoutTLS")
    failed = _outcome(stored=_info(90), attach=ok, attach_errors=["GatewayBundle ns/gw: conflict"])
    status, _ = compute_status(None, failed, NOW)
    assert _cond(status, "Attached")[:2] == ("False", "UpdateFailed")


def test_resync_is_stable_and_repairs_are_drift() -> None:
    first, _ = compute_status(None, _outcome(stored=_info(90), spec_changed=True), NOW)
    again, _ = compute_status(first, _outcome(stored=_info(90)), NOW + dt.timedelta(minutes=1))
    assert again == first
    repaired, _ = compute_status(
        first, _outcome(stored=_info(90), repairs=["Secret cb-tls was deleted; recreated"]), NOW
    )
    assert _cond(repaired, "DriftDetected")[:2] == ("True", "DriftRepaired")
