"""`POST /v1/logs`: the OTLP/HTTP logs receiver of the API server (spec §3.4.2, §3.10.3).

The standard OTLP/HTTP path at the server's root, so an exporter needs only the server's
base URL (`OTEL_EXPORTER_OTLP_ENDPOINT=http://console:8080`); protobuf and JSON bodies,
gzip, partial success and backpressure as `analytics.otlp.router` documents. It is a
protocol endpoint for telemetry exporters, left out of the OpenAPI document.

Authentication and authorization as for every API call (spec §5.2): a Kubernetes bearer
token (`OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer <token>`), and RBAC must allow
`create` on the virtual resource `otlplogs` of group `ngf-console.f5.com` at cluster scope
(like `auditlogs`, no such resource is served by Kubernetes; a ClusterRole names it). Refusals
are 401/403 with an OTLP `Status` body in the request's encoding. The store opens on the
first export (`inference_analytics`); while it cannot, exports get 503 + Retry-After.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from ngf_console.analytics.otlp import responses as r
from ngf_console.analytics.otlp.decode import Encoding
from ngf_console.kube.reviews import AccessRequest
from ngf_console.server.deps import authenticate, get_context
from ngf_console.server.errors import ForbiddenError, ServerError, UnauthorizedError
from ngf_console.server.inference_services import services_of

TELEMETRY_GROUP = "ngf-console.f5.com"
TELEMETRY_RESOURCE = "otlplogs"
router = APIRouter()


def _encoding(request: Request) -> Encoding:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return "json" if content_type == r.JSON else "protobuf"


def _refusal(
    request: Request, status: int, code: int, message: str, *, retry: bool = False
) -> Response:
    encoding = _encoding(request)
    headers = {"Retry-After": "5"} if retry else None
    body = r.status_body(encoding, code, message)
    return Response(body, status, headers=headers, media_type=r.media_type(encoding))


async def _authorize(request: Request) -> None:
    context = get_context(request)
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    principal = await authenticate(context, token.strip() if scheme.lower() == "bearer" else None)
    access = AccessRequest("create", TELEMETRY_GROUP, TELEMETRY_RESOURCE, "")
    decision = await context.authorizer.authorize(principal, access)
    if not decision.allowed:
        raise ForbiddenError(
            f'{principal.username} cannot create resource "{TELEMETRY_RESOURCE}.'
            f'{TELEMETRY_GROUP}" at cluster scope'
        )


@router.post("/v1/logs", include_in_schema=False)
async def export_logs(request: Request) -> Response:
    """One OTLP/HTTP logs export (see the module docstring)."""
    try:
        await _authorize(request)
        receiver = await services_of(request).analytics.receiver()
    except UnauthorizedError as e:
        return _refusal(request, 401, r.UNAUTHENTICATED, e.message)
    except ForbiddenError as e:
        return _refusal(request, 403, r.PERMISSION_DENIED, e.message)
    except ServerError as e:
        return _refusal(request, 503, r.UNAVAILABLE, e.message, retry=True)
    return await receiver.export_logs(request)
