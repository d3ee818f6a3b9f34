"""Fixtures of the config DB tests: every test runs on SQLite and on a real PostgreSQL.

* `postgres_server` (session): PostgreSQL from the Debian package binaries (`tests.pg`), on a
  temporary directory and a free port; the session FAILS (never skips) when the binaries are
  missing, telling the user to run `make setup`.
* `backend` (per test, parametrised `sqlite` / `postgresql`): which database the test runs on.
* `database_url`: an empty database — a fresh SQLite file, or a fresh PostgreSQL database
  dropped afterwards (for the migration tests).
* `db`: a database at head, as a `Database` closed after the test. SQLite: a fresh migrated
  file. PostgreSQL: one database migrated once per session and emptied (TRUNCATE) before
  each test — creating a PostgreSQL database takes most of a second.
* `clock`: a fake clock the repositories take instead of the wall clock.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.engine import URL

from ngf_console.store import Database, upgrade_to_head
from ngf_console.store.models import Base
from tests import pg
from tests.integration.store.builders import FakeClock


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[pg.PostgresServer]:
    """A PostgreSQL server for the whole session, stopped and deleted at the end."""
    try:
        server = pg.start()
    except pg.PostgresHarnessError as e:
        pytest.fail(str(e), pytrace=False)
    try:
        yield server
    finally:
        pg.stop(server)


@pytest.fixture(scope="session")
def postgres_store(postgres_server: pg.PostgresServer) -> URL:
    """A PostgreSQL database migrated to head, shared by the tests (emptied by `db`)."""
    url = postgres_server.create_database("store")
    asyncio.run(upgrade_to_head(url))
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    """The database the test runs on."""
    param: str = request.param
    return param


@pytest.fixture
def database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[URL]:
    """An empty database of that kind (see the module docstring)."""
    if backend == "sqlite":
        yield URL.create("sqlite+aiosqlite", database=str(tmp_path / "ngf-console.db"))
        return
    server: pg.PostgresServer = request.getfixturevalue("postgres_server")
    name = f"t_{uuid.uuid4().hex[:16]}"
    url = server.create_database(name)
    try:
        yield url
    finally:
        server.drop_database(name)


@pytest.fixture
def store_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> URL:
    """Where `db` lives: a new SQLite file, or the shared migrated PostgreSQL database."""
    if backend == "sqlite":
        return URL.create("sqlite+aiosqlite", database=str(tmp_path / "ngf-console.db"))
    url: URL = request.getfixturevalue("postgres_store")
    return url


@pytest_asyncio.fixture
async def db(store_url: URL) -> AsyncIterator[Database]:
    """A database at head with no rows, its engine disposed after the test."""
    await upgrade_to_head(store_url)  # SQLite: creates the schema; PostgreSQL: already there
    database = Database(store_url)
    try:
        if store_url.get_backend_name() == "postgresql":
            tables = ", ".join(Base.metadata.tables)
            async with database.engine.begin() as connection:
                await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        yield database
    finally:
        await database.close()


@pytest.fixture
def clock() -> FakeClock:
    """A clock at 2026-03-01T12:00:00Z that moves only when told to."""
    return FakeClock()
