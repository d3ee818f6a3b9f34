"""GatewayBundle: a Gateway with its NginxProxy, WAF policy, snippets and TLS Secrets.

Spec §2.5.2-2.5.3 and §3.2. The spec's "APPolicy" is NGF's WAFPolicy (NGINX Plus only); the
operator maps `nginxProxy` onto `gateway.nginx.org/v1alpha2` NginxProxy and passes
`additionalConfig` through.

Cross-field rules (CEL with Python mirrors): listener names are unique; no two listeners share
port, protocol and hostname; HTTPS and TLS listeners have `tls`, the others have none; HTTPS
terminates TLS; a terminating `tls` has exactly one of certificateRef and inlineCert, a
passthrough one has neither; `allowedRoutes.selector` goes with `namespaces: Selector`; at
most one snippet per context.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AwareDatetime, Field, JsonValue, WithJsonSchema

from ngf_console.api.v1alpha1.base import Cel, K8sModel, cel_rule
from ngf_console.api.v1alpha1.common import (
    ChildStatus,
    Conditions,
    InlineCertSpec,
    LabelSelector,
    ObjectMeta,
    ObjectReference,
    ResourceRequirements,
    api_version_field,
    conditions_field,
    kind_field,
    metadata_field,
    observed_generation_field,
    status_field,
)
from ngf_console.api.v1alpha1.types import Hostname, Port

SECTION_NAME = r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"


class TLSSpec(K8sModel):
    """TLS settings of a listener."""

    mode: Literal["Terminate", "Passthrough"] = Field(
        description="Terminate TLS at the gateway, or pass the stream through (TLS listeners)."
    )
    certificate_ref: ObjectReference | None = Field(
        default=None, description="An existing `kubernetes.io/tls` Secret."
    )
    inline_cert: InlineCertSpec | None = Field(
        default=None, description="A certificate given inline; the operator creates the Secret."
    )

    @cel_rule(
        "self.mode != 'Terminate' || has(self.certificateRef) != has(self.inlineCert)",
        "tls with mode Terminate needs exactly one of certificateRef or inlineCert",
    )
    def _terminate_has_one_certificate(self) -> bool:
        return self.mode != "Terminate" or (self.certificate_ref is None) != (
            self.inline_cert is None
        )

    @cel_rule(
        "self.mode != 'Passthrough' || (!has(self.certificateRef) && !has(self.inlineCert))",
        "tls with mode Passthrough takes neither certificateRef nor inlineCert",
    )
    def _passthrough_has_no_certificate(self) -> bool:
        return self.mode != "Passthrough" or (
            self.certificate_ref is None and self.inline_cert is None
        )


class BundleListenerSpec(K8sModel):
    """One listener of the Gateway."""

    name: str = Field(
        min_length=1,
        max_length=253,
        pattern=SECTION_NAME,
        description="Listener name, unique within the bundle (Gateway API section name).",
    )
    port: Port = Field(description="Port the listener accepts connections on (1-65535).")
    protocol: Literal["HTTP", "HTTPS", "TLS", "TCP", "UDP"] = Field(
        description="Protocol of the listener."
    )
    hostname: Hostname | None = Field(
        default=None, description="Hostname the listener matches, e.g. `*.example.com`."
    )
    tls: TLSSpec | None = Field(
        default=None, description="TLS configuration; required for HTTPS and TLS listeners."
    )

    @cel_rule(
        "(self.protocol == 'HTTPS' || self.protocol == 'TLS') == has(self.tls)",
        "tls is required for HTTPS and TLS listeners and not allowed for HTTP, TCP and UDP",
        field_path=".tls",
    )
    def _tls_matches_protocol(self) -> bool:
        return (self.protocol in ("HTTPS", "TLS")) == (self.tls is not None)

    @cel_rule(
        "self.protocol != 'HTTPS' || !has(self.tls) || self.tls.mode == 'Terminate'",
        "an HTTPS listener must use tls.mode Terminate (use protocol TLS for Passthrough)",
        field_path=".tls.mode",
    )
    def _https_terminates(self) -> bool:
        return self.protocol != "HTTPS" or self.tls is None or self.tls.mode == "Terminate"


def _unique_names(listeners: list[BundleListenerSpec]) -> bool:
    return len({listener.name for listener in listeners}) == len(listeners)


def _distinct_endpoints(listeners: list[BundleListenerSpec]) -> bool:
    keys = {(item.port, item.protocol, item.hostname or "") for item in listeners}
    return len(keys) == len(listeners)


def _one_snippet_per_context(snippets: list[SnippetSpec]) -> bool:
    return len({snippet.context for snippet in snippets}) == len(snippets)


Listeners = Annotated[
    list[BundleListenerSpec],
    Field(min_length=1, max_length=64),
    Cel(
        "self.all(l, self.exists_one(m, m.name == l.name))",
        "listener names must be unique",
        _unique_names,
    ),
    Cel(
        "self.all(l, self.exists_one(m, m.port == l.port && m.protocol == l.protocol"
        " && (has(m.hostname) ? m.hostname : '') == (has(l.hostname) ? l.hostname : '')))",
        "listeners must differ in port, protocol or hostname",
        _distinct_endpoints,
    ),
]


class AllowedRoutesSpec(K8sModel):
    """Which namespaces may attach routes to the Gateway."""

    namespaces: Literal["Same", "All", "Selector"] = Field(
        description="Same (the bundle's namespace), All, or Selector (namespaces matching "
        "`selector`)."
    )
    selector: LabelSelector | None = Field(
        default=None, description="Namespace label selector; only with namespaces: Selector."
    )

    @cel_rule(
        "(self.namespaces == 'Selector') == has(self.selector)",
        "allowedRoutes.selector is required when namespaces is Selector and not allowed otherwise",
        field_path=".selector",
    )
    def _selector_iff_selector_mode(self) -> bool:
        return (self.namespaces == "Selector") == (self.selector is not None)


class NginxProxySpec(K8sModel):
    """Data-plane settings, mapped onto NGF's NginxProxy."""

    worker_processes: int | None = Field(
        default=None, ge=1, le=1024, description="NGINX worker processes."
    )
    worker_connections: int | None = Field(
        default=None, ge=1, le=1_048_576, description="Connections per NGINX worker."
    )
    additional_config: Annotated[
        dict[str, JsonValue],
        WithJsonSchema({"type": "object", "x-kubernetes-preserve-unknown-fields": True}),
    ] = Field(
        default_factory=dict,
        description="Further NginxProxy spec fields, passed through as written (free-form, "
        "follows NGF's evolving NginxProxy API).",
    )


