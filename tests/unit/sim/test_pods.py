"""The Pod objects of the kubelet stand-in (pure).

Matrix: FNV-1a and Kubernetes' safe encoding on known vectors · the template hash is stable
over key order and moves with the template · names `<deployment>-<hash>-<5>` cut like
`generateName` · the manifest copies the template and binds the pod to the simulated node
without a token, with no grace period, owned by the Deployment · the running status
(ready and not ready) keeps what the API server set · `is_ready`.
"""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest

from ngf_console.sim.pods import (
    HASH_LABEL,
    SAFE_ALPHABET,
    SIM_NODE_LABEL,
    fnv1a32,
    is_ready,
    pod_manifest,
    pod_name,
    running_status,
    safe_encode,
    template_hash,
)


def deployment() -> dict[str, Any]:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "llama-model", "namespace": "ml", "uid": "uid-1"},
        "spec": {
            "replicas": 2,
            "template": {
                "metadata": {
                    "labels": {"ngf-console.f5.com/pool": "llama-pool"},
                    "annotations": {"ngf-console.f5.com/config-hash": "abc"},
                },
                "spec": {
                    "serviceAccountName": "llama-epp",
                    "terminationGracePeriodSeconds": 130,
                    "containers": [
                        {"name": "model-server", "image": "vllm/vllm-openai:v0.11.0"},
                        {"name": "sidecar", "image": "busybox"},
                    ],
                },
            },
        },
    }


@pytest.mark.parametrize(
    ("data", "expected"), [(b"", 0x811C9DC5), (b"a", 0xE40C292C), (b"foobar", 0xBF9CF968)]
)
def test_fnv1a32_vectors(data: bytes, expected: int) -> None:
    assert fnv1a32(data) == expected


def test_safe_encode_maps_bytes_into_the_alphabet() -> None:
    assert safe_encode("1234") == "5678"  # Kubernetes' rand.SafeEncodeString


def test_template_hash_is_stable_and_follows_the_template() -> None:
    template = deployment()["spec"]["template"]
    reordered = dict(reversed(list(template.items())))
    changed = copy.deepcopy(template)
    changed["spec"]["containers"][0]["image"] = "vllm/vllm-openai:v0.12.0"
    assert template_hash(template) == template_hash(reordered)
    assert template_hash(template) != template_hash(changed)
    assert set(template_hash(template)) <= set(SAFE_ALPHABET)


def test_pod_name_shape_and_generate_name_cut() -> None:
    name = pod_name("llama-model", "5bcb668c68", random.Random(1))
    base, suffix = name.rsplit("-", 1)
    assert base == "llama-model-5bcb668c68"
    assert len(suffix) == 5
    assert set(suffix) <= set(SAFE_ALPHABET)
    long = pod_name("d" * 70, "5bcb668c68", random.Random(1))
    assert len(long) == 63
    assert long.startswith("d" * 58)


def test_manifest_copies_the_template_and_binds_to_the_node() -> None:
    dep = deployment()
    before = copy.deepcopy(dep)
    pod = pod_manifest(dep, "llama-model-h-abcde", "h", "sim-node")
    meta, spec = pod["metadata"], pod["spec"]
    assert (pod["apiVersion"], pod["kind"]) == ("v1", "Pod")
    assert (meta["name"], meta["namespace"]) == ("llama-model-h-abcde", "ml")
    assert meta["labels"] == {
        "ngf-console.f5.com/pool": "llama-pool",
        HASH_LABEL: "h",
        SIM_NODE_LABEL: "sim-node",
    }
    assert meta["annotations"] == {"ngf-console.f5.com/config-hash": "abc"}
    assert meta["ownerReferences"] == [
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "name": "llama-model",
            "uid": "uid-1",
            "controller": True,
        }
    ]
    assert spec["nodeName"] == "sim-node"
    assert spec["automountServiceAccountToken"] is False
    assert spec["terminationGracePeriodSeconds"] == 0
    assert spec["serviceAccountName"] == "llama-epp"
    assert [c["name"] for c in spec["containers"]] == ["model-server", "sidecar"]
    assert dep == before  # the Deployment is not modified


def _stored(pod: dict[str, Any]) -> dict[str, Any]:
    return {**pod, "status": {"phase": "Pending", "qosClass": "BestEffort"}}


def test_running_status_reports_the_ip_and_ready_containers() -> None:
    pod = _stored(pod_manifest(deployment(), "p", "h", "sim-node"))
    at = "2026-01-01T00:00:00Z"
    status = running_status(pod, ip="127.10.0.7", host_ip="127.0.0.1", started_at=at)
    assert status["phase"] == "Running"
    assert status["qosClass"] == "BestEffort"
    assert (status["podIP"], status["podIPs"]) == ("127.10.0.7", [{"ip": "127.10.0.7"}])
    assert (status["hostIP"], status["hostIPs"]) == ("127.0.0.1", [{"ip": "127.0.0.1"}])
    assert {c["type"]: c["status"] for c in status["conditions"]} == {
        "PodReadyToStartContainers": "True",
        "Initialized": "True",
        "Ready": "True",
        "ContainersReady": "True",
        "PodScheduled": "True",
    }
    containers = status["containerStatuses"]
    assert [(c["name"], c["image"], c["ready"]) for c in containers] == [
        ("model-server", "vllm/vllm-openai:v0.11.0", True),
        ("sidecar", "busybox", True),
    ]
    assert containers[0]["state"] == {"running": {"startedAt": at}}
    assert is_ready({"status": status})


def test_not_ready_status_says_why() -> None:
    pod = _stored(pod_manifest(deployment(), "p", "h", "sim-node"))
    status = running_status(
        pod,
        ip="127.10.0.7",
        host_ip="127.0.0.1",
        started_at="2026-01-01T00:00:00Z",
        ready=False,
        message="the simulator could not listen",
    )
    ready = next(c for c in status["conditions"] if c["type"] == "Ready")
    assert (ready["status"], ready["reason"]) == ("False", "ContainersNotReady")
    assert ready["message"] == "the simulator could not listen"
    assert not any(c["ready"] for c in status["containerStatuses"])
    assert status["phase"] == "Running"
    assert not is_ready({"status": status})


def test_is_ready_without_status() -> None:
    assert not is_ready({"metadata": {"name": "p"}})
