"""What `ngf-console demo` creates.

Matrix: creation order (namespace first) · both stacks validate against the CRD models, one
vLLM with prefix affinity and KEDA, one Triton with composite weights and an HPA, both on the
demo Gateway · the operator builds a model Deployment, a pool and an autoscaler for each.
"""

from __future__ import annotations

from ngf_console.api.v1alpha1.inferencestack import InferenceStack
from ngf_console.operator.children.inferencestack import StackFacts, desired_children
from ngf_console.operator.settings import OperatorSettings
from ngf_console.sim import demo_objects


def test_creation_order() -> None:
    kinds = [(m["kind"], m["metadata"]["name"]) for m in demo_objects.demo_objects("demo")]
    assert kinds == [
        ("Namespace", "demo"),
        ("Gateway", "demo-gateway"),
        ("InferenceStack", "llama3-8b-vllm"),
        ("InferenceStack", "mistral-7b-triton"),
    ]
    gateway = demo_objects.gateway("demo")
    assert gateway["spec"]["gatewayClassName"] == "nginx"
    assert gateway["metadata"]["namespace"] == "demo"


def test_stacks_validate_and_differ_as_the_demo_needs() -> None:
    vllm = InferenceStack.from_k8s(demo_objects.vllm_stack("demo"))
    triton = InferenceStack.from_k8s(demo_objects.triton_stack("demo"))
    assert (vllm.spec.model.backend, vllm.spec.epp.strategy) == ("vllm", "prefix_affinity")
    assert (triton.spec.model.backend, triton.spec.epp.strategy) == ("triton", "composite")
    assert vllm.spec.autoscaling is not None
    assert triton.spec.autoscaling is not None
    assert (vllm.spec.autoscaling.backend, triton.spec.autoscaling.backend) == ("keda", "hpa")
    for stack in (vllm, triton):
        ref = stack.spec.gateway.gateway_ref
        assert ref is not None
        assert ref.name == "demo-gateway"
        assert stack.metadata.namespace == "demo"


def test_operator_builds_each_stack() -> None:
    for doc, scaler in (
        (demo_objects.vllm_stack("demo"), "ScaledObject"),
        (demo_objects.triton_stack("demo"), "HorizontalPodAutoscaler"),
    ):
        stack = InferenceStack.from_k8s(doc)
        name = stack.metadata.name
        facts = StackFacts("uid", stack.spec.pool.replicas, f"{name}-model")
        desired = desired_children(stack, OperatorSettings(), facts)
        kinds = {f"{m['kind']}/{m['metadata']['name']}" for m in desired.manifests}
        assert {f"Deployment/{name}-model", f"InferencePool/{name}-pool"} <= kinds
        assert any(k.startswith(f"{scaler}/") for k in kinds)
        assert not desired.problems
