"""ProxySettingsPolicy (`pspolicy`, NGF 2.4.0+; timeouts 2.6.0+): NGINX-to-backend proxying.

Label `gateway.networking.k8s.io/policy: inherited`. `targetRefs` name a Gateway or routes
(HTTPRoute, GRPCRoute), not both; at most 16. NGF ignores HTTPRoute `timeouts`, so this is
where proxy timeouts and response buffering (e.g. for streamed inference responses) are set.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ngf_console.api.v1alpha1.base import K8sModel
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
from ngf_console.upstream.ngf.types import Duration, Size


class ProxyBuffers(K8sModel):
    """Number and size of the response buffers per connection (proxy_buffers)."""

    number: int = Field(ge=2, description="Number of buffers (at least 2).")
    size: Size = Field(description="Size of each buffer.")


class ProxyBuffering(K8sModel):
    """Buffering of responses from the backend (NGF `ProxyBuffering`)."""

    disable: bool | None = Field(
        default=None,
        description="Turn response buffering off (proxy_buffering off), e.g. for streaming.",
    )
    buffer_size: Size | None = Field(
        default=None,
        description="Buffer for the first part of the response, usually the headers "
        "(proxy_buffer_size).",
    )
    buffers: ProxyBuffers | None = Field(
        default=None, description="Number and size of the response buffers (proxy_buffers)."
    )
    busy_buffers_size: Size | None = Field(
        default=None,
        description="Total size of buffers busy sending to the client while the response is "
        "not fully read (proxy_busy_buffers_size).",
    )


class ProxyTimeout(K8sModel):
    """Timeouts of the connection to the backend (NGF 2.6.0+)."""

    connect: Duration | None = Field(
        default=None, description="Timeout for establishing the connection (proxy_connect_timeout)."
    )
    read: Duration | None = Field(
        default=None,
        description="Timeout between two successive reads of the response (proxy_read_timeout).",
    )
    send: Duration | None = Field(
        default=None,
        description="Timeout between two successive writes of the request (proxy_send_timeout).",
    )


ProxySettingsTargetRefs = Annotated[
    list[LocalPolicyTargetReference],
    GATEWAY_AND_ROUTES,
    GATEWAY_GROUP,
    UNIQUE_KIND_AND_NAME,
    GATEWAY_OR_ROUTES,
]


class ProxySettingsPolicySpec(K8sModel):
    """Desired state of an NGF ProxySettingsPolicy."""

    buffering: ProxyBuffering | None = Field(
        default=None, description="Buffering of responses from the backend."
    )
    timeout: ProxyTimeout | None = Field(
        default=None, description="Timeouts of the connection to the backend."
    )
    target_refs: ProxySettingsTargetRefs = target_refs_field(
        "A Gateway, or HTTPRoutes/GRPCRoutes (not mixed), in this namespace; 1-16, unique."
    )


class ProxySettingsPolicy(K8sModel):
    """NGINX Gateway Fabric ProxySettingsPolicy: an Inherited policy that configures how NGINX
    proxies to the backends (response buffering and timeouts)."""

    api_version: Literal["gateway.nginx.org/v1alpha1"] = api_version_field("v1alpha1")
    kind: Literal["ProxySettingsPolicy"] = kind_field("ProxySettingsPolicy")
    metadata: ObjectMeta = metadata_field()
    spec: ProxySettingsPolicySpec = Field(description="Desired state of the policy.")
    status: PolicyStatus | None = Field(
        default=None, description="State of the policy per ancestor, written by NGF."
    )
