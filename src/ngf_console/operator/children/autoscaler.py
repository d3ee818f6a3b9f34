"""Autoscaling children: a KEDA ScaledObject, or an HPA with prometheus-adapter rules.

Both scale the model-server Deployment (`target`) on the stack's thresholds:
waiting requests per pod (AverageValue over the pool), KV-cache utilisation and
GPU utilisation in percent (pool averages). Metric names follow the backend
(vLLM, Triton TensorRT-LLM, TGI); GPU utilisation comes from DCGM.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from ngf_console.api.v1alpha1.common import ThresholdSpec
from ngf_console.api.v1alpha1.inferencestack import AutoscalingSpec, InferenceStack
from ngf_console.operator.children.durations import whole_seconds
from ngf_console.operator.children.meta import Manifest, Owner, manifest, owned_metadata

QUEUE_SERIES = {
    "vllm": "vllm:num_requests_waiting",
    "triton": 'nv_trt_llm_request_metrics{request_type="waiting"}',
    "tgi": "tgi_queue_size",
}
KV_SERIES = {
    "vllm": "vllm:kv_cache_usage_perc",
    "triton": 'nv_trt_llm_kv_cache_block_metrics{kv_cache_block_type="fraction"}',
    "tgi": "tgi_batch_current_size",
}
GPU_SERIES = "DCGM_FI_DEV_GPU_UTIL"
COMPONENT = "autoscaler"


@dataclass(frozen=True)
class Trigger:
    """One scaling signal: a PromQL query and its per-pod or pool-wide threshold."""

    name: str
    series: str
    query: str
    threshold: ThresholdSpec
    average_per_pod: bool


def _selector(series: str, namespace: str, target: str) -> str:
    match = f'namespace="{namespace}",pod=~"{target}-.*"'
    if series.endswith("}"):
        return f"{series[:-1]},{match}}}"
    return f"{series}{{{match}}}"


def triggers(stack: InferenceStack, target: str) -> list[Trigger]:
    """The stack's scaling signals, in a stable order."""
    scaling = stack.spec.autoscaling
    if scaling is None:
        return []
    ns, backend = stack.metadata.namespace or "default", stack.spec.model.backend
    found: list[Trigger] = []
    if scaling.queue_depth_threshold is not None:
        s = _selector(QUEUE_SERIES[backend], ns, target)
        found.append(Trigger("queue-depth", s, f"sum({s})", scaling.queue_depth_threshold, True))
    if scaling.kv_cache_threshold is not None:
        s = _selector(KV_SERIES[backend], ns, target)
        found.append(Trigger("kv-cache", s, f"avg({s}) * 100", scaling.kv_cache_threshold, False))
    if scaling.gpu_util_threshold is not None:
        s = _selector(GPU_SERIES, ns, target)
        found.append(Trigger("gpu-util", s, f"avg({s})", scaling.gpu_util_threshold, False))
    return found


def _behavior(scaling: AutoscalingSpec, found: list[Trigger]) -> Manifest:
    """Scale up once a threshold held for its duration; scale down after the cooldown."""
    up = max(whole_seconds(t.threshold.duration) for t in found)
    return {
        "scaleUp": {"stabilizationWindowSeconds": up},
        "scaleDown": {"stabilizationWindowSeconds": whole_seconds(scaling.cooldown_period)},
    }


def _threshold(value: float) -> str:
    return f"{value:g}"


def build_scaled_object(
    stack: InferenceStack,
    scaling: AutoscalingSpec,
    owner: Owner,
    target: str,
    prometheus_url: str,
) -> Manifest:
    """KEDA ScaledObject `<stack>-scaler` with one Prometheus trigger per threshold."""
    found = triggers(stack, target)
    spec = {
        "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": target},
        "minReplicaCount": stack.spec.pool.min_replicas,
        "maxReplicaCount": stack.spec.pool.max_replicas,
        "cooldownPeriod": whole_seconds(scaling.cooldown_period),
        "advanced": {"horizontalPodAutoscalerConfig": {"behavior": _behavior(scaling, found)}},
        "triggers": [
            {
                "type": "prometheus",
                "name": t.name,
                "metricType": "AverageValue" if t.average_per_pod else "Value",
                "metadata": {
                    "serverAddress": prometheus_url,
                    "query": t.query,
                    "threshold": _threshold(t.threshold.value),
                },
            }
            for t in found
        ],
    }
    meta = owned_metadata(owner, f"{stack.metadata.name}-scaler", COMPONENT)
    return manifest("keda.sh/v1alpha1", "ScaledObject", meta, spec=spec)


def external_metric(stack: InferenceStack, trigger: Trigger) -> str:
    """The external-metric name prometheus-adapter serves for a trigger."""
    return f"ngf_console_{stack.metadata.name}_{trigger.name}".replace("-", "_")


def build_adapter_rules(stack: InferenceStack, owner: Owner, target: str) -> Manifest:
    """ConfigMap `<stack>-prometheus-adapter` with external rules for the HPA's metrics."""
    rules = [
        {
            "seriesQuery": trigger.series,
            "name": {"as": external_metric(stack, trigger)},
            "resources": {"namespaced": False},
            "metricsQuery": trigger.query,
        }
        for trigger in triggers(stack, target)
    ]
    data = {"config.yaml": yaml.safe_dump({"externalRules": rules}, sort_keys=False)}
    meta = owned_metadata(owner, f"{stack.metadata.name}-prometheus-adapter", COMPONENT)
    return manifest("v1", "ConfigMap", meta, data=data)


def build_hpa(
    stack: InferenceStack, scaling: AutoscalingSpec, owner: Owner, target: str
) -> Manifest:
    """autoscaling/v2 HPA `<stack>-hpa` on the external metrics of the adapter rules."""
    found = triggers(stack, target)
    metrics = []
    for t in found:
        value = _threshold(t.threshold.value)
        target_spec = (
            {"type": "AverageValue", "averageValue": value}
            if t.average_per_pod
            else {
                "type": "Value",
                "value": value,
            }
        )
        metrics.append(
            {
                "type": "External",
                "external": {"metric": {"name": external_metric(stack, t)}, "target": target_spec},
            }
        )
    spec = {
        "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": target},
        "minReplicas": max(stack.spec.pool.min_replicas, 1),
        "maxReplicas": stack.spec.pool.max_replicas,
        "metrics": metrics,
        "behavior": _behavior(scaling, found),
    }
    meta = owned_metadata(owner, f"{stack.metadata.name}-hpa", COMPONENT)
    return manifest("autoscaling/v2", "HorizontalPodAutoscaler", meta, spec=spec)
