"""FastAPI dependencies as `Annotated` aliases: the context, the caller, the guard.

* `ContextDep` — the `AppContext` built at start-up.
* `CurrentUser` — the authenticated caller (401 without a valid bearer token).
* `GuardDep` — checks one verb on one resource for the caller (403 when RBAC denies),
  by SubjectAccessReview: `await guard.require("list", rtype, namespace)`.

The console's own data (audit log) is authorized as the virtual resource `auditlogs` in the
`ngf-console.f5.com` group: RBAC rules may name it like any resource, per namespace.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ngf_console.kube.reviews import AccessRequest
from ngf_console.server.auth import Principal
from ngf_console.server.catalog import ResourceType
from ngf_console.server.context import AppContext
from ngf_console.server.errors import ForbiddenError, UnauthorizedError

AUDIT_GROUP = "ngf-console.f5.com"
AUDIT_RESOURCE = "auditlogs"

_bearer = HTTPBearer(auto_error=False, description="A Kubernetes bearer token.")


def get_context(request: Request) -> AppContext:
    context: AppContext = request.app.state.context
    return context


ContextDep = Annotated[AppContext, Depends(get_context)]


async def authenticate(context: AppContext, token: str | None) -> Principal:
    """The caller of `token`; `UnauthorizedError` when there is none or it is not valid."""
    if not token:
        raise UnauthorizedError("a bearer token is required (Authorization: Bearer <token>)")
    principal = await context.authenticator.authenticate(token)
    if principal is None:
        raise UnauthorizedError("the bearer token is not valid")
    return principal


async def current_user(
    context: ContextDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    return await authenticate(context, credentials.credentials if credentials else None)


CurrentUser = Annotated[Principal, Depends(current_user)]


@dataclass(frozen=True)
class Guard:
    """Authorizes the caller's requests (see the module docstring)."""

    context: AppContext
    principal: Principal

    async def require(
        self, verb: str, rtype: ResourceType, namespace: str | None = None, name: str = ""
    ) -> None:
        """Raise `ForbiddenError` unless the caller may `verb` `rtype` (in `namespace`)."""
        request = AccessRequest(verb, rtype.group, rtype.plural, namespace or "", name)
        await self.check(request)

    async def require_audit(self, verb: str, namespace: str | None) -> None:
        """Raise `ForbiddenError` unless the caller may `verb` the audit log (of `namespace`)."""
        await self.check(AccessRequest(verb, AUDIT_GROUP, AUDIT_RESOURCE, namespace or ""))

    async def check(self, request: AccessRequest) -> None:
        decision = await self.context.authorizer.authorize(self.principal, request)
        if not decision.allowed:
            raise ForbiddenError(_denial(self.principal, request, decision.reason))


def _denial(principal: Principal, request: AccessRequest, reason: str) -> str:
    resource = f"{request.resource}.{request.group}" if request.group else request.resource
    where = f'in the namespace "{request.namespace}"' if request.namespace else "at cluster scope"
    text = f'{principal.username} cannot {request.verb} resource "{resource}" {where}'
    return f"{text}: {reason}" if reason else text


def get_guard(context: ContextDep, principal: CurrentUser) -> Guard:
    return Guard(context, principal)


GuardDep = Annotated[Guard, Depends(get_guard)]
