"""Migrations (`analytics.migrate`) over a fake store.

Matrix: parsing (comments, statement splitting, bad names); the shipped migrations number
1, 2, …; a fresh database gets every migration recorded; a second run applies nothing; a
migration changed after it was applied, or a version newer than the code, is refused; a
failing statement names the migration and the statement.
"""

from __future__ import annotations

import pytest

from ngf_console.analytics.errors import MigrationError, QueryError
from ngf_console.analytics.migrate import (
    MIGRATIONS_TABLE,
    Migration,
    load_migrations,
    migrate,
    parse_migration,
)
from ngf_console.analytics.store import Params, QueryResult
from tests.unit.analytics.fakes import FakeStore


class MigratingStore(FakeStore):
    """Keeps `schema_migrations` rows from inserts and answers the version query."""

    def query(self, sql: str, params: Params | None = None) -> QueryResult:
        assert MIGRATIONS_TABLE in sql
        rows = [
            (batch["version"][0], batch["checksum"][0])
            for table, batch in self.batches
            if table == MIGRATIONS_TABLE
        ]
        return QueryResult(("version", "checksum"), rows)  # type: ignore[arg-type]


def _migration(version: int, text: str = "CREATE TABLE IF NOT EXISTS t (x UInt8);") -> Migration:
    return parse_migration(f"{version:04d}_m{version}.sql", text)


def test_parse_splits_statements_and_drops_comments() -> None:
    text = "-- header\nCREATE TABLE a (x UInt8);\n\n  -- note\nCREATE VIEW b AS\nSELECT 1;\n"
    m = parse_migration("0003_views.sql", text)
    assert (m.version, m.name) == (3, "views")
    assert m.statements == ("CREATE TABLE a (x UInt8)", "CREATE VIEW b AS\nSELECT 1")
    assert len(m.checksum) == 64


@pytest.mark.parametrize("name", ["1_x.sql", "0001-x.sql", "0001_X.sql", "0001_x.txt"])
def test_bad_file_names_are_refused(name: str) -> None:
    with pytest.raises(MigrationError, match=r"NNNN_name\.sql"):
        parse_migration(name, "")


def test_shipped_migrations_are_numbered_from_one() -> None:
    versions = [m.version for m in load_migrations()]
    assert versions == list(range(1, len(versions) + 1))


def test_fresh_database_then_nothing_to_do() -> None:
    store = MigratingStore()
    migrations = (_migration(1), _migration(2, "CREATE TABLE IF NOT EXISTS u (y UInt8);"))
    assert migrate(store, migrations) == [1, 2]
    statements = [sql for sql, _ in store.executed]
    assert statements[1:] == ["CREATE TABLE IF NOT EXISTS t (x UInt8)",
                              "CREATE TABLE IF NOT EXISTS u (y UInt8)"]  # fmt: skip
    assert migrate(store, migrations) == []


def test_a_changed_migration_is_refused() -> None:
    store = MigratingStore()
    migrate(store, (_migration(1),))
    with pytest.raises(MigrationError, match="changed after it was applied"):
        migrate(store, (_migration(1, "CREATE TABLE IF NOT EXISTS t (x UInt16);"),))


def test_a_newer_database_is_refused() -> None:
    store = MigratingStore()
    migrate(store, (_migration(1), _migration(2)))
    with pytest.raises(MigrationError, match=r"migrations \[2\] that this release does not know"):
        migrate(store, (_migration(1),))


def test_a_failing_statement_names_migration_and_statement() -> None:
    store = MigratingStore(
        fail_execute=lambda sql: QueryError("syntax error", code=62) if "BAD" in sql else None
    )
    bad = parse_migration("0001_first.sql", "CREATE TABLE IF NOT EXISTS a (x UInt8);\nBAD;\n")
    with pytest.raises(MigrationError, match=r"migration 1 \(first\), statement 2: syntax error"):
        migrate(store, (bad,))
    assert not [b for t, b in store.batches if t == MIGRATIONS_TABLE], "not recorded"
