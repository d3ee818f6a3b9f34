"""Revert an audited write: re-apply the config from before it through the write path.

Undoing entry N means making the resource look as it did just before N
(`AuditLog.revision_for_revert`): deleted if it did not exist, created if it no longer
exists, otherwise updated on top of its current resourceVersion. Secrets the audit log keeps
redacted are taken from the live object (409 when it no longer has them). Each case is
authorized for the caller like any write and audited as `rollback` with `revertOf: N`.
"""

from __future__ import annotations

from typing import Any

from ngf_console.server import catalog, validation
from ngf_console.server.context import AppContext
from ngf_console.server.deps import Guard
from ngf_console.server.errors import BadRequestError, ConflictError
from ngf_console.server.writes import WriteResult
from ngf_console.store import AuditRecord

_CREATE_META = ("name", "namespace", "labels", "annotations")


def _rtype(kind: str) -> catalog.ResourceType:
    for rtype in catalog.ALL:
        if rtype.kind == kind and rtype.writable:
            return rtype
    raise BadRequestError(f"entries of kind {kind} cannot be reverted")


async def revert(
    context: AppContext, guard: Guard, record: AuditRecord
) -> tuple[AuditRecord, dict[str, Any] | None]:
    """Undo `record`; the rollback's audit entry and the object as it now is."""
    rtype = _rtype(record.resource.kind)
    namespace, name = record.resource.namespace, record.resource.name
    revision = await context.audit.revision_for_revert(record.id)
    principal, writes = guard.principal, context.writes
    live = await writes.live(principal, rtype, namespace, name)
    config = revision.with_secrets_from(live)
    details = {"revertOf": record.id}
    result: WriteResult
    if config is None:
        if live is None:
            raise ConflictError(f"{rtype.kind} {namespace}/{name} is already deleted")
        await guard.require("delete", rtype, namespace, name)
        result = await writes.delete(principal, rtype, live, action="rollback", details=details)
    elif live is None:
        await guard.require("create", rtype, namespace)
        meta = {k: v for k, v in config["metadata"].items() if k in _CREATE_META}
        manifest = validation.for_create(rtype, {**config, "metadata": meta})
        result = await writes.create(principal, rtype, manifest, action="rollback", details=details)
    else:
        await guard.require("update", rtype, namespace, name)
        meta = {k: v for k, v in config["metadata"].items() if k in _CREATE_META}
        meta["resourceVersion"] = live["metadata"]["resourceVersion"]
        manifest = validation.for_update(
            rtype, {**config, "metadata": meta}, namespace=namespace, name=name, live=live
        )
        result = await writes.update(
            principal, rtype, manifest, live, action="rollback", details=details
        )
    assert result.entry is not None, "a write that is not a dry run is audited"
    return result.entry, result.object
