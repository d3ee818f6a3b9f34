"""NGINX configuration snippets, shared by SnippetsFilter and SnippetsPolicy.

A snippet is raw NGINX configuration inserted into one context of the generated config; NGF
allows one snippet per context. NGF only honours snippets when its control plane runs with
`--snippets` (formerly `--snippets-filters`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import Field

from ngf_console.api.v1alpha1.base import Cel, K8sModel

NginxContext = Literal["main", "http", "http.server", "http.server.location"]


class Snippet(K8sModel):
    """One NGINX configuration snippet (NGF `Snippet`)."""

    context: NginxContext = Field(
        description="NGINX context to insert the snippet into: main, http, http.server or "
        "http.server.location."
    )
    value: str = Field(min_length=1, description="The NGINX configuration to insert.")


def _one_per_context(snippets: Sequence[Snippet]) -> bool:
    contexts = [snippet.context for snippet in snippets]
    return len(contexts) == len(set(contexts))


ONE_PER_CONTEXT = Cel(
    "self.all(s1, self.exists_one(s2, s1.context == s2.context))",
    "Only one snippet allowed per context",
    _one_per_context,
)
