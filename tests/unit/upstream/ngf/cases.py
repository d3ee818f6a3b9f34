"""Invalid NGF objects, shared by the unit tier (models) and the integration tier (CRDs).

Each row starts from the example of a kind (`ngf_console.upstream.ngf.examples`), applies
edits, and names the field the error must be reported at, in the API server's notation
(`spec.snippets[0].context`), with a fragment of the server's message and, where pydantic words
it differently, of the model's. `UNKNOWN_FIELDS` are fields NGF 2.6.7 does not have (mostly
main-branch additions): the models refuse them and so does the API server when asked for
strict field validation.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ngf_console.upstream.ngf.examples import JWT_FILTER, example

Doc = dict[str, Any]
Edit = Callable[[Doc], None]


def _walk(doc: Doc, path: str) -> tuple[Any, str | int]:
    node: Any = doc
    parts: list[str | int] = []
    for text in path.replace("]", "").replace("[", ".").split("."):
        parts.append(int(text) if text.isdigit() else text)
    for part in parts[:-1]:
        node = node[part]
    return node, parts[-1]


def put(path: str, value: Any) -> Edit:
    """Set the field at `path` (dots and [i]) to a copy of `value`."""

    def edit(doc: Doc) -> None:
        node, last = _walk(doc, path)
        node[last] = copy.deepcopy(value)

    return edit


def drop(path: str) -> Edit:
    """Remove the field at `path`."""

    def edit(doc: Doc) -> None:
        node, last = _walk(doc, path)
        del node[last]

    return edit


def routes(count: int) -> list[Doc]:
    """`count` distinct HTTPRoute target references."""
    return [
        {"group": "gateway.networking.k8s.io", "kind": "HTTPRoute", "name": f"route-{i}"}
        for i in range(count)
    ]


@dataclass(frozen=True)
class Invalid:
    """An invalid object: the example of `kind` after `edits`, refused at `field`."""

    id: str
    kind: str
    edits: tuple[Edit, ...]
    field: str
    fragment: str
    py_fragment: str | None = None
    base: Doc | None = None

    def document(self) -> Doc:
        """A fresh copy of the invalid object."""
        doc = copy.deepcopy(self.base) if self.base is not None else example(self.kind)
        for edit in self.edits:
            edit(doc)
        return doc

    @property
    def model_fragment(self) -> str:
        """What the model's error message contains."""
        return self.py_fragment or self.fragment


ENUM = "Unsupported value"
PY_ENUM = "Input should be"
PATTERN = "should match"

