"""DistributedCloudPublish: publish an HTTPRoute or an InferencePool through F5 Distributed Cloud.

Spec §3.8.1 (HTTPRoute form) and §3.10.6 (InferencePool form: LLM edge security, per-tenant
rate limiting and token budgets, multi-region routing). The operator creates an XC origin pool
pointing at NGF's external address and an XC HTTP load balancer with the WAF, bot defense,
DDoS protection and TLS settings. `inferencePoolRef` names an
`inference.networking.k8s.io/v1` InferencePool.

Cross-field rules (CEL with Python mirrors): exactly one of httpRouteRef and inferencePoolRef;
tls.certificateRef exactly when mode is bringYourOwn; an origin address when auto-detection
is off; preferred regions for the preferred-order and pinned failover policies.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AwareDatetime, Field, StringConstraints

from ngf_console.api.v1alpha1.base import K8sModel, cel_rule
from ngf_console.api.v1alpha1.common import (
    Conditions,
    ObjectMeta,
    ObjectReference,
    api_version_field,
    conditions_field,
    defaulted,
    kind_field,
    metadata_field,
    observed_generation_field,
    status_field,
    unique_by,
)
from ngf_console.api.v1alpha1.types import DNS_LABEL, Hostname, Port

XCName = Annotated[str, StringConstraints(min_length=1, max_length=63, pattern=DNS_LABEL)]
"""An XC tenant, namespace or object name."""


class ProtectionSpec(K8sModel):
    """An XC protection feature (bot defense, DDoS protection)."""

    enabled: bool = Field(default=False, description="Enable the protection.")
    profile: Literal["standard", "advanced"] = Field(
        default="standard", description="Protection profile: standard or advanced."
    )


class RateLimitingSpec(K8sModel):
    """Rate limiting at the XC edge; per API key for multi-tenant LLM platforms."""

    per_tenant: bool = Field(
        default=False, description="Apply the limits per tenant (API key) instead of globally."
    )
    default_rate: int = Field(ge=1, le=10_000_000, description="Requests per minute.")
    default_token_budget: int | None = Field(
        default=None, ge=1, le=1_000_000_000, description="Tokens per minute (LLM endpoints)."
    )


class PublishTLSSpec(K8sModel):
    """TLS of the public endpoint."""

    mode: Literal["managed", "bringYourOwn"] = Field(
        default="managed",
        description="managed (XC issues a Let's Encrypt certificate) or bringYourOwn.",
    )
    certificate_ref: ObjectReference | None = Field(
        default=None, description="The `kubernetes.io/tls` Secret to upload; bringYourOwn only."
    )

    @cel_rule(
        "(self.mode == 'bringYourOwn') == has(self.certificateRef)",
        "tls.certificateRef is required when mode is bringYourOwn and not allowed when mode "
        "is managed",
        field_path=".certificateRef",
    )
    def _certificate_iff_byo(self) -> bool:
        return (self.mode == "bringYourOwn") == (self.certificate_ref is not None)


class OriginTLSConfig(K8sModel):
    """TLS from XC to the NGF origin."""

    sni: Hostname | None = Field(default=None, description="SNI sent to the origin.")
    skip_verify: bool = Field(
        default=False, description="Skip verification of the origin's certificate."
    )


class OriginPoolSpec(K8sModel):
    """The XC origin pool: how XC reaches NGF."""

    auto_detect: bool = Field(
        default=True, description="Use the NGF Gateway's external IP or load-balancer address."
    )
    override_address: str | None = Field(
        default=None,
        max_length=253,
        description="Origin address (IP or DNS name) to use instead of auto-detection.",
    )
    port: Port = Field(default=443, description="Origin port.")
    use_tls: bool = Field(default=True, alias="useTLS", description="Use TLS to the origin.")
    tls_config: OriginTLSConfig | None = Field(default=None, description="Origin TLS settings.")

    @cel_rule(
        "self.autoDetect || (has(self.overrideAddress) && self.overrideAddress != '')",
        "originPool.overrideAddress is required when autoDetect is false",
        field_path=".overrideAddress",
    )
    def _address_known(self) -> bool:
        return self.auto_detect or bool(self.override_address)


Region = Annotated[str, StringConstraints(min_length=1, max_length=63, pattern=DNS_LABEL)]


class MultiRegionSpec(K8sModel):
    """Global routing of inference traffic across regions."""

    enabled: bool = Field(default=False, description="Route across regions.")
    preferred_regions: Annotated[
        list[Region],
        Field(max_length=16, json_schema_extra={"x-kubernetes-list-type": "set"}),
        unique_by(lambda region: region),
    ] = Field(default_factory=list, description="Regions in order of preference, e.g. us-west-2.")
    failover_policy: Literal["nearest-available", "preferred-order", "pinned"] = Field(
        default="nearest-available",
        description="nearest-available (the nearest region with free GPU capacity), "
        "preferred-order (preferredRegions in order) or pinned (only preferredRegions, for "
        "geographic compliance).",
    )

    @cel_rule(
        "!(self.failoverPolicy in ['preferred-order', 'pinned'])"
        " || (has(self.preferredRegions) && size(self.preferredRegions) > 0)",
        "multiRegion.preferredRegions is required when failoverPolicy is preferred-order or pinned",
        field_path=".preferredRegions",
    )
    def _regions_for_ordered_policies(self) -> bool:
        return self.failover_policy == "nearest-available" or bool(self.preferred_regions)


class DistributedCloudSpec(K8sModel):
    """The F5 Distributed Cloud objects to create."""

    tenant: XCName = Field(description="XC tenant name.")
    namespace: XCName = Field(description="XC namespace of the load balancer and origin pool.")
    waf_policy: XCName | None = Field(
        default=None, description="XC App Firewall to attach, e.g. an LLM-tuned policy."
    )
    bot_defense: ProtectionSpec | None = Field(default=None, description="XC bot defense.")
    ddos_protection: ProtectionSpec | None = Field(default=None, description="XC DDoS protection.")
    rate_limiting: RateLimitingSpec | None = Field(
        default=None, description="Rate limiting at the edge."
    )
    public_hostname: Hostname = Field(description="Public hostname served by XC.")
    tls: PublishTLSSpec = defaulted(
        PublishTLSSpec, "TLS of the public endpoint; managed when absent."
    )
    origin_pool: OriginPoolSpec = defaulted(
        OriginPoolSpec, "How XC reaches NGF; auto-detected when absent."
    )
    multi_region: MultiRegionSpec | None = Field(
        default=None, description="Multi-region routing (inference endpoints)."
    )


class DistributedCloudPublishSpec(K8sModel):
    """Desired state of a DistributedCloudPublish."""

    http_route_ref: ObjectReference | None = Field(
        default=None, description="The HTTPRoute to publish."
    )
    inference_pool_ref: ObjectReference | None = Field(
        default=None,
        description="The InferencePool (inference.networking.k8s.io/v1) to publish.",
    )
    distributed_cloud: DistributedCloudSpec = Field(description="The XC configuration.")

    @cel_rule(
        "has(self.httpRouteRef) != has(self.inferencePoolRef)",
        "exactly one of httpRouteRef or inferencePoolRef must be set",
    )
    def _exactly_one_target(self) -> bool:
        return (self.http_route_ref is None) != (self.inference_pool_ref is None)


class DistributedCloudPublishStatus(K8sModel):
    """Observed state of a DistributedCloudPublish."""

    state: Literal["Pending", "Published", "Error", "Degraded"] | None = Field(
        default=None, description="Pending, Published, Error or Degraded."
    )
    xc_http_load_balancer_name: str | None = Field(
        default=None, max_length=253, description="Name of the XC HTTP load balancer."
    )
    xc_origin_pool_name: str | None = Field(
        default=None, max_length=253, description="Name of the XC origin pool."
    )
    public_endpoint: str | None = Field(
        default=None, max_length=2048, description="Public URL, e.g. https://app.example.com."
    )
    last_sync_time: AwareDatetime | None = Field(
        default=None, description="When XC was last reconciled."
    )
    conditions: Conditions = conditions_field()
    observed_generation: int | None = observed_generation_field()


class DistributedCloudPublish(K8sModel):
    """Publication of an HTTPRoute or an InferencePool through F5 Distributed Cloud (origin
    pool, HTTP load balancer, WAF, bot defense, DDoS protection, rate limiting), reconciled by
    the NGF Console operator."""

    api_version: Literal["ngf-console.f5.com/v1alpha1"] = api_version_field()
    kind: Literal["DistributedCloudPublish"] = kind_field("DistributedCloudPublish")
    metadata: ObjectMeta = metadata_field()
    spec: DistributedCloudPublishSpec = Field(description="Desired state of the publication.")
    status: DistributedCloudPublishStatus | None = status_field()
