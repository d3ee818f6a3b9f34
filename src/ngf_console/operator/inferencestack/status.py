"""InferenceStack status from what the reconcile observed (pure).

Children are grouped as the status reports them: `inferencePool` (the pool and the
model-server Deployment), `epp`, `httpRoute` (route, its ProxySettingsPolicy and a
stack-owned Gateway), `autoscaler`, `dcgmExporter`. Timestamps move only when
something happened, so a resync of an unchanged stack yields an identical status
(and the controller then writes nothing).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from ngf_console.api.v1alpha1.common import ChildStatus, Condition
from ngf_console.api.v1alpha1.inferencestack import ChildResourceStatuses, InferenceStackStatus
from ngf_console.operator.children.meta import COMPONENT_LABEL
from ngf_console.operator.conditions import drift_condition, set_condition
from ngf_console.operator.observed import Observed
from ngf_console.operator.readiness import readiness

Phase = Literal["Pending", "Provisioning", "Ready", "Degraded", "Error"]

GROUP_OF_COMPONENT = {
    "inference-pool": "inference_pool",
    "model-server": "inference_pool",
    "endpoint-picker": "epp",
    "http-route": "http_route",
    "proxy-settings": "http_route",
    "gateway": "http_route",
    "autoscaler": "autoscaler",
    "dcgm-exporter": "dcgm_exporter",
}
MAIN_COMPONENT = {
    "inference_pool": "inference-pool",
    "epp": "endpoint-picker",
    "http_route": "http-route",
    "autoscaler": "autoscaler",
    "dcgm_exporter": "dcgm-exporter",
}


@dataclass(frozen=True)
class Outcome:
    """Everything the status is computed from."""

    observed: list[Observed]
    problems: dict[str, str] = field(default_factory=dict)
    repairs: list[str] = field(default_factory=list)
    spec_hash: str = ""
    generation: int | None = None
    current_replicas: int | None = None
    desired_replicas: int | None = None


def _group(observed: Observed) -> str | None:
    component = observed.desired["metadata"].get("labels", {}).get(COMPONENT_LABEL, "")
    return GROUP_OF_COMPONENT.get(component)


def _child_status(
    members: list[Observed], problem: str | None, previous: ChildStatus | None, now: dt.datetime
) -> ChildStatus:
    main = next(
        (
            m
            for m in members
            if m.desired["metadata"]["labels"].get(COMPONENT_LABEL) in MAIN_COMPONENT.values()
        ),
        members[0],
    )
    meta = main.desired["metadata"]
    messages: list[str] = [problem] if problem else []
    ready = problem is None
    for m in members:
        ok, message = (False, m.error) if m.error else readiness(m.live)
        if not ok:
            ready = False
            messages.append(f"{m.desired['kind']} {m.desired['metadata']['name']}: {message}")
    if ready:
        _, main_message = readiness(main.live)
        messages = [f"{main.desired['kind']} {meta['name']}: {main_message}"]
    synced = (
        now if any(m.applied for m in members) else (previous.last_synced_at if previous else None)
    )
    return ChildStatus(
        name=meta["name"],
        namespace=meta.get("namespace"),
        ready=ready,
        message="; ".join(messages)[:1024],
        last_synced_at=synced or now,
    )


def _children(
    outcome: Outcome, previous: ChildResourceStatuses, now: dt.datetime
) -> ChildResourceStatuses:
    groups: dict[str, list[Observed]] = {}
    for observed in outcome.observed:
        group = _group(observed)
        if group is not None:
            groups.setdefault(group, []).append(observed)
    values: dict[str, ChildStatus] = {}
    for group, members in groups.items():
        values[group] = _child_status(
            members, outcome.problems.get(group), getattr(previous, group), now
        )
    for group, problem in outcome.problems.items():
        if group in MAIN_COMPONENT and group not in values:
            values[group] = ChildStatus(ready=False, message=problem[:1024])
    return ChildResourceStatuses(**values)


def _phase(children: ChildResourceStatuses, outcome: Outcome) -> Phase:
    errors = any(o.error for o in outcome.observed) or bool(outcome.problems)
    if errors and not any(o.live is not None for o in outcome.observed):
        return "Error"
    if errors:
        return "Degraded"
    states = [c for c in (getattr(children, g) for g in MAIN_COMPONENT) if c is not None]
    return "Ready" if states and all(c.ready for c in states) else "Provisioning"


def compute_status(
    previous: InferenceStackStatus | None, outcome: Outcome, now: dt.datetime
) -> InferenceStackStatus:
    """The new status; equal to `previous` when nothing observable changed."""
    prev = previous or InferenceStackStatus()
    children = _children(outcome, prev.children, now)
    phase = _phase(children, outcome)
    errors = [
        f"{o.desired['kind']} {o.desired['metadata']['name']}: {o.error}"
        for o in outcome.observed
        if o.error
    ]
    errors += list(outcome.problems.values())
    not_ready = [
        f"{g}: {c.message}" for g in MAIN_COMPONENT if (c := getattr(children, g)) and not c.ready
    ]
    gen, conds = outcome.generation, prev.conditions
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
        "Ready",
        "True" if phase == "Ready" else "False",
        {"Ready": "StackReady", "Provisioning": "ChildrenNotReady"}.get(phase, "ReconcileErrors"),
        "the stack is serving" if phase == "Ready" else "; ".join(errors or not_ready),
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
    conds = _drift_condition(conds, outcome, prev, now)
    changed = (
        any(o.applied for o in outcome.observed) or prev.observed_spec_hash != outcome.spec_hash
    )
    return InferenceStackStatus(
        phase=phase,
        current_replicas=outcome.current_replicas,
        desired_replicas=outcome.desired_replicas,
        children=children,
        conditions=conds,
        observed_spec_hash=outcome.spec_hash,
        observed_generation=gen,
        last_reconciled_at=now
        if changed or prev.last_reconciled_at is None
        else prev.last_reconciled_at,
        xc_status=prev.xc_status,
    )


def _drift_condition(
    conds: list[Condition], outcome: Outcome, prev: InferenceStackStatus, now: dt.datetime
) -> list[Condition]:
    """DriftDetected stays True (last repair) until the spec changes."""
    gen = outcome.generation
    spec_changed = prev.observed_generation is not None and prev.observed_generation != gen
    return drift_condition(
        conds, outcome.repairs, spec_changed=spec_changed, generation=gen, now=now
    )
