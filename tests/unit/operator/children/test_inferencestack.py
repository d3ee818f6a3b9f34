"""Every child of an InferenceStack: ownership, labels, selection, routing, autoscaling, XC.

Matrix: Triton sample (gatewayRef, KEDA, XC) and vLLM sample (selector, createListener, HPA);
HTTPS createListener; autoscaling without a scale target.
"""

from __future__ import annotations

from ngf_console.api.v1alpha1.distributedcloudpublish import DistributedCloudPublish
from ngf_console.operator.children.inferencestack import (
    DesiredChildren,
    StackFacts,
    desired_children,
)
from ngf_console.operator.children.meta import Manifest
from ngf_console.operator.settings import OperatorSettings
from tests.factories import make_inference_stack, spec_set

SETTINGS = OperatorSettings(prometheus_url="http://prom.test:9090")


def _kinds(desired: DesiredChildren) -> dict[str, Manifest]:
    return {f"{m['kind']}/{m['metadata']['name']}": m for m in desired.manifests}


def _triton() -> DesiredChildren:
    stack = make_inference_stack()
    return desired_children(stack, SETTINGS, StackFacts("uid-7", 3, "llama3-production-model"))


def test_triton_stack_has_every_child_in_apply_order() -> None:
    kinds = [f"{m['kind']}/{m['metadata']['name']}" for m in _triton().manifests]
    assert kinds == [
        "ServiceAccount/llama3-production-epp",
        "Role/llama3-production-epp",
        "RoleBinding/llama3-production-epp",
        "ConfigMap/llama3-production-epp",
        "Service/llama3-production-epp",
        "Deployment/llama3-production-epp",
        "Deployment/llama3-production-model",
        "InferencePool/llama3-production-pool",
        "HTTPRoute/llama3-production-route",
        "ProxySettingsPolicy/llama3-production-proxy-settings",
        "ScaledObject/llama3-production-scaler",
        "DistributedCloudPublish/llama3-production-xc",
    ]


def test_every_child_is_owned_and_labelled() -> None:
    for m in _triton().manifests:
        meta = m["metadata"]
        assert meta["namespace"] == "ml-serving"
        assert meta["labels"]["app.kubernetes.io/managed-by"] == "ngf-console"
        assert meta["labels"]["ngf-console.f5.com/stack"] == "llama3-production"
        (ref,) = meta["ownerReferences"]
        assert ref["uid"] == "uid-7"
        assert ref["kind"] == "InferenceStack"
        assert ref["controller"] is True


def test_pool_selects_the_model_pods_and_points_at_the_epp() -> None:
    kinds = _triton().manifests
    pool = next(m for m in kinds if m["kind"] == "InferencePool")
    model = next(m for m in kinds if m["metadata"]["name"] == "llama3-production-model")
    template_labels = model["spec"]["template"]["metadata"]["labels"]
    assert pool["spec"]["selector"]["matchLabels"].items() <= template_labels.items()
    assert pool["spec"]["endpointPickerRef"]["name"] == "llama3-production-epp"
    assert pool["spec"]["endpointPickerRef"]["port"] == {"number": 9002}
    assert model["spec"]["replicas"] == 3
    resources = model["spec"]["template"]["spec"]["containers"][0]["resources"]
    assert resources["limits"]["nvidia.com/gpu"] == "1"


def test_route_sends_the_prefix_to_the_pool_through_the_named_gateway() -> None:
    route = _kinds(_triton())["HTTPRoute/llama3-production-route"]
    (parent,) = route["spec"]["parentRefs"]
    assert parent["name"] == "inference-gateway"
    (rule,) = route["spec"]["rules"]
    assert rule["matches"][0]["path"] == {"type": "PathPrefix", "value": "/v1/models/llama3"}
    assert rule["backendRefs"][0]["kind"] == "InferencePool"


def test_timeout_and_streaming_go_into_a_proxy_settings_policy() -> None:
    policy = _kinds(_triton())["ProxySettingsPolicy/llama3-production-proxy-settings"]
    assert policy["spec"]["timeout"] == {"read": "5m", "send": "5m"}
    assert policy["spec"]["buffering"] == {"disable": True}
    assert policy["spec"]["targetRefs"][0]["name"] == "llama3-production-route"


