"""RateLimitPolicy (`rlpolicy`, NGF 2.4.0+): local request rate limiting, an Inherited policy.

Label `gateway.networking.k8s.io/policy: inherited`. `targetRefs` name a Gateway or routes
(HTTPRoute, GRPCRoute), not both; at most 16. This is NGINX `limit_req` per instance: there is
no global (cross-replica) limiting.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ngf_console.api.v1alpha1.base import K8sModel, cel_rule
from ngf_console.upstream.ngf.gatewayapi import (
    GATEWAY_AND_ROUTES,
    GATEWAY_GROUP,
    GATEWAY_OR_ROUTES,
    UNIQUE_KIND_AND_NAME,
    LocalPolicyTargetReference,
    PolicyStatus,
    target_refs_field,
)
from ngf_console.upstream.ngf.meta import (
    ObjectMeta,
    api_version_field,
    kind_field,
    metadata_field,
)
from ngf_console.upstream.ngf.types import Size


class RateLimitRule(K8sModel):
    """One local rate-limit rule: a limit_req_zone and its limit_req (NGF `RateLimitRule`)."""

    rate: str = Field(
        pattern=r"^\d+r/[sm]$",
        description="Requests permitted per second or minute, e.g. `10r/s` or `300r/m`.",
    )
    key: str = Field(
        min_length=1,
        description="What the limit is counted per: text and NGINX variables, e.g. "
        "`$binary_remote_addr`.",
    )
    zone_size: Size | None = Field(
        default=None, description="Size of the shared memory zone (limit_req_zone)."
    )
    burst: int | None = Field(
        default=None, description="Maximum burst of excess requests before rejecting (burst)."
    )
    delay: int | None = Field(
        default=None,
        description="Excess requests beyond this many are delayed (delay); 0 delays all.",
    )
    no_delay: bool | None = Field(
        default=None, description="Do not delay excess requests (nodelay); exclusive with delay."
    )

    @cel_rule(
        "!(has(self.noDelay) && has(self.delay) && self.noDelay == true)",
        "NoDelay cannot be true when Delay is also set",
    )
    def _nodelay_or_delay(self) -> bool:
        return not (self.no_delay and self.delay is not None)


class LocalRateLimit(K8sModel):
    """Local (per NGINX instance) rate-limit rules."""

    rules: list[RateLimitRule] = Field(default_factory=list, description="The rate-limit rules.")


class RateLimit(K8sModel):
    """Rate-limit settings (NGF `RateLimit`)."""

    local: LocalRateLimit | None = Field(default=None, description="Local rate-limit rules.")
    dry_run: bool | None = Field(
        default=None,
        description="Count excess requests without limiting them (limit_req_dry_run).",
    )
    log_level: Literal["info", "notice", "warn", "error"] | None = Field(
        default=None,
        description="Log level for refused or delayed requests (limit_req_log_level).",
    )
    reject_code: int | None = Field(
        default=None,
        ge=400,
        le=599,
        description="Status code returned for rejected requests, 400-599 (limit_req_status).",
    )


RateLimitTargetRefs = Annotated[
    list[LocalPolicyTargetReference],
    GATEWAY_AND_ROUTES,
    GATEWAY_GROUP,
    UNIQUE_KIND_AND_NAME,
    GATEWAY_OR_ROUTES,
]


class RateLimitPolicySpec(K8sModel):
    """Desired state of an NGF RateLimitPolicy."""

    rate_limit: RateLimit | None = Field(default=None, description="Rate-limit settings.")
    target_refs: RateLimitTargetRefs = target_refs_field(
        "A Gateway, or HTTPRoutes/GRPCRoutes (not mixed), in this namespace; 1-16, unique."
    )


class RateLimitPolicy(K8sModel):
    """NGINX Gateway Fabric RateLimitPolicy: an Inherited policy that sets local (per NGINX
    instance) request rate limits."""

    api_version: Literal["gateway.nginx.org/v1alpha1"] = api_version_field("v1alpha1")
    kind: Literal["RateLimitPolicy"] = kind_field("RateLimitPolicy")
    metadata: ObjectMeta = metadata_field()
    spec: RateLimitPolicySpec = Field(description="Desired state of the policy.")
    status: PolicyStatus | None = Field(
        default=None, description="State of the policy per ancestor, written by NGF."
    )
