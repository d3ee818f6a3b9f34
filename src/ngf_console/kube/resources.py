"""lightkube resource classes for every kind the product reads or writes.

Other packages name kinds through this module (and never import lightkube): a
manifest's apiVersion and kind resolve to a class with `resource_for`, and
`to_object`/`to_dict` convert between manifests and lightkube objects.
"""

from __future__ import annotations

from typing import Any, cast

from lightkube.core.resource import Resource
from lightkube.generic_resource import (
    create_global_resource,
    create_namespaced_resource,
)
from lightkube.resources.apiextensions_v1 import CustomResourceDefinition
from lightkube.resources.apps_v1 import DaemonSet, Deployment
from lightkube.resources.autoscaling_v2 import HorizontalPodAutoscaler
from lightkube.resources.core_v1 import (
    ConfigMap,
    Event,
    Namespace,
    Pod,
    Secret,
    Service,
    ServiceAccount,
)
from lightkube.resources.rbac_authorization_v1 import Role, RoleBinding

Kind = type[Resource]

GROUP = "ngf-console.f5.com"

InferenceStack = create_namespaced_resource(GROUP, "v1alpha1", "InferenceStack", "inferencestacks")
GatewayBundle = create_namespaced_resource(GROUP, "v1alpha1", "GatewayBundle", "gatewaybundles")
CertificateBundle = create_namespaced_resource(
    GROUP, "v1alpha1", "CertificateBundle", "certificatebundles"
)
DistributedCloudPublish = create_namespaced_resource(
    GROUP, "v1alpha1", "DistributedCloudPublish", "distributedcloudpublishes"
)
MigrationPlan = create_namespaced_resource(GROUP, "v1alpha1", "MigrationPlan", "migrationplans")

InferencePool = create_namespaced_resource(
    "inference.networking.k8s.io", "v1", "InferencePool", "inferencepools"
)
Gateway = create_namespaced_resource("gateway.networking.k8s.io", "v1", "Gateway", "gateways")
GatewayClass = create_global_resource(
    "gateway.networking.k8s.io", "v1", "GatewayClass", "gatewayclasses"
)
HTTPRoute = create_namespaced_resource("gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes")
GRPCRoute = create_namespaced_resource("gateway.networking.k8s.io", "v1", "GRPCRoute", "grpcroutes")
TLSRoute = create_namespaced_resource("gateway.networking.k8s.io", "v1", "TLSRoute", "tlsroutes")
TCPRoute = create_namespaced_resource(
    "gateway.networking.k8s.io", "v1alpha2", "TCPRoute", "tcproutes"
)
UDPRoute = create_namespaced_resource(
    "gateway.networking.k8s.io", "v1alpha2", "UDPRoute", "udproutes"
)
BackendTLSPolicy = create_namespaced_resource(
    "gateway.networking.k8s.io", "v1", "BackendTLSPolicy", "backendtlspolicies"
)
ScaledObject = create_namespaced_resource("keda.sh", "v1alpha1", "ScaledObject", "scaledobjects")
ProxySettingsPolicy = create_namespaced_resource(
    "gateway.nginx.org", "v1alpha1", "ProxySettingsPolicy", "proxysettingspolicies"
)
NginxProxy = create_namespaced_resource(
    "gateway.nginx.org", "v1alpha2", "NginxProxy", "nginxproxies"
)
SnippetsFilter = create_namespaced_resource(
    "gateway.nginx.org", "v1alpha1", "SnippetsFilter", "snippetsfilters"
)
Certificate = create_namespaced_resource("cert-manager.io", "v1", "Certificate", "certificates")
ClientSettingsPolicy = create_namespaced_resource(
    "gateway.nginx.org", "v1alpha1", "ClientSettingsPolicy", "clientsettingspolicies"
)
ObservabilityPolicy = create_namespaced_resource(
    "gateway.nginx.org", "v1alpha2", "ObservabilityPolicy", "observabilitypolicies"
)
UpstreamSettingsPolicy = create_namespaced_resource(
    "gateway.nginx.org", "v1alpha1", "UpstreamSettingsPolicy", "upstreamsettingspolicies"
)
RateLimitPolicy = create_namespaced_resource(
    "gateway.nginx.org", "v1alpha1", "RateLimitPolicy", "ratelimitpolicies"
)
SnippetsPolicy = create_namespaced_resource(
    "gateway.nginx.org", "v1alpha1", "SnippetsPolicy", "snippetspolicies"
)
WAFPolicy = create_namespaced_resource("gateway.nginx.org", "v1alpha1", "WAFPolicy", "wafpolicies")

_BY_API_KIND: dict[tuple[str, str], Kind] = {}
for _kind in (
    InferenceStack,
    GatewayBundle,
    CertificateBundle,
    DistributedCloudPublish,
    MigrationPlan,
    InferencePool,
    Gateway,
    GatewayClass,
    HTTPRoute,
    GRPCRoute,
    TLSRoute,
    TCPRoute,
    UDPRoute,
    BackendTLSPolicy,
    ScaledObject,
    ProxySettingsPolicy,
    NginxProxy,
    ClientSettingsPolicy,
    ObservabilityPolicy,
    UpstreamSettingsPolicy,
    RateLimitPolicy,
    SnippetsPolicy,
    WAFPolicy,
    SnippetsFilter,
    Certificate,
    CustomResourceDefinition,
    ConfigMap,
    DaemonSet,
    Deployment,
    Event,
    HorizontalPodAutoscaler,
    Namespace,
    Pod,
    Role,
    RoleBinding,
    Secret,
    Service,
    ServiceAccount,
):
    _info = _kind._api_info.resource
    _api = f"{_info.group}/{_info.version}" if _info.group else _info.version
    _BY_API_KIND[(_api, _info.kind)] = _kind


def resource_for(api_version: str, kind: str) -> Kind:
    """The resource class of a manifest's apiVersion and kind (KeyError: unknown kind)."""
    try:
        return _BY_API_KIND[(api_version, kind)]
    except KeyError:
        raise KeyError(f"no resource class for {kind} ({api_version})") from None


def kind_of(manifest: dict[str, Any]) -> Kind:
    """The resource class of a manifest."""
    return resource_for(manifest["apiVersion"], manifest["kind"])


def to_object(manifest: dict[str, Any]) -> Resource:
    """A lightkube object from a manifest."""
    return cast(Resource, kind_of(manifest).from_dict(manifest))  # type: ignore[attr-defined]


def to_dict(obj: Resource) -> dict[str, Any]:
    """A manifest (plain data) from a lightkube object."""
    data = obj.to_dict()  # type: ignore[attr-defined]
    return cast(dict[str, Any], data)
