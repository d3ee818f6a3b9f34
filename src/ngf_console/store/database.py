"""The async engine and session factory of the configuration database.

`Database` owns one `AsyncEngine`; close it (`await db.close()` or `async with`) so no
connection outlives it. On SQLite the engine

* creates the file's directory;
* enforces foreign keys (SQLite leaves them off per connection);
* waits up to 5 s for a lock held by another connection instead of failing at once;
* emits `BEGIN` itself: Python's sqlite3 module otherwise starts transactions only before
  INSERT/UPDATE/DELETE, so DDL would autocommit statement by statement and a failed migration
  would leave half a schema. The execution option `sqlite_begin="IMMEDIATE"` takes the write
  lock at BEGIN (migrations use it, so two processes migrating queue up).
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Any, Self

from sqlalchemy import event
from sqlalchemy.engine import URL, Connection
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from ngf_console.store.settings import StoreSettings, is_sqlite, normalize_url

SessionFactory = async_sessionmaker[AsyncSession]

_SQLITE_BUSY_TIMEOUT_MS = 5000
SQLITE_BEGIN = "sqlite_begin"
"""Execution option: the SQLite transaction mode, DEFERRED (default) or IMMEDIATE."""
_SQLITE_BEGIN_MODES = ("DEFERRED", "IMMEDIATE")


def create_engine(url: str | URL, *, echo: bool = False) -> AsyncEngine:
    """An async engine for `url` (normalized), with the SQLite settings above when it is SQLite."""
    url = normalize_url(url)
    if not is_sqlite(url):
        return create_async_engine(url, echo=echo, pool_pre_ping=True)
    if url.database is not None:
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url, echo=echo)
    event.listen(engine.sync_engine, "connect", _configure_sqlite_connection)
    event.listen(engine.sync_engine, "begin", _begin_sqlite_transaction)
    return engine


def _configure_sqlite_connection(dbapi_connection: Any, _record: object) -> None:
    dbapi_connection.isolation_level = None  # no implicit BEGIN: `_begin_sqlite_transaction`
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={_SQLITE_BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def _begin_sqlite_transaction(connection: Connection) -> None:
    mode = connection.get_execution_options().get(SQLITE_BEGIN, "DEFERRED")
    if mode not in _SQLITE_BEGIN_MODES:
        raise ValueError(f"{SQLITE_BEGIN} must be one of {_SQLITE_BEGIN_MODES}, not {mode!r}")
    connection.exec_driver_sql(f"BEGIN {mode}")


class Database:
    """An engine plus the session factory the repositories take."""

    def __init__(self, url: str | URL, *, echo: bool = False) -> None:
        self.url = normalize_url(url)
        self.engine = create_engine(self.url, echo=echo)
        self.sessions: SessionFactory = async_sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def from_settings(cls, settings: StoreSettings | None = None) -> Self:
        """The database the settings (by default, the environment) name."""
        settings = settings or StoreSettings()
        return cls(settings.url(), echo=settings.echo_sql)

    async def close(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
