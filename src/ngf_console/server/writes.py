"""The write path: create, update and delete as the caller, then audit.

Every write goes to the Kubernetes API with the caller's own token (`Principal.kube_token`,
through a short-lived per-token client: `kube.pool`), so Kubernetes RBAC decides it and the
API server's audit log names the real user; the console's own ServiceAccount never writes.
After a successful write (not a dry run) the audit log records the actor, action,
kind/namespace/name, the previous and new config (redacted: see `store.redact`) and their
diff, and the call waits briefly for the watch cache to see the change, so that the caller's
next read does.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import structlog

from ngf_console.kube import objects
from ngf_console.kube.errors import KubeApiError
from ngf_console.kube.pool import ClientPool
from ngf_console.server.auth import Principal
from ngf_console.server.catalog import ResourceType
from ngf_console.server.readcache import ReadCache
from ngf_console.server.views import Manifest, public
from ngf_console.store import AuditAction, AuditLog, AuditRecord

log = structlog.get_logger(__name__)

SETTLE_SECONDS = 2.0
_SERVER_FIELDS = ("uid", "resourceVersion", "generation", "creationTimestamp", "managedFields")


@dataclass(frozen=True)
class WriteResult:
    """The object as stored (None after a delete) and the audit entry (None for a dry run)."""

    object: Manifest | None
    entry: AuditRecord | None


def audit_config(manifest: Manifest | None) -> Manifest | None:
    """What the audit log keeps of an object: no status and no server-managed metadata."""
    if manifest is None:
        return None
    meta = {k: v for k, v in (manifest.get("metadata") or {}).items() if k not in _SERVER_FIELDS}
    kept = {k: v for k, v in manifest.items() if k not in ("status", "metadata")}
    return {**kept, "metadata": meta}


class WritePath:
    """Writes as the caller, audited."""

    def __init__(self, clients: ClientPool, audit: AuditLog, cache: ReadCache) -> None:
        self._clients = clients
        self._audit = audit
        self._cache = cache

    async def live(
        self, principal: Principal, rtype: ResourceType, namespace: str, name: str
    ) -> Manifest | None:
        """The stored object, read as the caller (None when it does not exist)."""
        async with self._clients.client(principal.kube_token) as client:
            try:
                return await objects.get(client, rtype.api_version, rtype.kind, namespace, name)
            except KubeApiError as e:
                if e.not_found:
                    return None
                raise

    async def create(
        self,
        principal: Principal,
        rtype: ResourceType,
        manifest: Manifest,
        *,
        dry_run: bool = False,
        action: AuditAction = "create",
        details: dict[str, Any] | None = None,
    ) -> WriteResult:
        async with self._clients.client(principal.kube_token) as client:
            stored = await objects.create(client, manifest, dry_run=dry_run)
        if dry_run:
            return WriteResult(public(stored), None)
        entry = await self._record(
            principal, rtype, action, previous=None, new=stored, details=details
        )
        await self._settle(rtype, stored, lambda m: m is not None)
        return WriteResult(public(stored), entry)

    async def update(
        self,
        principal: Principal,
        rtype: ResourceType,
        manifest: Manifest,
        previous: Manifest,
        *,
        dry_run: bool = False,
        action: AuditAction = "update",
        details: dict[str, Any] | None = None,
    ) -> WriteResult:
        async with self._clients.client(principal.kube_token) as client:
            stored = await objects.replace(client, manifest, dry_run=dry_run)
        if dry_run:
            return WriteResult(public(stored), None)
        entry = await self._record(
            principal, rtype, action, previous=previous, new=stored, details=details
        )
        version = stored["metadata"].get("resourceVersion")
        await self._settle(rtype, stored, lambda m: _version(m) == version)
        return WriteResult(public(stored), entry)

    async def delete(
        self,
        principal: Principal,
        rtype: ResourceType,
        previous: Manifest,
        *,
        dry_run: bool = False,
        action: AuditAction = "delete",
        details: dict[str, Any] | None = None,
    ) -> WriteResult:
        meta = previous["metadata"]
        async with self._clients.client(principal.kube_token) as client:
            await objects.delete(
                client, rtype.api_version, rtype.kind, meta["namespace"], meta["name"],
                dry_run=dry_run,
            )  # fmt: skip
        if dry_run:
            return WriteResult(None, None)
        entry = await self._record(
            principal, rtype, action, previous=previous, new=None, details=details
        )
        version = meta.get("resourceVersion")
        await self._settle(rtype, previous, lambda m: m is None or _version(m) != version)
        return WriteResult(None, entry)

    async def _record(
        self,
        principal: Principal,
        rtype: ResourceType,
        action: AuditAction,
        *,
        previous: Manifest | None,
        new: Manifest | None,
        details: dict[str, Any] | None,
    ) -> AuditRecord:
        meta = (new or previous or {}).get("metadata") or {}
        return await self._audit.record(
            actor=principal.username,
            action=action,
            kind=rtype.kind,
            namespace=meta.get("namespace") or "",
            name=meta.get("name") or "",
            previous=audit_config(previous),
            new=audit_config(new),
            details=details,
        )

    async def _settle(
        self, rtype: ResourceType, stored: Manifest, done: Callable[[Manifest | None], bool]
    ) -> None:
        view = self._cache.views[rtype.kind]
        meta = stored["metadata"]
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(SETTLE_SECONDS):
                await view.wait_for(meta.get("namespace") or "", meta["name"], done)


def _version(manifest: Manifest | None) -> str | None:
    if manifest is None:
        return None
    version: str | None = manifest["metadata"].get("resourceVersion")
    return version


__all__ = ["WritePath", "WriteResult", "audit_config"]