def test_keda_scaled_object_has_one_prometheus_trigger_per_threshold() -> None:
    scaler = _kinds(_triton())["ScaledObject/llama3-production-scaler"]["spec"]
    assert scaler["scaleTargetRef"]["name"] == "llama3-production-model"
    assert (scaler["minReplicaCount"], scaler["maxReplicaCount"]) == (2, 10)
    assert scaler["cooldownPeriod"] == 300
    by_name = {t["name"]: t for t in scaler["triggers"]}
    assert set(by_name) == {"queue-depth", "kv-cache", "gpu-util"}
    queue = by_name["queue-depth"]
    assert queue["metricType"] == "AverageValue"
    assert queue["metadata"]["threshold"] == "5"
    assert "nv_trt_llm_request_metrics" in queue["metadata"]["query"]
    assert 'request_type="waiting"' in queue["metadata"]["query"]
    assert by_name["gpu-util"]["metadata"]["serverAddress"] == "http://prom.test:9090"
    behavior = scaler["advanced"]["horizontalPodAutoscalerConfig"]["behavior"]
    assert behavior["scaleUp"]["stabilizationWindowSeconds"] == 120


def test_xc_child_is_a_valid_distributed_cloud_publish_of_the_pool() -> None:
    publish = _kinds(_triton())["DistributedCloudPublish/llama3-production-xc"]
    parsed = DistributedCloudPublish.from_k8s(publish)
    assert parsed.spec.inference_pool_ref is not None
    assert parsed.spec.inference_pool_ref.name == "llama3-production-pool"
    assert parsed.spec.distributed_cloud.rate_limiting is not None
    assert parsed.spec.distributed_cloud.rate_limiting.default_rate == 100


def _vllm(scale_target: str | None = "qwen3-vllm") -> DesiredChildren:
    stack = make_inference_stack("inferencestack_vllm")
    return desired_children(stack, SETTINGS, StackFacts("uid-9", 2, scale_target))


def test_selector_stack_creates_no_model_deployment_and_selects_existing_pods() -> None:
    desired = _vllm()
    kinds = _kinds(desired)
    assert "Deployment/qwen3-vllm-model" not in kinds
    pool = kinds["InferencePool/qwen3-vllm-pool"]
    assert pool["spec"]["selector"]["matchLabels"] == {"app": "qwen3-vllm"}
    assert pool["spec"]["targetPorts"] == [{"number": 8000}]


def test_create_listener_stack_owns_its_gateway_and_route_hostname() -> None:
    kinds = _kinds(_vllm())
    gateway = kinds["Gateway/qwen3-vllm-gateway"]
    (listener,) = gateway["spec"]["listeners"]
    assert (listener["port"], listener["hostname"]) == (8080, "qwen.ml.example.com")
    route = kinds["HTTPRoute/qwen3-vllm-route"]
    assert route["spec"]["parentRefs"][0]["name"] == "qwen3-vllm-gateway"
    assert route["spec"]["hostnames"] == ["qwen.ml.example.com"]


def test_hpa_backend_gets_adapter_rules_and_external_metrics() -> None:
    kinds = _kinds(_vllm())
    assert not any(k.startswith("ScaledObject/") for k in kinds)
    hpa = kinds["HorizontalPodAutoscaler/qwen3-vllm-hpa"]["spec"]
    assert hpa["scaleTargetRef"]["name"] == "qwen3-vllm"
    names = {m["external"]["metric"]["name"] for m in hpa["metrics"]}
    rules = kinds["ConfigMap/qwen3-vllm-prometheus-adapter"]["data"]["config.yaml"]
    for name in names:
        assert name in rules
    assert "vllm:num_requests_waiting" in rules


def test_autoscaling_without_a_deployment_to_scale_is_reported_not_guessed() -> None:
    desired = _vllm(scale_target=None)
    assert not any(m["kind"] == "HorizontalPodAutoscaler" for m in desired.manifests)
    assert "pool.selector" in desired.problems["autoscaler"]


def test_https_create_listener_is_a_clear_problem_and_the_rest_still_builds() -> None:
    stack = make_inference_stack(
        "inferencestack_vllm", spec_set("gateway.createListener.protocol", "HTTPS")
    )
    desired = desired_children(stack, SETTINGS, StackFacts("u", 2, "qwen3-vllm"))
    assert "GatewayBundle" in desired.problems["gateway"]
    assert any(m["kind"] == "HTTPRoute" for m in desired.manifests)
    assert not any(m["kind"] == "Gateway" for m in desired.manifests)


def test_builders_are_deterministic() -> None:
    assert _triton() == _triton()
