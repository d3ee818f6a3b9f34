"""The `AnalyticsStore` contract, on both adapters with the same SQL.

`any_store` runs each test on chDB and on the clickhouse-connect adapter (over HTTP to a fake
transport that chDB answers — no ClickHouse server can run here; see fake_clickhouse.py).

Matrix: typed values round-trip through `insert` and `query` (strings with quotes and
escapes, 64-bit integers, floats with NaN, booleans, arrays, DateTime64 as aware UTC);
server-side parameter binding of tricky values; empty results; an OTLP
payload through `insert_formatted` lands in the raw tables (given as one buffer or as several,
read as their concatenation); engine errors are `QueryError`
with ClickHouse's code; migrations are idempotent; closing is idempotent and final; two
sessions of a store insert into the same database at once.
"""

from __future__ import annotations

import datetime as dt
import math
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from ngf_console.analytics.chdb_store import ChdbStore
from ngf_console.analytics.clickhouse_store import ClickHouseStore
from ngf_console.analytics.errors import QueryError, StoreUnavailableError
from ngf_console.analytics.migrate import load_migrations, migrate
from ngf_console.analytics.otlp.ingest import store_payload
from ngf_console.analytics.schema.ddl import LANDING_INSERTS
from ngf_console.analytics.store import AnalyticsStore
from tests.integration.analytics.conftest import CLICKHOUSE_URL, fresh_database, unique
from tests.integration.analytics.fake_clickhouse import ChdbHttpFake
from tests.unit.analytics.builders import record, request

pytestmark = [pytest.mark.integration]

WHEN = dt.datetime(2026, 3, 1, 12, 30, 15, 123000, tzinfo=dt.UTC)


def test_typed_values_round_trip(any_store: AnalyticsStore) -> None:
    table = unique("contract")
    any_store.execute(
        f"CREATE TABLE {table} (ts DateTime64(3), s String, lc LowCardinality(String), "
        "n UInt64, i Int32, f Float64, b Bool, tags Array(String), xs Array(Float32)) "
        "ENGINE = MergeTree ORDER BY ts"
    )
    batch: dict[str, list[Any]] = {
        "ts": [WHEN, WHEN + dt.timedelta(seconds=1)],
        "s": ['it\'s \\ "quoted"\ttab\nline', "ünïcode ✓"],
        "lc": ["a", "b"],
        "n": [2**64 - 1, 0],
        "i": [-(2**31), 7],
        "f": [math.nan, 2.5],
        "b": [True, False],
        "tags": [["x", "y'z"], []],
        "xs": [[0.5, 1.5], []],
    }
    any_store.insert(table, batch)
    sql = f"SELECT ts, s, lc, n, i, f, b, tags, xs FROM {table} ORDER BY ts"  # noqa: S608 - test table
    result = any_store.query(sql)
    assert result.columns == ("ts", "s", "lc", "n", "i", "f", "b", "tags", "xs")
    first, second = result.rows
    assert first[0] == WHEN
    assert first[1:5] == (batch["s"][0], "a", 2**64 - 1, -(2**31))
    assert isinstance(first[5], float)
    assert math.isnan(first[5])
    assert first[6:] == (True, ["x", "y'z"], [0.5, 1.5])
    assert second == (WHEN + dt.timedelta(seconds=1), "ünïcode ✓", "b", 0, 7, 2.5, False, [], [])


@pytest.mark.parametrize(
    ("sql", "value"),
    [
        ("{v:String}", "it's a \\ back\\slash, a\ttab and a\nnewline"),
        ("{v:Int64}", -(2**63)),
        ("{v:UInt64}", 2**64 - 1),
        ("{v:Float64}", 0.1),
        ("{v:Bool}", True),
        ("{v:Array(String)}", ["a'b", "c\\d", ""]),
        ("{v:Array(Int64)}", [1, -2, 3]),
    ],
    ids=["string", "int64", "uint64", "float", "bool", "array-string", "array-int"],
)
def test_parameters_are_bound_server_side(
    any_store: AnalyticsStore, sql: str, value: object
) -> None:
    assert any_store.query(f"SELECT {sql} AS v", {"v": value}).scalar() == value  # type: ignore[dict-item]


def test_empty_results_have_no_rows(any_store: AnalyticsStore) -> None:
    result = any_store.query("SELECT route, status FROM ngf_access_logs WHERE 0")
    assert result.rows == []
    assert result.columns in ((), ("route", "status"))  # a server sends no Native header


