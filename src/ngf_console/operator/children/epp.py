"""The Endpoint Picker (EPP): config, Deployment, Service, ServiceAccount and RBAC.

The EPP reads an EndpointPickerConfig file at start-up, so the config's hash is
put on the pod template: a config change rolls the Deployment. The config's
apiVersion follows the image flavour: llm-d-router images read `llm-d.ai/v1alpha1`,
gateway-api-inference-extension images `inference.networking.x-k8s.io/v1alpha1`.
"""

from __future__ import annotations

import hashlib

import yaml

from ngf_console.api.v1alpha1.inferencestack import EPPSpec, InferenceStack
from ngf_console.operator.children.durations import seconds
from ngf_console.operator.children.meta import (
    CONFIG_HASH_ANNOTATION,
    Manifest,
    Owner,
    manifest,
    owned_metadata,
)

EXT_PROC_PORT = 9002
HEALTH_PORT = 9003
METRICS_PORT = 9090
CONFIG_FILE = "epp-config.yaml"
COMPONENT = "endpoint-picker"

SCORERS = {
    "least_queue": ("queue-scorer",),
    "best_kv_cache": ("kv-cache-utilization-scorer",),
    "prefix_affinity": ("prefix-cache-scorer",),
    "composite": ("queue-scorer", "kv-cache-utilization-scorer", "prefix-cache-scorer"),
}
# core-metrics-extractor reads vLLM names by default; other engines are named.
ENGINES = {"triton": "triton-tensorrt-llm"}


def epp_name(stack: InferenceStack) -> str:
    """`<stack>-epp`: Deployment, Service, ServiceAccount, Role and ConfigMap."""
    return f"{stack.metadata.name}-epp"


def config_api_version(image: str) -> str:
    """The EndpointPickerConfig apiVersion the image reads."""
    return "llm-d.ai/v1alpha1" if "llm-d" in image else "inference.networking.x-k8s.io/v1alpha1"


def _weights(epp: EPPSpec) -> dict[str, int]:
    """Integer scorer weights (upstream's profile weights are integers)."""
    if epp.strategy != "composite" or epp.composite_weights is None:
        return dict.fromkeys(SCORERS[epp.strategy], 1)
    w = epp.composite_weights
    return {
        "queue-scorer": round(w.queue_depth * 100),
        "kv-cache-utilization-scorer": round(w.kv_cache * 100),
        "prefix-cache-scorer": round(w.prefix_cache * 100),
    }


def render_config(stack: InferenceStack, image: str) -> str:
    """The EndpointPickerConfig YAML for the stack's strategy (deterministic)."""
    weights = {k: v for k, v in _weights(stack.spec.epp).items() if v > 0}
    extractor: Manifest = {"type": "core-metrics-extractor"}
    engine = ENGINES.get(stack.spec.model.backend)
    if engine is not None:
        extractor["parameters"] = {"defaultEngine": engine}
    config: Manifest = {
        "apiVersion": config_api_version(image),
        "kind": "EndpointPickerConfig",
        "plugins": [
            *({"type": scorer} for scorer in weights),
            {
                "type": "metrics-data-source",
                "parameters": {
                    "scheme": "http",
                    "path": stack.spec.epp.metrics_path,
                    "insecureSkipVerify": True,
                },
            },
            extractor,
            {"type": "max-score-picker"},
        ],
        "schedulingProfiles": [
            {
                "name": "default",
                "plugins": [
                    *({"pluginRef": s, "weight": w} for s, w in weights.items()),
                    {"pluginRef": "max-score-picker"},
                ],
            }
        ],
    }
    return yaml.safe_dump(config, sort_keys=False)


def config_hash(config: str) -> str:
    """Short content hash of the rendered config (rolls the EPP when it changes)."""
    return hashlib.sha256(config.encode()).hexdigest()[:16]


def build_config_map(stack: InferenceStack, owner: Owner, config: str) -> Manifest:
    """ConfigMap `<stack>-epp` holding the EndpointPickerConfig."""
    meta = owned_metadata(owner, epp_name(stack), COMPONENT)
    return manifest("v1", "ConfigMap", meta, data={CONFIG_FILE: config})


