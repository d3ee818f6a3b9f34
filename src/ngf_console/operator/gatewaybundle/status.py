"""GatewayBundle status from what the reconcile planned and observed (pure).

`children` reports each child as the status names it (gateway, nginxProxy, wafPolicy,
snippets[], tlsSecrets[]); a child that could not be built appears not ready with the
reason; a feature that is unavailable does not appear (its condition says why).

| phase | when |
|---|---|
| Error | something failed and no child exists |
| Degraded | something failed (apply error, bad key pair, rejected NginxProxy, …) |
| Ready | every child exists and is ready |
| Pending | otherwise (children not ready yet) |

Conditions: Ready, Reconciled, Degraded, DriftDetected (as InferenceStack), and
`conditions_for_features` adds EnterpriseFeatureUnavailable, FeatureUnsupported and
TLSCertificatesValid. Timestamps move only when something happened, so a resync of an
unchanged bundle yields an identical status (and nothing is written).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from ngf_console.api.v1alpha1.common import ChildStatus
from ngf_console.api.v1alpha1.gatewaybundle import GatewayBundleChildren, GatewayBundleStatus
from ngf_console.operator.children.gatewaybundle import BundlePlan
from ngf_console.operator.children.meta import COMPONENT_LABEL
from ngf_console.operator.conditions import drift_condition, set_condition
from ngf_console.operator.gatewaybundle.features import feature_conditions
from ngf_console.operator.observed import Observed
from ngf_console.operator.readiness import readiness

Phase = Literal["Pending", "Ready", "Degraded", "Error"]
SINGLE = {
    "gateway": "gateway",
    "nginx-proxy": "nginx_proxy",
    "NginxProxy": "nginx_proxy",
    "waf-policy": "waf_policy",
    "WAFPolicy": "waf_policy",
}


@dataclass(frozen=True)
class BundleOutcome:
    """Everything the status is computed from."""

    plan: BundlePlan
    observed: list[Observed]
    repairs: list[str] = field(default_factory=list)
    spec_hash: str = ""
    generation: int | None = None


def _previous(prev: GatewayBundleChildren) -> dict[str, ChildStatus]:
    found = [prev.gateway, prev.nginx_proxy, prev.waf_policy, *prev.snippets, *prev.tls_secrets]
    return {c.name: c for c in found if c is not None and c.name}


def _child(o: Observed, previous: dict[str, ChildStatus], now: dt.datetime) -> ChildStatus:
    meta = o.desired["metadata"]
    ok, message = (False, o.error) if o.error else readiness(o.live)
    before = previous.get(meta["name"])
    synced = now if o.applied or before is None else before.last_synced_at
    return ChildStatus(
        name=meta["name"],
        namespace=meta.get("namespace"),
        ready=ok,
        message=f"{o.desired['kind']} {meta['name']}: {message}"[:1024],
        last_synced_at=synced or now,
    )


def _children(
    outcome: BundleOutcome, prev: GatewayBundleChildren, now: dt.datetime
) -> GatewayBundleChildren:
    previous = _previous(prev)
    plan = outcome.plan
    single: dict[str, ChildStatus] = {}
    snippets: list[ChildStatus] = []
    secrets: dict[str, ChildStatus] = {}
    for o in outcome.observed:
        status = _child(o, previous, now)
        component = o.desired["metadata"]["labels"].get(COMPONENT_LABEL, "")
        if component in SINGLE:
            single[SINGLE[component]] = status
        elif component == "snippets":
            snippets.append(status)
        else:
            secrets[status.name or ""] = status
    for f in plan.failures:
        failed = ChildStatus(
            name=f.name, namespace=plan.namespace, ready=False, message=f.message[:1024]
        )
        if f.kind in SINGLE:
            single[SINGLE[f.kind]] = failed
        elif f.kind.startswith("Snippets"):
            snippets.append(failed)
        else:
            secrets[f.name] = failed
    tls = [secrets[t.secret] for t in plan.tls if t.secret in secrets]
    return GatewayBundleChildren(**single, snippets=snippets, tls_secrets=tls)


def _errors(outcome: BundleOutcome) -> list[str]:
    found = [
        f"{o.desired['kind']} {o.desired['metadata']['name']}: {o.error}"
        for o in outcome.observed
        if o.error
    ]
    return found + [f.message for f in outcome.plan.failures]


def _phase(children: GatewayBundleChildren, outcome: BundleOutcome, errors: list[str]) -> Phase:
    if errors and not any(o.live is not None for o in outcome.observed):
        return "Error"
    if errors:
        return "Degraded"
    states = [children.gateway, children.nginx_proxy, children.waf_policy]
    every = [s for s in states if s is not None] + children.snippets + children.tls_secrets
    return "Ready" if every and all(s.ready for s in every) else "Pending"


def _listener_count(outcome: BundleOutcome) -> int:
    for o in outcome.observed:
        if o.desired["kind"] == "Gateway" and o.live is not None:
            return len((o.live.get("spec") or {}).get("listeners") or [])
    return 0


def compute_status(
    previous: GatewayBundleStatus | None, outcome: BundleOutcome, now: dt.datetime
) -> GatewayBundleStatus:
    """The new status; equal to `previous` when nothing observable changed."""
    prev = previous or GatewayBundleStatus()
    children = _children(outcome, prev.children, now)
    errors = _errors(outcome)
    phase = _phase(children, outcome, errors)
    gen, conds = outcome.generation, prev.conditions
    conds = set_condition(
        conds,
        "Ready",
        "True" if phase == "Ready" else "False",
        {"Ready": "GatewayReady", "Pending": "ChildrenNotReady"}.get(phase, "ReconcileErrors"),
        "every child is ready" if phase == "Ready" else "; ".join(errors or _not_ready(children)),
        generation=gen,
        now=now,
    )
    conds = set_condition(
        conds,
        "Reconciled",
        "False" if errors else "True",
        "ApplyFailed" if errors else "AllChildrenApplied",
        "; ".join(errors) if errors else "every child matches the spec",
        generation=gen,
        now=now,
    )
    conds = set_condition(
        conds,
        "Degraded",
        "True" if errors else "False",
        "ReconcileErrors" if errors else "NoErrors",
        "; ".join(errors),
        generation=gen,
        now=now,
    )
    spec_changed = prev.observed_spec_hash not in (None, outcome.spec_hash)
    conds = drift_condition(
        conds, outcome.repairs, spec_changed=spec_changed, generation=gen, now=now
    )
    conds = feature_conditions(conds, outcome.plan, generation=gen, now=now)
    changed = any(o.applied for o in outcome.observed) or prev.observed_spec_hash != (
        outcome.spec_hash
    )
    return GatewayBundleStatus(
        phase=phase,
        listener_count=_listener_count(outcome),
        children=children,
        conditions=conds,
        observed_spec_hash=outcome.spec_hash,
        observed_generation=gen,
        last_reconciled_at=now
        if changed or prev.last_reconciled_at is None
        else prev.last_reconciled_at,
    )


def _not_ready(children: GatewayBundleChildren) -> list[str]:
    states = [children.gateway, children.nginx_proxy, children.waf_policy]
    every = [s for s in states if s is not None] + children.snippets + children.tls_secrets
    return [s.message or "" for s in every if not s.ready]