def test_otlp_payload_lands_in_the_raw_tables(any_store: AnalyticsStore) -> None:
    ns = unique("ns")
    req = request(
        record("ngf.access", {"ngf.route": "checkout", "http.response.status_code": 502}),
        record("ngf.inference.request",
               {"ngf.inference.pool": "llama", "ngf.inference.ttft_ms": 12.5}),
        record("ngf.epp.decision", {"ngf.inference.pool": "llama", "k8s.pod.name": "llama-1"}),
        resource={"k8s.namespace.name": ns},
    )  # fmt: skip
    store_payload(any_store, req.SerializeToString())
    where = {"ns": ns}
    assert any_store.query(
        "SELECT route, status FROM ngf_access_logs WHERE namespace = {ns:String}", where
    ).rows == [("checkout", 502)]
    assert any_store.query(
        "SELECT inference_pool, time_to_first_token_ms FROM ngf_inference_logs "
        "WHERE namespace = {ns:String}",
        where,
    ).rows == [("llama", 12.5)]
    assert (
        any_store.query(
            "SELECT picked_pod FROM ngf_epp_decisions WHERE namespace = {ns:String}", where
        ).scalar()
        == "llama-1"
    )


def test_a_payload_in_several_buffers_lands_as_their_concatenation(
    any_store: AnalyticsStore,
) -> None:
    ns = unique("ns")
    requests = [
        request(record("ngf.access", {"ngf.route": route}), resource={"k8s.namespace.name": ns})
        for route in ("a", "b", "c")
    ]
    insert = LANDING_INSERTS["ngf.access"]
    any_store.insert_formatted(insert, [r.SerializeToString() for r in requests])
    assert any_store.query(
        "SELECT route FROM ngf_access_logs WHERE namespace = {ns:String} ORDER BY route",
        {"ns": ns},
    ).rows == [("a",), ("b",), ("c",)]


def test_otlp_inserts_leave_the_working_directory_alone(
    any_store: AnalyticsStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    store_payload(any_store, request(record("ngf.access")).SerializeToString())
    assert list(tmp_path.iterdir()) == []  # chDB caches inline schemas in ./__cache__ otherwise


@pytest.mark.parametrize(
    ("sql", "code"),
    [("SELEC 1", 62), ("SELECT * FROM no_such_table", 60), ("SELECT 1 + 'a'", 43)],
    ids=["syntax", "unknown-table", "bad-types"],
)
def test_engine_errors_are_query_errors_with_the_code(
    any_store: AnalyticsStore, sql: str, code: int
) -> None:
    with pytest.raises(QueryError) as caught:
        any_store.query(sql)
    assert caught.value.code == code


def test_migrations_are_idempotent(any_store: AnalyticsStore) -> None:
    assert migrate(any_store) == []
    assert any_store.query("SELECT count() FROM schema_migrations").scalar() == len(
        load_migrations()
    )


@pytest.mark.parametrize("adapter", ["chdb", "clickhouse"])
def test_close_is_idempotent_and_final(
    adapter: str, chdb_path: Path, fake_clickhouse: ChdbHttpFake
) -> None:
    closing: AnalyticsStore
    if adapter == "chdb":
        closing = ChdbStore(chdb_path, fresh_database())
    else:
        closing = ClickHouseStore(CLICKHOUSE_URL, fresh_database(), pool_manager=fake_clickhouse)
    closing.close()
    closing.close()
    with pytest.raises(StoreUnavailableError, match="closed"):
        closing.query("SELECT 1")


def test_sessions_insert_at_once_into_the_same_database(any_store: AnalyticsStore) -> None:
    table = unique("sessions")
    any_store.execute(f"CREATE TABLE {table} (n UInt64) ENGINE = MergeTree ORDER BY n")
    sessions = [any_store.session() for _ in range(2)]
    try:
        assert {s.database for s in sessions} == {any_store.database}
        insert = f"INSERT INTO {table} SELECT number + {{start:UInt64}} FROM numbers(50000)"  # noqa: S608 - test table
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda s, start: s.execute(insert, {"start": start}),
                          sessions, [0, 50000]))  # fmt: skip
    finally:
        for s in sessions:
            s.close()
    # closing a session leaves the store it came from open
    assert any_store.query(f"SELECT count(), uniqExact(n) FROM {table}").rows == [  # noqa: S608
        (100000, 100000)
    ]
    with pytest.raises(StoreUnavailableError, match="closed"):
        sessions[0].query("SELECT 1")
