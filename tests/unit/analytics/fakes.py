"""A fake `AnalyticsStore` for unit tests of the layers above the engine.

It records every call; `fail_with` makes formatted inserts raise (for all payloads, or only
those containing a marker), `gate` makes them block until the test opens it.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from ngf_console.analytics.store import (
    ColumnBatch,
    FormattedInsert,
    Params,
    Payload,
    QueryResult,
    payload_chunks,
)


@dataclass
class FakeStore:
    """Records statements, batches and payloads; answers queries from `answers`."""

    database: str = "fake"
    executed: list[tuple[str, Params | None]] = field(default_factory=list)
    batches: list[tuple[str, ColumnBatch]] = field(default_factory=list)
    payloads: list[bytes] = field(default_factory=list)
    started: list[bytes] = field(default_factory=list)  # formatted inserts begun (before `gate`)
    formatted_sql: list[str] = field(default_factory=list)
    answers: Callable[[str, Params | None], QueryResult] | None = None
    fail_with: Exception | None = None
    fail_marker: bytes | None = None
    fail_execute: Callable[[str], Exception | None] | None = None
    gate: threading.Event | None = None
    closed: bool = False
    sessions: list[FakeStore] = field(default_factory=list)

    def execute(self, sql: str, params: Params | None = None) -> None:
        error = self.fail_execute(sql) if self.fail_execute else None
        if error is not None:
            raise error
        self.executed.append((sql, params))

    def insert(self, table: str, batch: ColumnBatch) -> None:
        self.batches.append((table, batch))

    def insert_formatted(self, insert: FormattedInsert, chunks: Payload) -> None:
        payload = b"".join(payload_chunks(chunks))
        self.started.append(payload)
        if self.gate is not None:
            self.gate.wait(timeout=30)
        failing = self.fail_marker is None or self.fail_marker in payload
        if self.fail_with is not None and failing:
            raise self.fail_with
        self.payloads.append(payload)
        self.formatted_sql.append(insert.sql)

    def query(self, sql: str, params: Params | None = None) -> QueryResult:
        if self.answers is None:
            return QueryResult((), [])
        return self.answers(sql, params)

    def session(self) -> FakeStore:
        """A session sharing this store's records (its own `closed` flag)."""
        child = dataclasses.replace(self, closed=False, sessions=[])
        self.sessions.append(child)
        return child

    def close(self) -> None:
        self.closed = True
