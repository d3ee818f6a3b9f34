"""`GET /api/v1/certificatebundles/expiring`: certificates within their expiry threshold.

A bundle is expiring when its `status.expiresAt` is within `within` of now (when given) or
else within the bundle's own `spec.expiryAlertThreshold`, or when the operator already set
the phase to Expiring or Expired. Sorted soonest first.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from ngf_console.api.v1alpha1.types import DAY_DURATION
from ngf_console.server import catalog
from ngf_console.server.deps import ContextDep, GuardDep
from ngf_console.server.errors import ERROR_RESPONSES
from ngf_console.server.routers.params import NamespaceQuery
from ngf_console.server.schemas import list_model

router = APIRouter(tags=["certificatebundles"], responses=ERROR_RESPONSES)
RTYPE = catalog.parent("CertificateBundle")
_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}
_PART = re.compile(r"([0-9]+(?:\.[0-9]+)?)(ms|s|m|h|d)")


def parse_duration(text: str) -> dt.timedelta:
    """`30d`, `720h`, `1h30m` as a timedelta (the CRD's DayDuration grammar)."""
    if not re.fullmatch(DAY_DURATION, text):
        raise ValueError(f"not a duration: {text!r}")
    seconds = sum(float(n) * _UNITS[unit] for n, unit in _PART.findall(text))
    return dt.timedelta(seconds=seconds)


def _expires_at(bundle: dict[str, Any]) -> dt.datetime | None:
    raw = (bundle.get("status") or {}).get("expiresAt")
    return dt.datetime.fromisoformat(raw) if raw else None


def is_expiring(bundle: dict[str, Any], now: dt.datetime, within: dt.timedelta | None) -> bool:
    """See the module docstring."""
    if (bundle.get("status") or {}).get("phase") in ("Expiring", "Expired"):
        return True
    expires = _expires_at(bundle)
    if expires is None:
        return False
    threshold = within or parse_duration(bundle["spec"].get("expiryAlertThreshold", "30d"))
    return expires - now <= threshold


@router.get(
    "/certificatebundles/expiring",
    response_model=list_model(RTYPE),
    operation_id="listExpiringCertificateBundles",
)
async def list_expiring(
    context: ContextDep,
    guard: GuardDep,
    *,
    namespace: NamespaceQuery = None,
    within: Annotated[
        str | None,
        Query(
            max_length=32,
            pattern=DAY_DURATION,
            description="Expiring within this (e.g. `30d`); default: each bundle's "
            "`spec.expiryAlertThreshold`.",
        ),
    ] = None,
) -> JSONResponse:
    await guard.require("list", RTYPE, namespace)
    now = dt.datetime.now(dt.UTC)
    horizon = parse_duration(within) if within else None
    found = [b for b in context.cache.view(RTYPE).all(namespace) if is_expiring(b, now, horizon)]
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    found.sort(key=lambda b: _expires_at(b) or far)
    return JSONResponse({"items": found})
