"""CertificateBundle: a TLS certificate, its renewal, expiry alerting and listener attachment.

Spec §2.5.3 and §3.6. `source.inline` becomes a `kubernetes.io/tls` Secret; `source.certManager`
becomes a cert-manager Certificate. The phase moves Active → Expiring → Expired by
`expiryAlertThreshold` (which may count days, e.g. `30d`).

Cross-field rules (CEL with Python mirrors): exactly one certificate source; autoRenew needs
cert-manager.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AwareDatetime, Field

from ngf_console.api.v1alpha1.base import K8sModel, cel_rule
from ngf_console.api.v1alpha1.common import (
    ChildStatus,
    Conditions,
    InlineCertSpec,
    ObjectMeta,
    api_version_field,
    conditions_field,
    kind_field,
    metadata_field,
    observed_generation_field,
    status_field,
    unique_by,
)
from ngf_console.api.v1alpha1.types import DayDuration, Hostname, Name, NamespaceName


class CertManagerSpec(K8sModel):
    """A certificate issued and renewed by cert-manager."""

    issuer_ref: Name = Field(description="Name of the cert-manager Issuer or ClusterIssuer.")
    issuer_kind: Literal["Issuer", "ClusterIssuer"] = Field(
        description="Issuer (in this namespace) or ClusterIssuer."
    )


class CertSource(K8sModel):
    """Where the certificate comes from: exactly one of inline and certManager."""

    inline: InlineCertSpec | None = Field(
        default=None, description="PEM certificate and key given inline (or uploaded)."
    )
    cert_manager: CertManagerSpec | None = Field(
        default=None, description="Have cert-manager issue the certificate."
    )

    @cel_rule(
        "has(self.inline) != has(self.certManager)",
        "exactly one of inline or certManager must be set",
    )
    def _exactly_one_source(self) -> bool:
        return (self.inline is None) != (self.cert_manager is None)


class GatewayListenerRef(K8sModel):
    """A Gateway listener that should serve this certificate."""

    gateway_name: Name = Field(description="Name of the Gateway.")
    gateway_namespace: NamespaceName | None = Field(
        default=None, description="Namespace of the Gateway; defaults to this namespace."
    )
    listener_name: str = Field(
        min_length=1, max_length=253, description="Name of the listener (section name)."
    )


class CertificateBundleSpec(K8sModel):
    """Desired state of a CertificateBundle."""

    hostnames: Annotated[
        list[Hostname],
        Field(min_length=1, max_length=100, json_schema_extra={"x-kubernetes-list-type": "set"}),
        unique_by(lambda hostname: hostname),
    ] = Field(description="Hostnames the certificate covers (DNS names; `*.` wildcards allowed).")
    source: CertSource = Field(description="Where the certificate comes from.")
    expiry_alert_threshold: DayDuration = Field(
        default="30d", description="Alert when the certificate expires within this, e.g. `30d`."
    )
    auto_renew: bool = Field(
        default=False, description="Renew automatically through cert-manager (certManager only)."
    )
    attach_to: list[GatewayListenerRef] = Field(
        default_factory=list, max_length=16, description="Gateway listeners to serve this cert."
    )

    @cel_rule(
        "!self.autoRenew || has(self.source.certManager)",
        "autoRenew requires source.certManager",
        field_path=".autoRenew",
    )
    def _auto_renew_needs_cert_manager(self) -> bool:
        return not self.auto_renew or self.source.cert_manager is not None


class CertBundleChildren(K8sModel):
    """The children of a CertificateBundle."""

    secret: ChildStatus | None = Field(default=None, description="The TLS Secret.")
    certificate: ChildStatus | None = Field(
        default=None, description="The cert-manager Certificate."
    )


class CertificateBundleStatus(K8sModel):
    """Observed state of a CertificateBundle."""

    phase: Literal["Pending", "Active", "Expiring", "Expired", "Error"] | None = Field(
        default=None, description="Pending, Active, Expiring, Expired or Error."
    )
    expires_at: AwareDatetime | None = Field(
        default=None, description="notAfter of the stored certificate."
    )
    issued_at: AwareDatetime | None = Field(
        default=None, description="notBefore of the stored certificate."
    )
    issuer: str | None = Field(
        default=None, max_length=1024, description="Issuer distinguished name."
    )
    children: CertBundleChildren = Field(
        default_factory=CertBundleChildren, description="State of each child resource."
    )
    conditions: Conditions = conditions_field()
    observed_generation: int | None = observed_generation_field()


class CertificateBundle(K8sModel):
    """A TLS certificate for NGINX Gateway Fabric listeners: stored as a Secret or issued by
    cert-manager, watched for expiry and attached to Gateway listeners by the NGF Console
    operator."""

    api_version: Literal["ngf-console.f5.com/v1alpha1"] = api_version_field()
    kind: Literal["CertificateBundle"] = kind_field("CertificateBundle")
    metadata: ObjectMeta = metadata_field()
    spec: CertificateBundleSpec = Field(description="Desired state of the certificate bundle.")
    status: CertificateBundleStatus | None = status_field()
