"""Query parameters shared by the list and write endpoints."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from ngf_console.api.v1alpha1.types import DNS_LABEL, DNS_SUBDOMAIN

MAX_LIMIT = 1000

NamespaceQuery = Annotated[
    str | None,
    Query(
        max_length=63,
        pattern=DNS_LABEL,
        description="Only this namespace (all namespaces when absent; that needs a "
        "cluster-wide permission).",
    ),
]
SelectorQuery = Annotated[
    str | None,
    Query(
        alias="labelSelector",
        max_length=1024,
        description="Kubernetes label selector, e.g. `app=x,tier in (a,b)`.",
    ),
]
LimitQuery = Annotated[
    int | None, Query(ge=1, le=MAX_LIMIT, description="Page size (all when absent).")
]
ContinueQuery = Annotated[
    str | None,
    Query(alias="continue", max_length=2048, description="Token of the next page."),
]
DryRunQuery = Annotated[
    bool,
    Query(
        alias="dryRun",
        description="Validate on the API server (schema, CEL, admission) without storing.",
    ),
]
NamespacePath = Annotated[str, "namespace"]
NAME_PATTERN = DNS_SUBDOMAIN
