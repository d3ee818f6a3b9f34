"""Who is calling (`Principal`) and the two protocols that decide about them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ngf_console.kube.reviews import AccessDecision, AccessRequest


@dataclass(frozen=True)
class Principal:
    """An authenticated caller.

    `kube_token` is the credential the server uses to act on Kubernetes as this caller (their
    own bearer token in Kubernetes mode); it is never logged, stored or returned.
    """

    username: str
    uid: str = ""
    groups: tuple[str, ...] = ()
    extra: dict[str, tuple[str, ...]] = field(default_factory=dict)
    kube_token: str = field(default="", repr=False)


class Authenticator(Protocol):
    """Turns a bearer token into a principal."""

    async def authenticate(self, token: str) -> Principal | None:
        """The caller `token` identifies; None when it is not valid."""
        ...


class Authorizer(Protocol):
    """Decides whether a principal may perform a request."""

    async def authorize(self, principal: Principal, request: AccessRequest) -> AccessDecision:
        """Allowed or not, with the reason of a denial."""
        ...


__all__ = ["AccessDecision", "AccessRequest", "Authenticator", "Authorizer", "Principal"]
