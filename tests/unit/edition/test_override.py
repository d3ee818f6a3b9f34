"""The installer's edition (`NGF_CONSOLE_EDITION`, Helm `ngf.edition`) over detection.

Matrix: auto keeps the detected edition (plus, oss, unknown); oss and enterprise force
oss / plus whatever was detected, keep the detected capabilities and say why in the reason
(so `why_unavailable` answers by the forced edition); the environment variable is read by
`EditionSources` (the operator and the API server build theirs without naming it) and a
bad value is refused with a message naming the variable.
"""

from __future__ import annotations

import pytest

from ngf_console.edition import Edition, EditionSources
from ngf_console.edition.override import apply, configured

PLUS = Edition(name="plus", reason="control plane runs with --nginx-plus", waf_crd=True)
OSS = Edition(name="oss", reason="control plane runs without --nginx-plus", waf_crd=True)
UNKNOWN = Edition(name="unknown", reason="no NGF control-plane Deployment")


@pytest.mark.parametrize("detected", [PLUS, OSS, UNKNOWN], ids=["plus", "oss", "unknown"])
def test_auto_keeps_detection(detected: Edition) -> None:
    assert apply(detected, "auto") is detected


@pytest.mark.parametrize(
    ("detected", "setting", "name", "waf"),
    [
        (OSS, "enterprise", "plus", None),
        (UNKNOWN, "enterprise", "plus", "the WAFPolicy CRD"),
        (PLUS, "oss", "oss", "needs NGINX Plus"),
        (UNKNOWN, "oss", "oss", "needs NGINX Plus"),
    ],
    ids=["oss-forced-enterprise", "unknown-forced-enterprise", "plus-forced-oss",
         "unknown-forced-oss"],
)  # fmt: skip
def test_forced_edition(detected: Edition, setting: str, name: str, waf: str | None) -> None:
    forced = apply(detected, setting)  # type: ignore[arg-type]
    assert forced.name == name
    assert forced.reason.startswith(f"set to {setting} by the installer (NGF_CONSOLE_EDITION")
    assert f"detected {detected.name}: {detected.reason}" in forced.reason
    assert forced.waf_crd == detected.waf_crd
    reason = forced.why_unavailable("waf")
    assert (reason is None) if waf is None else (reason is not None and waf in reason)


@pytest.mark.parametrize("value", ["oss", "enterprise", "auto"])
def test_sources_read_the_environment(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NGF_CONSOLE_EDITION", value)
    assert configured() == value
    assert EditionSources(namespace="ngf").setting == value


def test_unset_is_auto(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NGF_CONSOLE_EDITION", raising=False)
    assert EditionSources().setting == "auto"


def test_bad_value_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NGF_CONSOLE_EDITION", "plus")
    with pytest.raises(ValueError, match="NGF_CONSOLE_EDITION must be auto, oss or enterprise"):
        EditionSources()
