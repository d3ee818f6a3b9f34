"""Migrations on SQLite and PostgreSQL: upgrade, revision, models == migrations, the CLI.

Matrix (each on `sqlite` and `postgresql`):
* a fresh database is at no revision; `upgrade_to_head` brings it to head, twice is a no-op;
* a failed upgrade rolls back completely; two upgrades at once (one event loop, or two
  processes: advisory lock / BEGIN IMMEDIATE) both succeed; on PostgreSQL a second process
  is shown to wait on the advisory lock rather than race;
* the migrated schema and the models agree (Alembic autogenerate compare finds nothing),
  and the same compare does report a difference when the models change;
* `migrations/env.py` also runs from the Alembic command line, URL from the environment;
* `ngf-console db current` / `db upgrade`.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Index, MetaData, String, inspect, text
from sqlalchemy.engine import URL, Connection
from typer.testing import CliRunner

from ngf_console.cli.main import build
from ngf_console.store import (
    Database,
    MigrationError,
    current_revision,
    head_revision,
    upgrade_to_head,
)
from ngf_console.store.migrate import ADVISORY_LOCK_ID, alembic_config
from ngf_console.store.models import Base
from tests import pg
from tests.waiting import eventually

app = build(["db"])

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


@pytest.mark.asyncio
async def test_a_failed_upgrade_leaves_no_partial_schema(database_url: URL) -> None:
    database = Database(database_url)
    try:
        async with database.engine.begin() as connection:  # a table in the way of revision 0001
            await connection.execute(text("CREATE TABLE saved_views (id INTEGER PRIMARY KEY)"))
    finally:
        await database.close()

    with pytest.raises(MigrationError, match=r"upgrading .* failed"):
        await upgrade_to_head(database_url)

    assert await _tables(database_url) == {"saved_views"}  # users, audit_log... rolled back
    assert await current_revision(database_url) is None


@pytest.mark.asyncio
async def test_concurrent_upgrades_both_succeed(database_url: URL) -> None:
    revisions = await asyncio.gather(upgrade_to_head(database_url), upgrade_to_head(database_url))

    assert list(revisions) == [head_revision(), head_revision()]
    assert await _tables(database_url) == TABLES


def test_upgrades_from_two_processes_at_once_both_succeed(database_url: URL) -> None:
    cli = str(Path(sys.executable).parent / "ngf-console")
    argv = [cli, "db", "upgrade", "--database-url", database_url.render_as_string(False)]

    processes = [subprocess.Popen(argv, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outcomes = [(p.wait(timeout=60), p.communicate()[1]) for p in processes]

    assert [code for code, _ in outcomes] == [0, 0], outcomes
    assert asyncio.run(_tables(database_url)) == TABLES


@pytest.mark.asyncio
async def test_postgresql_upgrades_queue_on_the_advisory_lock(
    postgres_server: pg.PostgresServer,
) -> None:
    name = f"t_{uuid.uuid4().hex[:16]}"
    url = postgres_server.create_database(name)
    database = Database(url)
    upgrades: list[asyncio.Task[int]] = []

    async def both_wait() -> bool:
        async with database.engine.connect() as observer:
            count = await observer.scalar(_WAITING_ON_LOCK, {"id": ADVISORY_LOCK_ID})
        return bool(count == 2)

    try:
        async with database.engine.connect() as holder, holder.begin():
            lock = text("SELECT pg_advisory_xact_lock(:id)")
            await holder.execute(lock, {"id": ADVISORY_LOCK_ID})
            upgrades = [asyncio.create_task(_cli_upgrade(url)) for _ in range(2)]
            await eventually(both_wait, within=60, what="both upgrades waiting on the lock")
        assert await asyncio.gather(*upgrades) == [0, 0]  # lock released: both proceed
        assert await _tables(url) == TABLES
    finally:
        await asyncio.gather(*upgrades, return_exceptions=True)
        await database.close()
        postgres_server.drop_database(name)


_WAITING_ON_LOCK = text(
    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
    "AND ((classid::bigint << 32) | objid::bigint) = :id"
)


async def _cli_upgrade(url: URL) -> int:
    cli = str(Path(sys.executable).parent / "ngf-console")
    argv = ["db", "upgrade", "--database-url", url.render_as_string(False)]
    process = await asyncio.create_subprocess_exec(cli, *argv, stderr=subprocess.DEVNULL)
    return await asyncio.wait_for(process.wait(), timeout=60)


@pytest.mark.asyncio
async def test_database_from_settings_reads_the_environment(
    database_url: URL, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NGF_CONSOLE_DATABASE_URL", database_url.render_as_string(False))

    async with Database.from_settings() as database:
        assert database.url == database_url
        await upgrade_to_head(database.url)
        async with database.engine.connect() as connection:
            assert await connection.scalar(text("SELECT count(*) FROM audit_log")) == 0


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
