"""CRUD endpoints of a writable kind (parents, routes, policies), one router per kind.

```
GET    /api/v1/{path}                      list (namespace, labelSelector, limit, continue)
POST   /api/v1/{path}                      create            (?dryRun=true: validate only)
GET    /api/v1/{path}/{namespace}/{name}   read
PUT    /api/v1/{path}/{namespace}/{name}   replace the spec  (metadata.resourceVersion)
DELETE /api/v1/{path}/{namespace}/{name}   delete
```

Reads come from the watch cache after a SubjectAccessReview for the caller; writes go to
Kubernetes as the caller (`WritePath`) and are audited.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Response
from fastapi.responses import JSONResponse

from ngf_console.api.v1alpha1.types import DNS_LABEL, DNS_SUBDOMAIN
from ngf_console.server import validation
from ngf_console.server.catalog import ResourceType
from ngf_console.server.deps import ContextDep, GuardDep
from ngf_console.server.errors import (
    ERROR_RESPONSES,
    BadRequestError,
    ResourceNotFoundError,
)
from ngf_console.server.routers.params import (
    ContinueQuery,
    DryRunQuery,
    LimitQuery,
    NamespaceQuery,
    SelectorQuery,
)
from ngf_console.server.schemas import (
    body_schema,
    create_body,
    list_model,
    public_model,
    update_body,
)
from ngf_console.server.views import ObjectView

Namespace = Annotated[str, Path(max_length=63, pattern=DNS_LABEL)]
Name = Annotated[str, Path(max_length=253, pattern=DNS_SUBDOMAIN)]
RawBody = Annotated[Any, Body()]


def page_response(
    view: ObjectView,
    *,
    namespace: str | None,
    selector: str | None,
    limit: int | None,
    continue_token: str | None,
) -> Response:
    """A list answer from a view, pre-encoded (400 for a bad selector or continue token)."""
    try:
        page = view.page(
            namespace=namespace, selector=selector, limit=limit, continue_token=continue_token
        )
    except ValueError as e:
        raise BadRequestError(str(e)) from e
    return Response(page.body(), media_type="application/json")


def object_router(rtype: ResourceType, tag: str) -> APIRouter:
    """The CRUD router of `rtype` (see the module docstring)."""
    router = APIRouter(prefix=f"/{rtype.rest_path}", tags=[tag], responses=ERROR_RESPONSES)
    public = public_model(rtype)
    kind = rtype.kind

    @router.get("", response_model=list_model(rtype), operation_id=f"list{kind}")
    async def list_objects(
        context: ContextDep,
        guard: GuardDep,
        *,
        namespace: NamespaceQuery = None,
        label_selector: SelectorQuery = None,
        limit: LimitQuery = None,
        continue_token: ContinueQuery = None,
    ) -> Response:
        await guard.require("list", rtype, namespace)
        view = context.cache.view(rtype)
        return page_response(
            view,
            namespace=namespace,
            selector=label_selector,
            limit=limit,
            continue_token=continue_token,
        )

    @router.post(
        "",
        response_model=public,
        status_code=201,
        operation_id=f"create{kind}",
        openapi_extra=body_schema(create_body(rtype)),
    )
    async def create_object(
        context: ContextDep, guard: GuardDep, body: RawBody, dry_run: DryRunQuery = False
    ) -> JSONResponse:
        manifest = validation.for_create(rtype, body)
        await guard.require("create", rtype, manifest["metadata"]["namespace"])
        result = await context.writes.create(guard.principal, rtype, manifest, dry_run=dry_run)
        return JSONResponse(result.object, status_code=201)

    @router.get("/{namespace}/{name}", response_model=public, operation_id=f"get{kind}")
    async def get_object(
        context: ContextDep, guard: GuardDep, namespace: Namespace, name: Name
    ) -> Response:
        await guard.require("get", rtype, namespace, name)
        found = context.cache.view(rtype).get_encoded(namespace, name)
        if found is None:
            raise ResourceNotFoundError(f'{rtype.kind} "{namespace}/{name}" not found')
        return Response(found, media_type="application/json")

    @router.put(
        "/{namespace}/{name}",
        response_model=public,
        operation_id=f"update{kind}",
        openapi_extra=body_schema(update_body(rtype)),
    )
    async def update_object(
        context: ContextDep,
        guard: GuardDep,
        *,
        namespace: Namespace,
        name: Name,
        body: RawBody,
        dry_run: DryRunQuery = False,
    ) -> JSONResponse:
        await guard.require("update", rtype, namespace, name)
        live = await context.writes.live(guard.principal, rtype, namespace, name)
        if live is None:
            raise ResourceNotFoundError(f'{rtype.kind} "{namespace}/{name}" not found')
        manifest = validation.for_update(rtype, body, namespace=namespace, name=name, live=live)
        result = await context.writes.update(
            guard.principal, rtype, manifest, live, dry_run=dry_run
        )
        return JSONResponse(result.object)

    @router.delete(
        "/{namespace}/{name}",
        status_code=204,
        response_class=Response,
        operation_id=f"delete{kind}",
    )
    async def delete_object(
        context: ContextDep,
        guard: GuardDep,
        *,
        namespace: Namespace,
        name: Name,
        dry_run: DryRunQuery = False,
    ) -> Response:
        await guard.require("delete", rtype, namespace, name)
        live = await context.writes.live(guard.principal, rtype, namespace, name)
        if live is None:
            raise ResourceNotFoundError(f'{rtype.kind} "{namespace}/{name}" not found')
        await context.writes.delete(guard.principal, rtype, live, dry_run=dry_run)
        return Response(status_code=204)

    return router
