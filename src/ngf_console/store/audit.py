"""The audit log: every write the console makes, with redacted before/after configs.

Invariants:

* Nothing secret is stored: `previous`, `new` and `details` are redacted (see `redact`)
  *before* the diff is computed, so the diff cannot leak either. Which secrets changed is kept
  as pointers in `details["redactedChanges"]`.
* Entries are listed newest first by `(created_at, id)`; `created_at` comes from the
  repository's clock (injectable for tests), `id` breaks ties.
* A "version" of a resource is its config right after an entry (`new`, None once deleted).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select

from ngf_console.store.audit_records import (
    AUDIT_ACTIONS,
    AuditAction,
    AuditPage,
    AuditQuery,
    AuditRecord,
    Config,
    ResourceRef,
    RevertRevision,
)
from ngf_console.store.cursor import Cursor
from ngf_console.store.database import SessionFactory
from ngf_console.store.diffing import unified_diff
from ngf_console.store.errors import NotFoundError, ResourceMismatchError
from ngf_console.store.models import AuditEntry
from ngf_console.store.redact import changed_secrets, redact, redacted_pointers
from ngf_console.store.types import as_utc, utcnow

MAX_PAGE_SIZE = 500


class AuditLog:
    """Repository of the `audit_log` table; each method is one transaction."""

    def __init__(self, sessions: SessionFactory, *, clock: Callable[[], datetime] = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

    async def record(
        self,
        *,
        actor: str,
        action: AuditAction,
        kind: str,
        namespace: str,
        name: str,
        previous: Mapping[str, Any] | None,
        new: Mapping[str, Any] | None,
        user_id: uuid.UUID | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> AuditRecord:
        """Store one write by `actor` to `kind/namespace/name` (namespace "" if cluster-scoped)."""
        if action not in AUDIT_ACTIONS:
            raise ValueError(f"unknown audit action {action!r}; one of {AUDIT_ACTIONS}")
        stored_previous: Config | None = redact(dict(previous))[0] if previous is not None else None
        stored_new: Config | None = redact(dict(new))[0] if new is not None else None
        stored_details: Config = redact(dict(details or {}))[0]
        if changed := changed_secrets(previous, new):
            stored_details["redactedChanges"] = list(changed)
        label = ResourceRef(kind, namespace, name).label()
        entry = AuditEntry(
            actor=actor,
            user_id=user_id,
            action=action,
            resource_kind=kind,
            resource_namespace=namespace,
            resource_name=name,
            previous_config=stored_previous,
            new_config=stored_new,
            diff=unified_diff(
                stored_previous, stored_new, before_label=f"a/{label}", after_label=f"b/{label}"
            ),
            details=stored_details,
            created_at=as_utc(self._clock()),
        )
        async with self._sessions.begin() as session:
            session.add(entry)
            await session.flush()
            return _to_record(entry)

    async def get(self, entry_id: int) -> AuditRecord:
        """The entry `entry_id`; `NotFoundError` if there is none."""
        async with self._sessions() as session:
            entry = await session.get(AuditEntry, entry_id)
        if entry is None:
            raise NotFoundError("audit_log", entry_id)
        return _to_record(entry)

    async def diff(self, from_id: int, to_id: int | None = None) -> str:
        """The diff of entry `from_id`; or, with `to_id`, between two versions of a resource.

        Versions are the configs right after each entry, so `diff(a, b)` shows everything that
        changed from entry `a` to entry `b`. Both must be entries of the same resource.
        """
        if to_id is None:
            return (await self.get(from_id)).diff
        old, new = await self.get(from_id), await self.get(to_id)
        if old.resource != new.resource:
            raise ResourceMismatchError(
                f"entries {from_id} ({old.resource.label()}) and {to_id} "
                f"({new.resource.label()}) are versions of different resources"
            )
        label = old.resource.label()
        return unified_diff(
            old.new, new.new, before_label=f"a/{label}@{from_id}", after_label=f"b/{label}@{to_id}"
        )

    async def revision_for_revert(self, entry_id: int) -> RevertRevision:
        """Undo entry `entry_id`: the config the resource had just before it (None: delete)."""
        entry = await self.get(entry_id)
        return _revision(entry, entry.previous)

    async def revision_at(self, entry_id: int) -> RevertRevision:
        """Revert to this version: the config the resource had right after `entry_id`."""
        entry = await self.get(entry_id)
        return _revision(entry, entry.new)

    async def list(
        self, query: AuditQuery | None = None, *, limit: int = 50, cursor: str | None = None
    ) -> AuditPage:
        """Entries matching `query`, newest first, `limit` per page, after `cursor`."""
        if not 1 <= limit <= MAX_PAGE_SIZE:
            raise ValueError(f"limit must be between 1 and {MAX_PAGE_SIZE}, got {limit}")
        conditions = _conditions(query or AuditQuery())
        if cursor is not None:
            after = Cursor.decode(cursor)
            conditions.append(
                or_(
                    AuditEntry.created_at < after.created_at,
                    and_(AuditEntry.created_at == after.created_at, AuditEntry.id < after.id),
                )
            )
        statement = (
            select(AuditEntry)
            .where(*conditions)
            .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
            .limit(limit + 1)
        )
        async with self._sessions() as session:
            rows = (await session.scalars(statement)).all()
        items = tuple(_to_record(row) for row in rows[:limit])
        next_cursor = None
        if len(rows) > limit:
            last = items[-1]
            next_cursor = Cursor(last.created_at, last.id).encode()
        return AuditPage(items=items, next_cursor=next_cursor)


def _conditions(query: AuditQuery) -> list[ColumnElement[bool]]:
    equal = (
        (AuditEntry.actor, query.actor),
        (AuditEntry.resource_kind, query.kind),
        (AuditEntry.resource_namespace, query.namespace),
        (AuditEntry.resource_name, query.name),
        (AuditEntry.action, query.action),
    )
    conditions = [column == value for column, value in equal if value is not None]
    if query.since is not None:
        conditions.append(AuditEntry.created_at >= query.since)
    if query.until is not None:
        conditions.append(AuditEntry.created_at < query.until)
    return conditions


def _revision(entry: AuditRecord, config: Config | None) -> RevertRevision:
    pointers = redacted_pointers(config) if config is not None else ()
    return RevertRevision(
        entry_id=entry.id, resource=entry.resource, config=config, redacted=pointers
    )


def _to_record(entry: AuditEntry) -> AuditRecord:
    return AuditRecord(
        id=entry.id,
        created_at=entry.created_at,
        actor=entry.actor,
        user_id=entry.user_id,
        action=entry.action,
        resource=ResourceRef(entry.resource_kind, entry.resource_namespace, entry.resource_name),
        previous=entry.previous_config,
        new=entry.new_config,
        diff=entry.diff,
        details=entry.details,
    )
