"""The NGF models accept NGF's documented shapes and refuse what NGF's CRDs refuse.

Matrix: every example (one per kind, plus JWT and OIDC AuthenticationFilters) parses by wire
names and its manifest form equals the input; every row of the invalid table (bad Duration,
bad Size, unknown enum values, out-of-range numbers, too many/duplicate/mixed targetRefs,
cross-field rules) fails with an error located at the row's field carrying its message;
fields NGF 2.6.7 does not have (main-branch additions, typos) are refused; the parts kept
free-form accept and keep whatever is written; server-side defaults are the models' defaults.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from ngf_console.upstream.ngf import KINDS, by_kind
from ngf_console.upstream.ngf.examples import all_examples, example, kinds
from ngf_console.upstream.ngf.nginxproxy import NginxProxy
from tests.unit.upstream.ngf.cases import INVALID, UNKNOWN_FIELDS, Invalid, Unknown


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out.lstrip(".")


def _errors(doc: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as info:
        by_kind(doc["kind"]).model.from_k8s(doc)
    return [(_path(error["loc"]), error["msg"]) for error in info.value.errors()]


def test_every_kind_has_an_example() -> None:
    assert kinds() == [info.kind for info in KINDS]


@pytest.mark.parametrize("doc", all_examples(), ids=lambda d: d["metadata"]["name"])
def test_example_parses_and_round_trips(doc: dict[str, Any]) -> None:
    info = by_kind(doc["kind"])
    parsed = info.model.from_k8s(doc)

    assert parsed.to_k8s() == doc
    assert doc["apiVersion"] == info.api_version


@pytest.mark.parametrize("case", INVALID, ids=lambda c: c.id)
def test_invalid_object_is_refused_at_its_field(case: Invalid) -> None:
    errors = _errors(case.document())

    assert any(path == case.field and case.model_fragment in message for path, message in errors), (
        f"no error at {case.field} with {case.model_fragment!r}: {errors}"
    )


@pytest.mark.parametrize("case", UNKNOWN_FIELDS, ids=lambda c: c.id)
def test_fields_ngf_2_6_7_does_not_have_are_refused(case: Unknown) -> None:
    errors = _errors(case.document())

    assert (case.path, "Extra inputs are not permitted") in errors


def test_free_form_parts_keep_what_is_written() -> None:
    doc = example("NginxProxy")
    deployment = doc["spec"]["kubernetes"]["deployment"]
    deployment["pod"] = {"affinity": {"nodeAffinity": {"x": [1, {"y": None}]}}}
    deployment["container"]["lifecycle"] = {"preStop": {"exec": {"command": ["sleep", "5"]}}}
    deployment["podDisruptionBudget"] = {"minAvailable": 1}

    assert NginxProxy.from_k8s(doc).to_k8s() == doc


def test_the_documented_container_fields_are_still_validated() -> None:
    doc = example("NginxProxy")
    doc["spec"]["kubernetes"]["deployment"]["container"]["image"] = "nginx:latest"

    errors = _errors(doc)

    assert [path for path, _ in errors] == ["spec.kubernetes.deployment.container.image"]


def test_defaults_match_ngf_s_crd_defaults() -> None:
    proxy = NginxProxy.from_k8s(
        {
            "spec": {
                "logging": {},
                "kubernetes": {"service": {}},
            }
        }
    ).to_k8s()

    assert proxy["spec"]["ipFamily"] == "dual"
    assert proxy["spec"]["logging"] == {"errorLevel": "info", "agentLevel": "info"}
    assert proxy["spec"]["kubernetes"]["service"] == {
        "type": "LoadBalancer",
        "externalTrafficPolicy": "Local",
    }


@pytest.mark.parametrize("duration", ["1", "50ms", "120s", "5m", "1h", "9999h"])
def test_documented_durations_are_accepted(duration: str) -> None:
    doc = example("ProxySettingsPolicy")
    doc["spec"]["timeout"]["read"] = duration

    assert by_kind("ProxySettingsPolicy").model.from_k8s(doc).to_k8s() == doc


@pytest.mark.parametrize("size", ["0", "1024", "8k", "1m", "2g"])
def test_documented_sizes_are_accepted(size: str) -> None:
    doc = example("ClientSettingsPolicy")
    doc["spec"]["body"]["maxSize"] = size

    assert by_kind("ClientSettingsPolicy").model.from_k8s(doc).to_k8s() == doc
