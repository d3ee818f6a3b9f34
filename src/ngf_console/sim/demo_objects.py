"""What `ngf-console demo` creates (pure): its namespace, a Gateway and two InferenceStacks.

* `demo-gateway` — Gateway of class `nginx` with one HTTP listener on port 80.
* `llama3-8b-vllm` — Llama 3.1 8B on vLLM (H100), three replicas, `prefix_affinity` routing,
  KEDA on waiting requests and KV-cache use, route `/v1/models/llama3`.
* `mistral-7b-triton` — Mistral 7B on Triton TensorRT-LLM (A100), two replicas, `composite`
  routing (0.4 queue / 0.3 KV cache / 0.3 prefix), an HPA on waiting requests and GPU
  utilisation, route `/v1/models/mistral`.

Both reference the Gateway, so they do not need one of their own. The manifests validate
against the CRD models (a unit test checks it).
"""

from __future__ import annotations

from typing import Any

Manifest = dict[str, Any]

GATEWAY = "demo-gateway"
VLLM_STACK = "llama3-8b-vllm"
TRITON_STACK = "mistral-7b-triton"
STACK_API = "ngf-console.f5.com/v1alpha1"


def namespace(name: str) -> Manifest:
    return {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}


def gateway(ns: str, gateway_class: str = "nginx") -> Manifest:
    """The Gateway both demo stacks attach their routes to."""
    return {
        "apiVersion": "gateway.networking.k8s.io/v1",
        "kind": "Gateway",
        "metadata": {"name": GATEWAY, "namespace": ns},
        "spec": {
            "gatewayClassName": gateway_class,
            "listeners": [{"name": "http", "port": 80, "protocol": "HTTP"}],
        },
    }


def _stack(ns: str, name: str, spec: Manifest, path: str) -> Manifest:
    spec["gateway"] = {"gatewayRef": {"name": GATEWAY}, "route": {"pathPrefix": path}}
    return {
        "apiVersion": STACK_API,
        "kind": "InferenceStack",
        "metadata": {"name": name, "namespace": ns, "labels": {"ngf-console.f5.com/demo": "true"}},
        "spec": spec,
    }


def vllm_stack(ns: str) -> Manifest:
    """`llama3-8b-vllm`: vLLM, prefix-affinity routing, KEDA."""
    spec: Manifest = {
        "model": {
            "backend": "vllm",
            "name": "meta-llama/Llama-3.1-8B-Instruct",
            "image": "vllm/vllm-openai:v0.11.0",
            "gpuType": "H100",
            "gpusPerPod": 1,
        },
        "pool": {"replicas": 3, "minReplicas": 2, "maxReplicas": 6},
        "epp": {"strategy": "prefix_affinity", "scrapeInterval": "2s"},
        "autoscaling": {
            "backend": "keda",
            "queueDepthThreshold": {"value": 5, "duration": "60s"},
            "kvCacheThreshold": {"value": 80, "duration": "120s"},
            "cooldownPeriod": "300s",
        },
    }
    return _stack(ns, VLLM_STACK, spec, "/v1/models/llama3")


def triton_stack(ns: str) -> Manifest:
    """`mistral-7b-triton`: Triton TensorRT-LLM, composite routing, HPA."""
    spec: Manifest = {
        "model": {
            "backend": "triton",
            "name": "mistralai/Mistral-7B-Instruct-v0.3",
            "image": "nvcr.io/nvidia/tritonserver:25.01-trtllm-python-py3",
            "gpuType": "A100",
            "gpusPerPod": 1,
        },
        "pool": {"replicas": 2, "minReplicas": 1, "maxReplicas": 4},
        "epp": {
            "strategy": "composite",
            "compositeWeights": {"queueDepth": 0.4, "kvCache": 0.3, "prefixCache": 0.3},
        },
        "autoscaling": {
            "backend": "hpa",
            "queueDepthThreshold": {"value": 4, "duration": "30s"},
            "gpuUtilThreshold": {"value": 85, "duration": "60s"},
            "cooldownPeriod": "300s",
        },
    }
    return _stack(ns, TRITON_STACK, spec, "/v1/models/mistral")


def demo_objects(ns: str) -> list[Manifest]:
    """Everything the demo creates, in creation order."""
    return [namespace(ns), gateway(ns), vllm_stack(ns), triton_stack(ns)]
