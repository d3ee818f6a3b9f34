"""TokenReview and SubjectAccessReview: who is calling, and may they do this.

The API server authenticates a bearer token with a TokenReview and authorizes each request
with a SubjectAccessReview for the exact verb, resource and namespace, both created with the
server's own client (its ClusterRole grants `create` on both). Kubernetes RBAC decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx2
from lightkube import ApiError, AsyncClient
from lightkube.models.authentication_v1 import TokenReviewSpec
from lightkube.models.authorization_v1 import (
    ResourceAttributes,
    SubjectAccessReviewSpec,
)
from lightkube.models.meta_v1 import ObjectMeta
from lightkube.resources.authentication_v1 import TokenReview
from lightkube.resources.authorization_v1 import SubjectAccessReview

from ngf_console.kube.errors import api_error


@dataclass(frozen=True)
class ReviewedUser:
    """A user the API server authenticated."""

    username: str
    uid: str = ""
    groups: tuple[str, ...] = ()
    extra: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class AccessRequest:
    """What a caller wants to do: a verb on a resource (in a namespace, optionally by name).

    `namespace` "" asks for every namespace (or a cluster-scoped resource).
    """

    verb: str
    group: str
    resource: str
    namespace: str = ""
    name: str = ""
    subresource: str = ""


@dataclass(frozen=True)
class AccessDecision:
    """The authorizer's answer and, when it denies, why (may be empty)."""

    allowed: bool
    reason: str = ""


async def review_token(client: AsyncClient, token: str) -> ReviewedUser | None:
    """The user `token` belongs to; None when the API server does not accept it."""
    review = TokenReview(metadata=ObjectMeta(), spec=TokenReviewSpec(token=token))
    try:
        result = await client.create(review)
    except (ApiError, httpx2.HTTPError) as e:
        raise api_error("create", "TokenReview", e) from e
    status = result.status
    if status is None or not status.authenticated or status.user is None:
        return None
    user = status.user
    return ReviewedUser(
        username=user.username or "",
        uid=user.uid or "",
        groups=tuple(user.groups or ()),
        extra={k: tuple(v) for k, v in (user.extra or {}).items()},
    )


async def review_access(
    client: AsyncClient, user: ReviewedUser, request: AccessRequest
) -> AccessDecision:
    """Whether `user` may perform `request` (a SubjectAccessReview)."""
    review = SubjectAccessReview(
        metadata=ObjectMeta(),
        spec=SubjectAccessReviewSpec(
            user=user.username,
            uid=user.uid or None,
            groups=list(user.groups),
            extra={k: list(v) for k, v in user.extra.items()} or None,
            resourceAttributes=ResourceAttributes(
                verb=request.verb,
                group=request.group,
                resource=request.resource,
                namespace=request.namespace or None,
                name=request.name or None,
                subresource=request.subresource or None,
            ),
        ),
    )
    try:
        result = await client.create(review)
    except (ApiError, httpx2.HTTPError) as e:
        raise api_error("create", "SubjectAccessReview", e) from e
    status = result.status
    if status is None:
        return AccessDecision(False, "no answer from the authorizer")
    return AccessDecision(bool(status.allowed), status.reason or "")
