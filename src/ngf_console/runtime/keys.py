"""Object identity: `ObjectKey(namespace, name)` and metadata access for any lightkube kind.

Built-in lightkube resources are msgspec structs and generic (CRD) resources are dicts with a
`metadata` property; both expose `.metadata` as an `ObjectMeta`, which `meta()` returns
with a type. Cluster-scoped objects have the namespace `""`.
"""

from __future__ import annotations

from typing import NamedTuple, TypeVar

from lightkube.core.resource import Resource
from lightkube.models.meta_v1 import ObjectMeta

R = TypeVar("R", bound=Resource)


class ObjectKey(NamedTuple):
    """Where an object lives: namespace ("" when cluster-scoped) and name."""

    namespace: str
    name: str

    def __str__(self) -> str:
        return f"{self.namespace}/{self.name}" if self.namespace else self.name


Request = ObjectKey
"""What a reconciler is asked to reconcile: the parent's key (controller-runtime's Request)."""


def meta(obj: Resource) -> ObjectMeta:
    """The object's metadata; an object without metadata is a programming error."""
    value = getattr(obj, "metadata", None)
    if not isinstance(value, ObjectMeta):
        raise TypeError(f"{type(obj).__name__} object has no metadata")
    return value


def key_of(obj: Resource) -> ObjectKey:
    """The object's key."""
    m = meta(obj)
    if not m.name:
        raise ValueError(f"{type(obj).__name__} object has no name")
    return ObjectKey(m.namespace or "", m.name)


def resource_version(obj: Resource) -> str:
    """The object's resourceVersion ("" when unset)."""
    return meta(obj).resourceVersion or ""


def kind_name(kind: type[Resource]) -> str:
    """`Kind.group` (or `Kind` for the core group), for logs and metric labels."""
    info = kind._api_info.resource
    return f"{info.kind}.{info.group}" if info.group else info.kind
