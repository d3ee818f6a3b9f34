"""The Gateway API (v1.5.1) shapes NGF's kinds embed: policy target references and statuses.

* `LocalPolicyTargetReference` (group, kind, name) is how a policy names what it attaches to;
  the CEL rules below restrict the kinds and groups per policy as NGF's CRDs do.
* `PolicyStatus` (`ancestors[]`, each with an `ancestorRef`, the `controllerName` and its
  conditions) is the status of every NGF policy; `FilterStatus` (`controllers[]`) is the status
  of NGF's route filters (SnippetsFilter, AuthenticationFilter).

Field bounds and patterns are Gateway API's, so objects NGF writes parse here unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Any

from pydantic import Field, StringConstraints

from ngf_console.api.v1alpha1.base import Cel, K8sModel
from ngf_console.upstream.ngf.types import Condition, Conditions, Port, conditions_field

GATEWAY_API_GROUP = "gateway.networking.k8s.io"

GROUP_PATTERN = r"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"
KIND_PATTERN = r"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$"
DNS_LABEL = r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"
DNS_SUBDOMAIN = r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"
CONTROLLER_NAME = (
    r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"
    r"\/[A-Za-z0-9\/\-._~%!$&'()*+,;=:]+$"
)

Group = Annotated[str, StringConstraints(max_length=253, pattern=GROUP_PATTERN)]
Kind = Annotated[str, StringConstraints(min_length=1, max_length=63, pattern=KIND_PATTERN)]
ObjectName = Annotated[str, StringConstraints(min_length=1, max_length=253)]
ControllerName = Annotated[
    str, StringConstraints(min_length=1, max_length=253, pattern=CONTROLLER_NAME)
]


class LocalPolicyTargetReference(K8sModel):
    """The object a policy attaches to, in the policy's namespace (Gateway API
    `LocalPolicyTargetReference`)."""

    group: Group = Field(
        description="Group of the target, e.g. gateway.networking.k8s.io ('' for core)."
    )
    kind: Kind = Field(description="Kind of the target, e.g. Gateway, HTTPRoute or Service.")
    name: ObjectName = Field(description="Name of the target.")


Refs = Sequence[LocalPolicyTargetReference]


def kinds_rule(kinds: Sequence[str], message: str) -> Cel:
    """Every targetRef's kind is one of `kinds`."""
    allowed = " || ".join(f"t.kind == '{kind}'" for kind in kinds)

    def check(refs: Refs) -> bool:
        return all(ref.kind in kinds for ref in refs)

    return Cel(f"self.all(t, {allowed})", message, check)


def groups_rule(groups: Sequence[str], message: str) -> Cel:
    """Every targetRef's group is one of `groups`."""
    allowed = " || ".join(f"t.group == '{group}'" for group in groups)

    def check(refs: Refs) -> bool:
        return all(ref.group in groups for ref in refs)

    return Cel(f"self.all(t, {allowed})", message, check)


def _unique(key: Callable[[LocalPolicyTargetReference], object]) -> Callable[[Refs], bool]:
    def check(refs: Refs) -> bool:
        keys = [key(ref) for ref in refs]
        return len(keys) == len(set(keys))

    return check


UNIQUE_KIND_AND_NAME = Cel(
    "self.all(p1, self.exists_one(p2, p1.name == p2.name && p1.kind == p2.kind))",
    "TargetRef Kind and Name combination must be unique",
    _unique(lambda ref: (ref.kind, ref.name)),
)

UNIQUE_NAME = Cel(
    "self.all(p1, self.exists_one(p2, p1.name == p2.name))",
    "TargetRef Name must be unique",
    _unique(lambda ref: ref.name),
)


def _gateway_or_routes(refs: Refs) -> bool:
    kinds = {ref.kind for ref in refs}
    return "Gateway" not in kinds or kinds == {"Gateway"}


