"""Is a child ready? From its real status where the kind has one, else from the apply (pure).

| kind | ready when |
|---|---|
| Deployment | availableReplicas ≥ replicas for the current generation |
| DaemonSet | numberAvailable ≥ desiredNumberScheduled for the current generation |
| HTTPRoute, InferencePool | every reporting parent says Accepted=True (none reporting: applied) |
| Gateway | Programmed/Accepted are not False, nor any listener's ResolvedRefs/Programmed |
| WAFPolicy, SnippetsPolicy | no reporting ancestor says Accepted=False (none reporting: applied) |
| SnippetsFilter | no reporting controller says Accepted=False (none reporting: applied) |
| Certificate (cert-manager) | Ready is not False |
| ScaledObject | Ready is not False |
| HorizontalPodAutoscaler | AbleToScale and ScalingActive are not False |
| anything else | it exists (it was applied) |
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Readiness = tuple[bool, str]


def _false_condition(conditions: list[dict[str, Any]], *types: str) -> dict[str, Any] | None:
    return next(
        (c for c in conditions if c.get("type") in types and c.get("status") == "False"), None
    )


def _current(live: dict[str, Any]) -> bool:
    observed = (live.get("status") or {}).get("observedGeneration")
    generation = live.get("metadata", {}).get("generation")
    return observed is None or generation is None or observed >= generation


def _deployment(live: dict[str, Any]) -> Readiness:
    want = (live.get("spec") or {}).get("replicas", 1)
    have = (live.get("status") or {}).get("availableReplicas") or 0
    if not _current(live):
        return False, "rollout of the latest spec not observed yet"
    return have >= want, f"{have}/{want} replicas available"


def _daemonset(live: dict[str, Any]) -> Readiness:
    status = live.get("status") or {}
    want, have = status.get("desiredNumberScheduled", 0), status.get("numberAvailable") or 0
    return _current(live) and have >= want, f"{have}/{want} pods available"


def _parents(live: dict[str, Any]) -> Readiness:
    parents = (live.get("status") or {}).get("parents") or []
    if not parents:
        return True, "applied; no Gateway controller has reported on it yet"
    for parent in parents:
        bad = _false_condition(parent.get("conditions") or [], "Accepted", "ResolvedRefs")
        if bad is not None:
            name = (parent.get("parentRef") or {}).get("name", "?")
            return False, f"not accepted by {name}: {bad.get('reason')}: {bad.get('message', '')}"
    return True, f"accepted by {len(parents)} parent(s)"


def _reports(live: dict[str, Any], key: str, ref: str) -> Readiness:
    """Per-ancestor (policies) or per-controller (filters) conditions: none may refuse."""
    entries = (live.get("status") or {}).get(key) or []
    if not entries:
        return True, "applied; NGF has not reported on it yet"
    for entry in entries:
        bad = _false_condition(entry.get("conditions") or [], "Accepted", "ResolvedRefs")
        if bad is not None:
            who = (entry.get(ref) or {}).get("name") or entry.get("controllerName", "?")
            return False, f"not accepted for {who}: {bad.get('reason')}: {bad.get('message', '')}"
    return True, f"accepted ({len(entries)} reporting)"


def _gateway(live: dict[str, Any]) -> Readiness:
    ready, message = _conditions(live, "Programmed", "Accepted")
    if not ready:
        return ready, message
    for listener in (live.get("status") or {}).get("listeners") or []:
        bad = _false_condition(listener.get("conditions") or [], "ResolvedRefs", "Programmed")
        if bad is not None:
            return False, (
                f"listener {listener.get('name')}: {bad.get('type')}: {bad.get('reason')}: "
                f"{bad.get('message', '')}"
            )
    return ready, message


def _conditions(live: dict[str, Any], *types: str) -> Readiness:
    bad = _false_condition((live.get("status") or {}).get("conditions") or [], *types)
    if bad is None:
        return True, "applied"
    return False, f"{bad.get('type')}: {bad.get('reason')}: {bad.get('message', '')}"


_BY_KIND: dict[str, Callable[[dict[str, Any]], Readiness]] = {
    "Deployment": _deployment,
    "DaemonSet": _daemonset,
    "HTTPRoute": _parents,
    "InferencePool": _parents,
    "Gateway": _gateway,
    "WAFPolicy": lambda live: _reports(live, "ancestors", "ancestorRef"),
    "SnippetsPolicy": lambda live: _reports(live, "ancestors", "ancestorRef"),
    "SnippetsFilter": lambda live: _reports(live, "controllers", "controller"),
    "Certificate": lambda live: _conditions(live, "Ready"),
    "ScaledObject": lambda live: _conditions(live, "Ready"),
    "HorizontalPodAutoscaler": lambda live: _conditions(live, "AbleToScale", "ScalingActive"),
}


def readiness(live: dict[str, Any] | None) -> Readiness:
    """(ready, message) of a live child; None means it does not exist."""
    if live is None:
        return False, "does not exist"
    check = _BY_KIND.get(live.get("kind", ""))
    return (True, "applied") if check is None else check(live)
