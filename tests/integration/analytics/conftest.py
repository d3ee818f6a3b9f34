"""Fixtures of the analytics integration tests: chDB (the real engine) and its adapters.

* `chdb_path` (session): one data directory for the process — chDB runs one path per
  process. Stores are closed at the end of each module, so other suites may use another path.
* `store` (module): a `ChdbStore` on a fresh database with the schema migrated (migrating
  takes seconds on a loaded machine, so tests of a module share it and keep their rows apart
  with names of their own — `unique()`).
* `any_store` (module, parametrised `chdb`, `clickhouse`): the same through either adapter —
  the clickhouse-connect one over `ChdbHttpFake`, chDB behind a fake HTTP transport.
* `fake_clickhouse` (module): that transport, to assert on the requests the adapter sent.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from ngf_console.analytics.chdb_store import ChdbStore
from ngf_console.analytics.clickhouse_store import ClickHouseStore
from ngf_console.analytics.migrate import migrate
from ngf_console.analytics.store import AnalyticsStore
from tests.integration.analytics.fake_clickhouse import ChdbHttpFake

CLICKHOUSE_URL = "http://tester:secret@clickhouse.test:8123"


@pytest.fixture(scope="session")
def chdb_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("chdb")


def fresh_database() -> str:
    return f"t_{uuid.uuid4().hex[:12]}"


def unique(prefix: str) -> str:
    """A name no other test uses (pools, routes, tables)."""
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
def store(chdb_path: Path) -> Iterator[ChdbStore]:
    """A migrated chDB database of this test's own."""
    s = ChdbStore(chdb_path, fresh_database())
    try:
        migrate(s)
        yield s
    finally:
        s.close()


@pytest.fixture(scope="module")
def fake_clickhouse(chdb_path: Path) -> Iterator[ChdbHttpFake]:
    fake = ChdbHttpFake(chdb_path)
    yield fake
    fake.close()


@pytest.fixture(scope="module", params=["chdb", "clickhouse"])
def any_store(
    request: pytest.FixtureRequest, chdb_path: Path, fake_clickhouse: ChdbHttpFake
) -> Iterator[AnalyticsStore]:
    """A migrated database through either adapter (see the module docstring)."""
    s: AnalyticsStore
    if request.param == "chdb":
        s = ChdbStore(chdb_path, fresh_database())
    else:
        s = ClickHouseStore(CLICKHOUSE_URL, fresh_database(), pool_manager=fake_clickhouse)
    try:
        migrate(s)
        yield s
    finally:
        s.close()
