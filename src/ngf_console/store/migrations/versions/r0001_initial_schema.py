"""Initial schema: users, audit_log, alert_rules, saved_views, migration_projects, xc_publish_state.

Revision ID: 0001
Revises:
Create Date: 2026-11-26

Written once by hand from the models (spec §4.1, portable per §4.2); a revision never imports
the application's types, so it keeps meaning the same schema when the models move on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json(name: str, *, nullable: bool = False) -> sa.Column[Any]:
    kind = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
    return sa.Column(name, kind, nullable=nullable)


def _uuid_pk() -> sa.Column[Any]:
    return sa.Column("id", sa.Uuid(), nullable=False)


def _timestamp(name: str) -> sa.Column[Any]:
    return sa.Column(name, sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False)


def _string(name: str, length: int, *, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, sa.String(length=length), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "users",
        _uuid_pk(),
        _string("email", 255, nullable=True),
        _string("display_name", 255, nullable=True),
        _json("preferences"),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
    )
    op.create_index("idx_users_email", "users", ["email"], unique=True)

    op.create_table(
        "audit_log",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        _string("actor", 255),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        _string("action", 50),
        _string("resource_kind", 100),
        _string("resource_namespace", 255),
        _string("resource_name", 255),
        _json("previous_config", nullable=True),
        _json("new_config", nullable=True),
        sa.Column("diff", sa.Text(), nullable=False),
        _json("metadata"),
        _timestamp("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_audit_log_user_id_users", ondelete="SET NULL"
        ),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "idx_audit_resource",
        "audit_log",
        ["resource_kind", "resource_namespace", "resource_name"],
    )
    op.create_index("idx_audit_time", "audit_log", ["created_at", "id"])
    op.create_index("idx_audit_actor", "audit_log", ["actor", "created_at"])

    op.create_table(
        "alert_rules",
        _uuid_pk(),
        _string("name", 255),
        sa.Column("description", sa.Text(), nullable=False),
        _string("rule_type", 50),
        _json("config"),
        _json("notification_channels"),
        sa.Column("enabled", sa.Boolean(), server_default=sa.true(), nullable=False),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_alert_rules"),
    )

    op.create_table(
        "saved_views",
        _uuid_pk(),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        _string("name", 255),
        _string("view_type", 50),
        _json("config"),
        sa.Column("shared", sa.Boolean(), server_default=sa.false(), nullable=False),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_saved_views"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_saved_views_user_id_users", ondelete="CASCADE"
        ),
    )
    op.create_index("idx_saved_views_user", "saved_views", ["user_id"])

    op.create_table(
        "migration_projects",
        _uuid_pk(),
        _string("name", 255),
        _string("source_type", 50),
        _json("source_config"),
        _json("analysis_result", nullable=True),
        _json("generated_resources", nullable=True),
        _string("status", 50),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_migration_projects"),
    )

    op.create_table(
        "xc_publish_state",
        _uuid_pk(),
        _string("httproute_namespace", 255),
        _string("httproute_name", 255),
        _string("xc_tenant", 255),
        _string("xc_namespace", 255),
        _string("xc_http_lb_name", 255, nullable=True),
        _string("xc_origin_pool_name", 255, nullable=True),
        _string("public_endpoint", 255, nullable=True),
        _string("last_sync_status", 50, nullable=True),
        sa.Column("last_sync_time", sa.DateTime(timezone=True), nullable=True),
        _string("config_hash", 64, nullable=True),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_xc_publish_state"),
    )
    op.create_index(
        "idx_xc_publish_route", "xc_publish_state", ["httproute_namespace", "httproute_name"]
    )


def downgrade() -> None:
    op.drop_table("xc_publish_state")
    op.drop_table("migration_projects")
    op.drop_table("saved_views")
    op.drop_table("alert_rules")
    op.drop_table("audit_log")
    op.drop_table("users")
