"""SnippetsFilter: NGINX snippets attached to routes through an `extensionRef` filter.

Referenced from an HTTPRoute or GRPCRoute rule's `filters[].extensionRef`; NGF needs
`--snippets` (formerly `--snippets-filters`). Status is per controller (`controllers[]`) with
an `Accepted` condition.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ngf_console.api.v1alpha1.base import K8sModel
from ngf_console.upstream.ngf.gatewayapi import FilterStatus
from ngf_console.upstream.ngf.meta import (
    ObjectMeta,
    api_version_field,
    kind_field,
    metadata_field,
)
from ngf_console.upstream.ngf.snippets import ONE_PER_CONTEXT, Snippet


class SnippetsFilterSpec(K8sModel):
    """Desired state of an NGF SnippetsFilter."""

    snippets: Annotated[list[Snippet], ONE_PER_CONTEXT] = Field(
        min_length=1,
        max_length=4,
        description="The snippets to insert, at most one per context (1-4).",
    )


class SnippetsFilter(K8sModel):
    """NGINX Gateway Fabric SnippetsFilter: NGINX configuration snippets inserted for the
    HTTPRoute and GRPCRoute rules that reference it as an extensionRef filter."""

    api_version: Literal["gateway.nginx.org/v1alpha1"] = api_version_field("v1alpha1")
    kind: Literal["SnippetsFilter"] = kind_field("SnippetsFilter")
    metadata: ObjectMeta = metadata_field()
    spec: SnippetsFilterSpec = Field(description="Desired state of the filter.")
    status: FilterStatus | None = Field(
        default=None, description="State of the filter per controller, written by NGF."
    )
