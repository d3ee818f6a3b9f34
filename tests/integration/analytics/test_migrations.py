"""Migrations on chDB: applying them yields exactly the schema the definitions render.

Matrix: a database migrated from the shipped files and one built directly from
`schema_statements()` have the same tables, engines, columns (name, type, position),
sorting keys, TTLs and view definitions; a second migration run applies nothing; the
migration is recorded with its checksum; an edited migration file is refused on a migrated
database.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from ngf_console.analytics.chdb_store import ChdbStore
from ngf_console.analytics.errors import MigrationError
from ngf_console.analytics.migrate import load_migrations, migrate
from ngf_console.analytics.queries.inference import ttft_percentiles
from ngf_console.analytics.queries.timerange import Filters, TimeRange
from ngf_console.analytics.schema.ddl import schema_statements
from ngf_console.analytics.schema.rollups import flush_buffers
from tests.integration.analytics.conftest import fresh_database

pytestmark = [pytest.mark.integration]


@pytest.fixture
def two_databases(chdb_path: Path) -> Iterator[tuple[ChdbStore, ChdbStore]]:
    migrated, rendered = (
        ChdbStore(chdb_path, fresh_database()),
        ChdbStore(chdb_path, fresh_database()),
    )
    try:
        yield migrated, rendered
    finally:
        migrated.close()
        rendered.close()


def _schema(store: ChdbStore) -> dict[str, object]:
    tables = store.query(
        "SELECT name, engine, sorting_key, "
        "replaceAll(replaceAll(create_table_query, currentDatabase() || '.', ''), "
        "'Buffer(\\'' || currentDatabase() || '\\'', 'Buffer(db') AS ddl "
        "FROM system.tables WHERE database = currentDatabase() AND name != 'schema_migrations' "
        "ORDER BY name"
    ).rows
    columns = store.query(
        "SELECT table, name, type, position FROM system.columns "
        "WHERE database = currentDatabase() AND table != 'schema_migrations' "
        "ORDER BY table, position"
    ).rows
    return {"tables": tables, "columns": columns}


def test_migrations_reproduce_the_definitions(two_databases: tuple[ChdbStore, ChdbStore]) -> None:
    migrated, rendered = two_databases
    assert migrate(migrated) == [m.version for m in load_migrations()]
    for statement in schema_statements():
        rendered.execute(statement)
    assert _schema(migrated) == _schema(rendered)
    assert migrate(migrated) == []
    recorded = migrated.query(
        "SELECT version, checksum FROM schema_migrations FINAL ORDER BY version"
    ).rows
    assert recorded == [(m.version, m.checksum) for m in load_migrations()]


def test_an_edited_migration_is_refused(two_databases: tuple[ChdbStore, ChdbStore]) -> None:
    migrated, _ = two_databases
    shipped = load_migrations()
    migrate(migrated, shipped)
    edited = (dataclasses.replace(shipped[0], checksum="0" * 64), *shipped[1:])
    with pytest.raises(MigrationError, match="changed after it was applied"):
        migrate(migrated, edited)


def test_0003_backfills_percentiles_from_the_raw_rows(chdb_path: Path) -> None:
    store = ChdbStore(chdb_path, fresh_database())
    try:
        shipped = load_migrations()
        migrate(store, shipped[:2])  # a database of release 0002, with data
        hour = dt.datetime.now(dt.UTC).replace(minute=0, second=0, microsecond=0)
        start = hour - dt.timedelta(hours=1)  # inside the raw tables' TTL
        ttft = [float(n) for n in range(1, 101)]
        store.insert(
            "ngf_inference_logs",
            {
                "timestamp": [start + dt.timedelta(seconds=n) for n in range(100)],
                "namespace": ["ns"] * 100, "inference_pool": ["pool"] * 100,
                "model_name": ["m"] * 100, "status": [200] * 100,
                "time_to_first_token_ms": ttft,
            },
        )  # fmt: skip
        assert migrate(store, shipped[:3]) == [3]
        migrate(store)  # the later ones, which the query layer reads through
        rng = TimeRange(start, start + dt.timedelta(hours=1), 3600)
        for source in ("1m", "1h"):
            (point,) = ttft_percentiles(store, rng, Filters(namespace="ns"), source)
            assert point.requests == 100, source  # counts kept, not doubled by the backfill
            assert point.p50 == pytest.approx(50.0, rel=0.02), source
            assert point.p99 == pytest.approx(99.0, rel=0.02), source
        (raw,) = ttft_percentiles(store, rng, Filters(namespace="ns"), "raw")
        assert raw.requests == 100
    finally:
        store.close()


def test_0004_sets_the_raw_tables_merge_settings_and_keeps_their_rows(chdb_path: Path) -> None:
    store = ChdbStore(chdb_path, fresh_database())
    try:
        shipped = load_migrations()
        migrate(store, shipped[:3])
        now = dt.datetime.now(dt.UTC)
        store.insert("ngf_access_logs", {"timestamp": [now], "gateway": ["gw"], "status": [200]})
        assert migrate(store, shipped[:4]) == [4]
        settings = store.query(
            "SELECT name, create_table_query FROM system.tables WHERE database = currentDatabase()"
            " AND name IN ('ngf_inference_logs', 'ngf_access_logs', 'ngf_epp_decisions')"
        ).rows
        assert len(settings) == 3
        for name, ddl in settings:
            assert "merge_selector_base = 20" in str(ddl), name
        assert store.query("SELECT count() FROM ngf_access_logs").scalar() == 1
    finally:
        store.close()


def test_0005_puts_buffers_in_front_of_the_minute_rollups(chdb_path: Path) -> None:
    store = ChdbStore(chdb_path, fresh_database())
    try:
        shipped = load_migrations()
        migrate(store, shipped[:4])
        hour = dt.datetime.now(dt.UTC).replace(minute=0, second=0, microsecond=0)
        rows: dict[str, list[object]] = {"timestamp": [hour] * 2, "namespace": ["ns"] * 2,
                "inference_pool": ["pool"] * 2, "status": [200] * 2}  # fmt: skip
        store.insert("ngf_inference_logs", rows)  # before: straight into the rollups
        assert migrate(store, shipped[:5]) == [5]
        store.insert("ngf_inference_logs", rows)  # after: through the buffer
        rng = TimeRange(hour, hour + dt.timedelta(hours=1), 3600)
        (minutely,) = ttft_percentiles(store, rng, Filters(namespace="ns"), "1m")
        assert minutely.requests == 4  # the table's rows and the buffered ones
        flush_buffers(store)
        (hourly,) = ttft_percentiles(store, rng, Filters(namespace="ns"), "1h")
        assert hourly.requests == 4
    finally:
        store.close()


def _minute_tables(store: ChdbStore) -> list[tuple[str, str]]:
    rows = store.query(
        "SELECT name, sorting_key FROM system.tables WHERE database = currentDatabase() "
        "AND (name LIKE '%\\_1m' OR name LIKE '%\\_0006') ORDER BY name"
    ).rows
    return [(str(name), str(key)) for name, key in rows]


def test_0006_sorts_the_minute_rollups_by_hour_and_keeps_every_row(chdb_path: Path) -> None:
    store = ChdbStore(chdb_path, fresh_database())
    try:
        shipped = load_migrations()
        migrate(store, shipped[:5])
        start = dt.datetime.now(dt.UTC).replace(minute=0, second=0, microsecond=0)
        start -= dt.timedelta(hours=3)
        stamps: list[object] = [start + dt.timedelta(minutes=7 * i) for i in range(24)]  # 3 h
        rows: dict[str, list[object]] = {
            "timestamp": stamps, "namespace": ["ns"] * 24,
            "inference_pool": [f"pool-{i % 3}" for i in range(24)],
            "status": [200] * 24, "time_to_first_token_ms": [10.0 * (i + 1) for i in range(24)],
        }  # fmt: skip
        store.insert("ngf_inference_logs", rows)
        flush_buffers(store)  # these in the 1-minute table…
        store.insert("ngf_inference_logs", rows)  # …and these still in its buffer
        rng = TimeRange(start, start + dt.timedelta(hours=3), 3600)
        every = Filters(namespace="ns")
        before = ttft_percentiles(store, rng, every, "1m")
        assert [p.requests for p in before] == [18, 18, 12]

        sixth = shipped[5]
        exchanged = next(i for i, s in enumerate(sixth.statements) if s.startswith("EXCHANGE"))
        for statement in sixth.statements[: exchanged + 1]:  # interrupted after a swap
            store.execute(statement)
        assert migrate(store, shipped[:6]) == [6]  # run again from the start

        tables = _minute_tables(store)
        assert [name for name, _ in tables] == [
            "ngf_epp_decisions_1m", "ngf_inference_metrics_1m",
            "ngf_inference_pod_metrics_1m", "ngf_metrics_1m",
        ]  # fmt: skip
        assert all(key.startswith("toStartOfHour(window_start), ") for _, key in tables)
        assert ttft_percentiles(store, rng, every, "1m") == before  # nothing lost or doubled
        flush_buffers(store)
        assert ttft_percentiles(store, rng, every, "1h") == before  # the hours saw all rows
        store.insert("ngf_inference_logs", rows)  # the views feed the new tables
        after = ttft_percentiles(store, rng, every, "1m")
        assert [p.requests for p in after] == [27, 27, 18]
    finally:
        store.close()
