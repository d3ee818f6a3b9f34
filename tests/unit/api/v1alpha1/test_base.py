"""The base model's contract: wire names, omitempty, and CEL rules mirrored in Python.

Matrix: constructors take Python names while manifests parse by wire names only; `to_k8s`
drops null and empty fields but keeps free-form maps as written; a `@cel_rule` method lands
in the JSON schema and raises its message (also when inherited); a `Cel` field annotation
does both for a field; duration, day-duration and quantity types accept and reject what the
CRD's rules accept and reject.
"""

from __future__ import annotations

import pytest
from pydantic import Field, ValidationError

from ngf_console.api.v1alpha1.base import K8sModel, cel_rule
from ngf_console.api.v1alpha1.common import ResourceRequirements, ThresholdSpec
from ngf_console.api.v1alpha1.gatewaybundle import NginxProxySpec
from ngf_console.api.v1alpha1.inferencestack import ModelSpec
from ngf_console.api.v1alpha1.migrationplan import MigrationSource


class Window(K8sModel):
    """A test model with one cross-field rule."""

    low: int = Field(description="Lower bound.")
    high: int = Field(description="Upper bound.")

    @cel_rule("self.low <= self.high", "low must not exceed high", field_path=".low")
    def _ordered(self) -> bool:
        return self.low <= self.high


class NamedWindow(Window):
    """Inherits the rule and adds one."""

    name: str = Field(default="w", max_length=8, description="Name.")

    @cel_rule("self.name != 'bad'", "name must not be bad")
    def _not_bad(self) -> bool:
        return self.name != "bad"


def test_constructor_takes_python_names_and_dumps_wire_names() -> None:
    spec = ModelSpec(backend="vllm", name="m", image="i", gpu_type="L4", gpus_per_pod=1)

    assert spec.to_k8s() == {
        "backend": "vllm",
        "name": "m",
        "image": "i",
        "gpuType": "L4",
        "gpusPerPod": 1,
    }


def test_manifests_parse_by_wire_names_only() -> None:
    with pytest.raises(ValidationError) as info:
        ModelSpec.from_k8s(
            {"backend": "vllm", "name": "m", "image": "i", "gpuType": "L4", "gpus_per_pod": 1}
        )

    assert {e["type"] for e in info.value.errors()} == {"missing", "extra_forbidden"}


def test_explicit_aliases_keep_the_spec_spelling() -> None:
    source = MigrationSource.from_k8s({"type": "ingress", "sourceYAML": "kind: Ingress"})

    assert source.source_yaml == "kind: Ingress"
    assert source.to_k8s() == {"type": "ingress", "sourceYAML": "kind: Ingress"}


def test_to_k8s_omits_null_and_empty_fields_but_keeps_free_form_maps() -> None:
    proxy = NginxProxySpec(additional_config={"telemetry": {}, "tags": []})

    assert proxy.to_k8s() == {"additionalConfig": {"telemetry": {}, "tags": []}}
    assert NginxProxySpec().to_k8s() == {}


def test_quantities_keep_integers_and_strings_apart() -> None:
    resources = ResourceRequirements.from_k8s({"requests": {"cpu": 2, "memory": "80Gi"}})

    assert resources.to_k8s() == {"requests": {"cpu": 2, "memory": "80Gi"}}
    with pytest.raises(ValidationError):
        ResourceRequirements.from_k8s({"requests": {"memory": "80 GB"}})


def test_cel_rule_is_in_the_schema_and_raises_its_message() -> None:
    schema = Window.model_json_schema()

    assert schema["x-kubernetes-validations"] == [
        {
            "rule": "self.low <= self.high",
            "message": "low must not exceed high",
            "fieldPath": ".low",
        }
    ]
    with pytest.raises(ValidationError, match="low must not exceed high"):
        Window(low=2, high=1)


def test_rules_are_inherited_and_all_failures_are_reported() -> None:
    messages = [
        rule["message"] for rule in NamedWindow.model_json_schema()["x-kubernetes-validations"]
    ]

    assert messages == ["low must not exceed high", "name must not be bad"]
    with pytest.raises(ValidationError, match="low must not exceed high; name must not be bad"):
        NamedWindow(low=2, high=1, name="bad")


def test_field_rule_is_in_the_schema_and_located_at_the_field() -> None:
    schema = ThresholdSpec.model_json_schema()["properties"]["value"]

    assert schema["x-kubernetes-validations"] == [
        {"rule": "self > 0.0", "message": "threshold value must be greater than 0"}
    ]
    with pytest.raises(ValidationError) as info:
        ThresholdSpec(value=0, duration="60s")
    assert info.value.errors()[0]["loc"] == ("value",)


@pytest.mark.parametrize("duration", ["0s", "60s", "1m30s", "500ms", "1.5h", "10us", "2h45m"])
def test_go_durations_are_accepted(duration: str) -> None:
    assert ThresholdSpec(value=1, duration=duration).duration == duration


@pytest.mark.parametrize("duration", ["", "60", "60 s", "-1s", "1d", "1.s", "s", "60s\n"])
def test_non_durations_are_rejected(duration: str) -> None:
    with pytest.raises(ValidationError, match="must be a duration such as"):
        ThresholdSpec(value=1, duration=duration)
