"""SnippetsPolicy (`snippetspolicy`, NGF 2.4.0+): NGINX snippets for Gateways, a Direct policy.

Label `gateway.networking.k8s.io/policy: direct`. `targetRefs` name Gateways. A Gateway has no
location of its own, so the `http.server.location` context is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Literal

from pydantic import Field

from ngf_console.api.v1alpha1.base import Cel, K8sModel
from ngf_console.upstream.ngf.gatewayapi import (
    GATEWAY_GROUP,
    UNIQUE_KIND_AND_NAME,
    LocalPolicyTargetReference,
    PolicyStatus,
    kinds_rule,
    target_refs_field,
)
from ngf_console.upstream.ngf.meta import (
    ObjectMeta,
    api_version_field,
    kind_field,
    metadata_field,
)
from ngf_console.upstream.ngf.snippets import ONE_PER_CONTEXT, Snippet


def _no_location(snippets: Sequence[Snippet]) -> bool:
    return all(snippet.context != "http.server.location" for snippet in snippets)


NO_LOCATION = Cel(
    "!self.exists(s, s.context == 'http.server.location')",
    "http.server.location context is not supported in SnippetsPolicy",
    _no_location,
)

SnippetsPolicyTargetRefs = Annotated[
    list[LocalPolicyTargetReference],
    kinds_rule(("Gateway",), "TargetRef Kind must be: Gateway"),
    GATEWAY_GROUP,
    UNIQUE_KIND_AND_NAME,
]


class SnippetsPolicySpec(K8sModel):
    """Desired state of an NGF SnippetsPolicy."""

    snippets: Annotated[list[Snippet], ONE_PER_CONTEXT, NO_LOCATION] = Field(
        min_length=1,
        max_length=3,
        description="The snippets to insert, at most one per context: main, http or http.server.",
    )
    target_refs: SnippetsPolicyTargetRefs = target_refs_field(
        "The Gateways (in this namespace) the policy applies to; 1-16, unique."
    )


class SnippetsPolicy(K8sModel):
    """NGINX Gateway Fabric SnippetsPolicy: a Direct policy that inserts NGINX configuration
    snippets into the configuration of the Gateways it targets."""

    api_version: Literal["gateway.nginx.org/v1alpha1"] = api_version_field("v1alpha1")
    kind: Literal["SnippetsPolicy"] = kind_field("SnippetsPolicy")
    metadata: ObjectMeta = metadata_field()
    spec: SnippetsPolicySpec = Field(description="Desired state of the policy.")
    status: PolicyStatus | None = Field(
        default=None, description="State of the policy per ancestor, written by NGF."
    )
