"""Where the configuration database lives: `NGF_CONSOLE_DATABASE_URL` or a SQLite file.

Invariant: `StoreSettings.url()` always returns a URL with an async driver that the store
supports — `sqlite+aiosqlite` or `postgresql+asyncpg` — so the engine, the repositories and
Alembic all see the same URL. Plain `sqlite://`, `postgresql://` and `postgres://` URLs are
accepted and given the async driver.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from ngf_console.store.errors import DatabaseURLError

DEFAULT_SQLITE_PATH = Path(".cache/run/ngf-console.db")

_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "sqlite+aiosqlite": "sqlite+aiosqlite",
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "postgresql+asyncpg": "postgresql+asyncpg",
}


class StoreSettings(BaseSettings):
    """Configuration database settings, read from `NGF_CONSOLE_*` environment variables."""

    model_config = SettingsConfigDict(env_prefix="NGF_CONSOLE_", extra="ignore")

    database_url: str | None = Field(
        default=None,
        description=(
            "SQLAlchemy URL of the database, e.g. "
            "`postgresql+asyncpg://user:password@host:5432/ngf_console`. "
            "Unset: the SQLite file at `sqlite_path`."
        ),
    )
    sqlite_path: Path = Field(
        default=DEFAULT_SQLITE_PATH,
        description="SQLite file used when `database_url` is unset (relative to the working dir).",
    )
    echo_sql: bool = Field(default=False, description="Log every SQL statement (debugging).")

    def url(self) -> URL:
        """The database URL with its async driver."""
        if self.database_url is None:
            return URL.create("sqlite+aiosqlite", database=str(self.sqlite_path.absolute()))
        return normalize_url(self.database_url)


def normalize_url(raw: str | URL) -> URL:
    """Parse `raw` and give it the async driver; reject databases the store does not support."""
    try:
        url = make_url(raw)
    except ArgumentError as e:
        raise DatabaseURLError(f"not a database URL: {e}") from e
    driver = _DRIVERS.get(url.drivername)
    if driver is None:
        supported = "sqlite+aiosqlite:///PATH or postgresql+asyncpg://USER:PASSWORD@HOST/DB"
        raise DatabaseURLError(f"unsupported database {url.drivername!r}; use {supported}")
    if driver.startswith("sqlite") and url.database in (None, "", ":memory:"):
        raise DatabaseURLError(
            "an in-memory SQLite database would vanish between connections; give a file path"
        )
    return url.set(drivername=driver)


def is_sqlite(url: URL) -> bool:
    """True when `url` names a SQLite database."""
    return url.get_backend_name() == "sqlite"


def display_url(url: URL) -> str:
    """`url` as text with the password masked, for logs and CLI output."""
    return url.render_as_string(hide_password=True)
