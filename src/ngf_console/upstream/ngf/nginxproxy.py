"""NginxProxy (v1alpha2, the only version since NGF 2.0): data-plane settings.

Referenced by `GatewayClass.spec.parametersRef` (all Gateways of the class) or
`Gateway.spec.infrastructure.parametersRef` (one Gateway); when both exist they are merged and
the Gateway's wins. NGF writes no status for it, so the kind has no status subresource.
Plus-only settings: `logging.errorLogFormat: json`, custom `serverTokens`, `nginxPlus`, `waf`.
Not modelled (main branch only): compression, disableBaseHeaders, useClusterIP,
workerProcesses, workerRlimitNofile, zoneSize. The `kubernetes` part is in
`nginxproxy_kubernetes`; `dnsResolver` is documented by name only, so its known fields are
typed and the rest kept as written.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ngf_console.api.v1alpha1.base import K8sModel, cel_rule
from ngf_console.upstream.ngf.meta import (
    ObjectMeta,
    api_version_field,
    kind_field,
    metadata_field,
)
from ngf_console.upstream.ngf.nginxproxy_kubernetes import KubernetesSpec
from ngf_console.upstream.ngf.types import (
    Duration,
    FreeForm,
    Port,
    PreservingModel,
    SpanAttributes,
)

OTLP_ENDPOINT = (
    r"^(?:http?:\/\/)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"
    r"(?:\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$"
)


class TelemetryExporter(K8sModel):
    """OpenTelemetry export settings (otel_exporter)."""

    endpoint: str | None = Field(
        default=None,
        pattern=OTLP_ENDPOINT,
        description="OTLP/gRPC endpoint as host[:port], e.g. otel-collector.monitoring:4317.",
    )
    interval: Duration | None = Field(
        default=None, description="Maximum interval between two exports."
    )
    batch_size: int | None = Field(
        default=None, ge=0, description="Maximum spans sent in one batch per worker."
    )
    batch_count: int | None = Field(
        default=None,
        ge=0,
        description="Pending batches per worker; spans beyond the limit are dropped.",
    )


class Telemetry(K8sModel):
    """OpenTelemetry settings of the data plane (tracing is enabled per route by
    ObservabilityPolicy)."""

    exporter: TelemetryExporter | None = Field(default=None, description="Export settings.")
    service_name: str | None = Field(
        default=None,
        max_length=127,
        pattern=r"^[a-zA-Z0-9_-]+$",
        description="service.name of the traces; appended to the default "
        "`ngf:<gateway-namespace>:<gateway-name>`.",
    )
    span_attributes: SpanAttributes = Field(
        default_factory=list, description="Attributes added to every span."
    )
    disabled_features: list[Literal["DisableTracing"]] = Field(
        default_factory=list, description="Telemetry features turned off: DisableTracing."
    )


class Metrics(K8sModel):
    """Prometheus metrics of the data plane (changing them re-rolls the NGINX pods)."""

    port: Port | None = Field(default=None, description="Port the metrics are served on.")
    disable: bool | None = Field(default=None, description="Do not serve metrics.")


class TrustedAddress(K8sModel):
    """An address trusted to report the client's IP."""

    type: Literal["CIDR", "IPAddress", "Hostname"] = Field(
        description="Kind of address: CIDR, IPAddress or Hostname."
    )
    value: str = Field(description="The address, e.g. 10.0.0.0/8.")


class RewriteClientIP(K8sModel):
    """Rewriting the client IP to the original client's (ngx_http_realip_module)."""

    mode: Literal["ProxyProtocol", "XForwardedFor"] | None = Field(
        default=None,
        description="Source of the client IP: the PROXY protocol header or X-Forwarded-For.",
    )
    set_ip_recursively: bool | None = Field(
        default=None,
        alias="setIPRecursively",
        description="With X-Forwarded-For, take the last untrusted address (real_ip_recursive).",
    )
    trusted_addresses: list[TrustedAddress] = Field(
        default_factory=list,
        max_length=64,
        description="Addresses trusted to send the client IP (set_real_ip_from); required "
        "with mode.",
    )

    @cel_rule(
        "!(has(self.mode) && (!has(self.trustedAddresses) || size(self.trustedAddresses) == 0))",
        "if mode is set, trustedAddresses is a required field",
    )
    def _mode_needs_addresses(self) -> bool:
        return self.mode is None or bool(self.trusted_addresses)


class AccessLog(K8sModel):
    """The access log (always /dev/stdout)."""

    disable: bool | None = Field(default=None, description="Turn access logging off.")
    format: str | None = Field(
        default=None,
        max_length=4096,
        pattern=r"^[^'\n\r]*$",
        description="log_format string; no `'` or newlines. NGINX's `combined` when unset.",
    )
    escape: Literal["default", "json", "none"] | None = Field(
        default=None, description="Escaping of variables in the format: default, json or none."
    )


