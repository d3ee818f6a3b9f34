"""CertificateBundle status from the certificate actually stored (pure).

| phase | when |
|---|---|
| Error | the inline pair is unusable, the stored certificate does not parse, or a child could not be applied |
| Pending | nothing stored yet (cert-manager has not issued) or the certificate is not valid yet |
| Active / Expiring / Expired | by `expiryAlertThreshold` (`tls.classify`) |

`expiresAt`/`issuedAt`/`issuer` are the stored leaf's notAfter, notBefore and issuer DN.
Conditions: Ready (serves: Active or Expiring), Reconciled, CertificateValid, Attached (one
line per attachTo entry), DriftDetected. `next_change` is when the phase will move, for
the controller's requeue.
"""  # noqa: E501  # table rows

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from ngf_console.api.v1alpha1.certificatebundle import CertBundleChildren, CertificateBundleStatus
from ngf_console.api.v1alpha1.common import ChildStatus, Condition
from ngf_console.operator.children.certificatebundle_attach import AttachResult
from ngf_console.operator.children.tls import CertificateInfo, classify
from ngf_console.operator.conditions import drift_condition, set_condition
from ngf_console.operator.observed import Observed
from ngf_console.operator.readiness import readiness

Phase = Literal["Pending", "Active", "Expiring", "Expired", "Error"]


@dataclass(frozen=True)
class CertOutcome:
    """Everything the status is computed from."""

    secret: str
    threshold: dt.timedelta
    observed: list[Observed] = field(default_factory=list)
    failure: tuple[str, str] | None = None
    stored: CertificateInfo | None = None
    attach: list[AttachResult] = field(default_factory=list)
    attach_errors: list[str] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)
    spec_changed: bool = False
    generation: int | None = None


def evaluate(outcome: CertOutcome, now: dt.datetime) -> tuple[Phase, dt.datetime | None, str]:
    """(phase, when it changes next, why) — see the module docstring."""
    errors = _apply_errors(outcome)
    if outcome.failure is not None:
        return "Error", None, outcome.failure[1]
    if errors:
        return "Error", None, "; ".join(errors)
    info = outcome.stored
    if info is None:
        return "Pending", None, f"no certificate stored in Secret {outcome.secret} yet"
    phase, change = classify(info, outcome.threshold, now)
    until = info.not_after.isoformat()
    why = {
        "Pending": f"not valid before {info.not_before.isoformat()}",
        "Active": f"valid until {until}",
        "Expiring": f"expires at {until}, within the {_days(outcome.threshold)} alert threshold",
        "Expired": f"expired at {until}",
    }[phase]
    return phase, change, why


def _days(delta: dt.timedelta) -> str:
    return f"{delta.days}d" if delta.seconds == 0 else str(delta)


def _apply_errors(outcome: CertOutcome) -> list[str]:
    return [
        f"{o.desired['kind']} {o.desired['metadata']['name']}: {o.error}"
        for o in outcome.observed
        if o.error
    ]


def _children(
    outcome: CertOutcome, phase: Phase, why: str, synced: dt.datetime
) -> CertBundleChildren:
    ns, _, name = outcome.secret.partition("/")
    secret = ChildStatus(
        name=name,
        namespace=ns,
        ready=phase in ("Active", "Expiring"),
        message=f"Secret {name}: {why}"[:1024],
        last_synced_at=synced,
    )
    certificate = None
    for o in outcome.observed:
        if o.desired["kind"] == "Certificate":
            ok, message = (False, o.error) if o.error else readiness(o.live)
            meta = o.desired["metadata"]
            certificate = ChildStatus(
                name=meta["name"],
                namespace=meta.get("namespace"),
                ready=ok,
                message=f"Certificate {meta['name']}: {message}"[:1024],
                last_synced_at=synced,
            )
    return CertBundleChildren(secret=secret, certificate=certificate)


def _attached(
    conds: list[Condition], outcome: CertOutcome, gen: int | None, now: dt.datetime
) -> list[Condition]:
    if not outcome.attach and not outcome.attach_errors:
        return set_condition(
            conds,
            "Attached",
            "True",
            "NothingToAttach",
            "attachTo is empty",
            generation=gen,
            now=now,
        )
    failed = [r for r in outcome.attach if not r.attached]
    lines = [f"{r.target}: {r.message}" for r in outcome.attach] + outcome.attach_errors
    reason = (
        "UpdateFailed" if outcome.attach_errors else (failed[0].reason if failed else "Attached")
    )
    ok = not failed and not outcome.attach_errors
    return set_condition(
        conds,
        "Attached",
        "True" if ok else "False",
        reason,
        "; ".join(lines),
        generation=gen,
        now=now,
    )


def compute_status(
    previous: CertificateBundleStatus | None, outcome: CertOutcome, now: dt.datetime
) -> tuple[CertificateBundleStatus, dt.datetime | None]:
    """The new status and when the phase will change next."""
    prev = previous or CertificateBundleStatus()
    phase, change, why = evaluate(outcome, now)
    gen, conds = outcome.generation, prev.conditions
    serving = phase in ("Active", "Expiring")
    conds = set_condition(
        conds,
        "Ready",
        "True" if serving else "False",
        f"Certificate{phase}",
        why,
        generation=gen,
        now=now,
    )
    errors = _apply_errors(outcome)
    conds = set_condition(
        conds,
        "Reconciled",
        "False" if errors else "True",
        "ApplyFailed" if errors else "AllChildrenApplied",
        "; ".join(errors) or "every child matches the spec",
        generation=gen,
        now=now,
    )
    invalid = outcome.failure
    conds = set_condition(
        conds,
        "CertificateValid",
        "False" if invalid else "True",
        invalid[0] if invalid else "Valid",
        invalid[1] if invalid else "the certificate parses and its key matches",
        generation=gen,
        now=now,
    )
    conds = _attached(conds, outcome, gen, now)
    conds = drift_condition(
        conds, outcome.repairs, spec_changed=outcome.spec_changed, generation=gen, now=now
    )
    info = outcome.stored
    status = CertificateBundleStatus(
        phase=phase,
        expires_at=info.not_after if info else None,
        issued_at=info.not_before if info else None,
        issuer=info.issuer[:1024] if info else None,
        children=_children(outcome, phase, why, _synced(prev, now, outcome)),
        conditions=conds,
        observed_generation=gen,
    )
    return status, change


def _synced(prev: CertificateBundleStatus, now: dt.datetime, outcome: CertOutcome) -> dt.datetime:
    """lastSyncedAt moves only when a child was applied (keeps resyncs write-free)."""
    applied = any(o.applied for o in outcome.observed)
    before = prev.children.secret.last_synced_at if prev.children.secret else None
    return now if applied or before is None else before
