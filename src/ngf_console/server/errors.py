"""The API server's errors and its one exception handler.

Every error answer has the same body (`ErrorBody`, Kubernetes' `Status` in spirit): the HTTP
status, a machine-readable reason, a message, the request id and, for validation failures, the
field causes. The tree of errors the server raises, with their status:

```
ServerError
├── UnauthorizedError    401  no bearer token, or one Kubernetes does not accept
├── ForbiddenError       403  RBAC denies the verb on the resource
├── ResourceNotFoundError 404  no such object (or audit entry)
├── ConflictError        409  stale resourceVersion, already exists, secret unavailable
├── BadRequestError      400  malformed query (selector, continue token, filters)
├── InvalidError         422  the body fails validation (field causes)
└── UnavailableError     503  a cache has not synced yet (e.g. a CRD is not installed)
```

The handler also maps errors of other boundaries: FastAPI's request validation (422 with field
paths), `KubeApiError` (the API server's own status: 422 with its field causes, 403, 404, 409,
400 pass through; 429 becomes 503; anything else becomes 502), and the store's errors
(`NotFoundError` 404, `InvalidCursorError`/`ResourceMismatchError` 400,
`RedactedValueMissingError` 409). Anything else is a 500 whose body carries only the request
id; the traceback goes to the log.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ngf_console.kube.errors import KubeApiError
from ngf_console.store import (
    InvalidCursorError,
    NotFoundError,
    RedactedValueMissingError,
    ResourceMismatchError,
)
from ngf_console.store.errors import StoreError

log = structlog.get_logger(__name__)

REQUEST_ID_HEADER = "X-Request-Id"


class Cause(BaseModel):
    """One reason of a refusal: the field (dotted path) and what is wrong with it."""

    model_config = ConfigDict(alias_generator=to_camel, validate_by_name=True)

    field: str = Field(description="Dotted path of the field, e.g. `spec.pool.replicas`.")
    message: str = Field(description="What is wrong with the field.")
    reason: str = Field(default="FieldValueInvalid", description="Machine-readable reason.")


class ErrorBody(BaseModel):
    """The body of every error answer."""

    model_config = ConfigDict(alias_generator=to_camel, validate_by_name=True)

    status: int = Field(description="The HTTP status code.")
    reason: str = Field(description="Machine-readable reason, e.g. Invalid, Forbidden.")
    message: str = Field(description="Human-readable explanation.")
    request_id: str = Field(description="Id of the request; the server logs it.")
    causes: list[Cause] = Field(default_factory=list, description="Field-level causes.")


class ServerError(Exception):
    """Base of the errors the server raises; `status` and `reason` shape the answer."""

    status = 500
    reason = "InternalError"

    def __init__(self, message: str, *, causes: Sequence[Cause] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.causes = list(causes)


class UnauthorizedError(ServerError):
    status = 401
    reason = "Unauthorized"


class ForbiddenError(ServerError):
    status = 403
    reason = "Forbidden"


class ResourceNotFoundError(ServerError):
    status = 404
    reason = "NotFound"


class ConflictError(ServerError):
    status = 409
    reason = "Conflict"


class BadRequestError(ServerError):
    status = 400
    reason = "BadRequest"


class InvalidError(ServerError):
    status = 422
    reason = "Invalid"


class UnavailableError(ServerError):
    status = 503
    reason = "ServiceUnavailable"


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in (
        (400, "Malformed query"),
        (401, "No valid bearer token"),
        (403, "Kubernetes RBAC denies the request"),
        (404, "Not found"),
        (409, "Conflict (stale resourceVersion, already exists)"),
        (422, "Validation failed; `causes` lists the fields"),
        (500, "Unexpected error; the log has the request id"),
        (503, "Not ready (a watch cache has not synced)"),
    )
}


def request_id(request: HTTPConnection) -> str:
    """The id the middleware gave this request."""
    return str(getattr(request.state, "request_id", "") or "-")


def error_response(
    request: HTTPConnection, status: int, reason: str, message: str, causes: Sequence[Cause] = ()
) -> JSONResponse:
    """An error answer with the common body."""
    rid = request_id(request)
    body = ErrorBody(
        status=status, reason=reason, message=message, request_id=rid, causes=list(causes)
    )
    headers = {REQUEST_ID_HEADER: rid}
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse(body.model_dump(by_alias=True), status_code=status, headers=headers)


def validation_causes(errors: Sequence[Any]) -> list[Cause]:
    """Field causes of pydantic errors; a `body` prefix of FastAPI's locations is dropped."""
    causes = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ()) if part != "body"]
        message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
        causes.append(Cause(field=".".join(loc) or "<body>", message=message))
    return causes


