"""Writes the operator performs, on plain manifests: apply, delete, status, finalizers, events.

Errors are lightkube's `ApiError` translated into `KubeWriteError` (with the HTTP code
and the API server's message), so callers never import lightkube to handle them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, cast

import httpx2
from lightkube import ApiError, AsyncClient
from lightkube.models.core_v1 import EventSource, ObjectReference
from lightkube.models.meta_v1 import ObjectMeta
from lightkube.resources.core_v1 import Event
from lightkube.types import PatchType

from ngf_console.kube.resources import Kind, kind_of, to_dict, to_object


class KubeWriteError(RuntimeError):
    """The API server refused a write; `code` is the HTTP status (0 if none came back)."""

    def __init__(self, action: str, target: str, code: int, message: str) -> None:
        super().__init__(f"{action} {target}: {message} (HTTP {code})")
        self.code = code
        self.reason = message

    @property
    def not_found(self) -> bool:
        return self.code == 404

    @property
    def conflict(self) -> bool:
        return self.code == 409


def _target(manifest: dict[str, Any]) -> str:
    meta = manifest.get("metadata", {})
    return f"{manifest.get('kind')} {meta.get('namespace', '')}/{meta.get('name')}"


def _wrap(action: str, target: str, error: Exception) -> KubeWriteError:
    if isinstance(error, ApiError):
        return KubeWriteError(action, target, error.status.code or 0, error.status.message or "")
    if isinstance(error, httpx2.HTTPStatusError):
        return KubeWriteError(action, target, error.response.status_code, error.response.text[:500])
    return KubeWriteError(action, target, 0, str(error))


async def apply(
    client: AsyncClient, manifest: dict[str, Any], field_manager: str
) -> dict[str, Any]:
    """Server-side apply (forcing ownership of the fields we set); returns the stored object."""
    try:
        stored = await client.apply(
            cast(Any, to_object(manifest)), field_manager=field_manager, force=True
        )
    except (ApiError, httpx2.HTTPStatusError) as e:
        raise _wrap("apply", _target(manifest), e) from e
    return to_dict(stored)


async def delete(client: AsyncClient, kind: Kind, namespace: str, name: str) -> bool:
    """Delete an object; False when it was already gone."""
    try:
        await client.delete(cast(Any, kind), name, namespace=namespace or None)
    except ApiError as e:
        if e.status.code == 404:
            return False
        raise _wrap("delete", f"{kind.__name__} {namespace}/{name}", e) from e
    return True


async def replace_status(client: AsyncClient, obj: dict[str, Any]) -> dict[str, Any]:
    """PUT the object's `/status` (optimistic: its resourceVersion must be current)."""
    kind = kind_of(obj)
    status_kind = kind.Status  # type: ignore[attr-defined]
    meta = obj["metadata"]
    try:
        stored = await client.replace(
            status_kind.from_dict(obj), meta["name"], namespace=meta.get("namespace")
        )
    except ApiError as e:
        raise _wrap("update status of", _target(obj), e) from e
    return to_dict(stored)


async def set_finalizers(
    client: AsyncClient, obj: dict[str, Any], finalizers: list[str]
) -> dict[str, Any]:
    """Replace metadata.finalizers, guarded by the object's resourceVersion (409 if stale)."""
    meta = obj["metadata"]
    patch = {"metadata": {"finalizers": finalizers, "resourceVersion": meta["resourceVersion"]}}
    try:
        stored = await client.patch(
            cast(Any, kind_of(obj)),
            meta["name"],
            patch,
            namespace=meta.get("namespace"),
            patch_type=PatchType.MERGE,
        )
    except ApiError as e:
        raise _wrap("update finalizers of", _target(obj), e) from e
    return to_dict(stored)


async def emit_event(
    client: AsyncClient,
    about: dict[str, Any],
    *,
    reason: str,
    message: str,
    warning: bool = False,
    component: str = "ngf-console-operator",
) -> None:
    """Record a core/v1 Event on `about` (best effort: a refused Event is not an error)."""
    meta = about["metadata"]
    now = dt.datetime.now(dt.UTC)
    event = Event(
        metadata=ObjectMeta(
            name=f"{meta['name']}.{uuid.uuid4().hex[:12]}", namespace=meta.get("namespace")
        ),
        involvedObject=ObjectReference(
            apiVersion=about["apiVersion"],
            kind=about["kind"],
            name=meta["name"],
            namespace=meta.get("namespace"),
            uid=meta.get("uid"),
            resourceVersion=meta.get("resourceVersion"),
        ),
        reason=reason,
        message=message[:1024],
        type="Warning" if warning else "Normal",
        source=EventSource(component=component),
        firstTimestamp=now,
        lastTimestamp=now,
        count=1,
    )
    try:
        await client.create(event)
    except ApiError:
        return


async def list_dicts(client: AsyncClient, kind: Kind, namespace: str) -> list[dict[str, Any]]:
    """Every object of `kind` in `namespace`, as manifests (one list call, no cache)."""
    try:
        return [to_dict(o) async for o in client.list(cast(Any, kind), namespace=namespace)]
    except ApiError as e:
        raise _wrap("list", f"{kind.__name__} in {namespace}", e) from e