def _container(stack: InferenceStack, image: str) -> Manifest:
    interval_ms = round(seconds(stack.spec.epp.scrape_interval) * 1000)
    return {
        "name": "epp",
        "image": image,
        "args": [
            f"--pool-name={stack.metadata.name}-pool",
            f"--pool-namespace={stack.metadata.namespace}",
            "--pool-group=inference.networking.k8s.io",
            f"--config-file=/config/{CONFIG_FILE}",
            f"--refresh-metrics-interval={interval_ms}ms",
            "--zap-encoder=json",
            "--metrics-endpoint-auth=false",
        ],
        "env": [
            {"name": "NAMESPACE", "valueFrom": {"fieldRef": {"fieldPath": "metadata.namespace"}}},
            {"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
        ],
        "ports": [
            {"name": "grpc", "containerPort": EXT_PROC_PORT},
            {"name": "grpc-health", "containerPort": HEALTH_PORT},
            {"name": "metrics", "containerPort": METRICS_PORT},
        ],
        "readinessProbe": {"grpc": {"port": HEALTH_PORT, "service": "inference-extension"}},
        "livenessProbe": {"grpc": {"port": HEALTH_PORT, "service": "inference-extension"}},
        "resources": {"requests": {"cpu": "4", "memory": "8Gi"}, "limits": {"memory": "16Gi"}},
        "volumeMounts": [{"name": "config", "mountPath": "/config", "readOnly": True}],
    }


def build_deployment(stack: InferenceStack, owner: Owner, image: str, config: str) -> Manifest:
    """Deployment `<stack>-epp`: one replica, Recreate (the prefix index is in memory)."""
    name = epp_name(stack)
    selector = {"app": name}
    template = {
        "metadata": {
            "labels": {**owner.labels(COMPONENT), **selector},
            "annotations": {CONFIG_HASH_ANNOTATION: config_hash(config)},
        },
        "spec": {
            "serviceAccountName": name,
            "terminationGracePeriodSeconds": 130,
            "containers": [_container(stack, image)],
            "volumes": [{"name": "config", "configMap": {"name": name}}],
        },
    }
    spec = {
        "replicas": 1,
        "strategy": {"type": "Recreate"},
        "selector": {"matchLabels": selector},
        "template": template,
    }
    return manifest("apps/v1", "Deployment", owned_metadata(owner, name, COMPONENT), spec=spec)


def build_service(stack: InferenceStack, owner: Owner) -> Manifest:
    """Service `<stack>-epp`: ext-proc 9002 (gRPC), health 9003, metrics 9090."""
    name = epp_name(stack)
    spec = {
        "type": "ClusterIP",
        "selector": {"app": name},
        "ports": [
            {
                "name": "grpc-ext-proc",
                "port": EXT_PROC_PORT,
                "targetPort": EXT_PROC_PORT,
                "protocol": "TCP",
                "appProtocol": "http2",
            },
            {
                "name": "grpc-health",
                "port": HEALTH_PORT,
                "targetPort": HEALTH_PORT,
                "protocol": "TCP",
            },
            {
                "name": "http-metrics",
                "port": METRICS_PORT,
                "targetPort": METRICS_PORT,
                "protocol": "TCP",
            },
        ],
    }
    return manifest("v1", "Service", owned_metadata(owner, name, COMPONENT), spec=spec)


def build_rbac(stack: InferenceStack, owner: Owner) -> list[Manifest]:
    """ServiceAccount, Role and RoleBinding: the EPP watches its pool and the pods."""
    name = epp_name(stack)
    meta = owned_metadata(owner, name, COMPONENT)
    rules = [
        {"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list", "watch"]},
        {
            "apiGroups": ["inference.networking.k8s.io"],
            "resources": ["inferencepools"],
            "verbs": ["get", "list", "watch"],
        },
        {
            "apiGroups": ["inference.networking.x-k8s.io", "llm-d.ai"],
            "resources": ["inferenceobjectives", "inferencemodelrewrites"],
            "verbs": ["get", "list", "watch"],
        },
        {
            "apiGroups": ["coordination.k8s.io"],
            "resources": ["leases"],
            "verbs": ["get", "list", "watch", "create", "update", "patch"],
        },
    ]
    binding = {
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": name},
        "subjects": [
            {"kind": "ServiceAccount", "name": name, "namespace": stack.metadata.namespace}
        ],
    }
    return [
        manifest("v1", "ServiceAccount", meta),
        manifest("rbac.authorization.k8s.io/v1", "Role", meta, rules=rules),
        manifest("rbac.authorization.k8s.io/v1", "RoleBinding", meta, **binding),
    ]
