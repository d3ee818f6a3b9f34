"""UpstreamSettingsPolicy (`uspolicy`): NGINX-to-backend connection settings, a Direct policy.

Label `gateway.networking.k8s.io/policy: direct`. `targetRefs` name Services (core group, at
most 16, unique names). The `least_time*` and `random two least_time*` load-balancing methods
need NGINX Plus; NGF's default is `random two least_conn`. `useClusterIP` exists only on NGF's
main branch and is not modelled.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ngf_console.api.v1alpha1.base import K8sModel, cel_rule
from ngf_console.upstream.ngf.gatewayapi import (
    UNIQUE_NAME,
    LocalPolicyTargetReference,
    PolicyStatus,
    groups_rule,
    kinds_rule,
    target_refs_field,
)
from ngf_console.upstream.ngf.meta import (
    ObjectMeta,
    api_version_field,
    kind_field,
    metadata_field,
)
from ngf_console.upstream.ngf.types import Duration, Size

LoadBalancingMethod = Literal[
    "round_robin",
    "least_conn",
    "ip_hash",
    "hash",
    "hash consistent",
    "random",
    "random two",
    "random two least_conn",
    "random two least_time=header",
    "random two least_time=last_byte",
    "least_time header",
    "least_time last_byte",
    "least_time header inflight",
    "least_time last_byte inflight",
]
"""NGF's load-balancing methods; those with `least_time` need NGINX Plus."""

HASH_METHODS = ("hash", "hash consistent")


class UpstreamKeepAlive(K8sModel):
    """Keep-alive settings for upstream connections (NGF `UpstreamKeepAlive`)."""

    connections: int | None = Field(
        default=None,
        ge=0,
        description="Idle keep-alive connections cached per worker (keepalive; NGF uses 32 "
        "when unset, 0 disables).",
    )
    requests: int | None = Field(
        default=None,
        ge=0,
        description="Maximum requests through one keep-alive connection (keepalive_requests).",
    )
    time: Duration | None = Field(
        default=None,
        description="Maximum time requests may use one keep-alive connection (keepalive_time).",
    )
    timeout: Duration | None = Field(
        default=None, description="Idle timeout of a keep-alive connection (keepalive_timeout)."
    )


UpstreamTargetRefs = Annotated[
    list[LocalPolicyTargetReference],
    kinds_rule(("Service",), "TargetRefs Kind must be: Service"),
    groups_rule(("", "core"), "TargetRefs Group must be core"),
    UNIQUE_NAME,
]


class UpstreamSettingsPolicySpec(K8sModel):
    """Desired state of an NGF UpstreamSettingsPolicy."""

    zone_size: Size | None = Field(
        default=None,
        description="Size of the upstream's shared memory zone (zone); NGF sizes it when unset.",
    )
    keep_alive: UpstreamKeepAlive | None = Field(
        default=None, description="Keep-alive settings for upstream connections."
    )
    load_balancing_method: LoadBalancingMethod | None = Field(
        default=None,
        description="Load-balancing algorithm; NGF defaults to `random two least_conn`. The "
        "least_time methods need NGINX Plus.",
    )
    hash_method_key: str | None = Field(
        default=None,
        pattern=r"^\$[a-z_]+$",
        description="NGINX variable hashed by the hash methods, e.g. `$binary_remote_addr`; "
        "required for `hash` and `hash consistent`.",
    )
    target_refs: UpstreamTargetRefs = target_refs_field(
        "The Services (in this namespace) the policy applies to; 1-16, unique names."
    )

    @cel_rule(
        "!(has(self.loadBalancingMethod) && (self.loadBalancingMethod == 'hash' || "
        "self.loadBalancingMethod == 'hash consistent')) || has(self.hashMethodKey)",
        "hashMethodKey is required when loadBalancingMethod is 'hash' or 'hash consistent'",
    )
    def _hash_needs_key(self) -> bool:
        return self.load_balancing_method not in HASH_METHODS or self.hash_method_key is not None


class UpstreamSettingsPolicy(K8sModel):
    """NGINX Gateway Fabric UpstreamSettingsPolicy: a Direct policy on Services that configures
    the connection between NGINX and the backends (zone size, keep-alive, load balancing)."""

    api_version: Literal["gateway.nginx.org/v1alpha1"] = api_version_field("v1alpha1")
    kind: Literal["UpstreamSettingsPolicy"] = kind_field("UpstreamSettingsPolicy")
    metadata: ObjectMeta = metadata_field()
    spec: UpstreamSettingsPolicySpec = Field(description="Desired state of the policy.")
    status: PolicyStatus | None = Field(
        default=None, description="State of the policy per ancestor, written by NGF."
    )