class NginxLogging(K8sModel):
    """Logging of NGINX and its agent."""

    error_level: Literal["debug", "info", "notice", "warn", "error", "crit", "alert", "emerg"] = (
        Field(default="info", description="Error log level (error_log).")
    )
    error_log_format: str | None = Field(
        default=None,
        description="Error log format; `json` (NGINX Plus) also makes the default access log JSON.",
    )
    agent_level: Literal["debug", "info", "error", "panic", "fatal"] = Field(
        default="info",
        description="Log level of NGINX Agent (changing it re-rolls the NGINX pods).",
    )
    access_log: AccessLog | None = Field(default=None, description="The access log.")


class AllowedAddress(K8sModel):
    """An address allowed to use the NGINX Plus API."""

    type: Literal["CIDR", "IPAddress"] = Field(description="Kind of address: CIDR or IPAddress.")
    value: str = Field(description="The address.")


class NginxPlus(K8sModel):
    """NGINX Plus settings (applied only with NGINX Plus)."""

    allowed_addresses: list[AllowedAddress] = Field(
        default_factory=list,
        description="Addresses allowed to reach the NGINX Plus API (port 8765).",
    )


class DNSResolver(PreservingModel):
    """DNS resolution for ExternalName Services (resolver; documented by name, known fields
    typed, the rest kept as written)."""

    addresses: list[FreeForm] = Field(
        default_factory=list, description="DNS servers: type (IPAddress or Hostname) and value."
    )
    timeout: Duration | None = Field(default=None, description="Name resolution timeout.")
    cache_ttl: Duration | None = Field(
        default=None, alias="cacheTTL", description="How long answers are cached."
    )
    disable_ipv6: bool | None = Field(
        default=None, alias="disableIPv6", description="Do not look up IPv6 addresses."
    )


class WAFSettings(K8sModel):
    """F5 WAF for NGINX on the data plane (NGINX Plus; policies come from WAFPolicy)."""

    enable: bool | None = Field(
        default=None, description="Run the WAF sidecars (waf-enforcer, waf-config-mgr)."
    )
    disable_cookie_seed: bool | None = Field(
        default=None,
        description="Do not set app_protect_cookie_seed (when it is compiled into bundles).",
    )
    bundle_fail_open: bool | None = Field(
        default=None,
        description="Serve without WAF until a bundle is first fetched, instead of withholding "
        "the configuration.",
    )


class NginxProxySpec(K8sModel):
    """Desired data-plane settings of NGF."""

    ip_family: Literal["dual", "ipv4", "ipv6"] = Field(
        default="dual", description="IP family NGINX listens on: dual, ipv4 or ipv6."
    )
    telemetry: Telemetry | None = Field(default=None, description="OpenTelemetry settings.")
    metrics: Metrics | None = Field(default=None, description="Prometheus metrics settings.")
    rewrite_client_ip: RewriteClientIP | None = Field(
        default=None, alias="rewriteClientIP", description="Client IP rewriting."
    )
    logging: NginxLogging | None = Field(default=None, description="Logging of NGINX.")
    nginx_plus: NginxPlus | None = Field(default=None, description="NGINX Plus settings.")
    disable_http2: bool | None = Field(
        default=None, alias="disableHTTP2", description="Turn HTTP/2 off for all servers."
    )
    disable_sni_host_validation: bool | None = Field(
        default=None,
        alias="disableSNIHostValidation",
        description="Allow an HTTPS connection to serve hosts other than its SNI name "
        "(GEP-3567 risks).",
    )
    dns_resolver: DNSResolver | None = Field(
        default=None,
        alias="dnsResolver",
        description="DNS resolver for ExternalName Services.",
    )
    server_tokens: str | None = Field(
        default=None,
        description="server_tokens: on, off (NGF default) or build; NGINX Plus also accepts "
        "an empty or custom string.",
    )
    worker_connections: int | None = Field(
        default=None, ge=1, le=65535, description="Connections per worker (NGF default 1024)."
    )
    waf: WAFSettings | None = Field(default=None, description="F5 WAF for NGINX settings.")
    kubernetes: KubernetesSpec | None = Field(
        default=None, description="The NGINX Deployment or DaemonSet and Service."
    )


class NginxProxy(K8sModel):
    """NGINX Gateway Fabric NginxProxy: data-plane settings referenced from a GatewayClass or
    a Gateway (telemetry, logging, client IP, WAF and the NGINX Deployment and Service)."""

    api_version: Literal["gateway.nginx.org/v1alpha2"] = api_version_field("v1alpha2")
    kind: Literal["NginxProxy"] = kind_field("NginxProxy")
    metadata: ObjectMeta = metadata_field()
    spec: NginxProxySpec = Field(description="Desired data-plane settings.")
