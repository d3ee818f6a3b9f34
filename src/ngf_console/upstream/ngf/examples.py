"""A valid object of every NGF kind, modelled on NGF's documented examples.

Used by the tests (each must parse with its model and be accepted by the generated CRD) and
available to the demo. `example(kind)` returns a fresh deep copy, without a namespace.
"""

from __future__ import annotations

import copy
from typing import Any

Doc = dict[str, Any]

_GATEWAY = {"group": "gateway.networking.k8s.io", "kind": "Gateway", "name": "gateway"}
_ROUTE = {"group": "gateway.networking.k8s.io", "kind": "HTTPRoute", "name": "coffee"}


def _doc(version: str, kind: str, name: str, spec: Doc) -> Doc:
    return {
        "apiVersion": f"gateway.nginx.org/{version}",
        "kind": kind,
        "metadata": {"name": name},
        "spec": spec,
    }


_EXAMPLES: dict[str, Doc] = {
    "NginxProxy": _doc(
        "v1alpha2",
        "NginxProxy",
        "ngf-proxy-config",
        {
            "ipFamily": "dual",
            "telemetry": {
                "exporter": {
                    "endpoint": "otel-collector.monitoring.svc:4317",
                    "interval": "5s",
                    "batchSize": 512,
                    "batchCount": 4,
                },
                "serviceName": "inference",
                "spanAttributes": [{"key": "team", "value": "ml-platform"}],
            },
            "metrics": {"port": 9113},
            "rewriteClientIP": {
                "mode": "XForwardedFor",
                "setIPRecursively": True,
                "trustedAddresses": [{"type": "CIDR", "value": "10.0.0.0/8"}],
            },
            "logging": {
                "errorLevel": "warn",
                "agentLevel": "info",
                "accessLog": {"format": "$remote_addr $status $request_time", "escape": "json"},
            },
            "workerConnections": 4096,
            "kubernetes": {
                "deployment": {
                    "replicas": 2,
                    "container": {
                        "image": {"repository": "ghcr.io/nginx/nginx-gateway-fabric/nginx"},
                        "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}},
                    },
                    "patches": [
                        {"type": "Merge", "value": {"metadata": {"labels": {"tier": "edge"}}}}
                    ],
                },
                "service": {
                    "type": "LoadBalancer",
                    "externalTrafficPolicy": "Local",
                    "nodePorts": [{"port": 30080, "listenerPort": 80}],
                },
            },
        },
    ),
    "NginxGateway": _doc("v1alpha1", "NginxGateway", "ngf-config", {"logging": {"level": "debug"}}),
    "ClientSettingsPolicy": _doc(
        "v1alpha1",
        "ClientSettingsPolicy",
        "gateway-client-settings",
        {
            "targetRef": _GATEWAY,
            "body": {"maxSize": "10m", "timeout": "30s"},
            "keepAlive": {
                "requests": 100,
                "time": "5m",
                "timeout": {"server": "2m", "header": "1m"},
                "minTimeout": "1s",
            },
        },
    ),
    "ObservabilityPolicy": _doc(
        "v1alpha2",
        "ObservabilityPolicy",
        "coffee-tracing",
        {
            "targetRefs": [_ROUTE],
            "tracing": {
                "strategy": "ratio",
                "ratio": 75,
                "context": "propagate",
                "spanName": "coffee",
                "spanAttributes": [{"key": "route", "value": "coffee"}],
            },
        },
    ),
    "UpstreamSettingsPolicy": _doc(
        "v1alpha1",
        "UpstreamSettingsPolicy",
        "upstream-settings",
        {
            "targetRefs": [
                {"group": "", "kind": "Service", "name": "coffee"},
                {"group": "", "kind": "Service", "name": "tea"},
            ],
            "zoneSize": "1m",
            "keepAlive": {"connections": 32, "requests": 1001, "time": "300s", "timeout": "60s"},
            "loadBalancingMethod": "hash consistent",
            "hashMethodKey": "$request_uri",
        },
    ),
    "SnippetsFilter": _doc(
        "v1alpha1",
        "SnippetsFilter",
        "rate-limiting-sf",
        {
            "snippets": [
                {
                    "context": "http",
                    "value": "limit_req_zone $binary_remote_addr zone=rl:10m rate=1r/s;",
                },
                {"context": "http.server.location", "value": "limit_req zone=rl burst=3;"},
            ]
        },
    ),
    "SnippetsPolicy": _doc(
        "v1alpha1",
        "SnippetsPolicy",
        "gateway-snippets",
        {
            "targetRefs": [_GATEWAY],
            "snippets": [
                {"context": "main", "value": "worker_shutdown_timeout 90s;"},
                {"context": "http.server", "value": "client_header_timeout 30s;"},
            ],
        },
    ),
    "ProxySettingsPolicy": _doc(
        "v1alpha1",
        "ProxySettingsPolicy",
        "inference-proxy-settings",
        {
            "targetRefs": [_ROUTE],
            "buffering": {
                "disable": False,
                "bufferSize": "16k",
                "buffers": {"number": 8, "size": "16k"},
                "busyBuffersSize": "32k",
            },
            "timeout": {"connect": "10s", "read": "300s", "send": "60s"},
        },
    ),
    "RateLimitPolicy": _doc(
        "v1alpha1",
        "RateLimitPolicy",
        "route-rate-limit",
        {
            "targetRefs": [_ROUTE],
            "rateLimit": {
                "local": {
                    "rules": [
                        {
                            "rate": "10r/s",
                            "key": "$binary_remote_addr",
                            "zoneSize": "10m",
                            "burst": 20,
                            "noDelay": True,
                        }
                    ]
                },
                "dryRun": False,
                "logLevel": "warn",
                "rejectCode": 429,
            },
        },
    ),
    "AuthenticationFilter": _doc(
        "v1alpha1",
        "AuthenticationFilter",
        "basic-auth",
        {"type": "Basic", "basic": {"secretRef": {"name": "basic-auth-users"}, "realm": "Coffee"}},
    ),
    "WAFPolicy": _doc(
        "v1alpha1",
        "WAFPolicy",
        "gateway-base-protection",
        {
            "type": "N1C",
            "targetRefs": [_GATEWAY],
            "policySource": {
                "n1cSource": {
                    "url": "https://tenant.console.ves.volterra.io",
                    "namespace": "default",
                    "policyObjectID": "pol_12345_WTHGmDEX9qnbVjQ",
                    "policyVersionID": "pv_Tm__12345oWmJgwxiKlHAg",
                },
                "auth": {"secretRef": {"name": "n1c-credentials"}},
                "polling": {"enabled": True, "interval": "5m"},
                "timeout": "30s",
                "retryAttempts": 3,
            },
            "securityLogs": [
                {
                    "destination": {
                        "type": "syslog",
                        "syslog": {"server": "syslog-svc.default.svc.cluster.local:514"},
                    },
                    "logSource": {"defaultProfile": "log_illegal"},
                }
            ],
        },
    ),
}

