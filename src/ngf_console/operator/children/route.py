"""The HTTPRoute to the pool, its ProxySettingsPolicy and, with createListener, a Gateway.

NGF ignores HTTPRoute `timeouts`, so the request timeout and streaming (proxy
buffering off) go into an NGF ProxySettingsPolicy that targets the route.
"""

from __future__ import annotations

from ngf_console.api.v1alpha1.inferencestack import InferenceStack
from ngf_console.operator.children.durations import ngf_duration
from ngf_console.operator.children.meta import Manifest, Owner, manifest, owned_metadata
from ngf_console.operator.children.pool import pool_name
from ngf_console.operator.settings import OperatorSettings

GATEWAY_API = "gateway.networking.k8s.io/v1"


class UnsupportedListenerError(ValueError):
    """createListener asks for something a stack-owned Gateway cannot provide."""


def route_name(stack: InferenceStack) -> str:
    """`<stack>-route`."""
    return f"{stack.metadata.name}-route"


def gateway_name(stack: InferenceStack) -> str:
    """`<stack>-gateway`: the Gateway a stack owns when it uses createListener."""
    return f"{stack.metadata.name}-gateway"


def parent_ref(stack: InferenceStack) -> Manifest:
    """The Gateway the route attaches to."""
    ref = stack.spec.gateway.gateway_ref
    if ref is None:
        return {
            "group": "gateway.networking.k8s.io",
            "kind": "Gateway",
            "name": gateway_name(stack),
        }
    return {
        "group": "gateway.networking.k8s.io",
        "kind": "Gateway",
        "name": ref.name,
        "namespace": ref.namespace or stack.metadata.namespace,
    }


def build_gateway(
    stack: InferenceStack, owner: Owner, settings: OperatorSettings
) -> Manifest | None:
    """Gateway `<stack>-gateway` with the createListener listener, or None with gatewayRef."""
    listener_spec = stack.spec.gateway.create_listener
    if listener_spec is None:
        return None
    if listener_spec.protocol == "HTTPS":
        raise UnsupportedListenerError(
            "createListener with HTTPS needs a certificate: create the Gateway with a "
            "GatewayBundle (TLS listener) and reference it with gatewayRef"
        )
    listener: Manifest = {
        "name": "http",
        "port": listener_spec.port,
        "protocol": "HTTP",
        "allowedRoutes": {"namespaces": {"from": "Same"}},
    }
    if listener_spec.hostname is not None:
        listener["hostname"] = listener_spec.hostname
    spec = {"gatewayClassName": settings.gateway_class, "listeners": [listener]}
    meta = owned_metadata(owner, gateway_name(stack), "gateway")
    return manifest(GATEWAY_API, "Gateway", meta, spec=spec)


def build_http_route(stack: InferenceStack, owner: Owner) -> Manifest:
    """HTTPRoute `<stack>-route`: path prefix → the InferencePool."""
    spec: Manifest = {
        "parentRefs": [parent_ref(stack)],
        "rules": [
            {
                "matches": [
                    {"path": {"type": "PathPrefix", "value": stack.spec.gateway.route.path_prefix}}
                ],
                "backendRefs": [
                    {
                        "group": "inference.networking.k8s.io",
                        "kind": "InferencePool",
                        "name": pool_name(stack),
                    }
                ],
            }
        ],
    }
    listener = stack.spec.gateway.create_listener
    if listener is not None and listener.hostname is not None:
        spec["hostnames"] = [listener.hostname]
    meta = owned_metadata(owner, route_name(stack), "http-route")
    return manifest(GATEWAY_API, "HTTPRoute", meta, spec=spec)


def build_proxy_settings_policy(stack: InferenceStack, owner: Owner) -> Manifest:
    """ProxySettingsPolicy `<stack>-proxy-settings`: timeouts and streaming for the route."""
    route = stack.spec.gateway.route
    timeout = ngf_duration(route.timeout)
    spec = {
        "targetRefs": [
            {"group": "gateway.networking.k8s.io", "kind": "HTTPRoute", "name": route_name(stack)}
        ],
        "timeout": {"read": timeout, "send": timeout},
        "buffering": {"disable": route.streaming_enabled},
    }
    meta = owned_metadata(owner, f"{stack.metadata.name}-proxy-settings", "proxy-settings")
    return manifest("gateway.nginx.org/v1alpha1", "ProxySettingsPolicy", meta, spec=spec)
