"""ClientSettingsPolicy (`cspolicy`): client connection settings, an Inherited policy.

Label `gateway.networking.k8s.io/policy: inherited`. One `targetRef` (Gateway, HTTPRoute or
GRPCRoute); settings on a Gateway are inherited by its routes, and a route's own policy wins.
`body.bufferSize` exists only on NGF's main branch and is not modelled.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ngf_console.api.v1alpha1.base import Cel, K8sModel, cel_rule
from ngf_console.upstream.ngf.gatewayapi import (
    GATEWAY_API_GROUP,
    LocalPolicyTargetReference,
    PolicyStatus,
)
from ngf_console.upstream.ngf.meta import (
    ObjectMeta,
    api_version_field,
    kind_field,
    metadata_field,
)
from ngf_console.upstream.ngf.types import Duration, Size

_KINDS = ("Gateway", "HTTPRoute", "GRPCRoute")


class ClientBody(K8sModel):
    """Client request body settings (NGF `ClientBody`)."""

    max_size: Size | None = Field(
        default=None,
        description="Maximum client request body size (client_max_body_size); larger bodies get "
        "413, and 0 disables the check.",
    )
    timeout: Duration | None = Field(
        default=None,
        description="Timeout between two successive reads of the request body "
        "(client_body_timeout); a silent client gets 408.",
    )


class ClientKeepAliveTimeout(K8sModel):
    """Keep-alive timeouts for client connections (keepalive_timeout)."""

    server: Duration | None = Field(
        default=None,
        description="How long an idle keep-alive client connection stays open; 0 disables "
        "keep-alive.",
    )
    header: Duration | None = Field(
        default=None,
        description='Value of the "Keep-Alive: timeout=" response header; needs `server`.',
    )

    @cel_rule(
        "!(has(self.header) && !has(self.server))",
        "header can only be specified if server is specified",
    )
    def _header_needs_server(self) -> bool:
        return self.header is None or self.server is not None


class ClientKeepAlive(K8sModel):
    """Keep-alive settings for client connections (NGF `ClientKeepAlive`)."""

    requests: int | None = Field(
        default=None,
        ge=0,
        description="Maximum requests served through one keep-alive connection "
        "(keepalive_requests).",
    )
    time: Duration | None = Field(
        default=None,
        description="Maximum time requests may be processed through one keep-alive connection "
        "(keepalive_time).",
    )
    timeout: ClientKeepAliveTimeout | None = Field(
        default=None, description="Keep-alive timeouts (keepalive_timeout)."
    )
    min_timeout: Duration | None = Field(
        default=None,
        description="Time a keep-alive connection is not closed for reuse or graceful worker "
        "shutdown (keepalive_min_timeout).",
    )


ClientSettingsTargetRef = Annotated[
    LocalPolicyTargetReference,
    Cel(
        " || ".join(f"self.kind == '{kind}'" for kind in _KINDS),
        "TargetRef Kind must be one of: Gateway, HTTPRoute, or GRPCRoute",
        lambda ref: ref.kind in _KINDS,
    ),
    Cel(
        f"self.group == '{GATEWAY_API_GROUP}'",
        "TargetRef Group must be gateway.networking.k8s.io.",
        lambda ref: ref.group == GATEWAY_API_GROUP,
    ),
]


class ClientSettingsPolicySpec(K8sModel):
    """Desired state of an NGF ClientSettingsPolicy."""

    body: ClientBody | None = Field(default=None, description="Client request body settings.")
    keep_alive: ClientKeepAlive | None = Field(
        default=None, description="Keep-alive settings for client connections."
    )
    target_ref: ClientSettingsTargetRef = Field(
        description="The Gateway, HTTPRoute or GRPCRoute (in this namespace) the policy applies to."
    )


class ClientSettingsPolicy(K8sModel):
    """NGINX Gateway Fabric ClientSettingsPolicy: an Inherited policy that configures the
    connection between clients and NGINX (request body limits and keep-alive)."""

    api_version: Literal["gateway.nginx.org/v1alpha1"] = api_version_field("v1alpha1")
    kind: Literal["ClientSettingsPolicy"] = kind_field("ClientSettingsPolicy")
    metadata: ObjectMeta = metadata_field()
    spec: ClientSettingsPolicySpec = Field(description="Desired state of the policy.")
    status: PolicyStatus | None = Field(
        default=None, description="State of the policy per ancestor, written by NGF."
    )
