"""`AnalyticsStore` on chDB: ClickHouse inside this process, data in a local directory.

chDB runs one embedded engine per process, bound to one data path: every `ChdbStore` of a
process must use the same path (a second path fails with `StoreUnavailableError` until all
stores of the first are closed). Stores on the same path may use different databases, and
each has its own session (connection), so one can insert while another queries.

Results come back as `JSONCompact` and batches go in as `JSONColumns` (`jsonio`, exact with
the session settings it sets); formatted payloads are written to a private file that the
`file()` table function reads — one file per store, written over by each insert rather than
created and removed: its pages stay allocated between inserts (a fresh 60 MB file per insert
cost ~1 µs a record of kernel time in page allocation and faults). A schema given inline
(`format_schema_source = 'string'`) is written to a file in that private directory and
named by its absolute path instead: chDB would otherwise cache inline schemas under
`./__cache__` of the process's working directory.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from chdb import session as chdb_session

from ngf_console.analytics.errors import QueryError, StoreUnavailableError
from ngf_console.analytics.jsonio import SESSION_SETTINGS, decode_result, encode_batch
from ngf_console.analytics.params import format_param, identifier
from ngf_console.analytics.store import (
    PAYLOAD_SOURCE,
    ColumnBatch,
    FormattedInsert,
    Params,
    Payload,
    QueryResult,
    batch_length,
    payload_chunks,
)


class _Result(Protocol):
    def bytes(self) -> bytes: ...


class _Inserter(Protocol):
    def append(self, data: bytes) -> None: ...
    def finish(self) -> object: ...


class _Session(Protocol):
    """The typed surface of `chdb.session.Session` that this adapter uses."""

    def query(
        self, sql: str, fmt: str = ..., udf_path: str = ..., params: object = ...
    ) -> _Result: ...

    def send_insert(self, query: str, fmt: str = ...) -> _Inserter: ...
    def close(self) -> None: ...


_CODE = re.compile(r"Code: (\d+)\.")
_lock = threading.Lock()
_open: dict[str, int] = {}  # the process's data path -> open stores on it


class ChdbStore:
    """An embedded ClickHouse database at `path` (created when missing)."""

    def __init__(self, path: Path | str, database: str = "ngf") -> None:
        self._database = identifier(database)
        self._path = str(path) if str(path) == ":memory:" else str(Path(path).absolute())
        if self._path != ":memory:":
            Path(self._path).mkdir(parents=True, exist_ok=True)
        _acquire(self._path)
        try:
            # chdb ships py.typed yet leaves Session untyped; _Session is the part we use.
            session: _Session = chdb_session.Session(self._path)  # type: ignore[no-untyped-call]
            self._session = session
        except RuntimeError as e:
            _release(self._path)
            raise StoreUnavailableError(f"cannot open chDB at {self._path}: {e}") from e
        self._tmp = Path(tempfile.mkdtemp(prefix="ngf-chdb-payload-"))
        self._payload = self._tmp / "payload.bin"
        self._payload_fd: int | None = None
        self._payload_lock = threading.Lock()  # one insert at a time uses the payload file
        self._closed = False
        for name, value in SESSION_SETTINGS.items():
            self.execute(f"SET {name} = '{value}'")
        self.execute(f"CREATE DATABASE IF NOT EXISTS {self._database}")
        self.execute(f"USE {self._database}")

    @property
    def database(self) -> str:
        return self._database

    @property
    def path(self) -> str:
        return self._path

    def execute(self, sql: str, params: Params | None = None) -> None:
        self._run(sql, "TabSeparated", params)

    def query(self, sql: str, params: Params | None = None) -> QueryResult:
        return decode_result(self._run(sql, "JSONCompact", params))

    def insert(self, table: str, batch: ColumnBatch) -> None:
        batch_length(batch)
        columns = ", ".join(identifier(c) for c in batch)
        data = encode_batch(batch)
        try:
            inserter = self._session.send_insert(
                f"INSERT INTO {identifier(table)} ({columns})", "JSONColumns"
            )
            inserter.append(data)
            inserter.finish()
        except RuntimeError as e:
            raise _query_error(e) from e

    def insert_formatted(self, insert: FormattedInsert, payload: Payload) -> None:
        source = f"file('{self._payload}', '{insert.fmt}', '{format_param(insert.structure)}')"
        settings = ", ".join(
            f"{identifier(k)} = '{format_param(v)}'"
            for k, v in self._schema_file(insert.settings).items()
        )
        sql = insert.sql.replace(PAYLOAD_SOURCE, source)
        with self._payload_lock:
            if self._closed:
                raise StoreUnavailableError("the chDB store is closed")
            self._write_payload(payload)
            self.execute(f"{sql} SETTINGS {settings}" if settings else sql)

    def _write_payload(self, payload: Payload) -> None:
        """Write `payload` over the payload file (the file ends where the payload does)."""
        if self._payload_fd is None:
            self._payload_fd = os.open(self._payload, os.O_RDWR | os.O_CREAT, 0o600)
        offset = 0
        for chunk in payload_chunks(payload):
            view = memoryview(chunk)
            while view:
                written = os.pwrite(self._payload_fd, view, offset)
                offset += written
                view = view[written:]
        os.ftruncate(self._payload_fd, offset)

    def session(self) -> ChdbStore:
        if self._closed:
            raise StoreUnavailableError("the chDB store is closed")
        return ChdbStore(self._path, self._database)

    def _schema_file(self, settings: Mapping[str, str]) -> dict[str, str]:
        """`settings` with an inline schema replaced by a file holding it (see above)."""
        out = dict(settings)
        if out.pop("format_schema_source", "file") != "string":
            return dict(settings)
        schema = out["format_schema"]
        path = self._tmp / f"{hashlib.sha256(schema.encode()).hexdigest()}.proto"
        if not path.exists():
            path.write_text(schema)
        out["format_schema"] = str(path)
        return out

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        with self._payload_lock:
            if self._payload_fd is not None:
                os.close(self._payload_fd)
                self._payload_fd = None
        try:
            self._session.close()
        finally:
            _release(self._path)
            shutil.rmtree(self._tmp, ignore_errors=True)

    def _run(self, sql: str, fmt: str, params: Params | None) -> bytes:
        if self._closed:
            raise StoreUnavailableError("the chDB store is closed")
        bound = {k: format_param(v) for k, v in (params or {}).items()}
        try:
            result = self._session.query(sql, fmt, params=bound or None)
        except RuntimeError as e:
            raise _query_error(e) from e
        data: bytes = result.bytes()
        return data


def _query_error(e: Exception) -> QueryError:
    text = str(e)
    match = _CODE.search(text)
    return QueryError(text, code=int(match.group(1)) if match else None)


def _acquire(path: str) -> None:
    with _lock:
        if _open and path not in _open:
            (current,) = _open
            raise StoreUnavailableError(
                f"chDB runs one data path per process: {current} is open, so {path} cannot be "
                "opened until every store on it is closed"
            )
        _open[path] = _open.get(path, 0) + 1


def _release(path: str) -> None:
    with _lock:
        left = _open.get(path, 0) - 1
        if left <= 0:
            _open.pop(path, None)
        else:
            _open[path] = left
