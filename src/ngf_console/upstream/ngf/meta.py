"""The API group and the top-level fields (`apiVersion`, `kind`, `metadata`) of every NGF kind.

NGF serves one version per kind (`v1alpha1`, except NginxProxy and ObservabilityPolicy at
`v1alpha2`), so the version is part of each kind's `apiVersion` literal.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ngf_console.api.v1alpha1.common import ObjectMeta

GROUP = "gateway.nginx.org"
"""NGF's API group."""

V1ALPHA1 = "v1alpha1"
V1ALPHA2 = "v1alpha2"

__all__ = ["GROUP", "V1ALPHA1", "V1ALPHA2", "ObjectMeta", "api_version_field", "kind_field"]


def api_version_field(version: str) -> Any:
    """The `apiVersion` field of an NGF kind served at `version`."""
    return Field(
        default=f"{GROUP}/{version}",
        description=f"The versioned schema of this representation: {GROUP}/{version}.",
    )


def kind_field(kind: str) -> Any:
    """The `kind` field of an NGF kind."""
    return Field(default=kind, description=f"The REST resource this object represents: {kind}.")


def metadata_field() -> Any:
    """The `metadata` field of an NGF kind."""
    return Field(default_factory=ObjectMeta, description="Standard object metadata.")
