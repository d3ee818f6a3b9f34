"""Kubernetes mode: TokenReview identifies the caller, SubjectAccessReview authorizes.

Both reviews are created with the server's own client. Answers are cached for a few seconds
(`ttl`): a token by its SHA-256 (never the token itself), a decision by the user, groups and
the exact request — so a page that fires ten requests costs one review of each kind, and a
revoked permission takes effect within `ttl`. A token Kubernetes rejects is not cached.

Refresh-ahead: a cached answer used in the second half of its life is reviewed again in the
background while the request goes on with it, so a caller who keeps making requests never
waits for a review after the first one. An answer is still never used more than `ttl` after
Kubernetes gave it; a refresh that fails leaves the entry to expire as usual.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from collections.abc import Awaitable, Callable, Hashable
from typing import Any

import structlog

from ngf_console.kube.reviews import (
    AccessDecision,
    AccessRequest,
    ReviewedUser,
    review_access,
    review_token,
)
from ngf_console.server.auth.principal import Principal
from ngf_console.server.auth.ttlcache import TTLCache

log = structlog.get_logger(__name__)


def _user(principal: Principal) -> ReviewedUser:
    return ReviewedUser(principal.username, principal.uid, principal.groups, principal.extra)


class KubernetesAuth:
    """`Authenticator` and `Authorizer` backed by the API server."""

    def __init__(self, client: Any, *, ttl: float = 5.0) -> None:
        self._client = client
        self._ttl = ttl
        self._tokens: TTLCache[Principal] = TTLCache(ttl)
        self._decisions: TTLCache[AccessDecision] = TTLCache(ttl)
        self._refreshing: dict[Hashable, asyncio.Task[None]] = {}

    async def authenticate(self, token: str) -> Principal | None:
        key = hashlib.sha256(token.encode()).hexdigest()
        found = self._tokens.lookup(key)
        if found is None:
            return await self._review_token(key, token)
        principal, left = found
        self._refresh_ahead(("token", key), left, lambda: self._review_token(key, token))
        return principal

    async def authorize(self, principal: Principal, request: AccessRequest) -> AccessDecision:
        key = (principal.username, principal.uid, principal.groups, request)
        found = self._decisions.lookup(key)
        if found is None:
            return await self._review_access(key, principal, request)
        decision, left = found
        self._refresh_ahead(
            ("access", key), left, lambda: self._review_access(key, principal, request)
        )
        return decision

    async def close(self) -> None:
        """Cancel the refreshes in flight (at shutdown)."""
        tasks = list(self._refreshing.values())
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _review_token(self, key: str, token: str) -> Principal | None:
        user = await review_token(self._client, token)
        if user is None:
            self._tokens.discard(key)
            return None
        principal = Principal(user.username, user.uid, user.groups, user.extra, kube_token=token)
        self._tokens.put(key, principal)
        return principal

    async def _review_access(
        self, key: Hashable, principal: Principal, request: AccessRequest
    ) -> AccessDecision:
        decision = await review_access(self._client, _user(principal), request)
        self._decisions.put(key, decision)
        return decision

    def _refresh_ahead(
        self, key: Hashable, left: float, review: Callable[[], Awaitable[object]]
    ) -> None:
        if left > self._ttl / 2 or key in self._refreshing:
            return
        self._refreshing[key] = asyncio.create_task(self._refresh(key, review))

    async def _refresh(self, key: Hashable, review: Callable[[], Awaitable[object]]) -> None:
        try:
            await review()
        except Exception as e:  # the entry expires as usual; logged, not raised
            log.warning("auth refresh failed", error=type(e).__name__)
        finally:
            self._refreshing.pop(key, None)
