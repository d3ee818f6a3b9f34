"""Parameters of the inference metrics endpoints: the time range, the pool, the page cursor.

Time range (every metrics endpoint): `start`, `end` (RFC 3339, or Unix seconds; without a
zone they are UTC) and `step` (bucket width in seconds). Defaults: `end` now, `start` one hour
before `end`, `step` about 1/120 of the range rounded to 15 s, 1, 5, 15 min, 1, 6 h or 1 day
(whole minutes let the rollups answer). Refusals are 422 with the parameter as the cause's
field (`query.start`, `query.end`, `query.step`): `end` not after `start`, a time outside
1970-2200, a range over 400 days, more than 11,000 buckets.

The `{namespace}/{name}` of these endpoints is the InferenceStack's; its pool is the one the
stack's status names, else the stack's name (so pools that no stack made, or that of a
deleted stack, are still readable by their own name).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Annotated, Any

from fastapi import Path, Query

from ngf_console.analytics import InvalidQueryError, TimeRange
from ngf_console.api.v1alpha1.types import DNS_LABEL, DNS_SUBDOMAIN
from ngf_console.server.context import AppContext
from ngf_console.server.errors import Cause, InvalidError
from ngf_console.server.routers.inference_models import TimeWindow

EARLIEST = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(2200, 1, 1, tzinfo=dt.UTC)
MAX_RANGE = dt.timedelta(days=400)
DEFAULT_RANGE = dt.timedelta(hours=1)
STEPS = (15, 60, 300, 900, 3600, 21600, 86400)

StartQuery = Annotated[
    dt.datetime | None,
    Query(description="Start of the range (RFC 3339 or Unix seconds; default: end - 1h)."),
]
EndQuery = Annotated[
    dt.datetime | None, Query(description="End of the range (RFC 3339 or Unix seconds; now).")
]
StepQuery = Annotated[
    int | None,
    Query(ge=1, le=86400, description="Bucket width, seconds (default: about range/120)."),
]
NamespacePath = Annotated[
    str, Path(max_length=63, pattern=DNS_LABEL, description="Namespace of the stack.")
]
NamePath = Annotated[
    str, Path(max_length=253, pattern=DNS_SUBDOMAIN, description="Name of the stack.")
]
InferenceNamespaceQuery = Annotated[
    str | None,
    Query(max_length=63, pattern=DNS_LABEL,
          description="Only this namespace (all namespaces need a cluster-wide permission)."),
]  # fmt: skip


def _invalid(field: str, message: str) -> InvalidError:
    return InvalidError(f"{field}: {message}", causes=[Cause(field=f"query.{field}",
                                                             message=message)])  # fmt: skip


def _utc(value: dt.datetime, field: str) -> dt.datetime:
    aware = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
    try:
        aware = aware.astimezone(dt.UTC)
    except (OverflowError, ValueError) as e:
        raise _invalid(field, "is not a representable time") from e
    if not EARLIEST <= aware <= LATEST:
        raise _invalid(field, "must be between 1970-01-01 and 2200-01-01")
    return aware


def default_step(seconds: float) -> int:
    """About 1/120 of the range, from a fixed ladder."""
    wanted = seconds / 120
    return next((s for s in STEPS if s >= wanted), STEPS[-1])


def time_range(start: StartQuery = None, end: EndQuery = None, step: StepQuery = None) -> TimeRange:
    """The validated range (a FastAPI dependency; see the module docstring)."""
    end_at = _utc(end, "end") if end is not None else dt.datetime.now(dt.UTC)
    start_at = _utc(start, "start") if start is not None else max(EARLIEST, end_at - DEFAULT_RANGE)
    if end_at <= start_at:
        raise _invalid("end", "must be after start")
    if end_at - start_at > MAX_RANGE:
        raise _invalid("start", f"the range must be at most {MAX_RANGE.days} days")
    chosen = step if step is not None else default_step((end_at - start_at).total_seconds())
    try:
        return TimeRange(start_at, end_at, chosen)
    except InvalidQueryError as e:
        raise _invalid(e.field, str(e).removeprefix(f"{e.field}: ")) from e


def window_of(rng: TimeRange) -> TimeWindow:
    return TimeWindow(
        start=dt.datetime.fromtimestamp(rng.start_s, dt.UTC),
        end=dt.datetime.fromtimestamp(rng.end_s, dt.UTC),
        step=rng.step,
    )


def pool_of(context: AppContext, stacks: Any, namespace: str, name: str) -> str:
    """The InferencePool of stack `namespace/name` (see the module docstring)."""
    stack = context.cache.view(stacks).get(namespace, name)
    if stack is None:
        return name
    children = (stack.get("status") or {}).get("children") or {}
    return str((children.get("inferencePool") or {}).get("name") or name)


def encode_cursor(cursor: tuple[int, str] | None) -> str | None:
    if cursor is None:
        return None
    raw = f"{cursor[0]}:{cursor[1]}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(text: str | None) -> tuple[int, str] | None:
    """The (Unix ms, request id) of a `cursor` parameter; 422 when it is not one of ours."""
    if text is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
        ms, _, request_id = raw.partition(":")
        value = int(ms)
        if not 0 <= value < 2**53:
            raise ValueError(ms)
        return value, request_id
    except (binascii.Error, UnicodeDecodeError, ValueError) as e:
        raise _invalid("cursor", "is not a cursor this API returned") from e
