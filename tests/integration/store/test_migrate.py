"""Migrations on SQLite and PostgreSQL: upgrade, revision, models == migrations, the CLI.

Matrix (each on `sqlite` and `postgresql`):
* a fresh database is at no revision; `upgrade_to_head` brings it to head, twice is a no-op;
* the migrated schema and the models agree (Alembic autogenerate compare finds nothing),
  and the same compare does report a difference when the models change;
* `migrations/env.py` also runs from the Alembic command line, URL from the environment;
* `ngf-console db current` / `db upgrade`.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Index, MetaData, String, inspect
from sqlalchemy.engine import URL, Connection
from typer.testing import CliRunner

from ngf_console.cli.main import app
from ngf_console.store import Database, current_revision, head_revision, upgrade_to_head
from ngf_console.store.migrate import alembic_config
from ngf_console.store.models import Base

pytestmark = [pytest.mark.integration]

TABLES = {
    "users",
    "audit_log",
    "alert_rules",
    "saved_views",
    "migration_projects",
    "xc_publish_state",
    "alembic_version",
}


def _compare(connection: Connection, metadata: MetaData) -> list[Any]:
    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "compare_server_default": True}
    )
    differences: list[Any] = compare_metadata(context, metadata)
    return differences


async def _differences(url: URL, metadata: MetaData) -> list[Any]:
    database = Database(url)
    try:
        async with database.engine.connect() as connection:
            return await connection.run_sync(_compare, metadata)
    finally:
        await database.close()


async def _tables(url: URL) -> set[str]:
    database = Database(url)
    try:
        async with database.engine.connect() as connection:
            names = await connection.run_sync(lambda c: inspect(c).get_table_names())
            return set(names)
    finally:
        await database.close()


@pytest.mark.asyncio
async def test_upgrade_to_head_creates_every_table_once(database_url: URL) -> None:
    assert await current_revision(database_url) is None

    assert await upgrade_to_head(database_url) == head_revision()
    assert await current_revision(database_url) == head_revision()
    assert await _tables(database_url) == TABLES

    assert await upgrade_to_head(database_url) == head_revision()  # nothing pending: no-op


@pytest.mark.asyncio
async def test_models_and_migrations_agree(database_url: URL) -> None:
    await upgrade_to_head(database_url)

    assert await _differences(database_url, Base.metadata) == []


@pytest.mark.asyncio
async def test_the_comparison_sees_a_model_change(database_url: URL) -> None:
    await upgrade_to_head(database_url)
    changed = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.tables.values():
        table.to_metadata(changed)
    audit_log = changed.tables["audit_log"]
    audit_log.append_column(Column("request_id", String(64), nullable=True))
    Index("idx_audit_request", audit_log.c.request_id)

    differences = await _differences(database_url, changed)

    assert [d[0] for d in differences] == ["add_column", "add_index"]


def test_env_runs_from_the_alembic_command_line(
    database_url: URL, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NGF_CONSOLE_DATABASE_URL", database_url.render_as_string(False))

    command.upgrade(alembic_config(), "head")

    assert asyncio.run(current_revision(database_url)) == head_revision()


def test_cli_upgrade_and_current(database_url: URL) -> None:
    runner = CliRunner()
    url = database_url.render_as_string(hide_password=False)

    before = runner.invoke(app, ["db", "current", "--database-url", url])
    upgrade = runner.invoke(app, ["db", "upgrade", "--database-url", url])
    after = runner.invoke(app, ["db", "current", "--database-url", url])

    assert (before.exit_code, before.stdout.strip()) == (0, "none")
    assert upgrade.exit_code == 0, upgrade.output
    assert f"at revision {head_revision()} (head)" in upgrade.stderr
    if database_url.password:
        assert database_url.password not in upgrade.output
    assert (after.exit_code, after.stdout.strip()) == (0, head_revision())


def test_cli_rejects_an_unsupported_database() -> None:
    result = CliRunner().invoke(app, ["db", "upgrade", "--database-url", "mysql://db/ngf"])

    assert result.exit_code == 1
    assert "unsupported database 'mysql'" in result.stderr
