"""The InferencePool and, when the stack brings no selector, the model-server Deployment."""

from __future__ import annotations

from ngf_console.api.v1alpha1.inferencestack import InferenceStack
from ngf_console.operator.children.epp import EXT_PROC_PORT, epp_name
from ngf_console.operator.children.meta import POOL_LABEL, Manifest, Owner, manifest, owned_metadata

# The port each backend's OpenAI-compatible HTTP server listens on.
MODEL_PORTS = {"vllm": 8000, "triton": 8000, "tgi": 8080}
GPU_RESOURCE = "nvidia.com/gpu"


def pool_name(stack: InferenceStack) -> str:
    """`<stack>-pool`."""
    return f"{stack.metadata.name}-pool"


def model_name(stack: InferenceStack) -> str:
    """`<stack>-model`: the model-server Deployment the operator creates."""
    return f"{stack.metadata.name}-model"


def pod_selector(stack: InferenceStack) -> dict[str, str]:
    """The labels that select the pool's model-server pods."""
    if stack.spec.pool.selector is not None:
        return dict(stack.spec.pool.selector.match_labels)
    return {POOL_LABEL: pool_name(stack)}


def model_port(stack: InferenceStack) -> int:
    """The model servers' HTTP port."""
    return MODEL_PORTS[stack.spec.model.backend]


def build_inference_pool(stack: InferenceStack, owner: Owner) -> Manifest:
    """InferencePool (inference.networking.k8s.io/v1) pointing at the EPP Service."""
    spec = {
        "selector": {"matchLabels": pod_selector(stack)},
        "targetPorts": [{"number": model_port(stack)}],
        "endpointPickerRef": {
            "group": "",
            "kind": "Service",
            "name": epp_name(stack),
            "port": {"number": EXT_PROC_PORT},
            "failureMode": "FailClose",
        },
    }
    meta = owned_metadata(owner, pool_name(stack), "inference-pool")
    return manifest("inference.networking.k8s.io/v1", "InferencePool", meta, spec=spec)


def _args(stack: InferenceStack) -> list[str]:
    model, port = stack.spec.model, model_port(stack)
    if model.backend == "vllm":
        return ["--model", model.name, "--port", str(port)]
    if model.backend == "tgi":
        return ["--model-id", model.name, "--port", str(port)]
    return ["tritonserver", "--model-repository=/models", f"--http-port={port}"]


def _resources(stack: InferenceStack) -> Manifest:
    res = stack.spec.pool.resources.to_k8s()
    gpus = stack.spec.model.gpus_per_pod
    if gpus > 0:
        res.setdefault("limits", {})[GPU_RESOURCE] = str(gpus)
        res.setdefault("requests", {})[GPU_RESOURCE] = str(gpus)
    return res


def build_model_deployment(stack: InferenceStack, owner: Owner, replicas: int) -> Manifest | None:
    """Deployment `<stack>-model`, or None when `pool.selector` selects existing pods.

    `replicas` is decided by the caller: `pool.replicas` at first, then, when an
    autoscaler owns the count, the Deployment's current value, so the operator
    never fights the autoscaler (and never drops the field it applied before).
    """
    if stack.spec.pool.selector is not None:
        return None
    labels = {**owner.labels("model-server"), **pod_selector(stack)}
    pod_spec: Manifest = {
        "containers": [
            {
                "name": "model-server",
                "image": stack.spec.model.image,
                "args": _args(stack),
                "ports": [{"name": "http", "containerPort": model_port(stack)}],
                "resources": _resources(stack),
                "readinessProbe": {"httpGet": {"path": "/health", "port": model_port(stack)}},
            }
        ],
    }
    if stack.spec.pool.node_selector:
        pod_spec["nodeSelector"] = dict(stack.spec.pool.node_selector)
    if stack.spec.pool.tolerations:
        pod_spec["tolerations"] = [t.to_k8s() for t in stack.spec.pool.tolerations]
    spec: Manifest = {
        "replicas": replicas,
        "selector": {"matchLabels": pod_selector(stack)},
        "template": {"metadata": {"labels": labels}, "spec": pod_spec},
    }
    meta = owned_metadata(owner, model_name(stack), "model-server")
    return manifest("apps/v1", "Deployment", meta, spec=spec)
