"""Operator-wide settings that shape the children it builds (images, endpoints).

Most come from `ngf-console operator` flags. Two groups come from the environment, which
the Helm chart sets: `NGF_CONSOLE_NGF_NAMESPACE` (Helm `ngf.controllerNamespace`) and the
F5 Distributed Cloud credentials `NGF_CONSOLE_XC_TENANT_URL` / `NGF_CONSOLE_XC_API_TOKEN`
(Helm `xc.*`, the token from a Secret). They are read and validated when the settings are
built, so a bad value stops the operator at start-up with a message naming the variable;
the token is a `SecretStr` and never appears in a message or a log.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from pydantic import AnyHttpUrl, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_EPP_IMAGE = "registry.k8s.io/gateway-api-inference-extension/epp:v1.5.0"
DEFAULT_DCGM_IMAGE = "nvcr.io/nvidia/k8s/dcgm-exporter:4.4.1-4.6.0-ubuntu22.04"
NGF_NAMESPACE_ENV = "NGF_CONSOLE_NGF_NAMESPACE"


class XCSettings(BaseSettings):
    """F5 Distributed Cloud tenant and API token (`NGF_CONSOLE_XC_*`); both or neither."""

    model_config = SettingsConfigDict(
        env_prefix="NGF_CONSOLE_XC_", extra="ignore", frozen=True, hide_input_in_errors=True
    )

    tenant_url: AnyHttpUrl | None = Field(
        default=None,
        description="The tenant's console, e.g. https://acme.console.ves.volterra.io.",
    )
    api_token: SecretStr | None = Field(
        default=None, description="An XC API token (sent as `Authorization: APIToken …`)."
    )

    @property
    def enabled(self) -> bool:
        """XC publishing is configured."""
        return self.tenant_url is not None

    @model_validator(mode="after")
    def _both_or_neither(self) -> XCSettings:
        if self.tenant_url is not None and self.tenant_url.scheme != "https":
            raise ValueError("NGF_CONSOLE_XC_TENANT_URL must be an https:// URL")
        if (self.tenant_url is None) != (self.api_token is None):
            raise ValueError(
                "NGF_CONSOLE_XC_TENANT_URL and NGF_CONSOLE_XC_API_TOKEN are set together "
                "(Helm: xc.tenantUrl with xc.apiTokenSecretRef or xc.apiToken)"
            )
        if self.api_token is not None and not self.api_token.get_secret_value().strip():
            raise ValueError("NGF_CONSOLE_XC_API_TOKEN is empty")
        return self


def _ngf_namespace() -> str:
    return os.environ.get(NGF_NAMESPACE_ENV) or "nginx-gateway"


@dataclass(frozen=True)
class OperatorSettings:
    """Inputs to the child builders that do not come from a parent's spec."""

    epp_image: str = DEFAULT_EPP_IMAGE
    dcgm_image: str = DEFAULT_DCGM_IMAGE
    prometheus_url: str = "http://prometheus.monitoring.svc:9090"
    system_namespace: str = "ngf-console-system"
    gateway_class: str = "nginx"
    ngf_namespace: str = field(default_factory=_ngf_namespace)
    """Where NGF's control plane runs (edition detection reads its Deployment there)."""
    waf_bundle_url: str = "http://waf-bundles.ngf-console-system.svc/bundles"
    """Base URL serving compiled F5 WAF bundles as `<policy>.tgz` (WAFPolicy type HTTP)."""
    xc: XCSettings = field(default_factory=XCSettings)
    """F5 Distributed Cloud credentials (DistributedCloudPublish)."""