class WAFPolicySpec(K8sModel):
    """The web application firewall (NGF WAFPolicy; NGINX Plus only)."""

    policy_ref: str | None = Field(
        default=None, max_length=253, description="Name of an existing WAF policy to use."
    )
    violation_rating_threshold: int | None = Field(
        default=None,
        ge=1,
        le=5,
        description="Block requests with a violation rating at or above this (1-5).",
    )
    mode: Literal["enforce", "log-only"] = Field(
        default="enforce", description="enforce blocks violations; log-only only reports them."
    )
    bot_defense: bool = Field(default=False, description="Enable bot defense.")


class SnippetSpec(K8sModel):
    """Raw NGINX configuration injected through an NGF SnippetsFilter."""

    context: Literal["http", "server", "location"] = Field(
        description="Where the snippet goes: http, server or location."
    )
    content: str = Field(
        min_length=1, max_length=65536, description="The NGINX configuration snippet."
    )


class InfrastructureSpec(K8sModel):
    """Data-plane deployment settings."""

    replicas: int | None = Field(
        default=None, ge=0, le=100, description="Data-plane (NGINX) replicas."
    )
    resources: ResourceRequirements = Field(
        default_factory=ResourceRequirements, description="Resources of each NGINX pod."
    )


class GatewayBundleSpec(K8sModel):
    """Desired state of a GatewayBundle."""

    gateway_class_name: str = Field(
        min_length=1, max_length=253, description="GatewayClass of the Gateway, e.g. `nginx`."
    )
    listeners: Listeners = Field(description="Gateway listeners (1-64).")
    allowed_routes: AllowedRoutesSpec | None = Field(
        default=None, description="Namespaces allowed to attach routes; Same when absent."
    )
    nginx_proxy: NginxProxySpec | None = Field(
        default=None, description="NginxProxy configuration (data-plane settings)."
    )
    waf: WAFPolicySpec | None = Field(default=None, description="WAF policy (NGINX Plus only).")
    snippets: Annotated[
        list[SnippetSpec],
        Field(max_length=3),
        Cel(
            "self.all(s, self.exists_one(t, t.context == s.context))",
            "snippets allow one snippet per context",
            _one_snippet_per_context,
        ),
    ] = Field(default_factory=list, description="NGINX snippets, at most one per context.")
    infrastructure: InfrastructureSpec | None = Field(
        default=None, description="Data-plane infrastructure settings."
    )


class GatewayBundleChildren(K8sModel):
    """The children of a GatewayBundle."""

    gateway: ChildStatus | None = Field(default=None, description="The Gateway.")
    nginx_proxy: ChildStatus | None = Field(default=None, description="The NginxProxy.")
    waf_policy: ChildStatus | None = Field(default=None, description="The WAF policy.")
    snippets: list[ChildStatus] = Field(
        default_factory=list, max_length=3, description="The snippets filters or policies."
    )
    tls_secrets: list[ChildStatus] = Field(
        default_factory=list, max_length=64, description="TLS Secrets made from inline certs."
    )


class GatewayBundleStatus(K8sModel):
    """Observed state of a GatewayBundle."""

    phase: Literal["Pending", "Ready", "Degraded", "Error"] | None = Field(
        default=None, description="High-level phase: Pending, Ready, Degraded, Error."
    )
    listener_count: int | None = Field(default=None, ge=0, description="Listeners on the Gateway.")
    children: GatewayBundleChildren = Field(
        default_factory=GatewayBundleChildren, description="State of each child resource."
    )
    conditions: Conditions = conditions_field()
    observed_spec_hash: str | None = Field(
        default=None, max_length=128, description="Hash of the spec the children were built from."
    )
    observed_generation: int | None = observed_generation_field()
    last_reconciled_at: AwareDatetime | None = Field(
        default=None, description="When every child was last reconciled successfully."
    )


class GatewayBundle(K8sModel):
    """A Gateway for NGINX Gateway Fabric with its data-plane settings, WAF policy, snippets
    and TLS Secrets, reconciled by the NGF Console operator."""

    api_version: Literal["ngf-console.f5.com/v1alpha1"] = api_version_field()
    kind: Literal["GatewayBundle"] = kind_field("GatewayBundle")
    metadata: ObjectMeta = metadata_field()
    spec: GatewayBundleSpec = Field(description="Desired state of the gateway bundle.")
    status: GatewayBundleStatus | None = status_field()
