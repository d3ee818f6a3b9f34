"""TLS material (pure): parsing, the key/certificate check, expiry classification, Secrets.

Matrix: a matching pair parses (dates, issuer, SANs); a key of another certificate, a
non-PEM certificate, a non-PEM key and an encrypted key each give their reason and a
message without PEM; classify before notBefore / Active / at the alert threshold /
Expiring / at and after notAfter, with the next change; the Secret's data round-trips.
"""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from ngf_console.operator.children import tls
from ngf_console.operator.children.meta import Owner
from tests.unit.operator.pki import make_pair, other_key

NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)


def test_a_matching_pair_parses() -> None:
    cert, key = make_pair(days_left=30, names=("a.example.com", "b.example.com"), now=NOW)
    info = tls.parse_pair(cert, key)
    assert info.not_after == NOW.replace(microsecond=0) + dt.timedelta(days=30)
    assert info.issuer == "CN=Test CA"
    assert info.subject == "CN=a.example.com"
    assert info.dns_names == ("a.example.com", "b.example.com")


def _encrypted_key() -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"secret"),
    ).decode()


@pytest.mark.parametrize(
    ("certificate", "key", "reason"),
    [
        pytest.param(None, other_key(), "KeyMismatch", id="key-of-another-certificate"),
        pytest.param(
            "-----BEGIN CERTIFICATE-----\nnope\n", None, "InvalidCertificate", id="bad-cert"
        ),
        pytest.param(
            None, "-----BEGIN PRIVATE KEY-----\nnope\n", "InvalidPrivateKey", id="bad-key"
        ),
        pytest.param(None, _encrypted_key(), "EncryptedPrivateKey", id="encrypted-key"),
    ],
)
def test_unusable_material_is_a_reason_without_pem(
    certificate: str | None, key: str | None, reason: str
) -> None:
    good_cert, good_key = make_pair()
    cert_pem, key_pem = certificate or good_cert, key or good_key
    with pytest.raises(tls.CertificateError) as caught:
        tls.parse_pair(cert_pem, key_pem)
    assert caught.value.reason == reason
    for pem in (cert_pem, key_pem):
        assert pem.splitlines()[1] not in str(caught.value)


def _info(not_before: dt.datetime, not_after: dt.datetime) -> tls.CertificateInfo:
    return tls.CertificateInfo(not_before, not_after, "CN=CA", "CN=x", ())


@pytest.mark.parametrize(
    ("now_offset_days", "phase", "change_offset_days"),
    [
        pytest.param(-101, "Pending", -100, id="not-yet-valid"),
        pytest.param(-60, "Active", -30, id="active"),
        pytest.param(-30, "Expiring", 0, id="at-the-threshold"),
        pytest.param(-10, "Expiring", 0, id="expiring"),
        pytest.param(0, "Expired", None, id="at-not-after"),
        pytest.param(5, "Expired", None, id="expired"),
    ],
)
def test_classify_by_threshold(
    now_offset_days: int, phase: str, change_offset_days: int | None
) -> None:
    not_after = NOW
    info = _info(NOW - dt.timedelta(days=100), not_after)
    got_phase, change = tls.classify(
        info, dt.timedelta(days=30), NOW + dt.timedelta(days=now_offset_days)
    )
    assert got_phase == phase
    expected = None if change_offset_days is None else NOW + dt.timedelta(days=change_offset_days)
    assert change == expected


def test_tls_secret_round_trips_and_is_owned() -> None:
    cert, key = make_pair()
    owner = Owner("GatewayBundle", "gw", "ns", "uid-1", "ngf-console.f5.com/gatewaybundle")
    secret = tls.tls_secret(owner, "gw-https-tls", "tls-secret", cert, key)
    assert secret["type"] == "kubernetes.io/tls"
    assert base64.b64decode(secret["data"]["tls.key"]).decode() == key
    assert tls.stored_certificate(secret) == cert
    assert secret["metadata"]["ownerReferences"][0]["uid"] == "uid-1"
    assert tls.stored_certificate({"data": {"tls.crt": "%%%"}}) is None
    assert tls.stored_certificate({}) is None
