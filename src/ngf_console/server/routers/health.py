"""`/healthz` and `/readyz`: the only endpoints that need no token.

`/readyz` is 200 once the configuration database answers and every parent kind's watch
cache has listed; otherwise 503 naming what is missing.
"""

from __future__ import annotations

import structlog
from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

from ngf_console.server.deps import ContextDep
from ngf_console.store import AuditQuery

router = APIRouter(tags=["health"])
log = structlog.get_logger(__name__)


@router.get("/healthz", response_class=PlainTextResponse, operation_id="healthz")
async def healthz() -> str:
    return "ok"


@router.get(
    "/readyz",
    response_class=PlainTextResponse,
    operation_id="readyz",
    responses={503: {"description": "Not ready; the body says why."}},
)
async def readyz(context: ContextDep) -> PlainTextResponse:
    missing = [f"cache {kind}" for kind in context.cache.ready()]
    try:
        await context.audit.list(AuditQuery(), limit=1)
    except Exception as e:  # any database failure means "not ready", whatever its type
        log.warning("database not ready", error=str(e))
        missing.append("database")
    if missing:
        return PlainTextResponse("not ready: " + ", ".join(missing), status_code=503)
    return PlainTextResponse("ok")
