"""The FastAPI application factory.

`create_app(settings)` wires the routers under `/api/v1`, the one exception handler, a
request-id middleware and, when the SPA is built, the static UI at `/`. Nothing connects
until the app starts (`lifespan.running`), so `create_app()` without settings serves to
render the OpenAPI document.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI

from ngf_console import __version__
from ngf_console.server import catalog, errors, otlp
from ngf_console.server.lifespan import running
from ngf_console.server.openapi import document
from ngf_console.server.routers import (
    audit,
    certificates,
    cluster,
    edition,
    health,
    inference,
    inference_metrics,
    inference_ws,
    ws,
)
from ngf_console.server.routers.objects import object_router
from ngf_console.server.settings import ServerSettings
from ngf_console.server.spa import SPAStaticFiles

API_PREFIX = "/api/v1"


def api_router() -> APIRouter:
    """Every `/api/v1` route."""
    api = APIRouter(prefix=API_PREFIX)
    api.include_router(certificates.router)  # before `/certificatebundles/{ns}/{name}`
    for rtype in catalog.PARENTS:
        api.include_router(object_router(rtype, rtype.plural))
    for rtype in catalog.ROUTES:
        api.include_router(object_router(rtype, "routes"))
    for rtype in catalog.POLICIES:
        api.include_router(object_router(rtype, "policies"))
    for module in (cluster, edition, inference, inference_metrics, audit, ws, inference_ws):
        api.include_router(module.router)
    return api


def create_app(settings: ServerSettings | None = None) -> FastAPI:
    """The API server (see the module docstring)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings is None:
            raise RuntimeError("create_app() without settings only renders the OpenAPI document")
        async with running(app, settings):
            yield

    app = FastAPI(
        title="NGF Console API",
        version=__version__,
        description="The NGF Console backend-for-frontend: parent CRDs, routes and policies, "
        "cluster reads, audit log and live updates. Every endpoint but /healthz and /readyz "
        "needs a Kubernetes bearer token; Kubernetes RBAC decides.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
        lifespan=lifespan,
        separate_input_output_schemas=False,
    )
    errors.install(app)
    app.include_router(health.router)
    app.include_router(otlp.router)  # POST /v1/logs, the OTLP/HTTP standard path
    app.include_router(api_router())
    cached: dict[str, Any] = {}

    def openapi() -> dict[str, Any]:
        if not cached:
            cached.update(document(app))
        return cached

    app.openapi = openapi  # type: ignore[method-assign]
    static = settings.static_dir if settings is not None else None
    if static is not None and (static / "index.html").is_file():
        app.mount("/", SPAStaticFiles(directory=static, html=True), name="spa")
    return app
