"""The Pod objects the kubelet stand-in registers (pure): names, manifests, status.

* **Names** follow the Deployment controller: `<deployment>-<pod-template-hash>-<5 chars>`,
  the hash being FNV-1a (32 bit) of the pod template, written with Kubernetes'
  "safe" alphabet (no vowels, no 0/1/3), the suffix random from the same alphabet.
  The base is cut at 58 characters, as `generateName` is.
* **Manifests** copy the template's labels, annotations and spec, add the
  `pod-template-hash` label and `SIM_NODE_LABEL` (what the stand-in watches), bind the pod to
  the simulated node (`nodeName`), never mount a ServiceAccount token (no kubelet would
  project it) and set `terminationGracePeriodSeconds: 0` (nothing to drain, so a plain
  `kubectl delete pod` finishes at once instead of waiting for a kubelet). The controller
  ownerReference is the Deployment itself: there is no ReplicaSet controller.
* **Status** is what a kubelet reports for a started pod: `Running`, the loopback `podIP`,
  every condition True (Ready and ContainersReady False with a message when its simulator
  could not listen), one running container status per container.
"""

from __future__ import annotations

import copy
import json
import random
from typing import Any

Manifest = dict[str, Any]

SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"
HASH_LABEL = "pod-template-hash"
SIM_NODE_LABEL = "sim.ngf-console.f5.com/node"
_MAX_GENERATED_BASE = 58
_FNV_OFFSET = 0x811C9DC5
_FNV_PRIME = 0x01000193


def fnv1a32(data: bytes) -> int:
    """32-bit FNV-1a, the hash Kubernetes uses for `pod-template-hash`."""
    h = _FNV_OFFSET
    for byte in data:
        h = ((h ^ byte) * _FNV_PRIME) & 0xFFFFFFFF
    return h


def safe_encode(text: str) -> str:
    """Kubernetes' `rand.SafeEncodeString`: each byte mapped into the safe alphabet."""
    return "".join(SAFE_ALPHABET[b % len(SAFE_ALPHABET)] for b in text.encode())


def template_hash(template: Manifest) -> str:
    """The `pod-template-hash` of a pod template (stable over key order)."""
    canonical = json.dumps(template, sort_keys=True, separators=(",", ":"))
    return safe_encode(str(fnv1a32(canonical.encode())))


def pod_name(deployment: str, hash_: str, rng: random.Random) -> str:
    """`<deployment>-<hash>-<5 random safe characters>`."""
    base = f"{deployment}-{hash_}-"[:_MAX_GENERATED_BASE]
    return base + "".join(rng.choice(SAFE_ALPHABET) for _ in range(5))


def pod_manifest(deployment: Manifest, name: str, hash_: str, node: str) -> Manifest:
    """The Pod a Deployment's replica would be, bound to `node`."""
    meta = deployment["metadata"]
    template = deployment["spec"]["template"]
    tmeta = template.get("metadata") or {}
    spec = copy.deepcopy(template["spec"])
    spec["nodeName"] = node
    spec["automountServiceAccountToken"] = False
    spec["terminationGracePeriodSeconds"] = 0
    metadata: Manifest = {
        "name": name,
        "namespace": meta["namespace"],
        "labels": {**(tmeta.get("labels") or {}), HASH_LABEL: hash_, SIM_NODE_LABEL: node},
        "ownerReferences": [
            {
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "name": meta["name"],
                "uid": meta["uid"],
                "controller": True,
            }
        ],
    }
    if tmeta.get("annotations"):
        metadata["annotations"] = dict(tmeta["annotations"])
    return {"apiVersion": "v1", "kind": "Pod", "metadata": metadata, "spec": spec}


def _condition(type_: str, ready: bool, at: str, message: str | None) -> Manifest:
    cond: Manifest = {"type": type_, "status": "True" if ready else "False"}
    cond["lastTransitionTime"] = at
    if not ready:
        cond["reason"] = "ContainersNotReady"
        cond["message"] = message or "containers not ready"
    return cond


def running_status(
    pod: Manifest,
    *,
    ip: str,
    host_ip: str,
    started_at: str,
    ready: bool = True,
    message: str | None = None,
) -> Manifest:
    """The status a kubelet reports for `pod` once its containers run (merged over the
    fields the API server set, such as `qosClass`)."""
    containers = pod["spec"]["containers"]
    statuses = [
        {
            "name": c["name"],
            "image": c.get("image", ""),
            "imageID": f"sim://{c.get('image', '')}",
            "containerID": f"sim://{pod['metadata']['name']}/{c['name']}",
            "ready": ready,
            "started": True,
            "restartCount": 0,
            "state": {"running": {"startedAt": started_at}},
        }
        for c in containers
    ]
    conditions = [
        _condition("PodReadyToStartContainers", True, started_at, None),
        _condition("Initialized", True, started_at, None),
        _condition("Ready", ready, started_at, message),
        _condition("ContainersReady", ready, started_at, message),
        _condition("PodScheduled", True, started_at, None),
    ]
    return {
        **(pod.get("status") or {}),
        "phase": "Running",
        "conditions": conditions,
        "hostIP": host_ip,
        "hostIPs": [{"ip": host_ip}],
        "podIP": ip,
        "podIPs": [{"ip": ip}],
        "startTime": started_at,
        "containerStatuses": statuses,
    }


def is_ready(pod: Manifest) -> bool:
    """Whether the pod's Ready condition is True."""
    conditions = (pod.get("status") or {}).get("conditions") or []
    return any(c.get("type") == "Ready" and c.get("status") == "True" for c in conditions)
