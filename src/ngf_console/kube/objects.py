"""Create, read, replace and delete one object on behalf of a caller, with dry-run.

The API server's write path: each function takes the caller's client (see
`KubeConnection.client(token=...)`) and a plain manifest, and returns the object the API
server stored (or, with `dry_run=True`, would have stored). Every refusal is a `KubeApiError`
with the API server's code, reason and field causes.
"""

from __future__ import annotations

from typing import Any, cast

import httpx2
from lightkube import ApiError, AsyncClient

from ngf_console.kube.errors import KubeApiError, api_error
from ngf_console.kube.resources import kind_of, resource_for, to_dict, to_object

_FAILURES = (ApiError, httpx2.HTTPError)


def _target(api_version: str, kind: str, namespace: str | None, name: str | None) -> str:
    where = f"{namespace}/{name}" if namespace else f"{name}"
    return f"{kind} {where} ({api_version})"


def _manifest_target(manifest: dict[str, Any]) -> str:
    meta = manifest.get("metadata") or {}
    api_version, kind = manifest["apiVersion"], manifest["kind"]
    return _target(api_version, kind, meta.get("namespace"), meta.get("name"))


async def create(
    client: AsyncClient, manifest: dict[str, Any], *, dry_run: bool = False
) -> dict[str, Any]:
    """POST the manifest; returns the stored (or dry-run) object."""
    try:
        stored = await client.create(cast(Any, to_object(manifest)), dry_run=dry_run)
    except _FAILURES as e:
        raise api_error("create", _manifest_target(manifest), e) from e
    return to_dict(stored)


async def replace(
    client: AsyncClient, manifest: dict[str, Any], *, dry_run: bool = False
) -> dict[str, Any]:
    """PUT the manifest; its `metadata.resourceVersion` makes a stale write fail with 409."""
    meta = manifest["metadata"]
    try:
        stored = await client.replace(
            cast(Any, to_object(manifest)),
            meta["name"],
            namespace=meta.get("namespace"),
            dry_run=dry_run,
        )
    except _FAILURES as e:
        raise api_error("update", _manifest_target(manifest), e) from e
    return to_dict(stored)


async def get(
    client: AsyncClient, api_version: str, kind: str, namespace: str | None, name: str
) -> dict[str, Any]:
    """GET one object (404 as `KubeApiError`)."""
    resource: Any = resource_for(api_version, kind)
    try:
        found = await client.get(resource, name, namespace=namespace)
    except _FAILURES as e:
        raise api_error("get", _target(api_version, kind, namespace, name), e) from e
    return to_dict(found)


async def delete(
    client: AsyncClient,
    api_version: str,
    kind: str,
    namespace: str | None,
    name: str,
    *,
    dry_run: bool = False,
) -> None:
    """DELETE one object (404 as `KubeApiError`)."""
    resource: Any = resource_for(api_version, kind)
    try:
        await client.delete(resource, name, namespace=namespace, dry_run=dry_run)
    except _FAILURES as e:
        raise api_error("delete", _target(api_version, kind, namespace, name), e) from e


def is_known(manifest: dict[str, Any]) -> bool:
    """Whether the adapter has a resource class for the manifest's apiVersion and kind."""
    try:
        kind_of(manifest)
    except KeyError:
        return False
    return True


__all__ = ["KubeApiError", "create", "delete", "get", "is_known", "replace"]
