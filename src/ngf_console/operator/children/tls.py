"""TLS material: parse and check PEM, classify expiry, build `kubernetes.io/tls` Secrets (pure).

Every failure is a `CertificateError` whose message is ours and names what is wrong,
never the PEM it came from: key material must not reach logs, events or status.

`classify` turns the stored certificate's validity into the CertificateBundle phase and
the moment that phase will next change (for a precise requeue instead of polling):

| now | phase | changes at |
|---|---|---|
| before notBefore | Pending | notBefore |
| before notAfter - threshold | Active | notAfter - threshold |
| before notAfter | Expiring | notAfter |
| from notAfter on | Expired | never |
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from typing import Literal

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

from ngf_console.operator.children.meta import Manifest, Owner, manifest, owned_metadata

TLS_SECRET_TYPE = "kubernetes.io/tls"  # noqa: S105  # a Secret type, not a password
Phase = Literal["Pending", "Active", "Expiring", "Expired"]


class CertificateError(ValueError):
    """A certificate or key cannot be used; `reason` is a CamelCase condition reason."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class CertificateInfo:
    """What the status reports of a leaf certificate."""

    not_before: dt.datetime
    not_after: dt.datetime
    issuer: str
    subject: str
    dns_names: tuple[str, ...]


def _leaf(certificate_pem: str | bytes) -> x509.Certificate:
    data = certificate_pem.encode() if isinstance(certificate_pem, str) else certificate_pem
    try:
        chain = x509.load_pem_x509_certificates(data)
    except ValueError:
        raise CertificateError(
            "InvalidCertificate", "the certificate is not a PEM-encoded X.509 certificate"
        ) from None
    return chain[0]


def _info(cert: x509.Certificate) -> CertificateInfo:
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
        names = tuple(san.value.get_values_for_type(x509.DNSName))
    except x509.ExtensionNotFound:
        names = ()
    return CertificateInfo(
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        issuer=cert.issuer.rfc4514_string(),
        subject=cert.subject.rfc4514_string(),
        dns_names=names,
    )


def parse_certificate(certificate_pem: str | bytes) -> CertificateInfo:
    """The leaf (first) certificate of a PEM chain."""
    return _info(_leaf(certificate_pem))


def _spki(holder: PrivateKeyTypes | x509.Certificate) -> bytes:
    """The DER SubjectPublicKeyInfo of a key's or a certificate's public key."""
    return holder.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def parse_pair(certificate_pem: str | bytes, private_key_pem: str | bytes) -> CertificateInfo:
    """The leaf certificate, after checking that the private key belongs to it."""
    cert = _leaf(certificate_pem)
    data = private_key_pem.encode() if isinstance(private_key_pem, str) else private_key_pem
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except TypeError:
        raise CertificateError(
            "EncryptedPrivateKey", "the private key is encrypted; give it unencrypted"
        ) from None
    except (ValueError, UnsupportedAlgorithm):
        raise CertificateError(
            "InvalidPrivateKey", "the private key is not a PEM-encoded private key"
        ) from None
    if _spki(key) != _spki(cert):
        raise CertificateError(
            "KeyMismatch", "the private key does not match the certificate (public keys differ)"
        )
    return _info(cert)


def classify(
    info: CertificateInfo, threshold: dt.timedelta, now: dt.datetime
) -> tuple[Phase, dt.datetime | None]:
    """The phase now and when it will change next (None: never); see the module docstring."""
    if now < info.not_before:
        return "Pending", info.not_before
    alert_from = info.not_after - threshold
    if now < alert_from:
        return "Active", alert_from
    if now < info.not_after:
        return "Expiring", info.not_after
    return "Expired", None


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def tls_secret(
    owner: Owner, name: str, component: str, certificate_pem: str, private_key_pem: str
) -> Manifest:
    """A `kubernetes.io/tls` Secret owned by `owner` (`data`, so the stored form matches)."""
    return manifest(
        "v1",
        "Secret",
        owned_metadata(owner, name, component),
        type=TLS_SECRET_TYPE,
        data={"tls.crt": _b64(certificate_pem), "tls.key": _b64(private_key_pem)},
    )


def stored_certificate(secret: Manifest) -> str | None:
    """The PEM `tls.crt` of a live Secret, decoded (None when absent or not base64)."""
    encoded = (secret.get("data") or {}).get("tls.crt")
    if not encoded:
        return None
    try:
        return base64.b64decode(encoded, validate=True).decode()
    except ValueError:
        return None
