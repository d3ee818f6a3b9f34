"""Alembic migrations of the configuration database, driven from code.

`upgrade_to_head(url)` is what the API server (at startup), `ngf-console db upgrade` and the
tests call. It opens one connection, hands it to `migrations/env.py` through
`Config.attributes["connection"]`, and runs every pending revision in a single transaction:
PostgreSQL and SQLite both have transactional DDL (see `database` for SQLite's BEGIN), so a
failed upgrade leaves no half schema.

Concurrent upgrades queue up instead of colliding: across processes (several API replicas,
the CLI beside the server) by a transaction-scoped advisory lock on PostgreSQL and by
`BEGIN IMMEDIATE` on SQLite; within one event loop by an `asyncio.Lock`, because Alembic's
`context`/`op` proxies are process-global and two interleaved runs would clobber them.
"""

from __future__ import annotations

import asyncio
import weakref
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import SQLAlchemyError

from ngf_console.store.database import SQLITE_BEGIN, create_engine
from ngf_console.store.errors import MigrationError
from ngf_console.store.settings import display_url, is_sqlite, normalize_url

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
ADVISORY_LOCK_ID = 0x6E67_6663_6462  # "ngfcdb": the PostgreSQL lock migrations hold

_loop_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
    weakref.WeakKeyDictionary()
)


def _in_process_lock() -> asyncio.Lock:
    return _loop_locks.setdefault(asyncio.get_running_loop(), asyncio.Lock())


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config for our migrations; `env.py` uses `connection` when one is given."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # revision files are modules: `r<rev>_<slug>.py` keeps their names valid identifiers
    config.set_main_option("file_template", "r%%(rev)s_%%(slug)s")
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision shipped in `migrations/versions/`."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise MigrationError(f"no revisions in {MIGRATIONS_DIR / 'versions'}")
    return head


async def upgrade_to_head(url: str | URL) -> str:
    """Apply every pending revision to the database at `url`; return the revision it is at."""
    engine = create_engine(url)
    try:
        async with _in_process_lock(), engine.connect() as connection:
            immediate = await connection.execution_options(**{SQLITE_BEGIN: "IMMEDIATE"})
            async with immediate.begin():
                await immediate.run_sync(_upgrade)
                revision = await immediate.run_sync(_current)
    except SQLAlchemyError as e:
        raise MigrationError(f"upgrading {display_url(engine.url)} failed: {e}") from e
    finally:
        await engine.dispose()
    if revision is None:
        raise MigrationError(f"{display_url(engine.url)} has no revision after the upgrade")
    return revision


async def current_revision(url: str | URL) -> str | None:
    """The revision the database at `url` is at; None for a database never migrated.

    A SQLite file that does not exist is reported as never migrated, and not created.
    """
    url = normalize_url(url)
    database = url.database if is_sqlite(url) else None
    if database is not None and not await asyncio.to_thread(Path(database).exists):
        return None
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(_current)
    except SQLAlchemyError as e:
        raise MigrationError(f"reading the revision of {display_url(engine.url)}: {e}") from e
    finally:
        await engine.dispose()


def _upgrade(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": ADVISORY_LOCK_ID})
    command.upgrade(alembic_config(connection), "head")


def _current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()
