"""ObservabilityPolicy (v1alpha2): per-route OpenTelemetry tracing, a Direct policy.

Label `gateway.networking.k8s.io/policy: direct`. `targetRefs` name HTTPRoutes or GRPCRoutes
(at most 16). Tracing also needs NginxProxy `telemetry.exporter`; without it NGF marks the
policy with reason `NginxProxyConfigNotSet`. v1alpha1 was removed in NGF 2.3.0.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ngf_console.api.v1alpha1.base import K8sModel, cel_rule
from ngf_console.upstream.ngf.gatewayapi import (
    GATEWAY_GROUP,
    UNIQUE_KIND_AND_NAME,
    LocalPolicyTargetReference,
    PolicyStatus,
    kinds_rule,
    target_refs_field,
)
from ngf_console.upstream.ngf.meta import (
    ObjectMeta,
    api_version_field,
    kind_field,
    metadata_field,
)
from ngf_console.upstream.ngf.types import SPAN_TEXT, SpanAttributes


class Tracing(K8sModel):
    """Tracing settings (NGF `Tracing`)."""

    strategy: Literal["ratio", "parent"] = Field(
        description="ratio: sample a percentage of requests; parent: trace only when the "
        "parent span was sampled."
    )
    ratio: int | None = Field(
        default=None,
        ge=0,
        le=100,
        description="Percentage of requests sampled (0-100; 0 disables tracing) for the ratio "
        "strategy; NGF samples 100% when unset.",
    )
    context: Literal["extract", "inject", "propagate", "ignore"] | None = Field(
        default=None,
        description="How the traceparent/tracestate headers are handled (otel_trace_context).",
    )
    span_name: str | None = Field(
        default=None,
        min_length=1,
        max_length=255,
        pattern=SPAN_TEXT,
        description="Name of the span; defaults to the location's name. `\"` must be escaped, "
        "no `$`.",
    )
    span_attributes: SpanAttributes = Field(
        default_factory=list, description="Attributes added to each span."
    )

    @cel_rule(
        "!(has(self.ratio) && self.strategy != 'ratio')",
        "ratio can only be specified if strategy is of type ratio",
    )
    def _ratio_needs_ratio_strategy(self) -> bool:
        return self.ratio is None or self.strategy == "ratio"


ObservabilityTargetRefs = Annotated[
    list[LocalPolicyTargetReference],
    kinds_rule(("HTTPRoute", "GRPCRoute"), "TargetRef Kind must be: HTTPRoute or GRPCRoute"),
    GATEWAY_GROUP,
    UNIQUE_KIND_AND_NAME,
]


class ObservabilityPolicySpec(K8sModel):
    """Desired state of an NGF ObservabilityPolicy."""

    tracing: Tracing | None = Field(default=None, description="Enables and configures tracing.")
    target_refs: ObservabilityTargetRefs = target_refs_field(
        "The HTTPRoutes or GRPCRoutes (in this namespace) the policy applies to; 1-16, unique "
        "by kind and name."
    )


class ObservabilityPolicy(K8sModel):
    """NGINX Gateway Fabric ObservabilityPolicy: a Direct policy that enables OpenTelemetry
    tracing for routes (used with NginxProxy telemetry settings)."""

    api_version: Literal["gateway.nginx.org/v1alpha2"] = api_version_field("v1alpha2")
    kind: Literal["ObservabilityPolicy"] = kind_field("ObservabilityPolicy")
    metadata: ObjectMeta = metadata_field()
    spec: ObservabilityPolicySpec = Field(description="Desired state of the policy.")
    status: PolicyStatus | None = Field(
        default=None, description="State of the policy per ancestor, written by NGF."
    )
