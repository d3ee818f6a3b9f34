"""The clickhouse-connect adapter at the urllib3 seam: what it sends, how errors map.

No ClickHouse server can run here, so `ChdbHttpFake` stands in for one (chDB answers); these
tests assert on the HTTP requests themselves. Matrix: every request names the database and
`session_timezone=UTC`; SQL goes unchanged with parameters as `param_<name>` text; a batch
goes as a Native insert into the named columns; a formatted insert sends the payload as the
body with `input('<structure>')`, `FORMAT ProtobufSingle` and the format settings as query
settings; transport failures (at connect or later) are `StoreUnavailableError`, server
errors `QueryError` with the code; a bad URL is refused without leaking the password.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ngf_console.analytics.clickhouse_store import ClickHouseStore
from ngf_console.analytics.errors import QueryError, StoreUnavailableError
from ngf_console.analytics.otlp.wire import PROTO_SCHEMA, STRUCTURE
from ngf_console.analytics.schema.ddl import LANDING_INSERTS
from tests.integration.analytics.conftest import CLICKHOUSE_URL, fresh_database
from tests.integration.analytics.fake_clickhouse import ChdbHttpFake
from tests.unit.analytics.builders import record, request

pytestmark = [pytest.mark.integration]


@pytest.fixture
def ch(fake_clickhouse: ChdbHttpFake) -> ClickHouseStore:
    store = ClickHouseStore(CLICKHOUSE_URL, fresh_database(), pool_manager=fake_clickhouse)
    fake_clickhouse.requests.clear()
    return store


def test_queries_bind_parameters_as_text(
    ch: ClickHouseStore, fake_clickhouse: ChdbHttpFake
) -> None:
    ch.query("SELECT {name:String} AS a, {ids:Array(Int64)} AS b", {"name": "o'k", "ids": [1, 2]})
    sent = fake_clickhouse.requests[-1]
    assert sent.sql.startswith("SELECT {name:String} AS a, {ids:Array(Int64)} AS b")
    assert sent.params["param_name"] == "o\\'k"
    assert sent.params["param_ids"] == "[1, 2]"
    assert sent.params["database"] == ch.database
    assert sent.params["session_timezone"] == "UTC"
    ch.close()


def test_batches_are_native_inserts(ch: ClickHouseStore, fake_clickhouse: ChdbHttpFake) -> None:
    ch.execute("CREATE TABLE b (ts DateTime64(3), s String) ENGINE = MergeTree ORDER BY ts")
    ch.insert("b", {"ts": [dt.datetime(2026, 1, 1, tzinfo=dt.UTC)], "s": ["x"]})
    insert = next(r for r in fake_clickhouse.requests if r.sql.startswith("INSERT"))
    assert insert.sql == "INSERT INTO `b` (`ts`, `s`) FORMAT Native"
    assert insert.data
    assert ch.query("SELECT s FROM b").scalar() == "x"
    ch.close()


def test_formatted_inserts_send_the_payload_as_the_body(
    ch: ClickHouseStore, fake_clickhouse: ChdbHttpFake
) -> None:
    ch.execute("CREATE TABLE IF NOT EXISTS ngf_otlp_landing_access_logs (time_unix_nano UInt64, "
               "observed_time_unix_nano UInt64, event_name String, trace_id String, "
               "attr_keys Array(String), attr_str Array(String), attr_int Array(Int64), "
               "attr_double Array(Float64), attr_bool Array(Bool), "
               "attr_str_arrays Array(Array(String)), attr_double_arrays Array(Array(Float64)), "
               "attr_int_arrays Array(Array(Int64))) "
               "ENGINE = Memory")  # fmt: skip
    payload = request(record("ngf.access", {"status": 200})).SerializeToString()
    ch.insert_formatted(LANDING_INSERTS["ngf.access"], payload)
    sent = fake_clickhouse.requests[-1]
    assert sent.data == payload
    assert sent.sql.startswith("INSERT INTO ngf_otlp_landing_access_logs")
    assert f"FROM input('{STRUCTURE}')" in sent.sql
    assert sent.sql.endswith("FORMAT ProtobufSingle")
    assert sent.params["format_schema"] == PROTO_SCHEMA
    assert sent.params["format_schema_source"] == "string"
    assert sent.params["format_schema_message_name"] == "ExportLogsServiceRequest"
    assert ch.query("SELECT event_name FROM ngf_otlp_landing_access_logs").scalar() == "ngf.access"
    ch.close()


def test_server_errors_are_query_errors(ch: ClickHouseStore) -> None:
    with pytest.raises(QueryError, match="Unknown table") as caught:
        ch.query("SELECT * FROM missing")
    assert caught.value.code == 60
    ch.close()


def test_transport_failures_are_store_unavailable(
    ch: ClickHouseStore, fake_clickhouse: ChdbHttpFake
) -> None:
    fake_clickhouse.fail_transport = True
    with pytest.raises(StoreUnavailableError, match="ClickHouse is unavailable"):
        ch.query("SELECT 1")
    with pytest.raises(StoreUnavailableError):
        ch.execute("CREATE TABLE x (a UInt8) ENGINE = Memory")
    ch.close()


def test_connect_failures_are_store_unavailable(chdb_path: Path) -> None:
    fake = ChdbHttpFake(chdb_path, fail_transport=True)
    with pytest.raises(
        StoreUnavailableError, match=r"cannot connect to ClickHouse at http://tester:\*\*\*@"
    ):
        ClickHouseStore(CLICKHOUSE_URL, "x", pool_manager=fake)
    fake.close()


@pytest.mark.parametrize(
    "url", ["ftp://u:secret@host:21", "clickhouse://u:secret@host", "http://:secret@/"]
)
def test_bad_urls_are_refused_without_the_password(url: str) -> None:
    with pytest.raises(StoreUnavailableError, match="not a ClickHouse HTTP") as caught:
        ClickHouseStore(url)
    assert "secret" not in str(caught.value)
