"""Kubernetes mode: TokenReview identifies the caller, SubjectAccessReview authorizes.

Both reviews are created with the server's own client. Answers are cached for a few seconds
(`ttl`): a token by its SHA-256 (never the token itself), a decision by the user, groups and
the exact request — so a page that fires ten requests costs one review of each kind, and a
revoked permission takes effect within `ttl`. A token Kubernetes rejects is not cached.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ngf_console.kube.reviews import (
    AccessDecision,
    AccessRequest,
    ReviewedUser,
    review_access,
    review_token,
)
from ngf_console.server.auth.principal import Principal
from ngf_console.server.auth.ttlcache import TTLCache


def _user(principal: Principal) -> ReviewedUser:
    return ReviewedUser(principal.username, principal.uid, principal.groups, principal.extra)


class KubernetesAuth:
    """`Authenticator` and `Authorizer` backed by the API server."""

    def __init__(self, client: Any, *, ttl: float = 5.0) -> None:
        self._client = client
        self._tokens: TTLCache[Principal] = TTLCache(ttl)
        self._decisions: TTLCache[AccessDecision] = TTLCache(ttl)

    async def authenticate(self, token: str) -> Principal | None:
        key = hashlib.sha256(token.encode()).hexdigest()
        cached = self._tokens.get(key)
        if cached is not None:
            return cached
        user = await review_token(self._client, token)
        if user is None:
            return None
        principal = Principal(user.username, user.uid, user.groups, user.extra, kube_token=token)
        self._tokens.put(key, principal)
        return principal

    async def authorize(self, principal: Principal, request: AccessRequest) -> AccessDecision:
        key = (principal.username, principal.uid, principal.groups, request)
        cached = self._decisions.get(key)
        if cached is not None:
            return cached
        decision = await review_access(self._client, _user(principal), request)
        self._decisions.put(key, decision)
        return decision