GATEWAY_OR_ROUTES = Cel(
    "!(self.exists(t, t.kind == 'Gateway') && self.exists(t, t.kind != 'Gateway'))",
    "Cannot mix Gateway kind with HTTPRoute or GRPCRoute kinds in targetRefs",
    _gateway_or_routes,
)

SAME_KIND = Cel(
    "self.all(t, t.kind == self[0].kind)",
    "All targetRefs must be of the same kind",
    lambda refs: len({ref.kind for ref in refs}) <= 1,
)

GATEWAY_GROUP = groups_rule(
    (GATEWAY_API_GROUP,), "TargetRef Group must be gateway.networking.k8s.io"
)

GATEWAY_AND_ROUTES = kinds_rule(
    ("Gateway", "HTTPRoute", "GRPCRoute"),
    "TargetRef Kind must be one of: Gateway, HTTPRoute, or GRPCRoute",
)


def target_refs_field(description: str) -> Any:
    """The `Field` of a `targetRefs` list: 1 to 16 references."""
    return Field(min_length=1, max_length=16, description=description)


class ParentReference(K8sModel):
    """The ancestor a policy status entry is about, usually a Gateway (Gateway API
    `ParentReference`)."""

    group: Group = Field(
        default=GATEWAY_API_GROUP, description="Group of the ancestor; defaults to Gateway API's."
    )
    kind: Kind = Field(default="Gateway", description="Kind of the ancestor; defaults to Gateway.")
    namespace: (
        Annotated[str, StringConstraints(min_length=1, max_length=63, pattern=DNS_LABEL)] | None
    ) = Field(default=None, description="Namespace of the ancestor.")
    name: ObjectName = Field(description="Name of the ancestor.")
    section_name: (
        Annotated[str, StringConstraints(min_length=1, max_length=253, pattern=DNS_SUBDOMAIN)]
        | None
    ) = Field(default=None, description="Section of the ancestor, e.g. a listener name.")
    port: Port | None = Field(
        default=None, description="Port of the ancestor, e.g. a listener port."
    )


class PolicyAncestorStatus(K8sModel):
    """The state of a policy with respect to one ancestor, as one controller sees it."""

    ancestor_ref: ParentReference = Field(description="The ancestor this entry is about.")
    controller_name: ControllerName = Field(
        description="The controller that wrote this entry, e.g. "
        "gateway.nginx.org/nginx-gateway-controller."
    )
    conditions: Conditions = conditions_field(required=True)


class PolicyStatus(K8sModel):
    """Status of an NGF policy (Gateway API `PolicyStatus`), written by NGF."""

    ancestors: list[PolicyAncestorStatus] = Field(
        max_length=16,
        json_schema_extra={"x-kubernetes-list-type": "atomic"},
        description="The ancestors (usually Gateways) the policy is relevant for and its state "
        "with respect to each; empty when it affects none.",
    )


class ControllerStatus(K8sModel):
    """The state of a filter as one controller sees it (NGF `ControllerStatus`)."""

    controller_name: ControllerName = Field(
        description="The controller that wrote this entry, e.g. "
        "gateway.nginx.org/nginx-gateway-controller."
    )
    conditions: Conditions | None = conditions_field()


class FilterStatus(K8sModel):
    """Status of an NGF route filter, written by NGF: one entry per controller."""

    controllers: list[ControllerStatus] = Field(
        default_factory=list,
        max_length=16,
        description="The controllers that processed the filter and its state for each "
        "(condition Accepted).",
    )


__all__ = [
    "GATEWAY_AND_ROUTES",
    "GATEWAY_API_GROUP",
    "GATEWAY_GROUP",
    "GATEWAY_OR_ROUTES",
    "SAME_KIND",
    "UNIQUE_KIND_AND_NAME",
    "UNIQUE_NAME",
    "Condition",
    "ControllerStatus",
    "FilterStatus",
    "LocalPolicyTargetReference",
    "ParentReference",
    "PolicyAncestorStatus",
    "PolicyStatus",
    "groups_rule",
    "kinds_rule",
    "target_refs_field",
]
