"""Which Deployments the kubelet stand-in runs pods for, and what those pods simulate (pure).

* `ModelRole` (model servers of a pool): the Deployment's pod template carries every label
  of an InferencePool's selector in its namespace; or it is `managed-by=ngf-console` with
  component `model-server` and that pool is not applied yet (the pool named by its
  template's `ngf-console.f5.com/pool` label).
* `PlainRole` (Running pods, nothing listening): any other `managed-by=ngf-console`
  Deployment, i.e. the EPP — the simulator routes in-process.
* not simulated (`None`): anything else.

A model role's `PoolConfig` comes from the InferenceStack that owns the pool (or whose
`ngf-console.f5.com/stack` label the Deployment carries): backend (TGI is served vLLM-style:
the simulator has no TGI exposition), model, GPU type (an unknown one is simulated as an
H200, the traced GPU), the EPP strategy and weights. Without a stack, the container image
decides the backend (`triton` in it → Triton) and `--model` the model. The port is the
pool's first `targetPorts` number, else the first container port, else 8000.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ngf_console.api.v1alpha1.inferencestack import InferenceStack
from ngf_console.sim.fleet import PoolConfig
from ngf_console.sim.gpu_types import GPU_TYPES
from ngf_console.sim.pod import Backend

Manifest = dict[str, Any]

MANAGED_BY = "app.kubernetes.io/managed-by"
COMPONENT = "app.kubernetes.io/component"
STACK_LABEL = "ngf-console.f5.com/stack"
POOL_LABEL = "ngf-console.f5.com/pool"
DEFAULT_PORT = 8000
FALLBACK_GPU = "H200"


@dataclass(frozen=True, slots=True)
class ModelRole:
    """Pods that serve a pool's model: a simulated model server (and GPU) each."""

    pool: PoolConfig
    port: int


@dataclass(frozen=True, slots=True)
class PlainRole:
    """Pods that only need to be Running and Ready (the EPP: the simulator routes in-process)."""


Role = ModelRole | PlainRole


def _labels(obj: Manifest) -> dict[str, str]:
    return dict((obj.get("metadata") or {}).get("labels") or {})


def _template_labels(deployment: Manifest) -> dict[str, str]:
    template = (deployment.get("spec") or {}).get("template") or {}
    return dict((template.get("metadata") or {}).get("labels") or {})


def selecting_pool(deployment: Manifest, pools: Iterable[Manifest]) -> Manifest | None:
    """The first InferencePool (by name) whose selector matches the pod template."""
    labels = _template_labels(deployment).items()
    for pool in sorted(pools, key=lambda p: str(p["metadata"]["name"])):
        selector = ((pool.get("spec") or {}).get("selector") or {}).get("matchLabels") or {}
        if selector and selector.items() <= labels:
            return pool
    return None


def _owner_stack(pool: Manifest) -> str | None:
    for ref in pool["metadata"].get("ownerReferences") or []:
        if ref.get("kind") == "InferenceStack" and ref.get("controller"):
            return str(ref["name"])
    return None


def _containers(deployment: Manifest) -> list[Manifest]:
    spec = ((deployment.get("spec") or {}).get("template") or {}).get("spec") or {}
    return list(spec.get("containers") or [])


def model_port(deployment: Manifest, pool: Manifest | None) -> int:
    """Where the model server listens (see the module docstring)."""
    ports = ((pool or {}).get("spec") or {}).get("targetPorts") or []
    if ports:
        return int(ports[0]["number"])
    for container in _containers(deployment):
        for port in container.get("ports") or []:
            return int(port["containerPort"])
    return DEFAULT_PORT


def _from_stack(doc: Manifest, pool: str, node: str) -> PoolConfig | None:
    try:
        stack = InferenceStack.from_k8s(doc)
    except ValidationError:
        return None
    model, epp = stack.spec.model, stack.spec.epp
    backend: Backend = "triton" if model.backend == "triton" else "vllm"
    return PoolConfig(
        name=pool,
        namespace=stack.metadata.namespace or "default",
        model=model.name,
        backend=backend,
        gpu_type=model.gpu_type if model.gpu_type in GPU_TYPES else FALLBACK_GPU,
        strategy=epp.strategy,
        weights=epp.composite_weights,
        node=node,
    )


def _from_image(deployment: Manifest, pool: str, node: str) -> PoolConfig:
    containers = _containers(deployment)
    first = containers[0] if containers else {}
    backend: Backend = "triton" if "triton" in str(first.get("image", "")) else "vllm"
    args = [str(a) for a in first.get("args") or []]
    model = (
        args[args.index("--model") + 1]
        if "--model" in args[:-1]
        else deployment["metadata"]["name"]
    )
    return PoolConfig(
        name=pool,
        namespace=deployment["metadata"]["namespace"],
        model=model,
        backend=backend,
        gpu_type=FALLBACK_GPU,
        strategy="least_queue",
        node=node,
    )


def classify(
    deployment: Manifest,
    pools: Iterable[Manifest],
    stacks: Mapping[str, Manifest],
    node: str,
) -> Role | None:
    """The role of `deployment` given the pools and stacks (by name) of its namespace."""
    labels = _labels(deployment)
    pool = selecting_pool(deployment, pools)
    if pool is not None:
        pool_name, stack_name = str(pool["metadata"]["name"]), _owner_stack(pool)
    elif labels.get(MANAGED_BY) == "ngf-console" and labels.get(COMPONENT) == "model-server":
        stack_name = labels.get(STACK_LABEL)
        pool_name = _template_labels(deployment).get(POOL_LABEL) or f"{stack_name}-pool"
    elif labels.get(MANAGED_BY) == "ngf-console":
        return PlainRole()
    else:
        return None
    stack = stacks.get(stack_name) if stack_name else None
    config = _from_stack(stack, pool_name, node) if stack is not None else None
    if config is None:
        config = _from_image(deployment, pool_name, node)
    return ModelRole(config, model_port(deployment, pool))
