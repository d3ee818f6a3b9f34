"""The ingest queue (`analytics.otlp.ingest.OtlpIngestor`) over a fake store.

Matrix: payloads waiting together go out as one concatenated insert; `max_batch_bytes` splits
batches; a failing batch is retried payload by payload so only the bad one fails; a full
queue refuses with `IngestBackpressureError` and its bytes are released once stored;
`stop()` stores what is queued and then refuses new payloads; settings are validated; each
worker inserts through its own session, two batches are inserted at the same time, and the
sessions are closed on `stop()` (or all of them when one cannot be opened).
"""

from __future__ import annotations

import asyncio
import threading

import pytest

from ngf_console.analytics.errors import (
    IngestBackpressureError,
    QueryError,
    StoreUnavailableError,
)
from ngf_console.analytics.otlp.ingest import IngestSettings, OtlpIngestor
from ngf_console.analytics.store import FormattedInsert
from tests.unit.analytics.fakes import FakeStore

_INSERT = FormattedInsert("INSERT INTO t SELECT * FROM __PAYLOAD__", "RowBinary", "x UInt8", {})


async def _started(store: FakeStore, **settings: float) -> OtlpIngestor:
    ingestor = OtlpIngestor(store, IngestSettings(**settings), {"e": _INSERT})  # type: ignore[arg-type]
    await ingestor.start()
    return ingestor


@pytest.mark.asyncio
async def test_payloads_waiting_together_are_one_insert() -> None:
    store = FakeStore()
    ingestor = await _started(store, flush_interval=0.05)
    await asyncio.gather(*(ingestor.ingest(p) for p in (b"a", b"bb", b"ccc")))
    await ingestor.stop()
    assert store.payloads == [b"abbccc"]
    assert ingestor.pending_bytes == 0


@pytest.mark.asyncio
async def test_max_batch_bytes_splits_batches() -> None:
    store = FakeStore()
    ingestor = await _started(store, flush_interval=10.0, max_batch_bytes=4)
    await asyncio.gather(*(ingestor.ingest(p) for p in (b"aa", b"bb", b"cc", b"dd")))
    await ingestor.stop()
    assert sorted(store.payloads) == [b"aabb", b"ccdd"]


@pytest.mark.asyncio
async def test_a_bad_payload_fails_alone() -> None:
    store = FakeStore(fail_with=QueryError("cannot parse", code=27), fail_marker=b"bad")
    ingestor = await _started(store, flush_interval=0.05)
    results = await asyncio.gather(
        ingestor.ingest(b"good1"), ingestor.ingest(b"bad"), ingestor.ingest(b"good2"),
        return_exceptions=True,
    )  # fmt: skip
    await ingestor.stop()
    assert results[0] is None
    assert results[2] is None
    assert isinstance(results[1], QueryError)
    assert sorted(store.payloads) == [b"good1", b"good2"]


@pytest.mark.asyncio
async def test_a_full_queue_refuses_until_bytes_are_stored() -> None:
    gate = threading.Event()
    store = FakeStore(gate=gate)
    ingestor = await _started(store, flush_interval=0.0, max_queue_bytes=10, retry_after_s=3)
    first = asyncio.create_task(ingestor.ingest(b"x" * 8))
    await asyncio.sleep(0.05)  # the worker holds it, blocked in the store
    with pytest.raises(IngestBackpressureError, match="queue is full") as refused:
        await ingestor.ingest(b"y" * 3)
    assert refused.value.retry_after == 3
    gate.set()
    await first
    await ingestor.ingest(b"y" * 3)
    await ingestor.stop()
    assert store.payloads == [b"x" * 8, b"y" * 3]


@pytest.mark.asyncio
async def test_stop_stores_what_is_queued_then_refuses() -> None:
    store = FakeStore()
    ingestor = await _started(store, flush_interval=10.0)
    pending = [asyncio.create_task(ingestor.ingest(p)) for p in (b"a", b"b")]
    await asyncio.sleep(0)
    await ingestor.stop()
    await asyncio.gather(*pending)
    assert store.payloads == [b"ab"]
    with pytest.raises(StoreUnavailableError, match="not running"):
        await ingestor.ingest(b"c")


@pytest.mark.asyncio
async def test_not_started_refuses() -> None:
    with pytest.raises(StoreUnavailableError):
        await OtlpIngestor(FakeStore()).ingest(b"a")


@pytest.mark.parametrize(
    "bad",
    [{"max_queue_bytes": 0}, {"max_batch_bytes": -1}, {"max_body_bytes": 0},
     {"flush_interval": -0.1}, {"workers": 0}, {"workers": 17}],
)  # fmt: skip
def test_settings_are_validated(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must be"):
        IngestSettings(**bad)  # type: ignore[arg-type]


@pytest.mark.asyncio
async def test_each_event_present_is_one_insert_of_the_payloads_carrying_it() -> None:
    store = FakeStore()
    inserts = {
        event: FormattedInsert(
            f"INSERT INTO {event} SELECT * FROM __PAYLOAD__",  # noqa: S608 - test names
            "RowBinary",
            "x UInt8",
            {},
        )
        for event in ("a", "b", "c")
    }
    ingestor = OtlpIngestor(store, IngestSettings(flush_interval=0.05), inserts)
    await ingestor.start()
    await asyncio.gather(
        ingestor.ingest(b"1", {"a"}),
        ingestor.ingest(b"2", {"a", "b"}),
        ingestor.ingest(b"3", {"b"}),
    )
    await ingestor.stop()
    assert store.payloads == [b"12", b"23"]  # no insert for c, which no payload carries
    assert [sql.split()[2] for sql in store.formatted_sql] == ["a", "b"]


@pytest.mark.asyncio
async def test_two_batches_are_inserted_at_once_through_two_sessions() -> None:
    gate = threading.Event()
    store = FakeStore(gate=gate)
    ingestor = await _started(store, flush_interval=0.0, max_batch_bytes=2, workers=2)
    assert len(store.sessions) == 2
    first = [asyncio.create_task(ingestor.ingest(p)) for p in (b"aa", b"bb", b"cc")]
    await asyncio.sleep(0.1)
    # both workers are blocked inside the store with a batch each; the third waits
    assert ingestor.pending_bytes == 6
    assert sorted(store.started) == [b"aa", b"bb"]
    gate.set()
    await asyncio.gather(*first)
    await ingestor.stop()
    assert sorted(store.payloads) == [b"aa", b"bb", b"cc"]
    assert all(s.closed for s in store.sessions)
    assert not store.closed  # the receiver's owner closes the store itself


@pytest.mark.asyncio
async def test_one_worker_uses_the_store_itself() -> None:
    store = FakeStore()
    ingestor = await _started(store, flush_interval=0.0, workers=1)
    await ingestor.ingest(b"a")
    await ingestor.stop()
    assert store.sessions == []
    assert store.payloads == [b"a"]
    assert not store.closed


class _FailingSessions(FakeStore):
    def session(self) -> FakeStore:
        if len(self.sessions) == 1:
            raise StoreUnavailableError("ClickHouse is unavailable: connection refused")
        return super().session()


@pytest.mark.asyncio
async def test_a_session_that_cannot_open_fails_start_and_closes_the_others() -> None:
    store = _FailingSessions()
    ingestor = OtlpIngestor(store, IngestSettings(workers=2), {"e": _INSERT})
    with pytest.raises(StoreUnavailableError, match="connection refused"):
        await ingestor.start()
    assert len(store.sessions) == 1
    assert store.sessions[0].closed
    with pytest.raises(StoreUnavailableError, match="not running"):
        await ingestor.ingest(b"a")
