"""Types shared by several kinds: references, selectors, Kubernetes core shapes, status parts.

The JSON shapes follow the Kubernetes types they stand for (`metav1.Condition`,
`metav1.LabelSelector`, `corev1.Toleration`, `corev1.ResourceRequirements`) so that the
operator can copy them into child objects unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, ConfigDict, Field

from ngf_console.api.v1alpha1.base import API_VERSION, Cel, K8sModel
from ngf_console.api.v1alpha1.types import Duration, LabelValue, Name, NamespaceName, Quantity

CONDITION_TYPE = (
    r"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
    r"(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$"
)
CONDITION_REASON = r"^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$"


def unique_by(key: Callable[[Any], Hashable]) -> AfterValidator:
    """Reject a list with two items of the same key (mirrors `x-kubernetes-list-type` map/set)."""

    def check(items: list[Any]) -> list[Any]:
        seen: set[Hashable] = set()
        for item in items:
            k = key(item)
            if k in seen:
                raise ValueError(f"Duplicate value: {k!r}")
            seen.add(k)
        return items

    return AfterValidator(check)


class ObjectMeta(K8sModel):
    """Standard object metadata; fields the API server adds are kept as they are."""

    model_config = ConfigDict(extra="allow")

    name: Name | None = Field(default=None, description="Name of the object.")
    generate_name: str | None = Field(
        default=None, max_length=253, description="Prefix for a server-generated name."
    )
    namespace: NamespaceName | None = Field(default=None, description="Namespace of the object.")
    labels: dict[str, str] = Field(default_factory=dict, description="Labels of the object.")
    annotations: dict[str, str] = Field(
        default_factory=dict, description="Annotations of the object."
    )
    uid: str | None = Field(default=None, description="Unique id set by the API server.")
    resource_version: str | None = Field(
        default=None, description="Version for optimistic concurrency, set by the API server."
    )
    generation: int | None = Field(
        default=None, description="Generation of the spec, incremented by the API server."
    )
    finalizers: list[str] = Field(
        default_factory=list, description="Finalizers that must run before deletion."
    )


class ObjectReference(K8sModel):
    """A reference to a namespaced object by name."""

    name: Name = Field(description="Name of the referenced object.")
    namespace: NamespaceName | None = Field(
        default=None,
        description="Namespace of the referenced object; defaults to the namespace of this object.",
    )


class LabelSelectorRequirement(K8sModel):
    """One set-based requirement of a label selector."""

    key: str = Field(min_length=1, max_length=317, description="The label key.")
    operator: Literal["In", "NotIn", "Exists", "DoesNotExist"] = Field(
        description="How the key relates to the values."
    )
    values: list[LabelValue] = Field(
        default_factory=list,
        max_length=64,
        description="Values for In and NotIn; must be empty for Exists and DoesNotExist.",
    )


class LabelSelector(K8sModel):
    """A Kubernetes label selector (`metav1.LabelSelector`); its requirements are ANDed."""

    match_labels: dict[str, LabelValue] = Field(
        default_factory=dict, max_length=64, description="Labels that must all match exactly."
    )
    match_expressions: list[LabelSelectorRequirement] = Field(
        default_factory=list, max_length=16, description="Set-based requirements."
    )


class Toleration(K8sModel):
    """A pod toleration (`corev1.Toleration`), e.g. for GPU node taints."""

    key: str | None = Field(
        default=None, max_length=317, description="Taint key; empty with Exists matches all."
    )
    operator: Literal["Exists", "Equal"] = Field(
        default="Equal", description="Exists matches any value; Equal matches `value`."
    )
    value: LabelValue | None = Field(default=None, description="Taint value for Equal.")
    effect: Literal["NoSchedule", "PreferNoSchedule", "NoExecute"] | None = Field(
        default=None, description="Taint effect to tolerate; empty tolerates every effect."
    )
    toleration_seconds: int | None = Field(
        default=None,
        ge=0,
        description="For NoExecute: how long the pod stays bound after the taint appears.",
    )


class ResourceRequirements(K8sModel):
    """Compute resources per pod (`corev1.ResourceRequirements`)."""

    requests: dict[str, Quantity] = Field(
        default_factory=dict,
        max_length=16,
        description='Minimum resources, e.g. `{"nvidia.com/gpu": "1", memory: 80Gi}`.',
    )
    limits: dict[str, Quantity] = Field(
        default_factory=dict, max_length=16, description="Maximum resources."
    )


class InlineCertSpec(K8sModel):
    """A PEM certificate and private key given inline; the operator stores them in a Secret."""

    certificate: str = Field(
        max_length=65536,
        pattern="-----BEGIN CERTIFICATE-----",
        description="PEM-encoded certificate chain, leaf first.",
    )
    private_key: str = Field(
        max_length=16384,
        pattern="-----BEGIN ([A-Z]+ )?PRIVATE KEY-----",
        description="PEM-encoded private key matching the leaf certificate (write-only in the UI).",
    )


def _positive(value: float) -> bool:
    return value > 0


class ThresholdSpec(K8sModel):
    """A scale-up trigger: the metric must stay above `value` for `duration`."""

    value: Annotated[
        float, Cel("self > 0.0", "threshold value must be greater than 0", _positive)
    ] = Field(description="Threshold the metric must exceed (must be greater than 0).")
    duration: Duration = Field(
        description="How long the metric must stay above the threshold, e.g. `60s`."
    )


class ChildStatus(K8sModel):
    """The state of one child resource as the operator last saw it."""

    name: str | None = Field(default=None, max_length=253, description="Name of the child.")
    namespace: str | None = Field(
        default=None, max_length=63, description="Namespace of the child."
    )
    ready: bool = Field(description="Whether the child is ready.")
    message: str | None = Field(
        default=None, max_length=1024, description="Human-readable detail, e.g. why not ready."
    )
    last_synced_at: AwareDatetime | None = Field(
        default=None, description="When the operator last applied or checked this child."
    )


class Condition(K8sModel):
    """An observation of the object's state (`metav1.Condition`)."""

    type: str = Field(
        max_length=316,
        pattern=CONDITION_TYPE,
        description="Condition type in CamelCase, e.g. Ready, Reconciled, Degraded.",
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


Conditions = Annotated[
    list[Condition],
    Field(
        max_length=16,
        json_schema_extra={
            "x-kubernetes-list-type": "map",
            "x-kubernetes-list-map-keys": ["type"],
        },
    ),
    unique_by(lambda condition: condition.type),
]
"""Conditions keyed by type (one entry per type)."""


def defaulted(model: type[K8sModel], description: str) -> Any:
    """An optional object field whose absence means "all defaults".

    The CRD default is the default object written out in full: the API server checks a
    default against the CEL rules without applying the nested defaults first.
    """
    return Field(
        default_factory=model,
        json_schema_extra={"default": model().to_k8s()},
        description=description,
    )


def conditions_field() -> Any:
    """The `conditions` field every status has."""
    return Field(
        default_factory=list,
        description="Observations of the object's state, one per type: Ready, Reconciled, "
        "Degraded and kind-specific types.",
    )


def observed_generation_field() -> Any:
    """The `observedGeneration` field every status has."""
    return Field(
        default=None,
        ge=0,
        description="The .metadata.generation the operator last reconciled.",
    )


def api_version_field() -> Any:
    """The `apiVersion` field of a kind."""
    return Field(
        default=API_VERSION,
        description="The versioned schema of this representation: ngf-console.f5.com/v1alpha1.",
    )


def kind_field(kind: str) -> Any:
    """The `kind` field of a kind."""
    return Field(default=kind, description=f"The REST resource this object represents: {kind}.")


def metadata_field() -> Any:
    """The `metadata` field of a kind."""
    return Field(default_factory=ObjectMeta, description="Standard object metadata.")


def status_field() -> Any:
    """The `status` field of a kind, written by the operator only."""
    return Field(
        default=None,
        description="Observed state, written by the operator through the status subresource.",
    )
