"""Read-only cluster endpoints, from the watch caches.

```
GET /api/v1/gatewayclasses                 GET /api/v1/gatewayclasses/{name}
GET /api/v1/gateways                       GET /api/v1/gateways/{namespace}/{name}
GET /api/v1/namespaces
GET /api/v1/secrets                        metadata only: data is never read into memory
GET /api/v1/events                         filters: namespace, kind, name, type
```
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Response
from fastapi.responses import JSONResponse

from ngf_console.api.v1alpha1.types import DNS_SUBDOMAIN
from ngf_console.server import catalog
from ngf_console.server.deps import ContextDep, GuardDep
from ngf_console.server.errors import ERROR_RESPONSES, ResourceNotFoundError
from ngf_console.server.routers.objects import Name, Namespace, page_response
from ngf_console.server.routers.params import (
    ContinueQuery,
    LimitQuery,
    NamespaceQuery,
    SelectorQuery,
)
from ngf_console.server.schemas import KubeObject, list_model

router = APIRouter(tags=["cluster"], responses=ERROR_RESPONSES)
KubeObjectList = list_model(catalog.GATEWAYS)


def _list_route(path: str, rtype: catalog.ResourceType, operation: str) -> None:
    @router.get(path, response_model=KubeObjectList, operation_id=operation)
    async def list_objects(
        context: ContextDep,
        guard: GuardDep,
        *,
        namespace: NamespaceQuery = None,
        label_selector: SelectorQuery = None,
        limit: LimitQuery = None,
        continue_token: ContinueQuery = None,
    ) -> Response:
        scope = namespace if rtype.namespaced else None
        await guard.require("list", rtype, scope)
        return page_response(
            context.cache.view(rtype),
            namespace=scope,
            selector=label_selector,
            limit=limit,
            continue_token=continue_token,
        )


_list_route("/gatewayclasses", catalog.GATEWAY_CLASSES, "listGatewayClasses")
_list_route("/gateways", catalog.GATEWAYS, "listGateways")
_list_route("/namespaces", catalog.NAMESPACES, "listNamespaces")
_list_route("/secrets", catalog.SECRETS, "listSecrets")


@router.get("/gatewayclasses/{name}", response_model=KubeObject, operation_id="getGatewayClass")
async def get_gateway_class(
    context: ContextDep,
    guard: GuardDep,
    name: Annotated[str, Path(max_length=253, pattern=DNS_SUBDOMAIN)],
) -> JSONResponse:
    rtype = catalog.GATEWAY_CLASSES
    await guard.require("get", rtype, None, name)
    found = context.cache.view(rtype).get("", name)
    if found is None:
        raise ResourceNotFoundError(f'GatewayClass "{name}" not found')
    return JSONResponse(found)


@router.get("/gateways/{namespace}/{name}", response_model=KubeObject, operation_id="getGateway")
async def get_gateway(
    context: ContextDep, guard: GuardDep, namespace: Namespace, name: Name
) -> JSONResponse:
    rtype = catalog.GATEWAYS
    await guard.require("get", rtype, namespace, name)
    found = context.cache.view(rtype).get(namespace, name)
    if found is None:
        raise ResourceNotFoundError(f'Gateway "{namespace}/{name}" not found')
    return JSONResponse(found)


def _event_matches(
    event: dict[str, Any], kind: str | None, name: str | None, event_type: str | None
) -> bool:
    involved = event.get("involvedObject") or {}
    return (
        (kind is None or involved.get("kind") == kind)
        and (name is None or involved.get("name") == name)
        and (event_type is None or event.get("type") == event_type)
    )


@router.get("/events", response_model=KubeObjectList, operation_id="listEvents")
async def list_events(
    context: ContextDep,
    guard: GuardDep,
    *,
    namespace: NamespaceQuery = None,
    kind: Annotated[
        str | None, Query(max_length=63, description="Kind of the involved object.")
    ] = None,
    name: Annotated[
        str | None, Query(max_length=253, description="Name of the involved object.")
    ] = None,
    event_type: Annotated[
        Literal["Normal", "Warning"] | None, Query(alias="type", description="Event type.")
    ] = None,
    limit: LimitQuery = None,
) -> JSONResponse:
    """Events, newest last, filtered by involved object and type."""
    rtype = catalog.EVENTS
    await guard.require("list", rtype, namespace)
    events = [
        e
        for e in context.cache.view(rtype).all(namespace)
        if _event_matches(e, kind, name, event_type)
    ]
    events.sort(key=_event_time)
    if limit is not None:
        events = events[-limit:]
    return JSONResponse({"items": events})


def _event_time(event: dict[str, Any]) -> str:
    return str(
        event.get("lastTimestamp")
        or event.get("eventTime")
        or event.get("metadata", {}).get("creationTimestamp")
        or ""
    )
