"""The configuration database schema (spec §4.1) as SQLAlchemy 2 typed declarative models.

The database holds what is *not* Kubernetes state: users and their preferences, the audit log
of every write the console made, alert rules, saved views, migration projects and the state of
F5 XC publications. Kubernetes objects live in the cluster; the audit log keeps redacted copies.

Departures from the spec's DDL, each deliberate:

* `audit_log.actor` (not in the spec): the authenticated username as Kubernetes reports it
  (TokenReview). Most callers have no `users` row, so `user_id` stays an optional link.
* `audit_log.metadata` is mapped to the attribute `details` (`metadata` is reserved by
  SQLAlchemy); the column keeps the spec's name.
* Columns the application always sets are NOT NULL; cluster-scoped resources use the empty
  string as their namespace so equality filters work without NULL logic.
* `users.email` is unique (a user is looked up by it); `idx_audit_actor`,
  `idx_saved_views_user` and `idx_xc_publish_route` serve the repositories' queries.
* `idx_audit_time` is `(created_at, id)`: the audit list pages newest first by that pair, and
  both databases scan a B-tree backwards, so the spec's `DESC` adds nothing.

Every change here needs an Alembic revision in `migrations/versions/`; a test fails when the
models and the migrations disagree.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import ForeignKey, Index, MetaData, String, Text, Uuid, false, func, true
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ngf_console.store.types import BigIntegerPK, JSONDocument, UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

JSONObject = dict[str, Any]


class Base(DeclarativeBase):
    """Declarative base: one MetaData with deterministic constraint names."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime(), uuid.UUID: Uuid()}


def _created_at() -> Mapped[datetime]:
    return mapped_column(server_default=func.now())


def _updated_at() -> Mapped[datetime]:
    return mapped_column(server_default=func.now())


class User(Base):
    """A console user and their UI preferences (theme, default namespace, layout)."""

    __tablename__ = "users"
    __table_args__ = (Index("idx_users_email", "email", unique=True),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    email: Mapped[str | None] = mapped_column(String(255))
    display_name: Mapped[str | None] = mapped_column(String(255))
    preferences: Mapped[JSONObject] = mapped_column(JSONDocument)
    created_at: Mapped[datetime] = _created_at()
    updated_at: Mapped[datetime] = _updated_at()


class AuditEntry(Base):
    """One write made through the console: who, what, and the redacted before/after configs."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("idx_audit_resource", "resource_kind", "resource_namespace", "resource_name"),
        Index("idx_audit_time", "created_at", "id"),
        Index("idx_audit_actor", "actor", "created_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(BigIntegerPK, primary_key=True, autoincrement=True)
    actor: Mapped[str] = mapped_column(String(255))
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(50))
    resource_kind: Mapped[str] = mapped_column(String(100))
    resource_namespace: Mapped[str] = mapped_column(String(255))
    resource_name: Mapped[str] = mapped_column(String(255))
    previous_config: Mapped[JSONObject | None] = mapped_column(JSONDocument)
    new_config: Mapped[JSONObject | None] = mapped_column(JSONDocument)
    diff: Mapped[str] = mapped_column(Text)
    details: Mapped[JSONObject] = mapped_column("metadata", JSONDocument)
    created_at: Mapped[datetime] = _created_at()


class AlertRule(Base):
    """A user-defined alert: a rule type, its thresholds and where to notify."""

    __tablename__ = "alert_rules"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text)
    rule_type: Mapped[str] = mapped_column(String(50))
    config: Mapped[JSONObject] = mapped_column(JSONDocument)
    notification_channels: Mapped[list[JSONObject]] = mapped_column(JSONDocument)
    enabled: Mapped[bool] = mapped_column(server_default=true())
    created_at: Mapped[datetime] = _created_at()
    updated_at: Mapped[datetime] = _updated_at()


class SavedView(Base):
    """A dashboard layout, query or filter a user saved, optionally shared with everyone."""

    __tablename__ = "saved_views"
    __table_args__ = (Index("idx_saved_views_user", "user_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(255))
    view_type: Mapped[str] = mapped_column(String(50))
    config: Mapped[JSONObject] = mapped_column(JSONDocument)
    shared: Mapped[bool] = mapped_column(server_default=false())
    created_at: Mapped[datetime] = _created_at()
    updated_at: Mapped[datetime] = _updated_at()


class MigrationProject(Base):
    """A KIC → NGF migration in progress: its source, analysis and generated resources."""

    __tablename__ = "migration_projects"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(255))
    source_type: Mapped[str] = mapped_column(String(50))
    source_config: Mapped[JSONObject] = mapped_column(JSONDocument)
    analysis_result: Mapped[JSONObject | None] = mapped_column(JSONDocument)
    generated_resources: Mapped[list[JSONObject] | None] = mapped_column(JSONDocument)
    status: Mapped[str] = mapped_column(String(50))
    created_at: Mapped[datetime] = _created_at()
    updated_at: Mapped[datetime] = _updated_at()


class XCPublishState(Base):
    """Where an HTTPRoute is published on F5 Distributed Cloud and how its last sync went."""

    __tablename__ = "xc_publish_state"
    __table_args__ = (Index("idx_xc_publish_route", "httproute_namespace", "httproute_name"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    httproute_namespace: Mapped[str] = mapped_column(String(255))
    httproute_name: Mapped[str] = mapped_column(String(255))
    xc_tenant: Mapped[str] = mapped_column(String(255))
    xc_namespace: Mapped[str] = mapped_column(String(255))
    xc_http_lb_name: Mapped[str | None] = mapped_column(String(255))
    xc_origin_pool_name: Mapped[str | None] = mapped_column(String(255))
    public_endpoint: Mapped[str | None] = mapped_column(String(255))
    last_sync_status: Mapped[str | None] = mapped_column(String(50))
    last_sync_time: Mapped[datetime | None]
    config_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = _created_at()
    updated_at: Mapped[datetime] = _updated_at()
