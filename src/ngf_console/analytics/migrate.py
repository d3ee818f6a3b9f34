"""Versioned schema migrations with a `schema_migrations` table; applying is idempotent.

Migrations are SQL files in `analytics/migrations/`, named `NNNN_<name>.sql`, statements
ending with `;` at the end of a line. Each file is frozen once released: its SHA-256 is
recorded when applied, and a changed file is a `MigrationError` (add a new migration
instead). `migrate(store)` applies, in version order, every migration the database has not
recorded; every statement is `IF NOT EXISTS`-style, so a run interrupted half-way is simply
run again. A database recording a version this code does not know (a newer release migrated
it) is refused rather than silently downgraded.

The integration tests check that applying every migration yields exactly the schema that
`schema.ddl.schema_statements()` renders from the Python definitions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from importlib import resources

from ngf_console.analytics.errors import AnalyticsError, MigrationError
from ngf_console.analytics.store import AnalyticsStore

MIGRATIONS_TABLE = "schema_migrations"
_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
_STATEMENT_END = re.compile(r";[ \t]*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Migration:
    """One migration file: version, name, statements and the file's checksum."""

    version: int
    name: str
    statements: tuple[str, ...]
    checksum: str


def parse_migration(filename: str, text: str) -> Migration:
    """A migration from its file name and SQL text (comments and blank lines dropped)."""
    match = _FILE.match(filename)
    if match is None:
        raise MigrationError(f"migration file name {filename!r} is not NNNN_name.sql")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--"))
    statements = tuple(s.strip() for s in _STATEMENT_END.split(body) if s.strip())
    checksum = hashlib.sha256(text.encode()).hexdigest()
    return Migration(int(match.group(1)), match.group(2), statements, checksum)


def load_migrations() -> tuple[Migration, ...]:
    """Every migration shipped with the package, by version (versions must be 1, 2, …)."""
    folder = resources.files("ngf_console.analytics") / "migrations"
    found = sorted(
        (
            parse_migration(f.name, f.read_text())
            for f in folder.iterdir()
            if f.name.endswith(".sql")
        ),
        key=lambda m: m.version,
    )
    expected = list(range(1, len(found) + 1))
    if [m.version for m in found] != expected:
        raise MigrationError(
            f"migration versions must be {expected}, got {[m.version for m in found]}"
        )
    return tuple(found)


def applied_migrations(store: AnalyticsStore) -> dict[int, str]:
    """Version → checksum of every migration the database has recorded."""
    _ensure_table(store)
    sql = f"SELECT version, checksum FROM {MIGRATIONS_TABLE} FINAL"  # noqa: S608 - constant name
    rows = store.query(sql).rows
    return {int(str(version)): str(checksum) for version, checksum in rows}


def migrate(store: AnalyticsStore, migrations: tuple[Migration, ...] | None = None) -> list[int]:
    """Apply every migration not yet recorded; returns the versions applied by this call."""
    known = migrations if migrations is not None else load_migrations()
    applied = applied_migrations(store)
    newer = sorted(set(applied) - {m.version for m in known})
    if newer:
        raise MigrationError(
            f"the database has migrations {newer} that this release does not know; "
            "run a release at least as new as the one that migrated it"
        )
    done: list[int] = []
    for migration in known:
        recorded = applied.get(migration.version)
        if recorded is None:
            _apply(store, migration)
            done.append(migration.version)
        elif recorded != migration.checksum:
            raise MigrationError(
                f"migration {migration.version} ({migration.name}) was changed after it was "
                "applied; add a new migration instead of editing a released one"
            )
    return done


def _ensure_table(store: AnalyticsStore) -> None:
    store.execute(
        f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} (version UInt32, name String, "
        "checksum String, applied_at DateTime64(3, 'UTC')) "
        "ENGINE = ReplacingMergeTree(applied_at) ORDER BY version"
    )


def _apply(store: AnalyticsStore, migration: Migration) -> None:
    for number, statement in enumerate(migration.statements, start=1):
        try:
            store.execute(statement)
        except AnalyticsError as e:
            raise MigrationError(
                f"migration {migration.version} ({migration.name}), statement {number}: {e}"
            ) from e
    store.insert(
        MIGRATIONS_TABLE,
        {
            "version": [migration.version],
            "name": [migration.name],
            "checksum": [migration.checksum],
            "applied_at": [dt.datetime.now(dt.UTC)],
        },
    )