JWT_FILTER: Doc = _doc(
    "v1alpha1",
    "AuthenticationFilter",
    "jwt-auth",
    {
        "type": "JWT",
        "jwt": {
            "source": "Remote",
            "remote": {"uri": "https://idp.example.com/.well-known/jwks.json"},
            "keyCache": "10m",
            "realm": "api",
        },
    },
)
"""A second AuthenticationFilter (JWT with a remote JWKS; NGINX Plus)."""

OIDC_FILTER: Doc = _doc(
    "v1alpha1",
    "AuthenticationFilter",
    "oidc-auth",
    {
        "type": "OIDC",
        "oidc": {
            "issuer": "https://keycloak.example.com/realms/ngf",
            "clientID": "console",
            "clientSecretRef": {"name": "oidc-client"},
            "redirectURI": "/oidc_callback",
            "session": {"cookieName": "NGF_SESSION", "timeout": "8h"},
            "logout": {"uri": "/logout", "postLogoutURI": "/bye"},
            "extraAuthArgs": {"prompt": "consent"},
        },
    },
)
"""A third AuthenticationFilter (OIDC; NGINX Plus)."""


def kinds() -> list[str]:
    """The kinds with an example, in registry order."""
    return list(_EXAMPLES)


def example(kind: str) -> Doc:
    """A fresh copy of the example of `kind`."""
    return copy.deepcopy(_EXAMPLES[kind])


def all_examples() -> list[Doc]:
    """Every example (one per kind, plus the JWT and OIDC AuthenticationFilters), copied."""
    return [example(kind) for kind in _EXAMPLES] + [
        copy.deepcopy(JWT_FILTER),
        copy.deepcopy(OIDC_FILTER),
    ]
