"""NGF's shared types (`apis/v1alpha1/shared_types.go`) and the Kubernetes shapes its kinds use.

* `Duration` (`^[0-9]{1,4}(ms|s|m|h)?$`, a bare number is seconds) and `Size`
  (`^\\d{1,4}(k|m|g)?$`, a bare number is bytes) are NGINX-style values, validated by pattern as
  NGF's CRDs do;
* `SpanAttribute` is an OpenTelemetry span attribute; `LocalObjectReference` names an object
  in the same namespace;
* `Condition` is `metav1.Condition`, as NGF's statuses carry it;
* `FreeForm` and `PreservingModel` mark the parts NGF's documentation names without detailing:
  they become `x-kubernetes-preserve-unknown-fields` in the generated CRD, so the API server
  keeps whatever is written there instead of rejecting fields we did not model.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, ConfigDict, Field, JsonValue, StringConstraints, WithJsonSchema

from ngf_console.api.v1alpha1.base import K8sModel
from ngf_console.api.v1alpha1.common import CONDITION_REASON, CONDITION_TYPE, unique_by

DURATION = r"^[0-9]{1,4}(ms|s|m|h)?$"
SIZE = r"^\d{1,4}(k|m|g)?$"
SPAN_TEXT = r'^([^"$\\]|\\[^$])*$'
PRESERVE = "x-kubernetes-preserve-unknown-fields"

Duration = Annotated[str, StringConstraints(pattern=DURATION)]
"""NGF `Duration`: 1-4 digits with an optional unit ms, s, m or h (`120s`, `50ms`, `5m`, `1h`)."""

Size = Annotated[str, StringConstraints(pattern=SIZE)]
"""NGF `Size`: 1-4 digits with an optional unit k, m or g (`1024`, `8k`, `1m`)."""

Port = Annotated[int, Field(ge=1, le=65535)]
"""A TCP/UDP port number."""

FreeForm = Annotated[
    dict[str, JsonValue],
    WithJsonSchema({"type": "object", PRESERVE: True}),
]
"""An object NGF's documentation does not detail: kept as written (preserve-unknown-fields)."""


def _preserve_unknown(schema: dict[str, Any]) -> None:
    schema.pop("additionalProperties", None)
    schema[PRESERVE] = True


class PreservingModel(K8sModel):
    """A partly documented object: the documented fields are typed and validated, and any
    other field is kept as written, like the API server does with preserve-unknown-fields."""

    model_config = ConfigDict(extra="allow", json_schema_extra=_preserve_unknown)


class SpanAttribute(K8sModel):
    """A key/value pair NGF adds to each tracing span (NGF `SpanAttribute`)."""

    key: str = Field(
        min_length=1,
        max_length=255,
        pattern=SPAN_TEXT,
        description='Key of the span attribute; `"` must be escaped, no `$`, no trailing `\\`.',
    )
    value: str = Field(
        min_length=1,
        max_length=255,
        pattern=SPAN_TEXT,
        description="Value of the span attribute; same format as the key.",
    )


SpanAttributes = Annotated[
    list[SpanAttribute],
    Field(
        max_length=64,
        json_schema_extra={"x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["key"]},
    ),
    unique_by(lambda attribute: attribute.key),
]
"""Span attributes keyed by `key` (at most 64)."""


class LocalObjectReference(K8sModel):
    """A reference to an object in the same namespace (NGF `LocalObjectReference`)."""

    name: str = Field(min_length=1, max_length=253, description="Name of the referenced object.")


class Condition(K8sModel):
    """An observation of the object's state written by NGF (`metav1.Condition`)."""

    type: str = Field(
        max_length=316, pattern=CONDITION_TYPE, description="Type of the condition, e.g. Accepted."
    )
    status: Literal["True", "False", "Unknown"] = Field(description="Status of the condition.")
    observed_generation: int | None = Field(
        default=None, ge=0, description="The .metadata.generation the condition was set for."
    )
    last_transition_time: AwareDatetime = Field(
        description="When the condition last changed status."
    )
    reason: str = Field(
        min_length=1,
        max_length=1024,
        pattern=CONDITION_REASON,
        description="Programmatic identifier of the cause, in CamelCase.",
    )
    message: str = Field(max_length=32768, description="Human-readable detail; may be empty.")


def conditions_field(*, required: bool = False) -> Any:
    """The `Field` of a list of at most 8 conditions keyed by `type` (at least 1 if present)."""
    extra: dict[str, JsonValue] = {
        "x-kubernetes-list-type": "map",
        "x-kubernetes-list-map-keys": ["type"],
    }
    description = "Conditions written by NGF, one per type (at most 8)."
    if required:
        return Field(min_length=1, max_length=8, json_schema_extra=extra, description=description)
    return Field(
        default=None,
        min_length=1,
        max_length=8,
        json_schema_extra=extra,
        description=description,
    )


Conditions = Annotated[list[Condition], unique_by(lambda condition: condition.type)]
"""Conditions, one per type (bounds come from `conditions_field`)."""
