"""Certificates for tests, generated with `cryptography` (EC P-256: fast), never committed.

`make_pair(days_left=…)` gives a self-signed certificate and its key as PEM; `other_key()`
a key that matches no certificate.
"""

from __future__ import annotations

import datetime as dt

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def _key_pem(key: ec.EllipticCurvePrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def other_key() -> str:
    """A fresh private key (PEM) that belongs to no certificate."""
    return _key_pem(ec.generate_private_key(ec.SECP256R1()))


def make_pair(
    *,
    days_left: float = 365,
    valid_for_days: float = 400,
    names: tuple[str, ...] = ("app.example.com",),
    issuer: str = "Test CA",
    now: dt.datetime | None = None,
) -> tuple[str, str]:
    """(certificate PEM, key PEM): expires `days_left` days from `now` (negative: expired)."""
    now = now or dt.datetime.now(dt.UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    not_after = now + dt.timedelta(days=days_left)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])]))
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_after - dt.timedelta(days=valid_for_days))
        .not_valid_after(not_after)
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), False)
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM).decode(), _key_pem(key)
