"""Which Deployments the kubelet stand-in runs, and as what (pure).

Matrix: the operator's own children of the demo stacks (model Deployment before and after
its InferencePool exists, EPP) · a Deployment selected by a stack's `pool.selector` · TGI and
an unknown GPU type · a pool without a stack (image and `--model` decide) · unrelated
Deployments · the first matching pool by name, and an empty selector matching nothing.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from ngf_console.api.v1alpha1.inferencestack import CompositeWeights, InferenceStack
from ngf_console.operator.children.inferencestack import StackFacts, desired_children
from ngf_console.operator.settings import OperatorSettings
from ngf_console.sim import demo_objects
from ngf_console.sim.roles import ModelRole, PlainRole, classify, model_port, selecting_pool

NS = "demo"
NODE = "sim-node"


def children(stack: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The operator's manifests for `stack`, by `Kind/name`."""
    model = InferenceStack.from_k8s(stack)
    facts = StackFacts("uid-1", model.spec.pool.replicas, f"{stack['metadata']['name']}-model")
    desired = desired_children(model, OperatorSettings(), facts)
    return {f"{m['kind']}/{m['metadata']['name']}": m for m in desired.manifests}


def stacks(*docs: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {d["metadata"]["name"]: d for d in docs}


def deployment(labels: dict[str, str], *, image: str = "img", args: list[str] | None = None) -> Any:
    container: dict[str, Any] = {"name": "c", "image": image}
    if args is not None:
        container["args"] = args
    return {
        "metadata": {"name": "byo", "namespace": NS, "labels": {}},
        "spec": {"template": {"metadata": {"labels": labels}, "spec": {"containers": [container]}}},
    }


def pool(name: str, selector: dict[str, str], owner: str | None = None) -> dict[str, Any]:
    meta: dict[str, Any] = {"name": name, "namespace": NS}
    if owner is not None:
        meta["ownerReferences"] = [
            {"kind": "InferenceStack", "name": owner, "controller": True, "uid": "u"}
        ]
    spec = {"selector": {"matchLabels": selector}, "targetPorts": [{"number": 8001}]}
    return {"metadata": meta, "spec": spec}


def test_model_deployment_of_the_vllm_demo_stack_before_its_pool_exists() -> None:
    stack = demo_objects.vllm_stack(NS)
    model = children(stack)["Deployment/llama3-8b-vllm-model"]
    role = classify(model, [], stacks(stack), NODE)
    assert isinstance(role, ModelRole)
    assert role.port == 8000
    p = role.pool
    assert (p.name, p.namespace, p.node) == ("llama3-8b-vllm-pool", NS, NODE)
    assert (p.backend, p.model, p.gpu_type) == ("vllm", "meta-llama/Llama-3.1-8B-Instruct", "H100")
    assert (p.strategy, p.weights) == ("prefix_affinity", None)


def test_model_deployment_of_the_triton_demo_stack_with_its_pool() -> None:
    stack = demo_objects.triton_stack(NS)
    made = children(stack)
    model, inference_pool = (
        made["Deployment/mistral-7b-triton-model"],
        made["InferencePool/mistral-7b-triton-pool"],
    )
    role = classify(model, [inference_pool], stacks(stack), NODE)
    assert isinstance(role, ModelRole)
    assert role.port == 8000
    assert (role.pool.name, role.pool.backend, role.pool.gpu_type) == (
        "mistral-7b-triton-pool",
        "triton",
        "A100",
    )
    assert role.pool.strategy == "composite"
    assert role.pool.weights == CompositeWeights(queue_depth=0.4, kv_cache=0.3, prefix_cache=0.3)


def test_epp_deployment_gets_plain_pods() -> None:
    stack = demo_objects.vllm_stack(NS)
    epp = children(stack)["Deployment/llama3-8b-vllm-epp"]
    assert classify(epp, [], stacks(stack), NODE) == PlainRole()


def test_deployment_selected_by_a_stack_pool_selector() -> None:
    stack = demo_objects.triton_stack(NS)
    stack["spec"]["pool"]["selector"] = {"matchLabels": {"app": "byo"}}
    made = children(stack)
    assert "Deployment/mistral-7b-triton-model" not in made
    mine = deployment({"app": "byo", "tier": "gpu"}, image="vllm/vllm-openai")
    role = classify(mine, [made["InferencePool/mistral-7b-triton-pool"]], stacks(stack), NODE)
    assert isinstance(role, ModelRole)
    assert role.pool.backend == "triton"  # the stack decides, not the image
    assert role.pool.name == "mistral-7b-triton-pool"


@pytest.mark.parametrize(
    ("backend", "gpu", "expected"),
    [("tgi", "H100", ("vllm", "H100")), ("vllm", "T4", ("vllm", "H200"))],
    ids=["tgi-served-vllm-style", "unknown-gpu-is-an-h200"],
)
def test_backend_and_gpu_fallbacks(backend: str, gpu: str, expected: tuple[str, str]) -> None:
    stack = demo_objects.vllm_stack(NS)
    stack["spec"]["model"].update(backend=backend, gpuType=gpu)
    model = children(stack)["Deployment/llama3-8b-vllm-model"]
    role = classify(model, [], stacks(stack), NODE)
    assert isinstance(role, ModelRole)
    assert (role.pool.backend, role.pool.gpu_type) == expected


@pytest.mark.parametrize(
    ("image", "args", "expected"),
    [
        ("nvcr.io/nvidia/tritonserver:25.01", None, ("triton", "byo")),
        ("vllm/vllm-openai", ["--model", "qwen", "--port", "8000"], ("vllm", "qwen")),
    ],
    ids=["triton-image", "vllm-model-arg"],
)
def test_pool_without_a_stack(
    image: str, args: list[str] | None, expected: tuple[str, str]
) -> None:
    mine = deployment({"app": "byo"}, image=image, args=args)
    role = classify(mine, [pool("byo-pool", {"app": "byo"})], {}, NODE)
    assert isinstance(role, ModelRole)
    assert (role.pool.backend, role.pool.model) == expected
    assert (role.pool.strategy, role.port) == ("least_queue", 8001)


def test_unrelated_deployment_is_not_simulated() -> None:
    mine = deployment({"app": "web"})
    assert classify(mine, [pool("byo-pool", {"app": "byo"})], {}, NODE) is None


def test_first_matching_pool_by_name_and_empty_selectors() -> None:
    mine = deployment({"app": "byo", "tier": "gpu"})
    pools = [
        pool("b-pool", {"app": "byo"}),
        pool("a-pool", {"tier": "gpu"}),
        pool("0-pool", {}),
    ]
    found = selecting_pool(mine, pools)
    assert found is not None
    assert found["metadata"]["name"] == "a-pool"


def test_model_port_falls_back_to_the_container_then_8000() -> None:
    mine = deployment({"app": "byo"})
    assert model_port(mine, None) == 8000
    with_port = copy.deepcopy(mine)
    with_port["spec"]["template"]["spec"]["containers"][0]["ports"] = [{"containerPort": 9000}]
    assert model_port(with_port, None) == 9000
    assert model_port(with_port, pool("p", {"app": "byo"})) == 8001
