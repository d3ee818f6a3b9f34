"""Secret redaction rules (`ngf_console.store.redact`).

Matrix:
* field names: sensitive vs kept (rules 3 and 4), table-driven;
* documents: Secret data/stringData, PEM keys under any name, inline certificate keys,
  tokens in lists and nested maps, name/value pairs (env, headers), kubectl's last-applied
  annotation, label/taint keys and LLM settings kept; pointers reported (RFC 6901 escaping);
  the input is never modified;
* `redacted_pointers`, `changed_secrets`, `restore_redacted` (by position and by name,
  missing secrets reported).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from ngf_console.store.errors import RedactedValueMissingError
from ngf_console.store.redact import (
    LAST_APPLIED,
    REDACTED,
    changed_secrets,
    contains_private_key,
    is_sensitive_name,
    redact,
    redacted_pointers,
    restore_redacted,
)

KEY = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n"


@pytest.mark.parametrize(
    ("name", "parent"),
    [
        ("password", None),
        ("Password", None),
        ("passwd", None),
        ("passphrase", None),
        ("apiToken", None),
        ("token", None),
        ("tokens", None),
        ("clientSecret", None),
        ("secrets", None),
        ("privateKey", None),
        ("private_key", None),
        ("privatekey", None),
        ("apiKEY", None),
        ("X-Api-Key", None),
        ("DB_PASSWORD", None),
        ("credentials", None),
        ("kubeconfig", None),
        ("Authorization", None),
        ("key", "inlineCert"),
        ("key", "tls"),
        ("key", "clientCertificate"),
    ],
)
def test_sensitive_names(name: str, parent: str | None) -> None:
    assert is_sensitive_name(name, parent)


@pytest.mark.parametrize(
    ("name", "parent"),
    [
        ("secretName", None),
        ("tokenSecretRef", None),
        ("kubeconfigSecretRef", None),
        ("certificateRefs", None),
        ("keyFile", None),
        ("tokenizer", None),
        ("tokensPerMinute", None),
        ("key", None),
        ("key", "matchExpressions"),
        ("key", "tolerations"),
        ("key", "configMapKeyRef"),
        ("name", None),
        ("", None),
        ("certificate", "inlineCert"),
    ],
)
def test_names_kept(name: str, parent: str | None) -> None:
    assert not is_sensitive_name(name, parent)


@pytest.mark.parametrize(
    ("document", "expected", "pointers"),
    [
        pytest.param(
            {"kind": "Secret", "apiVersion": "v1", "data": {"tls.key": "a2V5", "tls.crt": "Y3J0"}},
            {
                "kind": "Secret",
                "apiVersion": "v1",
                "data": {"tls.key": REDACTED, "tls.crt": REDACTED},
            },
            ["/data/tls.key", "/data/tls.crt"],
            id="secret-data-every-key",
        ),
        pytest.param(
            {"kind": "Secret", "stringData": {"api/token": "t0k", "empty": None}},
            {"kind": "Secret", "stringData": {"api/token": REDACTED, "empty": None}},
            ["/stringData/api~1token"],
            id="secret-stringdata-pointer-escaped",
        ),
        pytest.param(
            {"kind": "ConfigMap", "apiVersion": "v1", "data": {"nginx.conf": "worker 1;"}},
            {"kind": "ConfigMap", "apiVersion": "v1", "data": {"nginx.conf": "worker 1;"}},
            [],
            id="configmap-data-kept",
        ),
        pytest.param(
            {"items": [{"kind": "Secret", "apiVersion": "v1", "data": {"a": "b"}}]},
            {"items": [{"kind": "Secret", "apiVersion": "v1", "data": {"a": REDACTED}}]},
            ["/items/0/data/a"],
            id="secret-inside-a-list",
        ),
        pytest.param(
            {"spec": {"notes": f"pasted by mistake:\n{KEY}"}},
            {"spec": {"notes": REDACTED}},
            ["/spec/notes"],
            id="pem-key-under-any-name",
        ),
        pytest.param(
            {"tls": {"inlineCert": {"certificate": "CERT", "privateKey": "KEY"}}},
            {"tls": {"inlineCert": {"certificate": "CERT", "privateKey": REDACTED}}},
            ["/tls/inlineCert/privateKey"],
            id="inline-cert-private-key",
        ),
        pytest.param(
            {"inlineCert": {"cert": "CERT", "key": "KEY"}},
            {"inlineCert": {"cert": "CERT", "key": REDACTED}},
            ["/inlineCert/key"],
            id="inline-cert-key",
        ),
        pytest.param(
            {"matchExpressions": [{"key": "app", "operator": "In", "values": ["chat"]}]},
            {"matchExpressions": [{"key": "app", "operator": "In", "values": ["chat"]}]},
            [],
            id="label-key-kept",
        ),
        pytest.param(
            {"auth": {"tokens": ["t1", "t2"], "credentials": {"user": "u", "pass": "p", "n": 3}}},
            {
                "auth": {
                    "tokens": [REDACTED, REDACTED],
                    "credentials": {"user": REDACTED, "pass": REDACTED, "n": 3},
                }
            },
            [
                "/auth/tokens/0",
                "/auth/tokens/1",
                "/auth/credentials/user",
                "/auth/credentials/pass",
            ],
            id="everything-below-a-sensitive-field",
        ),
        pytest.param(
            {
                "env": [
                    {"name": "DB_PASSWORD", "value": "hunter2"},
                    {"name": "LOG", "value": "info"},
                ]
            },
            {"env": [{"name": "DB_PASSWORD", "value": REDACTED}, {"name": "LOG", "value": "info"}]},
            ["/env/0/value"],
            id="env-name-value",
        ),
        pytest.param(
            {"set": [{"name": "Authorization", "value": "Bearer abc"}]},
            {"set": [{"name": "Authorization", "value": REDACTED}]},
            ["/set/0/value"],
            id="header-name-value",
        ),
        pytest.param(
            {"modelServer": {"maxTokens": 4096, "tokenizer": "llama3", "tokensPerMinute": 100}},
            {"modelServer": {"maxTokens": 4096, "tokenizer": "llama3", "tokensPerMinute": 100}},
            [],
            id="llm-settings-kept",
        ),
        pytest.param(
            {"tls": {"secretName": "edge-tls", "certificateRefs": [{"name": "edge-tls"}]}},
            {"tls": {"secretName": "edge-tls", "certificateRefs": [{"name": "edge-tls"}]}},
            [],
            id="references-kept",
        ),
        pytest.param("plain", "plain", [], id="scalar-document"),
        pytest.param(None, None, [], id="none"),
    ],
)
def test_redact(document: Any, expected: Any, pointers: list[str]) -> None:
    redacted, replaced = redact(document)

    assert redacted == expected
    assert sorted(replaced) == sorted(pointers)


def _with_last_applied(applied: str) -> dict[str, Any]:
    return {"metadata": {"name": "x", "annotations": {LAST_APPLIED: applied, "team": "a"}}}


def test_last_applied_annotation_with_a_secret_is_replaced_whole() -> None:
    applied = json.dumps({"kind": "Secret", "apiVersion": "v1", "data": {"token": "dG9r"}})

    redacted, pointers = redact(_with_last_applied(applied))

    annotations = redacted["metadata"]["annotations"]
    assert annotations == {LAST_APPLIED: REDACTED, "team": "a"}
    assert pointers == ("/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration",)


def test_last_applied_annotation_without_secrets_is_kept() -> None:
    applied = json.dumps({"kind": "InferenceStack", "spec": {"modelName": "m"}})

    redacted, pointers = redact(_with_last_applied(applied))

    assert redacted == _with_last_applied(applied)
    assert pointers == ()


def test_last_applied_annotation_that_is_not_json_is_replaced() -> None:
    redacted, _ = redact(_with_last_applied("{not json"))

    assert redacted["metadata"]["annotations"][LAST_APPLIED] == REDACTED


def test_redact_does_not_modify_its_input() -> None:
    document = {"spec": {"password": "p", "list": [{"token": "t"}]}}
    before = json.dumps(document)

    redact(document)

    assert json.dumps(document) == before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-----BEGIN PRIVATE KEY-----\nabc", True),
        ("-----BEGIN EC PRIVATE KEY-----", True),
        ("-----BEGIN OPENSSH PRIVATE KEY-----", True),
        ("-----BEGIN ENCRYPTED PRIVATE KEY-----", True),
        ("-----BEGIN CERTIFICATE-----", False),
        ("-----BEGIN PUBLIC KEY-----", False),
        ("private key", False),
    ],
)
def test_contains_private_key(text: str, expected: bool) -> None:
    assert contains_private_key(text) is expected


def test_redacted_pointers_finds_placeholders() -> None:
    document = {"a": REDACTED, "b": [1, {"c": REDACTED}], "d": "x"}

    assert redacted_pointers(document) == ("/a", "/b/1/c")


def _bundle(key: str, port: int = 443) -> dict[str, Any]:
    return {
        "spec": {
            "listeners": [
                {"name": "http", "port": 80},
                {"name": "https", "port": port, "tls": {"inlineCert": {"privateKey": key}}},
            ]
        }
    }


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        pytest.param(_bundle("k1"), _bundle("k1", port=8443), (), id="secret-unchanged"),
        pytest.param(
            _bundle("k1"),
            _bundle("k2"),
            ("/spec/listeners/1/tls/inlineCert/privateKey",),
            id="rotated",
        ),
        pytest.param(
            None, _bundle("k1"), ("/spec/listeners/1/tls/inlineCert/privateKey",), id="added"
        ),
        pytest.param(
            _bundle("k1"), None, ("/spec/listeners/1/tls/inlineCert/privateKey",), id="removed"
        ),
        pytest.param(
            _bundle("k1"),
            {"spec": {"listeners": list(reversed(_bundle("k1")["spec"]["listeners"]))}},
            (),
            id="reordered-by-name",
        ),
    ],
)
def test_changed_secrets(before: Any, after: Any, expected: tuple[str, ...]) -> None:
    assert changed_secrets(before, after) == expected


def test_restore_redacted_takes_secrets_from_the_live_object() -> None:
    stored, _ = redact(_bundle("old-key", port=443))
    live = _bundle("live-key", port=8443)

    assert restore_redacted(stored, live) == _bundle("live-key", port=443)
    assert stored == redact(_bundle("old-key"))[0]  # not modified


def test_restore_redacted_matches_named_list_items_by_name() -> None:
    stored, _ = redact({"env": [{"name": "A", "value": "1"}, {"name": "TOKEN", "value": "s"}]})
    live = {"env": [{"name": "TOKEN", "value": "live"}, {"name": "B", "value": "2"}]}

    restored = restore_redacted(stored, live)

    assert restored == {"env": [{"name": "A", "value": "1"}, {"name": "TOKEN", "value": "live"}]}


def test_restore_redacted_reports_every_missing_secret() -> None:
    stored, _ = redact({"password": "p", "nested": {"apiToken": "t"}, "ok": 1})

    with pytest.raises(RedactedValueMissingError) as info:
        restore_redacted(stored, {"password": REDACTED})

    assert info.value.pointers == ("/password", "/nested/apiToken")


def test_restore_redacted_whole_document() -> None:
    assert restore_redacted(REDACTED, "live") == "live"
