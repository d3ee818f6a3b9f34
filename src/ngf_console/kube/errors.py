"""Errors of the Kubernetes API as the adapter reports them to the API server.

`KubeApiError` carries what the API server said — the HTTP code, its machine-readable
`reason` (`Invalid`, `Forbidden`, `NotFound`, `Conflict`, `AlreadyExists`, …), the message and,
for validation failures, one `Cause` per field — so that the server can answer with the same
status and field paths without importing lightkube. It is a `KubeWriteError`, so code written
against the operator's write errors handles it too.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx2
from lightkube import ApiError

from ngf_console.kube.writes import KubeWriteError


@dataclass(frozen=True)
class Cause:
    """One reason of a refusal, usually a field (`spec.pool.replicas`) and what is wrong."""

    field: str
    message: str
    reason: str


class KubeApiError(KubeWriteError):
    """The API server refused a request."""

    def __init__(
        self,
        action: str,
        target: str,
        code: int,
        message: str,
        *,
        reason: str = "",
        causes: tuple[Cause, ...] = (),
    ) -> None:
        super().__init__(action, target, code, message)
        self.status_reason = reason
        self.causes = causes


def api_error(action: str, target: str, error: Exception) -> KubeApiError:
    """Translate a lightkube/httpx error into a `KubeApiError`."""
    if isinstance(error, ApiError):
        status = error.status
        causes = tuple(
            Cause(c.field or "", c.message or "", c.reason or "")
            for c in ((status.details.causes or []) if status.details else [])
        )
        return KubeApiError(
            action,
            target,
            status.code or 0,
            status.message or "",
            reason=status.reason or "",
            causes=causes,
        )
    if isinstance(error, httpx2.HTTPStatusError):
        response = error.response
        return KubeApiError(action, target, response.status_code, response.text[:500])
    return KubeApiError(action, target, 0, str(error))
