"""What one CertificateBundle owns (pure): a TLS Secret or a cert-manager Certificate.

* `source.inline` → Secret `<bundle>-tls` (`kubernetes.io/tls`), built only when the PEM
  parses and the key matches the certificate; otherwise a `failure` (reason, message) and
  the Secret applied before is kept.
* `source.certManager` → Certificate `<bundle>` (`cert-manager.io/v1`): `issuerRef` (name,
  kind, group `cert-manager.io`), `dnsNames` = hostnames, `secretName` `<bundle>-tls`,
  `renewBefore` = `expiryAlertThreshold` when `autoRenew` (cert-manager renews then, before
  the alert), and a `secretTemplate` carrying our labels so the issued Secret is in the
  operator's cache and maps back to the bundle. That Secret is cert-manager's: it is kept,
  never applied or deleted by the operator.

Either way, the certificate *stored* in `<bundle>-tls` is what the status reports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ngf_console.api.v1alpha1.certificatebundle import CertificateBundle
from ngf_console.operator.children import tls
from ngf_console.operator.children.durations import seconds
from ngf_console.operator.children.meta import (
    GROUP,
    MANAGED_BY,
    MANAGED_BY_VALUE,
    Manifest,
    Owner,
    manifest,
    owned_metadata,
)

CERT_LABEL = f"{GROUP}/certificatebundle"
CERT_MANAGER_API = "cert-manager.io/v1"

Ref = tuple[str, str, str]


@dataclass
class CertPlan:
    """The children to apply, a failure (reason, message) if any, children to keep."""

    manifests: list[Manifest] = field(default_factory=list)
    failure: tuple[str, str] | None = None
    kept: set[Ref] = field(default_factory=set)


def cert_owner(bundle: CertificateBundle, uid: str) -> Owner:
    """The bundle as the owner of its children."""
    meta = bundle.metadata
    return Owner("CertificateBundle", meta.name or "", meta.namespace or "", uid, CERT_LABEL)


def secret_name(bundle: CertificateBundle) -> str:
    """`<bundle>-tls`: where the certificate is stored, whatever the source."""
    return f"{bundle.metadata.name}-tls"


def threshold(bundle: CertificateBundle) -> dt.timedelta:
    """`expiryAlertThreshold` (e.g. `30d`) as a timedelta."""
    return dt.timedelta(seconds=seconds(bundle.spec.expiry_alert_threshold))


def go_duration(delta: dt.timedelta) -> str:
    """A Go duration for cert-manager: `720h`, `90m`, `1h30m15s`."""
    total = int(delta.total_seconds())
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [(hours, "h"), (minutes, "m"), (secs, "s")]
    text = "".join(f"{n}{unit}" for n, unit in parts if n)
    return text or "0s"


def build_certificate(bundle: CertificateBundle, owner: Owner) -> Manifest:
    """The cert-manager Certificate of a `certManager` bundle."""
    source = bundle.spec.source.cert_manager
    if source is None:
        raise ValueError("build_certificate needs source.certManager")
    spec: Manifest = {
        "secretName": secret_name(bundle),
        "dnsNames": list(bundle.spec.hostnames),
        "issuerRef": {
            "name": source.issuer_ref,
            "kind": source.issuer_kind,
            "group": "cert-manager.io",
        },
        "secretTemplate": {"labels": {MANAGED_BY: MANAGED_BY_VALUE, CERT_LABEL: owner.name}},
    }
    if bundle.spec.auto_renew:
        spec["renewBefore"] = go_duration(threshold(bundle))
    meta = owned_metadata(owner, bundle.metadata.name or "", "certificate")
    return manifest(CERT_MANAGER_API, "Certificate", meta, spec=spec)


def desired_children(bundle: CertificateBundle, uid: str) -> CertPlan:
    """Every child the bundle should own now (see the module docstring)."""
    owner = cert_owner(bundle, uid)
    name = secret_name(bundle)
    stored: Ref = ("Secret", owner.namespace, name)
    inline = bundle.spec.source.inline
    if inline is None:
        return CertPlan([build_certificate(bundle, owner)], kept={stored})
    try:
        tls.parse_pair(inline.certificate, inline.private_key)
    except tls.CertificateError as e:
        return CertPlan(failure=(e.reason, str(e)), kept={stored})
    secret = tls.tls_secret(owner, name, "tls-secret", inline.certificate, inline.private_key)
    return CertPlan([secret])
