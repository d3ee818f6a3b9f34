"""lightkube generic resources of the five parent kinds, from the registry."""

from __future__ import annotations

import copy
from typing import Any

from lightkube.generic_resource import GenericNamespacedResource, create_namespaced_resource

from ngf_console.api import GROUP
from ngf_console.api.v1alpha1 import KINDS, VERSION

RESOURCES: dict[str, type[GenericNamespacedResource]] = {
    info.kind: create_namespaced_resource(GROUP, VERSION, info.kind, info.plural) for info in KINDS
}


def in_namespace(doc: dict[str, Any], namespace: str) -> dict[str, Any]:
    """A copy of `doc` placed in `namespace`."""
    out = copy.deepcopy(doc)
    out.setdefault("metadata", {})["namespace"] = namespace
    return out


def as_resource(doc: dict[str, Any], namespace: str) -> GenericNamespacedResource:
    """`doc` in `namespace`, as the generic resource of its kind."""
    return RESOURCES[doc["kind"]](**in_namespace(doc, namespace))
