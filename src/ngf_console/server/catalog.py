"""Every Kubernetes kind the API serves, with its REST path and how it may be used.

* **parent** kinds (`ngf-console.f5.com`): full CRUD, typed by `ngf_console.api.v1alpha1`;
* **lightweight** kinds (routes and policies, spec §5.1): CRUD written directly, validated
  by the API server's own schema (NGF policies also by `ngf_console.upstream.ngf` first);
* **read-only** kinds: listed from the watch caches.

The server reads every kind here through one watch cache on its own identity and writes
only `writable` kinds, as the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ngf_console.api.v1alpha1 import API_VERSION as PARENT_API_VERSION
from ngf_console.api.v1alpha1 import KINDS, K8sModel
from ngf_console.upstream.ngf import registry as ngf_registry

Role = Literal["parent", "route", "policy", "read"]


@dataclass(frozen=True)
class ResourceType:
    """A kind and the names it is served under."""

    kind: str
    api_version: str
    plural: str
    role: Role
    namespaced: bool = True
    model: type[K8sModel] | None = None
    path: str = ""
    """REST path under `/api/v1` (the plural unless given)."""
    required: bool = False
    """Whether the server is not ready until this kind's cache has listed."""

    @property
    def group(self) -> str:
        """The API group ("" for the core group)."""
        return self.api_version.rpartition("/")[0]

    @property
    def rest_path(self) -> str:
        return self.path or self.plural

    @property
    def writable(self) -> bool:
        return self.role != "read"


PARENTS: tuple[ResourceType, ...] = tuple(
    ResourceType(
        info.kind, PARENT_API_VERSION, info.plural, "parent", model=info.model, required=True
    )
    for info in KINDS
)

_GW = "gateway.networking.k8s.io"
ROUTES: tuple[ResourceType, ...] = (
    ResourceType("HTTPRoute", f"{_GW}/v1", "httproutes", "route"),
    ResourceType("GRPCRoute", f"{_GW}/v1", "grpcroutes", "route"),
    ResourceType("TLSRoute", f"{_GW}/v1", "tlsroutes", "route"),
    ResourceType("TCPRoute", f"{_GW}/v1alpha2", "tcproutes", "route"),
    ResourceType("UDPRoute", f"{_GW}/v1alpha2", "udproutes", "route"),
)


def _ngf_policy(type_name: str, kind: str) -> ResourceType:
    info = ngf_registry.by_kind(kind)
    return ResourceType(
        kind,
        info.api_version,
        info.plural,
        "policy",
        model=info.model,
        path=f"policies/{type_name}",
    )


POLICIES: tuple[ResourceType, ...] = (
    _ngf_policy("clientsettings", "ClientSettingsPolicy"),
    _ngf_policy("observability", "ObservabilityPolicy"),
    _ngf_policy("upstreamsettings", "UpstreamSettingsPolicy"),
    _ngf_policy("proxysettings", "ProxySettingsPolicy"),
    _ngf_policy("ratelimit", "RateLimitPolicy"),
    _ngf_policy("snippets", "SnippetsPolicy"),
    _ngf_policy("waf", "WAFPolicy"),
    ResourceType(
        "BackendTLSPolicy", f"{_GW}/v1", "backendtlspolicies", "policy", path="policies/backendtls"
    ),
)
"""Policy kinds by their type name in `/api/v1/policies/{type}`."""

GATEWAY_CLASSES = ResourceType(
    "GatewayClass", f"{_GW}/v1", "gatewayclasses", "read", namespaced=False
)
GATEWAYS = ResourceType("Gateway", f"{_GW}/v1", "gateways", "read")
NAMESPACES = ResourceType("Namespace", "v1", "namespaces", "read", namespaced=False)
SECRETS = ResourceType("Secret", "v1", "secrets", "read")
EVENTS = ResourceType("Event", "v1", "events", "read")
INFERENCE_POOLS = ResourceType(
    "InferencePool", "inference.networking.k8s.io/v1", "inferencepools", "read"
)

READS: tuple[ResourceType, ...] = (
    GATEWAY_CLASSES,
    GATEWAYS,
    NAMESPACES,
    SECRETS,
    EVENTS,
    INFERENCE_POOLS,
)

ALL: tuple[ResourceType, ...] = (*PARENTS, *ROUTES, *POLICIES, *READS)


def parent(kind: str) -> ResourceType:
    """The parent kind `kind` (KeyError if it is not one)."""
    for rtype in PARENTS:
        if rtype.kind == kind:
            return rtype
    raise KeyError(kind)