def _summary(causes: Sequence[Cause]) -> str:
    return "; ".join(f"{c.field}: {c.message}" for c in causes[:5]) or "invalid request"


def _kube_error(request: Request, error: KubeApiError) -> JSONResponse:
    if error.code == 422:
        causes = [Cause(field=c.field, message=c.message, reason=c.reason) for c in error.causes]
        return error_response(request, 422, "Invalid", error.reason, causes)
    if error.code in (400, 403, 404, 409):
        reason = error.status_reason or {400: "BadRequest", 403: "Forbidden"}.get(error.code, "")
        return error_response(request, error.code, reason or "Conflict", error.reason)
    if error.code == 401:
        return error_response(request, 401, "Unauthorized", "Kubernetes rejected the token")
    if error.code == 429:
        return error_response(request, 503, "ServiceUnavailable", f"retry: {error.reason}")
    log.error("Kubernetes API error", error=str(error), request_id=request_id(request))
    return error_response(
        request, 502, "BadGateway", f"the Kubernetes API failed (HTTP {error.code})"
    )


def _store_error(request: Request, error: StoreError) -> JSONResponse:
    if isinstance(error, NotFoundError):
        return error_response(request, 404, "NotFound", str(error))
    if isinstance(error, (InvalidCursorError, ResourceMismatchError)):
        return error_response(request, 400, "BadRequest", str(error))
    if isinstance(error, RedactedValueMissingError):
        return error_response(request, 409, "Conflict", str(error))
    return _unexpected(request, error)


def _unexpected(request: Request, error: Exception) -> JSONResponse:
    rid = request_id(request)
    log.exception("unexpected error", request_id=rid, error_type=type(error).__name__)
    return error_response(
        request, 500, "InternalError", f"internal error; quote request id {rid} to an admin"
    )


async def handle(request: Request, error: Exception) -> JSONResponse:
    """The one exception handler (see the module docstring)."""
    if isinstance(error, ServerError):
        return error_response(request, error.status, error.reason, error.message, error.causes)
    if isinstance(error, RequestValidationError):
        causes = validation_causes(error.errors())
        return error_response(request, 422, "Invalid", _summary(causes), causes)
    if isinstance(error, KubeApiError):
        return _kube_error(request, error)
    if isinstance(error, StoreError):
        return _store_error(request, error)
    if isinstance(error, HTTPException):
        reason = {404: "NotFound", 405: "MethodNotAllowed"}.get(error.status_code, "Error")
        return error_response(request, error.status_code, reason, str(error.detail))
    return _unexpected(request, error)


_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Give each HTTP request an id (the caller's `X-Request-Id` if sane), log with it, echo it.

    Pure ASGI (no response buffering), so large list bodies stream through untouched.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get(REQUEST_ID_HEADER, "")
        rid = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = rid

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = rid
            await send(message)

        with structlog.contextvars.bound_contextvars(request_id=rid):
            await self.app(scope, receive, send_with_id)


def install(app: FastAPI) -> None:
    """Give requests ids and route every exception through `handle`."""
    app.add_middleware(RequestIdMiddleware)
    kinds = (ServerError, RequestValidationError, KubeApiError, StoreError, HTTPException)
    for kind in (*kinds, Exception):
        app.add_exception_handler(kind, handle)
