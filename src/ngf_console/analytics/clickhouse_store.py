"""`AnalyticsStore` on a ClickHouse server, over HTTP through clickhouse-connect.

`ClickHouseStore("http://user:password@host:8123", database="ngf")` creates the database when
missing and sends every statement in it. The SQL is the chDB adapter's, unchanged: parameters
are bound server-side (`{name:Type}`; clickhouse-connect sends them as `param_<name>`),
batches are inserted column-oriented in the Native format, and a formatted insert sends its
payload as the request body, read by `input('<structure>')` with `FORMAT <fmt>` (the format's
settings, e.g. the OTLP protobuf schema with `format_schema_source = 'string'`, go as query
settings: the server must know that setting — chDB 4.4's engine, ClickHouse 26.9, does; no
older server was tried). Queries run with `session_timezone = 'UTC'`.

Errors: a failed connection or transport is `StoreUnavailableError`; an error the server
reports is `QueryError` with ClickHouse's code. No ClickHouse server can run in this
project's CI, so this adapter is tested through a fake transport at the urllib3 seam
(`pool_manager`), see `docs/analytics.md`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import unquote, urlsplit

import clickhouse_connect
import urllib3
from clickhouse_connect.driver.client import Client
from clickhouse_connect.driver.exceptions import ClickHouseError, OperationalError

from ngf_console.analytics.errors import QueryError, StoreUnavailableError
from ngf_console.analytics.params import identifier
from ngf_console.analytics.store import (
    PAYLOAD_SOURCE,
    Cell,
    ColumnBatch,
    FormattedInsert,
    Params,
    Payload,
    QueryResult,
    batch_length,
    payload_chunks,
)

_SESSION_SETTINGS = {"session_timezone": "UTC"}


class ClickHouseStore:
    """A database on a ClickHouse server (HTTP or HTTPS URL)."""

    def __init__(
        self,
        url: str,
        database: str = "ngf",
        *,
        pool_manager: urllib3.PoolManager | None = None,
        connect_timeout: int = 10,
    ) -> None:
        self._database = identifier(database)
        self._reconnect = (url, pool_manager, connect_timeout)  # for session(); never logged
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise StoreUnavailableError(f"not a ClickHouse HTTP(S) URL: {_redact(url)}")
        options: dict[str, Any] = {
            "host": parts.hostname,
            "port": parts.port or (8443 if parts.scheme == "https" else 8123),
            "interface": parts.scheme,
            "username": unquote(parts.username or "default"),
            "password": unquote(parts.password or ""),
            "connect_timeout": connect_timeout,
            "settings": dict(_SESSION_SETTINGS),
            "autogenerate_session_id": False,
        }
        if pool_manager is not None:
            options["pool_mgr"] = pool_manager
        try:
            self._client: Client = clickhouse_connect.get_client(**options)
            self._client.command(f"CREATE DATABASE IF NOT EXISTS {self._database}")
        except ClickHouseError as e:
            raise StoreUnavailableError(
                f"cannot connect to ClickHouse at {_redact(url)}: {e}"
            ) from e
        self._client.database = self._database
        self._closed = False

    @property
    def database(self) -> str:
        return self._database

    def execute(self, sql: str, params: Params | None = None) -> None:
        with self._mapped_errors():
            self._client.command(sql, parameters=dict(params) if params else None)

    def query(self, sql: str, params: Params | None = None) -> QueryResult:
        with self._mapped_errors():
            result = self._client.query(sql, parameters=dict(params) if params else None)
        rows = [tuple(_cell(v) for v in row) for row in result.result_rows]
        return QueryResult(tuple(result.column_names), rows)

    def insert(self, table: str, batch: ColumnBatch) -> None:
        batch_length(batch)
        columns = [identifier(c) for c in batch]
        with self._mapped_errors():
            self._client.insert(
                identifier(table),
                [list(values) for values in batch.values()],
                column_names=columns,
                column_oriented=True,
            )

    def insert_formatted(self, insert: FormattedInsert, payload: Payload) -> None:
        source = f"input('{insert.structure}')"
        sql = f"{insert.sql.replace(PAYLOAD_SOURCE, source)}\nFORMAT {insert.fmt}"
        data = b"".join(payload_chunks(payload))
        with self._mapped_errors():
            self._client.command(sql, data=data, settings=dict(insert.settings))

    def session(self) -> ClickHouseStore:
        if self._closed:
            raise StoreUnavailableError("the ClickHouse store is closed")
        url, pool_manager, connect_timeout = self._reconnect
        return ClickHouseStore(
            url, self._database, pool_manager=pool_manager, connect_timeout=connect_timeout
        )

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._client.close()

    @contextmanager
    def _mapped_errors(self) -> Iterator[None]:
        if self._closed:
            raise StoreUnavailableError("the ClickHouse store is closed")
        try:
            yield
        except OperationalError as e:
            raise StoreUnavailableError(f"ClickHouse is unavailable: {e}") from e
        except ClickHouseError as e:
            raise QueryError(str(e), code=getattr(e, "code", None)) from e


def _cell(value: Any) -> Cell:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
    if isinstance(value, tuple):
        return [_cell(v) for v in value]
    if isinstance(value, list):
        return [_cell(v) for v in value]
    result: Cell = value
    return result


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return url.replace(f":{parts.password}@", ":***@", 1)
