"""InferenceStack: one model served behind NGF, with its pool, EPP routing and autoscaling.

Spec §2.5.2-2.5.3. The operator turns one InferenceStack into an InferencePool
(`inference.networking.k8s.io/v1`, which only selects by `matchLabels`), the Endpoint Picker
(Deployment, Service and its config), an HTTPRoute, a KEDA ScaledObject or an HPA, the shared
DCGM exporter and, with `distributedCloud`, a DistributedCloudPublish.

Cross-field rules (CEL with Python mirrors): minReplicas ≤ replicas ≤ maxReplicas; composite
strategy needs compositeWeights, which sum to 1.0 (±0.001); autoscaling needs at least one
threshold and percentages stay ≤ 100; exactly one of gatewayRef and createListener.
"""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field

from ngf_console.api.v1alpha1.base import K8sModel, cel_rule
from ngf_console.api.v1alpha1.common import (
    ChildStatus,
    Conditions,
    ObjectMeta,
    ObjectReference,
    ResourceRequirements,
    ThresholdSpec,
    Toleration,
    api_version_field,
    conditions_field,
    kind_field,
    metadata_field,
    observed_generation_field,
    status_field,
)
from ngf_console.api.v1alpha1.types import (
    DNS_LABEL,
    Duration,
    Hostname,
    LabelValue,
    Port,
)

Strategy = Literal["least_queue", "best_kv_cache", "prefix_affinity", "composite"]


class ModelSpec(K8sModel):
    """The model server: which backend serves which model on which GPUs."""

    backend: Literal["triton", "vllm", "tgi"] = Field(
        description="Serving backend: triton (NVIDIA Triton with TensorRT-LLM), vllm or tgi."
    )
    name: str = Field(
        min_length=1, max_length=256, description="Model identifier, e.g. `llama-3-70b`."
    )
    image: str = Field(
        min_length=1, max_length=512, description="Container image of the model server."
    )
    gpu_type: str = Field(
        min_length=1, max_length=63, description="GPU type to schedule on: A100, H100, L40S, T4."
    )
    gpus_per_pod: int = Field(
        ge=0, le=16, description="GPUs per model-server pod (0 for CPU-only simulators)."
    )


class PoolSelector(K8sModel):
    """Selects existing model-server pods; InferencePool v1 supports `matchLabels` only."""

    match_labels: dict[str, LabelValue] = Field(
        min_length=1, max_length=64, description="Labels every pod of the pool carries."
    )


class PoolSpec(K8sModel):
    """The InferencePool and its model-server pods."""

    replicas: int = Field(ge=0, le=1000, description="Initial number of model-server replicas.")
    min_replicas: int = Field(ge=0, le=1000, description="Fewest replicas the autoscaler keeps.")
    max_replicas: int = Field(ge=1, le=1000, description="Most replicas the autoscaler creates.")
    selector: PoolSelector | None = Field(
        default=None,
        description="Select existing model-server pods instead of creating a Deployment.",
    )
    node_selector: dict[str, LabelValue] = Field(
        default_factory=dict,
        max_length=64,
        description="Node labels the pods must match, e.g. `nvidia.com/gpu.product: H100`.",
    )
    tolerations: list[Toleration] = Field(
        default_factory=list, max_length=32, description="Tolerations for GPU node taints."
    )
    resources: ResourceRequirements = Field(
        default_factory=ResourceRequirements, description="Resource requests and limits per pod."
    )

    @cel_rule(
        "self.minReplicas <= self.replicas && self.replicas <= self.maxReplicas",
        "pool.replicas must satisfy minReplicas <= replicas <= maxReplicas",
        field_path=".replicas",
    )
    def _replicas_within_bounds(self) -> bool:
        return self.min_replicas <= self.replicas <= self.max_replicas


class CompositeWeights(K8sModel):
    """Weights of the three scorers for the composite strategy; they sum to 1.0."""

    queue_depth: float = Field(ge=0, le=1, description="Weight of queue depth (queue-scorer).")
    kv_cache: float = Field(
        ge=0, le=1, description="Weight of KV-cache utilisation (kv-cache-utilization-scorer)."
    )
    prefix_cache: float = Field(
        ge=0, le=1, description="Weight of prefix-cache affinity (prefix-cache-scorer)."
    )

    @cel_rule(
        "self.queueDepth + self.kvCache + self.prefixCache >= 0.999"
        " && self.queueDepth + self.kvCache + self.prefixCache <= 1.001",
        "compositeWeights must sum to 1.0 (queueDepth + kvCache + prefixCache, ±0.001)",
    )
    def _sum_to_one(self) -> bool:
        return 0.999 <= self.queue_depth + self.kv_cache + self.prefix_cache <= 1.001


