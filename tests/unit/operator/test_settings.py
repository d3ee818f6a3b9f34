"""Operator settings read from the environment the Helm chart sets.

Matrix: NGF's namespace (`NGF_CONSOLE_NGF_NAMESPACE`, default nginx-gateway); F5 XC off
when nothing is set; on with an https tenant URL and a token, the token hidden in reprs;
refused, without echoing the token, when only one is set, the URL is not https or not a URL,
or the token is blank.
"""

from __future__ import annotations

import pytest

from ngf_console.operator.settings import OperatorSettings

TOKEN = "xc-token-do-not-print"  # a test value


@pytest.fixture(autouse=True)
def clean(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NGF_CONSOLE_NGF_NAMESPACE", "NGF_CONSOLE_XC_TENANT_URL",
                 "NGF_CONSOLE_XC_API_TOKEN"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)


def test_ngf_namespace(monkeypatch: pytest.MonkeyPatch) -> None:
    assert OperatorSettings().ngf_namespace == "nginx-gateway"
    monkeypatch.setenv("NGF_CONSOLE_NGF_NAMESPACE", "ngf")
    assert OperatorSettings().ngf_namespace == "ngf"
    assert OperatorSettings(ngf_namespace="other").ngf_namespace == "other"


def test_xc_off_by_default() -> None:
    assert not OperatorSettings().xc.enabled


def test_xc_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NGF_CONSOLE_XC_TENANT_URL", "https://acme.console.ves.volterra.io")
    monkeypatch.setenv("NGF_CONSOLE_XC_API_TOKEN", TOKEN)
    xc = OperatorSettings().xc
    assert xc.enabled
    assert str(xc.tenant_url) == "https://acme.console.ves.volterra.io/"
    assert xc.api_token is not None
    assert xc.api_token.get_secret_value() == TOKEN
    assert TOKEN not in repr(OperatorSettings())


@pytest.mark.parametrize(
    ("url", "token", "message"),
    [
        ("https://acme.console.ves.volterra.io", None, "are set together"),
        (None, TOKEN, "are set together"),
        ("http://acme.console.ves.volterra.io", TOKEN, "must be an https:// URL"),
        ("acme", TOKEN, "tenant_url"),
        ("https://acme.console.ves.volterra.io", "  ", "NGF_CONSOLE_XC_API_TOKEN is empty"),
    ],
    ids=["url-only", "token-only", "plain-http", "not-a-url", "blank-token"],
)
def test_xc_refused(
    url: str | None, token: str | None, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if url is not None:
        monkeypatch.setenv("NGF_CONSOLE_XC_TENANT_URL", url)
    if token is not None:
        monkeypatch.setenv("NGF_CONSOLE_XC_API_TOKEN", token)
    with pytest.raises(ValueError, match=message) as raised:
        OperatorSettings()
    assert TOKEN not in str(raised.value)
