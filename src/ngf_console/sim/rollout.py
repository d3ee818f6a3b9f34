"""What the Deployment controller would do and report, for the kubelet stand-in (pure).

* `plan_pods` — pods (given oldest first) whose template hash is not the Deployment's
  current one are replaced (all at once: simulated pods start in milliseconds, so no surge
  budget is needed); extra current pods go, not-ready ones first, then the most recently
  created, as the ReplicaSet controller ranks them; missing ones are created.
* `deployment_status` — `replicas`, `updatedReplicas`, `readyReplicas`,
  `availableReplicas` (ready counts as available: `minReadySeconds` is not simulated),
  `unavailableReplicas`, `observedGeneration` and the `Available` and `Progressing`
  conditions with the deployment controller's reasons and messages. Zero counts are left
  out, as the API server stores them, so an unchanged status compares equal; a condition
  whose status and reason did not change keeps its timestamps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

Manifest = dict[str, Any]


@dataclass(frozen=True, slots=True)
class PodView:
    """One simulated pod as the planner sees it."""

    name: str
    template_hash: str
    ready: bool


@dataclass(frozen=True, slots=True)
class PodPlan:
    """How many pods to create and which to delete."""

    create: int
    delete: tuple[str, ...]


def desired_replicas(deployment: Manifest) -> int:
    """`spec.replicas`, 1 when unset (the API server's default)."""
    replicas = (deployment.get("spec") or {}).get("replicas")
    return 1 if replicas is None else int(replicas)


def plan_pods(replicas: int, current_hash: str, pods: Sequence[PodView]) -> PodPlan:
    """Converge `pods` (oldest first) to `replicas` pods of the current template."""
    outdated = [p.name for p in pods if p.template_hash != current_hash]
    current = [p for p in pods if p.template_hash == current_hash]
    surplus = max(len(current) - replicas, 0)
    ranked = sorted(enumerate(current), key=lambda item: (item[1].ready, -item[0]))
    extra = [p.name for _, p in ranked[:surplus]]
    return PodPlan(max(replicas - len(current), 0), tuple(outdated + extra))


def _condition(
    type_: str, ok: bool, why: tuple[str, str], now: str, previous: Manifest | None
) -> Manifest:
    reason, message = why
    status = "True" if ok else "False"
    prev = previous or {}
    moved = prev.get("status") != status
    touched = moved or (prev.get("reason"), prev.get("message")) != (reason, message)
    return {
        "type": type_,
        "status": status,
        "lastUpdateTime": now if touched else prev.get("lastUpdateTime", now),
        "lastTransitionTime": now if moved else prev.get("lastTransitionTime", now),
        "reason": reason,
        "message": message,
    }


def deployment_status(
    deployment: Manifest, current_hash: str, pods: Sequence[PodView], now: str
) -> Manifest:
    """The Deployment's `.status` for `pods` (see the module docstring)."""
    want = desired_replicas(deployment)
    updated = sum(1 for p in pods if p.template_hash == current_hash)
    ready = sum(1 for p in pods if p.ready)
    available_new = sum(1 for p in pods if p.ready and p.template_hash == current_hash)
    previous = {
        c.get("type"): c for c in ((deployment.get("status") or {}).get("conditions") or [])
    }
    rs = f"{deployment['metadata']['name']}-{current_hash}"
    if ready >= want:
        available = ("MinimumReplicasAvailable", "Deployment has minimum availability.")
    else:
        available = ("MinimumReplicasUnavailable", "Deployment does not have minimum availability.")
    if updated == want == available_new == len(pods):
        progress = ("NewReplicaSetAvailable", f'ReplicaSet "{rs}" has successfully progressed.')
    else:
        progress = ("ReplicaSetUpdated", f'ReplicaSet "{rs}" is progressing.')
    conditions = [
        _condition("Available", ready >= want, available, now, previous.get("Available")),
        _condition("Progressing", True, progress, now, previous.get("Progressing")),
    ]
    counts = {
        "observedGeneration": deployment["metadata"].get("generation"),
        "replicas": len(pods),
        "updatedReplicas": updated,
        "readyReplicas": ready,
        "availableReplicas": ready,
        "unavailableReplicas": max(want - ready, 0),
    }
    status: Manifest = {k: v for k, v in counts.items() if v}
    status["conditions"] = conditions
    return status