class EPPSpec(K8sModel):
    """How the Endpoint Picker (EPP) chooses a model-server pod for each request."""

    scrape_interval: Duration = Field(
        default="5s", description="How often the EPP scrapes model-server metrics."
    )
    metrics_path: str = Field(
        default="/metrics",
        max_length=256,
        pattern="^/",
        description="Path of the model servers' Prometheus metrics endpoint.",
    )
    strategy: Strategy = Field(
        default="least_queue",
        description="Routing strategy of the Endpoint Picker: least_queue sends each request "
        "to the pod with the fewest waiting requests (queue-scorer); best_kv_cache to the pod "
        "with the most free KV-cache (kv-cache-utilization-scorer); prefix_affinity to the pod "
        "most likely to hold the prompt's prefix in cache (prefix-cache-scorer); composite "
        "combines all three scorers with compositeWeights.",
    )
    composite_weights: CompositeWeights | None = Field(
        default=None, description="Scorer weights; required when strategy is composite."
    )
    dcgm_enabled: bool = Field(
        default=True, description="Feed DCGM GPU metrics (utilisation, memory) to dashboards."
    )

    @cel_rule(
        "self.strategy != 'composite' || has(self.compositeWeights)",
        "compositeWeights is required when strategy is composite",
        field_path=".compositeWeights",
    )
    def _composite_needs_weights(self) -> bool:
        return self.strategy != "composite" or self.composite_weights is not None


class AutoscalingSpec(K8sModel):
    """Scale the model servers on inference signals (KEDA ScaledObject or HPA)."""

    backend: Literal["keda", "hpa"] = Field(
        default="keda",
        description="keda (a KEDA ScaledObject) or hpa (an autoscaling/v2 HPA with "
        "prometheus-adapter rules).",
    )
    queue_depth_threshold: ThresholdSpec | None = Field(
        default=None, description="Scale up when waiting requests per pod exceed this."
    )
    kv_cache_threshold: ThresholdSpec | None = Field(
        default=None, description="Scale up when KV-cache utilisation (percent) exceeds this."
    )
    gpu_util_threshold: ThresholdSpec | None = Field(
        default=None,
        description="Scale up when GPU utilisation (percent, DCGM) exceeds this: a safety net.",
    )
    cooldown_period: Duration = Field(
        default="300s", description="Wait after a scale event before scaling down."
    )

    @cel_rule(
        "has(self.queueDepthThreshold) || has(self.kvCacheThreshold) || has(self.gpuUtilThreshold)",
        "autoscaling needs at least one of queueDepthThreshold, kvCacheThreshold or "
        "gpuUtilThreshold",
    )
    def _has_a_trigger(self) -> bool:
        return any(
            t is not None
            for t in (self.queue_depth_threshold, self.kv_cache_threshold, self.gpu_util_threshold)
        )

    @cel_rule(
        "!has(self.kvCacheThreshold) || self.kvCacheThreshold.value <= 100.0",
        "kvCacheThreshold.value is a percentage and must be at most 100",
        field_path=".kvCacheThreshold.value",
    )
    def _kv_cache_percentage(self) -> bool:
        return self.kv_cache_threshold is None or self.kv_cache_threshold.value <= 100

    @cel_rule(
        "!has(self.gpuUtilThreshold) || self.gpuUtilThreshold.value <= 100.0",
        "gpuUtilThreshold.value is a percentage and must be at most 100",
        field_path=".gpuUtilThreshold.value",
    )
    def _gpu_util_percentage(self) -> bool:
        return self.gpu_util_threshold is None or self.gpu_util_threshold.value <= 100


class ListenerSpec(K8sModel):
    """A listener the stack creates on a Gateway of its own."""

    port: Port = Field(description="Port the listener accepts connections on.")
    protocol: Literal["HTTP", "HTTPS"] = Field(
        default="HTTP", description="Protocol of the listener."
    )
    hostname: Hostname | None = Field(
        default=None, description="Hostname the listener matches; any hostname when empty."
    )


class RouteSpec(K8sModel):
    """The HTTPRoute that sends inference requests to the pool."""

    path_prefix: str = Field(
        max_length=1024,
        pattern="^/",
        description="Path prefix of the inference endpoint, e.g. `/v1/models/llama3`.",
    )
    timeout: Duration = Field(
        default="300s", description="Request timeout; inference requests are long-running."
    )
    streaming_enabled: bool = Field(
        default=True, description="Stream responses token by token (SSE); disables buffering."
    )


class GatewayAttachmentSpec(K8sModel):
    """Where the stack is exposed: an existing Gateway or a listener it creates."""

    gateway_ref: ObjectReference | None = Field(
        default=None, description="An existing Gateway to attach the route to."
    )
    create_listener: ListenerSpec | None = Field(
        default=None, description="Create a Gateway with this listener instead of gatewayRef."
    )
    route: RouteSpec = Field(description="HTTPRoute matching configuration.")

    @cel_rule(
        "has(self.gatewayRef) != has(self.createListener)",
        "exactly one of gatewayRef or createListener must be set",
    )
    def _exactly_one_gateway(self) -> bool:
        return (self.gateway_ref is None) != (self.create_listener is None)


