"""The configuration database (spec §4): users, audit log, alert rules, saved views,
migration projects and F5 XC publish state — never Kubernetes state, which lives in CRDs.

SQLite file by default, PostgreSQL by URL (`StoreSettings`); SQLAlchemy 2 async models
(`models`), Alembic migrations (`migrate`, `migrations/`), and one small repository per area
taking `Database.sessions`:

    db = Database.from_settings()
    await upgrade_to_head(db.url)
    audit = AuditLog(db.sessions)
    await audit.record(actor="alice", action="update", kind="InferenceStack", ...)
    ...
    await db.close()

Module map: `settings` (URL), `database` (engine, sessions), `types` (portable column types),
`models`, `migrate`, `audit` + `audit_records` + `cursor` (audit log), `redact` (secret
redaction rules), `diffing` (YAML + unified diff), `users`, `saved_views`, `alert_rules`,
`errors` (the error tree).
"""

from ngf_console.store.alert_rules import AlertRuleRecord, AlertRules
from ngf_console.store.audit import MAX_PAGE_SIZE, AuditLog
from ngf_console.store.audit_records import (
    AUDIT_ACTIONS,
    AuditAction,
    AuditPage,
    AuditQuery,
    AuditRecord,
    ResourceRef,
    RevertRevision,
)
from ngf_console.store.database import Database, SessionFactory, create_engine
from ngf_console.store.errors import (
    AlreadyExistsError,
    DatabaseURLError,
    InvalidCursorError,
    MigrationError,
    NotFoundError,
    RedactedValueMissingError,
    ResourceMismatchError,
    StoreError,
)
from ngf_console.store.migrate import current_revision, head_revision, upgrade_to_head
from ngf_console.store.redact import REDACTED, redact, restore_redacted
from ngf_console.store.saved_views import SavedViewRecord, SavedViews, ViewType
from ngf_console.store.settings import StoreSettings
from ngf_console.store.users import UserRecord, Users

__all__ = [
    "AUDIT_ACTIONS",
    "MAX_PAGE_SIZE",
    "REDACTED",
    "AlertRuleRecord",
    "AlertRules",
    "AlreadyExistsError",
    "AuditAction",
    "AuditLog",
    "AuditPage",
    "AuditQuery",
    "AuditRecord",
    "Database",
    "DatabaseURLError",
    "InvalidCursorError",
    "MigrationError",
    "NotFoundError",
    "RedactedValueMissingError",
    "ResourceMismatchError",
    "ResourceRef",
    "RevertRevision",
    "SavedViewRecord",
    "SavedViews",
    "SessionFactory",
    "StoreError",
    "StoreSettings",
    "UserRecord",
    "Users",
    "ViewType",
    "create_engine",
    "current_revision",
    "head_revision",
    "redact",
    "restore_redacted",
    "upgrade_to_head",
]
