"""The values the audit log repository takes and returns (plain frozen dataclasses).

They are independent of SQLAlchemy sessions, so a router can return them after the session
is gone. REST schemas are built from them in the server package.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, get_args

from ngf_console.store.diffing import resource_label
from ngf_console.store.errors import RedactedValueMissingError
from ngf_console.store.redact import restore_redacted

AuditAction = Literal["create", "update", "delete", "deploy", "rollback"]
"""Spec §4.1's actions. A revert re-applied through the write path is recorded as `rollback`."""

AUDIT_ACTIONS: tuple[str, ...] = get_args(AuditAction)

Config = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ResourceRef:
    """A Kubernetes object; `namespace` is empty for a cluster-scoped one."""

    kind: str
    namespace: str
    name: str

    def label(self) -> str:
        """`Kind/namespace/name` (or `Kind/name`)."""
        return resource_label(self.kind, self.namespace, self.name)


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One audit log entry. `previous`/`new`/`diff`/`details` are stored redacted."""

    id: int
    created_at: datetime
    actor: str
    user_id: uuid.UUID | None
    action: str
    resource: ResourceRef
    previous: Config | None
    new: Config | None
    diff: str
    details: Config


@dataclass(frozen=True, slots=True)
class AuditQuery:
    """Filters of `AuditLog.list`; None means "any". `since` is inclusive, `until` exclusive."""

    actor: str | None = None
    kind: str | None = None
    namespace: str | None = None
    name: str | None = None
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True, slots=True)
class AuditPage:
    """A page of entries, newest first; `next_cursor` is None on the last page."""

    items: tuple[AuditRecord, ...]
    next_cursor: str | None


@dataclass(frozen=True, slots=True)
class RevertRevision:
    """A configuration to re-apply to `resource` through the normal (audited) write path.

    `config` is None when the resource did not exist at that point: reverting means deleting
    it. `redacted` lists the JSON pointers whose secrets the audit log does not have; call
    `with_secrets_from(live)` to take them from the live object before applying.
    """

    entry_id: int
    resource: ResourceRef
    config: Config | None
    redacted: tuple[str, ...] = field(default=())

    def with_secrets_from(self, live: Config | None) -> Config | None:
        """`config` with its redacted secrets copied from `live` (the object as it is now).

        Raises `RedactedValueMissingError` when a secret is needed and `live` lacks it.
        """
        if self.config is None or not self.redacted:
            return self.config
        if live is None:
            raise RedactedValueMissingError(self.redacted)
        restored: Config = restore_redacted(self.config, live)
        return restored