class RateLimitSpec(K8sModel):
    """Rate limits per tenant at the F5 Distributed Cloud edge."""

    requests_per_minute: int = Field(
        ge=1, le=10_000_000, description="Requests per minute per tenant."
    )
    tokens_per_minute: int | None = Field(
        default=None, ge=1, le=1_000_000_000, description="Tokens per minute per tenant."
    )


class XCInferenceSpec(K8sModel):
    """Publish the stack through F5 Distributed Cloud (a DistributedCloudPublish child)."""

    tenant: str = Field(max_length=63, pattern=DNS_LABEL, description="XC tenant name.")
    namespace: str = Field(max_length=63, pattern=DNS_LABEL, description="XC namespace.")
    waf_policy: str | None = Field(
        default=None,
        max_length=63,
        pattern=DNS_LABEL,
        description="XC App Firewall to attach (an LLM-tuned policy).",
    )
    bot_defense: bool = Field(default=False, description="Enable XC bot defense.")
    ddos_protection: bool = Field(default=False, description="Enable XC DDoS protection.")
    per_tenant_rate_limit: RateLimitSpec | None = Field(
        default=None, description="Rate limits per tenant (API key) at the edge."
    )
    public_hostname: Hostname = Field(description="Public hostname served by XC.")
    tls_mode: Literal["managed", "bringYourOwn"] = Field(
        default="managed",
        description="managed (XC issues the certificate) or bringYourOwn.",
    )


class InferenceStackSpec(K8sModel):
    """Desired state of an InferenceStack."""

    model: ModelSpec = Field(description="Model serving configuration.")
    pool: PoolSpec = Field(description="InferencePool and model-server replicas.")
    epp: EPPSpec = Field(description="Endpoint Picker routing configuration.")
    autoscaling: AutoscalingSpec | None = Field(
        default=None, description="Autoscaling; the replica count stays fixed when absent."
    )
    gateway: GatewayAttachmentSpec = Field(description="Gateway attachment and route.")
    distributed_cloud: XCInferenceSpec | None = Field(
        default=None, description="Publish to F5 Distributed Cloud."
    )


class ChildResourceStatuses(K8sModel):
    """The children of an InferenceStack."""

    inference_pool: ChildStatus | None = Field(default=None, description="The InferencePool.")
    epp: ChildStatus | None = Field(default=None, description="The Endpoint Picker.")
    http_route: ChildStatus | None = Field(default=None, description="The HTTPRoute.")
    autoscaler: ChildStatus | None = Field(
        default=None, description="The KEDA ScaledObject or HPA."
    )
    dcgm_exporter: ChildStatus | None = Field(
        default=None, description="The shared DCGM exporter DaemonSet."
    )


class XCPublishStatus(K8sModel):
    """State of the F5 Distributed Cloud publication."""

    state: Literal["Pending", "Published", "Error"] | None = Field(
        default=None, description="Pending, Published or Error."
    )
    public_endpoint: str | None = Field(
        default=None, max_length=2048, description="Public URL of the published endpoint."
    )
    load_balancer_name: str | None = Field(
        default=None, max_length=253, description="Name of the XC HTTP load balancer."
    )
    last_sync_time: AwareDatetime | None = Field(
        default=None, description="When XC was last reconciled."
    )


class InferenceStackStatus(K8sModel):
    """Observed state of an InferenceStack."""

    phase: Literal["Pending", "Provisioning", "Ready", "Degraded", "Error"] | None = Field(
        default=None, description="High-level phase: Pending, Provisioning, Ready, Degraded, Error."
    )
    current_replicas: int | None = Field(
        default=None, ge=0, description="Model-server replicas running now."
    )
    desired_replicas: int | None = Field(
        default=None, ge=0, description="Replicas the autoscaler asks for."
    )
    children: ChildResourceStatuses = Field(
        default_factory=ChildResourceStatuses, description="State of each child resource."
    )
    conditions: Conditions = conditions_field()
    observed_spec_hash: str | None = Field(
        default=None, max_length=128, description="Hash of the spec the children were built from."
    )
    observed_generation: int | None = observed_generation_field()
    last_reconciled_at: AwareDatetime | None = Field(
        default=None, description="When every child was last reconciled successfully."
    )
    xc_status: XCPublishStatus | None = Field(
        default=None, description="F5 Distributed Cloud publication, when configured."
    )


class InferenceStack(K8sModel):
    """An AI inference deployment behind NGINX Gateway Fabric: model servers, an
    InferencePool with Endpoint Picker routing, an HTTPRoute, autoscaling and GPU metrics,
    reconciled by the NGF Console operator."""

    api_version: Literal["ngf-console.f5.com/v1alpha1"] = api_version_field()
    kind: Literal["InferenceStack"] = kind_field("InferenceStack")
    metadata: ObjectMeta = metadata_field()
    spec: InferenceStackSpec = Field(description="Desired state of the inference stack.")
    status: InferenceStackStatus | None = status_field()
