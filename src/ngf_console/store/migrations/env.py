"""Alembic environment of the configuration database (run by Alembic, never imported).

Two ways in:

* From code (`ngf_console.store.migrate`): the caller passes an open connection in
  `config.attributes["connection"]` and owns its transaction.
* From the `alembic` command line with a config naming this directory: the URL comes from
  `sqlalchemy.url` if set, else from `StoreSettings` (`NGF_CONSOLE_DATABASE_URL`), and an async
  engine is created and disposed here.

Offline (`--sql`) generation is not supported: the schema differs per database and the
supported path is running the migrations against the database itself.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from ngf_console.store.database import create_engine
from ngf_console.store.errors import MigrationError
from ngf_console.store.models import Base
from ngf_console.store.settings import StoreSettings, normalize_url

target_metadata = Base.metadata


def run_on(connection: Connection) -> None:
    """Run the pending revisions on `connection`."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_with_own_engine() -> None:
    """Create an engine from the configured URL, migrate, dispose it."""
    configured = context.config.get_main_option("sqlalchemy.url")
    url = normalize_url(configured) if configured else StoreSettings().url()
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(run_on)
    finally:
        await engine.dispose()


def main() -> None:
    """Entry point: pick the way in (see the module docstring)."""
    if context.is_offline_mode():
        raise MigrationError("offline (--sql) migrations are not supported; run them online")
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
    else:
        asyncio.run(run_with_own_engine())


main()
