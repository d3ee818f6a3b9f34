"""Store settings and URL normalisation (`ngf_console.store.settings`).

Matrix: the default SQLite file (relative to the working directory), `NGF_CONSOLE_SQLITE_PATH`,
`NGF_CONSOLE_DATABASE_URL` with each accepted spelling, refused databases, password masking.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ngf_console.store.errors import DatabaseURLError
from ngf_console.store.settings import StoreSettings, display_url, is_sqlite, normalize_url


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("NGF_CONSOLE_DATABASE_URL", "NGF_CONSOLE_SQLITE_PATH", "NGF_CONSOLE_ECHO_SQL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def test_default_is_a_sqlite_file_under_the_working_directory(tmp_path: Path) -> None:
    url = StoreSettings().url()

    assert url.drivername == "sqlite+aiosqlite"
    assert url.database == str(tmp_path / ".cache/run/ngf-console.db")


def test_sqlite_path_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NGF_CONSOLE_SQLITE_PATH", "data/console.db")

    assert StoreSettings().url().database == str(tmp_path / "data/console.db")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("postgresql+asyncpg://u:p@db:5432/ngf", "postgresql+asyncpg://u:p@db:5432/ngf"),
        ("postgresql://u:p@db/ngf", "postgresql+asyncpg://u:p@db/ngf"),
        ("postgres://u:p@db/ngf", "postgresql+asyncpg://u:p@db/ngf"),
        ("sqlite:////var/lib/ngf/console.db", "sqlite+aiosqlite:////var/lib/ngf/console.db"),
        ("sqlite+aiosqlite:///rel.db", "sqlite+aiosqlite:///rel.db"),
    ],
)
def test_database_url_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, raw: str, expected: str
) -> None:
    monkeypatch.setenv("NGF_CONSOLE_DATABASE_URL", raw)

    assert StoreSettings().url().render_as_string(hide_password=False) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("mysql://u:p@db/ngf", "unsupported database 'mysql'"),
        ("postgresql+psycopg2://db/ngf", r"unsupported database 'postgresql\+psycopg2'"),
        ("sqlite://", "in-memory SQLite"),
        ("sqlite:///:memory:", "in-memory SQLite"),
        ("not a url", "not a database URL"),
    ],
)
def test_unsupported_urls_are_refused(raw: str, message: str) -> None:
    with pytest.raises(DatabaseURLError, match=message):
        normalize_url(raw)


def test_display_url_masks_the_password() -> None:
    url = normalize_url("postgresql://ngf:s3cr3t@db/ngf")

    assert display_url(url) == "postgresql+asyncpg://ngf:***@db/ngf"
    assert not is_sqlite(url)
    assert is_sqlite(normalize_url("sqlite:///x.db"))
