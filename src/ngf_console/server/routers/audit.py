"""The audit log: who changed what, the diffs, and reverting a change.

```
GET  /api/v1/audit                 entries, newest first (filters, limit, continue)
GET  /api/v1/audit/diff?from=&to=  diff between two versions of one resource
GET  /api/v1/audit/{id}            one entry
GET  /api/v1/audit/{id}/diff       the diff of one entry
POST /api/v1/audit/{id}/revert     undo entry {id}: re-apply the config from before it
```

Reading needs `list`/`get` on the virtual resource `auditlogs.ngf-console.f5.com` (in the
entry's namespace, or cluster-wide for a list across namespaces). A revert goes through the
normal write path as the caller — Kubernetes RBAC decides it — and is audited as `rollback`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from ngf_console.server.deps import ContextDep, GuardDep
from ngf_console.server.errors import ERROR_RESPONSES
from ngf_console.server.revert import revert
from ngf_console.server.routers.params import ContinueQuery, NamespaceQuery
from ngf_console.store import MAX_PAGE_SIZE, AuditAction, AuditQuery, AuditRecord

router = APIRouter(prefix="/audit", tags=["audit"], responses=ERROR_RESPONSES)
EntryId = Annotated[int, Path(ge=1, le=2**62, description="Audit entry id.")]


class AuditEntry(BaseModel):
    """One audited write; configs are redacted."""

    model_config = ConfigDict(alias_generator=to_camel, validate_by_name=True)

    id: int = Field(description="Entry id (increasing).")
    created_at: dt.datetime = Field(description="When the write happened.")
    actor: str = Field(description="Kubernetes username of the caller.")
    action: str = Field(description="create, update, delete or rollback.")
    kind: str = Field(description="Kind of the object.")
    namespace: str = Field(description="Namespace of the object.")
    name: str = Field(description="Name of the object.")
    previous: dict[str, Any] | None = Field(description="Config before (None: created).")
    new: dict[str, Any] | None = Field(description="Config after (None: deleted).")
    diff: str = Field(description="Unified diff of the YAML configs.")
    details: dict[str, Any] = Field(description="Extra context, e.g. `revertOf`.")

    @classmethod
    def of(cls, record: AuditRecord) -> AuditEntry:
        return cls(
            id=record.id,
            created_at=record.created_at,
            actor=record.actor,
            action=record.action,
            kind=record.resource.kind,
            namespace=record.resource.namespace,
            name=record.resource.name,
            previous=record.previous,
            new=record.new,
            diff=record.diff,
            details=record.details,
        )


class AuditPage(BaseModel):
    """A page of entries."""

    model_config = ConfigDict(validate_by_name=True)

    items: list[AuditEntry] = Field(description="Entries, newest first.")
    continue_: str | None = Field(
        default=None, alias="continue", description="Token of the next page."
    )


class AuditDiff(BaseModel):
    """A unified diff."""

    diff: str = Field(description="Unified diff of the YAML configs.")


class RevertResult(BaseModel):
    """The audit entry of the rollback and the object as it now is."""

    entry: AuditEntry = Field(description="The rollback's own audit entry.")
    object: dict[str, Any] | None = Field(description="The object now (None: deleted).")


@router.get("", response_model=AuditPage, response_model_by_alias=True, operation_id="listAudit")
async def list_audit(
    context: ContextDep,
    guard: GuardDep,
    *,
    namespace: NamespaceQuery = None,
    kind: Annotated[str | None, Query(max_length=100)] = None,
    name: Annotated[str | None, Query(max_length=253)] = None,
    actor: Annotated[str | None, Query(max_length=255)] = None,
    action: Annotated[AuditAction | None, Query()] = None,
    since: Annotated[AwareDatetime | None, Query(description="Inclusive.")] = None,
    until: Annotated[AwareDatetime | None, Query(description="Exclusive.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 50,
    continue_token: ContinueQuery = None,
) -> AuditPage:
    await guard.require_audit("list", namespace)
    query = AuditQuery(actor, kind, namespace, name, action, since, until)
    page = await context.audit.list(query, limit=limit, cursor=continue_token)
    return AuditPage(items=[AuditEntry.of(r) for r in page.items], continue_=page.next_cursor)


@router.get("/diff", response_model=AuditDiff, operation_id="diffAudit")
async def diff_versions(
    context: ContextDep,
    guard: GuardDep,
    from_id: Annotated[int, Query(alias="from", ge=1, le=2**62)],
    to_id: Annotated[int, Query(alias="to", ge=1, le=2**62)],
) -> AuditDiff:
    """The diff from the version right after entry `from` to the version after `to`."""
    first = await context.audit.get(from_id)
    await guard.require_audit("get", first.resource.namespace)
    return AuditDiff(diff=await context.audit.diff(from_id, to_id))


@router.get("/{entry_id}", response_model=AuditEntry, operation_id="getAudit")
async def get_entry(context: ContextDep, guard: GuardDep, entry_id: EntryId) -> AuditEntry:
    record = await context.audit.get(entry_id)
    await guard.require_audit("get", record.resource.namespace)
    return AuditEntry.of(record)


@router.get("/{entry_id}/diff", response_model=AuditDiff, operation_id="getAuditDiff")
async def entry_diff(context: ContextDep, guard: GuardDep, entry_id: EntryId) -> AuditDiff:
    record = await context.audit.get(entry_id)
    await guard.require_audit("get", record.resource.namespace)
    return AuditDiff(diff=record.diff)


@router.post("/{entry_id}/revert", response_model=RevertResult, operation_id="revertAudit")
async def revert_entry(context: ContextDep, guard: GuardDep, entry_id: EntryId) -> RevertResult:
    record = await context.audit.get(entry_id)
    await guard.require_audit("get", record.resource.namespace)
    entry, obj = await revert(context, guard, record)
    return RevertResult(entry=AuditEntry.of(entry), object=obj)
