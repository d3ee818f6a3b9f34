"""The Deployment controller's decisions and status, as the kubelet stand-in computes them.

Matrix (plan): scale up from nothing · scale down removes not-ready pods first, then the
most recently created · a new template replaces every outdated pod · converged → nothing · replicas
default to 1. Matrix (status): counts with zeros left out · Available and Progressing with
the controller's reasons · unchanged conditions keep their timestamps, a changed reason
moves `lastUpdateTime` only, a changed status moves both.
"""

from __future__ import annotations

from typing import Any

import pytest

from ngf_console.sim.rollout import (
    PodPlan,
    PodView,
    deployment_status,
    desired_replicas,
    plan_pods,
)

T0, T1 = "2026-01-01T00:00:00Z", "2026-01-01T00:05:00Z"


def pods(*specs: str) -> list[PodView]:
    """`name:hash` (ready) or `name:hash:-` (not ready), oldest first."""
    views = []
    for spec in specs:
        name, hash_, *flag = spec.split(":")
        views.append(PodView(name, hash_, ready=not flag))
    return views


@pytest.mark.parametrize(
    ("replicas", "current", "expected"),
    [
        (3, [], PodPlan(3, ())),
        (2, pods("a:h", "b:h"), PodPlan(0, ())),
        (1, pods("a:h", "c:h", "b:h"), PodPlan(0, ("b", "c"))),
        (2, pods("a:h", "c:h:-", "b:h"), PodPlan(0, ("c",))),
        (2, pods("a:old", "b:old"), PodPlan(2, ("a", "b"))),
        (2, pods("a:old", "b:h"), PodPlan(1, ("a",))),
        (0, pods("a:h"), PodPlan(0, ("a",))),
    ],
    ids=[
        "scale-up-from-zero",
        "converged",
        "scale-down-newest-first",
        "scale-down-not-ready-first",
        "new-template",
        "half-rolled",
        "to-zero",
    ],
)
def test_plan(replicas: int, current: list[PodView], expected: PodPlan) -> None:
    assert plan_pods(replicas, "h", current) == expected


@pytest.mark.parametrize(
    ("spec", "expected"), [({}, 1), ({"replicas": 0}, 0), ({"replicas": 4}, 4)]
)
def test_desired_replicas(spec: dict[str, Any], expected: int) -> None:
    assert desired_replicas({"spec": spec}) == expected


def deployment(replicas: int, status: dict[str, Any] | None = None) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "metadata": {"name": "llama-model", "generation": 4},
        "spec": {"replicas": replicas},
    }
    if status is not None:
        doc["status"] = status
    return doc


def conditions(status: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["type"]: c for c in status["conditions"]}


def test_status_of_a_converged_deployment() -> None:
    status = deployment_status(deployment(2), "h", pods("a:h", "b:h"), T0)
    assert {k: v for k, v in status.items() if k != "conditions"} == {
        "observedGeneration": 4,
        "replicas": 2,
        "updatedReplicas": 2,
        "readyReplicas": 2,
        "availableReplicas": 2,
    }
    found = conditions(status)
    assert found["Available"]["status"] == "True"
    assert found["Available"]["reason"] == "MinimumReplicasAvailable"
    assert found["Progressing"]["reason"] == "NewReplicaSetAvailable"
    assert found["Progressing"]["message"] == (
        'ReplicaSet "llama-model-h" has successfully progressed.'
    )


def test_status_while_pods_are_missing_or_not_ready() -> None:
    status = deployment_status(deployment(3), "h", pods("a:h", "b:h:-"), T0)
    assert status["replicas"] == 2
    assert status["readyReplicas"] == status["availableReplicas"] == 1
    assert status["unavailableReplicas"] == 2
    found = conditions(status)
    assert (found["Available"]["status"], found["Available"]["reason"]) == (
        "False",
        "MinimumReplicasUnavailable",
    )
    assert found["Progressing"]["reason"] == "ReplicaSetUpdated"


def test_zero_counts_are_left_out() -> None:
    status = deployment_status(deployment(0), "h", [], T0)
    assert set(status) == {"observedGeneration", "conditions"}
    assert conditions(status)["Available"]["status"] == "True"


def test_timestamps_move_only_with_the_condition() -> None:
    first = deployment_status(deployment(2), "h", pods("a:h", "b:h"), T0)
    same = deployment_status(deployment(2, first), "h", pods("a:h", "b:h"), T1)
    assert same == first

    rolling = deployment_status(deployment(2, first), "new", pods("a:h", "b:h"), T1)
    progressing = conditions(rolling)["Progressing"]
    assert progressing["reason"] == "ReplicaSetUpdated"
    assert (progressing["lastTransitionTime"], progressing["lastUpdateTime"]) == (T0, T1)

    down = deployment_status(deployment(2, first), "h", pods("a:h"), T1)
    available = conditions(down)["Available"]
    assert (available["lastTransitionTime"], available["lastUpdateTime"]) == (T1, T1)
