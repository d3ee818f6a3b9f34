"""A ClickHouse HTTP endpoint at the urllib3 seam, answered by chDB (the real engine).

No ClickHouse server can run here (no Docker, no binary downloads), so the clickhouse-connect
adapter is exercised through `ChdbHttpFake`, a `urllib3.PoolManager` that clickhouse-connect
uses as its transport (`pool_mgr`). It implements the subset of ClickHouse's HTTP interface
that clickhouse-connect and `ClickHouseStore` use, faithfully enough for contract tests:

* the SQL from the body, or from the `query` parameter with the body as data;
* `param_<name>` values bound server-side (chDB parses the same text format);
* `database` and `session_timezone` applied per request; other settings ignored, except the
  format settings of an `input()` insert, which is run as `file()` over the body;
* Native-format data inserts (`INSERT … FORMAT Native` + data, LZ4-compressed as
  clickhouse-connect sends them) and results (`FORMAT Native`);
* concurrent requests (clickhouse-connect's pool, several sessions) run one at a time: a
  database's chDB session carries its timezone and bound parameters between calls, so two
  threads sharing it would see each other's;
* errors as ClickHouse sends them: `X-ClickHouse-Exception-Code` and the message as the body,
  status 400 (syntax), 404 (unknown table/database) or 500.

Every request is recorded (`requests`) so tests can assert on the SQL, parameters and
settings the adapter sends; `fail_transport` makes the next requests fail like a dead socket.
What it does not model: authentication, compressed responses, sessions, progress headers,
HTTPS.
"""

from __future__ import annotations

import io
import re
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import lz4.frame  # type: ignore[import-untyped]  # clickhouse-connect's codec, no stubs
import urllib3
from chdb import session as chdb_session
from urllib3.exceptions import ProtocolError

_CODE = re.compile(r"Code: (\d+)\.")
_FORMAT = re.compile(r"\bFORMAT\s+(\w+)\s*$", re.IGNORECASE)
_INPUT = re.compile(r"input\('((?:[^'\\]|\\.)*)'\)")
_DATA_INSERT = re.compile(rb"^(INSERT INTO .+? FORMAT (\w+))\s*\n", re.IGNORECASE | re.DOTALL)
_STATUS = {62: 400, 60: 404, 81: 404}
_FORMAT_SETTINGS = ("format_schema", "format_schema_source", "format_schema_message_name")


@dataclass(frozen=True)
class RecordedRequest:
    """One HTTP request the adapter sent."""

    method: str
    path: str
    params: dict[str, str]
    sql: str
    data: bytes


@dataclass(eq=False)  # hashable: clickhouse-connect keys pool managers in a dict
class ChdbHttpFake(urllib3.PoolManager):
    """See the module docstring."""

    path: Path
    requests: list[RecordedRequest] = field(default_factory=list)
    fail_transport: bool = False

    def __post_init__(self) -> None:
        super().__init__()
        self._sessions: dict[str, Any] = {}
        self._lock = threading.Lock()  # see the module docstring: one request at a time
        self._tmp = Path(tempfile.mkdtemp(prefix="fake-clickhouse-"))

    def request(  # type: ignore[override]
        self, method: str, url: str, body: Any = None, fields: Any = None,
        headers: Any = None, **kwargs: Any,
    ) -> urllib3.HTTPResponse:  # fmt: skip
        if self.fail_transport:
            raise ProtocolError("Connection aborted.", ConnectionResetError("reset by peer"))
        parts = urlsplit(url)
        if parts.path.rstrip("/").endswith("/ping"):
            return self._response(b"Ok.\n", 200, {}, kwargs)
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        data = b"".join(body) if body is not None and not isinstance(body, bytes | str) else body
        data = data.encode() if isinstance(data, str) else (data or b"")
        encoding = {k.lower(): v for k, v in (headers or {}).items()}.get("content-encoding")
        if encoding == "lz4":
            data = lz4.frame.decompress(data)
        elif encoding is not None:
            raise ProtocolError(f"the fake does not decode Content-Encoding {encoding}")
        sql, payload = self._split(params, data)
        self.requests.append(RecordedRequest(method, parts.path, params, sql, payload))
        try:
            with self._lock:
                out = self._execute(params, sql, payload)
        except RuntimeError as e:
            code = int(m.group(1)) if (m := _CODE.search(str(e))) else 1001
            headers = {"X-ClickHouse-Exception-Code": str(code)}
            return self._response(str(e).encode(), _STATUS.get(code, 500), headers, kwargs)
        return self._response(out, 200, {"X-ClickHouse-Timezone": "UTC"}, kwargs)

    def close(self) -> None:
        with self._lock:
            for s in self._sessions.values():
                s.close()
            self._sessions.clear()

    def _split(self, params: dict[str, str], data: bytes) -> tuple[str, bytes]:
        if "query" in params:
            return params["query"], data
        match = _DATA_INSERT.match(data)
        if match:
            return match.group(1).decode(), data[match.end() :]
        return data.decode(), b""

    def _session(self, database: str) -> Any:
        if database not in self._sessions:
            s: Any = chdb_session.Session(str(self.path))  # type: ignore[no-untyped-call]
            s.query(f"CREATE DATABASE IF NOT EXISTS {database}")
            s.query(f"USE {database}")
            self._sessions[database] = s
        return self._sessions[database]

    def _execute(self, params: dict[str, str], sql: str, payload: bytes) -> bytes:
        s = self._session(params.get("database", "default"))
        s.query(f"SET session_timezone = '{params.get('session_timezone', 'UTC')}'")
        bound = {k.removeprefix("param_"): v for k, v in params.items() if k.startswith("param_")}
        fmt_match = _FORMAT.search(sql)
        if payload and fmt_match and _INPUT.search(sql):
            return self._input_insert(s, params, sql, fmt_match, payload)
        if payload and fmt_match:
            inserter = s.send_insert(sql[: fmt_match.start()].strip(), fmt_match.group(1))
            inserter.append(payload)
            inserter.finish()
            return b""
        fmt = fmt_match.group(1) if fmt_match else "TabSeparated"
        result: bytes = s.query(sql, fmt, params=bound or None).bytes()
        return result

    def _input_insert(
        self, s: Any, params: dict[str, str], sql: str, fmt: re.Match[str], payload: bytes
    ) -> bytes:
        with tempfile.NamedTemporaryFile(dir=self._tmp, delete=False) as f:
            f.write(payload)
        try:
            body = _INPUT.sub(
                lambda m: f"file('{f.name}', '{fmt.group(1)}', '{m.group(1)}')",
                sql[: fmt.start()],
            )
            chosen = {k: params[k] for k in _FORMAT_SETTINGS if k in params}
            if chosen.pop("format_schema_source", "file") == "string":
                # as the chDB adapter does: chDB would cache it under ./__cache__
                schema = self._tmp / "schema.proto"
                schema.write_text(chosen["format_schema"])
                chosen["format_schema"] = str(schema)
            settings = ", ".join(f"{k} = '{_escape(v)}'" for k, v in chosen.items())
            s.query(f"{body} SETTINGS {settings}" if settings else body)
        finally:
            Path(f.name).unlink(missing_ok=True)
        return b""

    @staticmethod
    def _response(
        body: bytes, status: int, headers: dict[str, str], kwargs: dict[str, Any]
    ) -> urllib3.HTTPResponse:
        preload = kwargs.get("preload_content", True)
        return urllib3.HTTPResponse(
            body=io.BytesIO(body), status=status, headers=headers, preload_content=preload
        )


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