INVALID: tuple[Invalid, ...] = (
    # Duration ^[0-9]{1,4}(ms|s|m|h)?$
    Invalid(
        "duration-with-space",
        "NginxProxy",
        (put("spec.telemetry.exporter.interval", "5 s"),),
        "spec.telemetry.exporter.interval",
        PATTERN,
    ),
    Invalid(
        "duration-long-unit",
        "ClientSettingsPolicy",
        (put("spec.body.timeout", "30sec"),),
        "spec.body.timeout",
        PATTERN,
    ),
    Invalid(
        "duration-five-digits",
        "ProxySettingsPolicy",
        (put("spec.timeout.read", "30000s"),),
        "spec.timeout.read",
        PATTERN,
    ),
    Invalid(
        "duration-go-style",
        "UpstreamSettingsPolicy",
        (put("spec.keepAlive.time", "1h30m"),),
        "spec.keepAlive.time",
        PATTERN,
    ),
    # Size ^\d{1,4}(k|m|g)?$
    Invalid(
        "size-with-bytes-unit",
        "ClientSettingsPolicy",
        (put("spec.body.maxSize", "10mb"),),
        "spec.body.maxSize",
        PATTERN,
    ),
    Invalid(
        "size-upper-case",
        "ProxySettingsPolicy",
        (put("spec.buffering.bufferSize", "16K"),),
        "spec.buffering.bufferSize",
        PATTERN,
    ),
    Invalid(
        "size-five-digits",
        "RateLimitPolicy",
        (put("spec.rateLimit.local.rules[0].zoneSize", "10000m"),),
        "spec.rateLimit.local.rules[0].zoneSize",
        PATTERN,
    ),
    # enums
    Invalid(
        "ip-family", "NginxProxy", (put("spec.ipFamily", "ipv5"),), "spec.ipFamily", ENUM, PY_ENUM
    ),
    Invalid(
        "error-level",
        "NginxProxy",
        (put("spec.logging.errorLevel", "verbose"),),
        "spec.logging.errorLevel",
        ENUM,
        PY_ENUM,
    ),
    Invalid(
        "tracing-strategy",
        "ObservabilityPolicy",
        (put("spec.tracing.strategy", "random"),),
        "spec.tracing.strategy",
        ENUM,
        PY_ENUM,
    ),
    Invalid(
        "load-balancing-method",
        "UpstreamSettingsPolicy",
        (put("spec.loadBalancingMethod", "fastest"),),
        "spec.loadBalancingMethod",
        ENUM,
        PY_ENUM,
    ),
    Invalid(
        "rate-limit-log-level",
        "RateLimitPolicy",
        (put("spec.rateLimit.logLevel", "debug"),),
        "spec.rateLimit.logLevel",
        ENUM,
        PY_ENUM,
    ),
    Invalid(
        "snippet-context",
        "SnippetsFilter",
        (put("spec.snippets[0].context", "stream"),),
        "spec.snippets[0].context",
        ENUM,
        PY_ENUM,
    ),
    Invalid(
        "auth-type",
        "AuthenticationFilter",
        (put("spec.type", "LDAP"),),
        "spec.type",
        ENUM,
        PY_ENUM,
    ),
    Invalid(
        "waf-type-plm-is-main-only",
        "WAFPolicy",
        (put("spec.type", "PLM"),),
        "spec.type",
        ENUM,
        PY_ENUM,
    ),
    Invalid(
        "nginx-gateway-log-level",
        "NginxGateway",
        (put("spec.logging.level", "warn"),),
        "spec.logging.level",
        ENUM,
        PY_ENUM,
    ),
    # ranges
    Invalid(
        "reject-code-below-400",
        "RateLimitPolicy",
        (put("spec.rateLimit.rejectCode", 399),),
        "spec.rateLimit.rejectCode",
        "greater than or equal to 400",
    ),
    Invalid(
        "reject-code-above-599",
        "RateLimitPolicy",
        (put("spec.rateLimit.rejectCode", 600),),
        "spec.rateLimit.rejectCode",
        "less than or equal to 599",
    ),
    Invalid(
        "tracing-ratio-above-100",
        "ObservabilityPolicy",
        (put("spec.tracing.ratio", 101),),
        "spec.tracing.ratio",
        "less than or equal to 100",
    ),
    Invalid(
        "worker-connections-zero",
        "NginxProxy",
        (put("spec.workerConnections", 0),),
        "spec.workerConnections",
        "greater than or equal to 1",
    ),
    Invalid(
        "proxy-buffers-one",
        "ProxySettingsPolicy",
        (put("spec.buffering.buffers.number", 1),),
        "spec.buffering.buffers.number",
        "greater than or equal to 2",
    ),
    # target references
    Invalid(
        "rate-limit-17-target-refs",
        "RateLimitPolicy",
        (put("spec.targetRefs", routes(17)),),
        "spec.targetRefs",
        "at most 16 items",
    ),
    Invalid(
        "waf-17-target-refs",
        "WAFPolicy",
        (put("spec.targetRefs", routes(17)),),
        "spec.targetRefs",
        "at most 16 items",
    ),
    Invalid(
        "observability-no-target-refs",
        "ObservabilityPolicy",
        (put("spec.targetRefs", []),),
        "spec.targetRefs",
        "at least 1 item",
        "at least 1 item",
    ),
    Invalid(
        "rate-limit-gateway-mixed-with-route",
        "RateLimitPolicy",
        (put("spec.targetRefs", [*routes(1), {**routes(1)[0], "kind": "Gateway"}]),),
        "spec.targetRefs",
        "Cannot mix Gateway kind with HTTPRoute or GRPCRoute kinds in targetRefs",
    ),
    Invalid(
        "proxy-settings-duplicate-target",
        "ProxySettingsPolicy",
        (put("spec.targetRefs", routes(1) * 2),),
        "spec.targetRefs",
        "TargetRef Kind and Name combination must be unique",
    ),
    Invalid(
        "observability-targets-gateway",
        "ObservabilityPolicy",
        (put("spec.targetRefs[0].kind", "Gateway"),),
        "spec.targetRefs",
        "TargetRef Kind must be: HTTPRoute or GRPCRoute",
    ),
    Invalid(
        "upstream-targets-route",
        "UpstreamSettingsPolicy",
        (put("spec.targetRefs[0].kind", "HTTPRoute"),),
        "spec.targetRefs",
        "TargetRefs Kind must be: Service",
    ),
    Invalid(
        "client-settings-targets-service",
        "ClientSettingsPolicy",
        (put("spec.targetRef.kind", "Service"),),
        "spec.targetRef",
        "TargetRef Kind must be one of: Gateway, HTTPRoute, or GRPCRoute",
    ),
    Invalid(
        "waf-mixed-kinds",
        "WAFPolicy",
        (put("spec.targetRefs", [*routes(1), {**routes(1)[0], "kind": "GRPCRoute"}]),),
        "spec.targetRefs",
        "All targetRefs must be of the same kind",
    ),
    Invalid(
        "snippets-policy-targets-route",
        "SnippetsPolicy",
        (put("spec.targetRefs", routes(1)),),
        "spec.targetRefs",
        "TargetRef Kind must be: Gateway",
    ),
    # cross-field rules
    Invalid(
        "ratio-with-parent-strategy",
        "ObservabilityPolicy",
        (put("spec.tracing.strategy", "parent"),),
        "spec.tracing",
        "ratio can only be specified if strategy is of type ratio",
    ),
    Invalid(
        "hash-without-key",
        "UpstreamSettingsPolicy",
        (drop("spec.hashMethodKey"),),
        "spec",
        "hashMethodKey is required when loadBalancingMethod is 'hash' or 'hash consistent'",
    ),
    Invalid(
        "keepalive-header-without-server",
        "ClientSettingsPolicy",
        (drop("spec.keepAlive.timeout.server"),),
        "spec.keepAlive.timeout",
        "header can only be specified if server is specified",
    ),
    Invalid(
        "nodelay-with-delay",
        "RateLimitPolicy",
        (put("spec.rateLimit.local.rules[0].delay", 5),),
        "spec.rateLimit.local.rules[0]",
        "NoDelay cannot be true when Delay is also set",
    ),
    Invalid(
        "two-snippets-one-context",
        "SnippetsFilter",
        (put("spec.snippets[1].context", "http"),),
        "spec.snippets",
        "Only one snippet allowed per context",
    ),
    Invalid(
        "snippets-policy-location",
        "SnippetsPolicy",
        (put("spec.snippets[1].context", "http.server.location"),),
        "spec.snippets",
        "http.server.location context is not supported in SnippetsPolicy",
    ),
    Invalid(
        "deployment-and-daemonset",
        "NginxProxy",
        (put("spec.kubernetes.daemonSet", {}),),
        "spec.kubernetes",
        "only one of deployment or daemonSet can be set",
    ),
    Invalid(
        "rewrite-mode-without-addresses",
        "NginxProxy",
        (drop("spec.rewriteClientIP.trustedAddresses"),),
        "spec.rewriteClientIP",
        "if mode is set, trustedAddresses is a required field",
    ),
    Invalid(
        "jwt-type-with-basic-block",
        "AuthenticationFilter",
        (put("spec.type", "JWT"),),
        "spec",
        "spec.jwt must be set exactly when type is JWT",
    ),
    Invalid(
        "jwt-remote-without-remote",
        "AuthenticationFilter",
        (drop("spec.jwt.remote"),),
        "spec.jwt",
        "source Remote requires spec.remote to be set.",
        base=JWT_FILTER,
    ),
    Invalid(
        "waf-nim-type-without-nim-source",
        "WAFPolicy",
        (put("spec.type", "NIM"),),
        "spec",
        "type NIM requires policySource.nimSource",
    ),
    Invalid(
        "n1c-name-and-object-id",
        "WAFPolicy",
        (put("spec.policySource.n1cSource.policyName", "strict"),),
        "spec.policySource.n1cSource",
        "exactly one of policyName or policyObjectID must be set",
    ),
)


@dataclass(frozen=True)
class Unknown:
    """A field NGF 2.6.7 does not serve, added to the example of `kind` at `path`."""

    id: str
    kind: str
    path: str
    value: Any

    def document(self) -> Doc:
        """A fresh copy of the example with the unknown field."""
        doc = example(self.kind)
        put(self.path, self.value)(doc)
        return doc


UNKNOWN_FIELDS: tuple[Unknown, ...] = (
    Unknown("nginxproxy-compression-main-only", "NginxProxy", "spec.compression", {}),
    Unknown("nginxproxy-worker-processes-main-only", "NginxProxy", "spec.workerProcesses", 4),
    Unknown("body-buffer-size-main-only", "ClientSettingsPolicy", "spec.body.bufferSize", "8k"),
    Unknown("use-cluster-ip-main-only", "UpstreamSettingsPolicy", "spec.useClusterIP", True),
    Unknown("policy-ref-plm-main-only", "WAFPolicy", "spec.policyRef", {}),
    Unknown("typo-in-rate-limit", "RateLimitPolicy", "spec.rateLimit.rejectcode", 429),
    Unknown("route-section-name", "ProxySettingsPolicy", "spec.targetRefs[0].sectionName", "x"),
)
