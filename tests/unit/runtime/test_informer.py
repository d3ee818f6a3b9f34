"""The informer's list/watch loop against an in-memory ListWatch, on a fake clock.

Matrix: first list → adds, has_synced, watch from the list's resourceVersion · watch
events → store and handlers · bookmarks move the resourceVersion silently and a closed
watch resumes from it without re-listing · 410 Gone → re-list, the store converges and
handlers see what changed meanwhile (deletes included) · other watch errors and list
errors → exponential backoff, then resume · a failing handler does not stop the others ·
a late handler gets the cached objects replayed. (The inactivity timeout is measured on
the event loop's clock; the integration tests cover it against a silent connection.)
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from lightkube.resources.core_v1 import ConfigMap

from ngf_console.runtime.clock import FakeClock, settle
from ngf_console.runtime.errors import ResourceExpiredError, WatchError
from ngf_console.runtime.informer import Informer, RestartReason, WatchOptions
from ngf_console.runtime.keys import ObjectKey
from ngf_console.runtime.store import Change
from tests.unit.runtime.builders import FakeListWatch, bookmark, make_configmap

pytestmark = pytest.mark.asyncio

OPTIONS = WatchOptions(inactivity_timeout=3600.0, backoff_base=1.0, backoff_cap=8.0)


class Recorder:
    """Handler that records (type, name) of every change."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []

    def __call__(self, change: Change[ConfigMap]) -> None:
        meta = change.obj.metadata
        self.seen.append((change.type, meta.name or "" if meta else ""))


class Harness:
    def __init__(self) -> None:
        self.clock = FakeClock()
        self.source = FakeListWatch()
        self.restarts: list[RestartReason] = []
        self.informer: Informer[ConfigMap] = Informer(
            self.source,
            name="ConfigMap",
            options=OPTIONS,
            clock=self.clock,
            on_restart=self.restarts.append,
        )
        self.recorder = Recorder()
        self.informer.add_handler(self.recorder)
        self.task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self.task = asyncio.create_task(self.informer.run())

    def names(self) -> list[str]:
        return sorted(o.metadata.name or "" for o in self.informer.store if o.metadata)


def synced(h: Harness) -> bool:
    return h.informer.has_synced


@pytest_asyncio.fixture
async def harness() -> AsyncIterator[Harness]:
    h = Harness()
    yield h
    if h.task is not None:
        h.task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await h.task


async def test_first_list_fills_the_store_and_syncs(harness: Harness) -> None:
    harness.source.put(make_configmap("a"), emit=False)
    harness.source.put(make_configmap("b"), emit=False)
    harness.start()
    await harness.informer.wait_synced()
    await settle()
    assert harness.informer.has_synced
    assert harness.names() == ["a", "b"]
    assert sorted(harness.recorder.seen) == [("add", "a"), ("add", "b")]
    assert harness.source.watches == ["102"], "the watch starts at the list's resourceVersion"


async def test_watch_events_reach_store_and_handlers(harness: Harness) -> None:
    harness.start()
    await settle()
    harness.source.put(make_configmap("a"))
    harness.source.put(make_configmap("a", data={"k": "v"}))
    harness.source.put(make_configmap("b"))
    harness.source.delete(ObjectKey("ns", "b"))
    await settle()
    assert harness.recorder.seen == [("add", "a"), ("update", "a"), ("add", "b"), ("delete", "b")]
    assert harness.names() == ["a"]
    assert harness.informer.resource_version == "104"


async def test_bookmarks_advance_the_version_and_a_closed_watch_resumes_there(
    harness: Harness,
) -> None:
    harness.start()
    await settle()
    harness.source.emit("BOOKMARK", bookmark("250"))
    await settle()
    assert harness.informer.resource_version == "250"
    assert harness.recorder.seen == []
    harness.source.end_watch()
    await settle()
    assert harness.source.watches == ["100", "250"]
    assert harness.source.lists == 1, "a normally closed watch resumes without re-listing"
    assert harness.restarts == ["closed"]


async def test_410_gone_relists_and_the_store_converges(harness: Harness) -> None:
    for name in ("keep", "change", "remove"):
        harness.source.put(make_configmap(name), emit=False)
    harness.start()
    await settle()
    harness.recorder.seen.clear()
    # While the watch is (as good as) down, the world changes and nothing is emitted...
    harness.source.put(make_configmap("change", data={"k": "v2"}), emit=False)
    harness.source.delete(ObjectKey("ns", "remove"), emit=False)
    harness.source.put(make_configmap("new"), emit=False)
    # ...and the resumed watch is told its resourceVersion is too old.
    harness.source.end_watch(ResourceExpiredError("too old resource version: 103 (107)"))
    await settle()
    assert harness.source.lists == 2
    assert harness.restarts == ["expired"]
    assert harness.names() == ["change", "keep", "new"]
    assert sorted(harness.recorder.seen) == [
        ("add", "new"),
        ("delete", "remove"),
        ("update", "change"),
    ]
    assert harness.source.watches[-1] == str(harness.source.version)


async def test_watch_errors_back_off_then_resume_without_relisting(harness: Harness) -> None:
    harness.start()
    await settle()
    harness.source.watch_errors = [WatchError("boom"), WatchError("boom again")]
    harness.source.end_watch(WatchError("connection reset"))
    await settle()
    started, retried_at = harness.clock.now(), []
    while len(harness.source.watches) < 4:
        seen = len(harness.source.watches)
        await harness.clock.advance(0.05)
        if len(harness.source.watches) > seen:
            retried_at.append(harness.clock.now() - started)
    waits = [b - a for a, b in zip([0.0, *retried_at], retried_at, strict=False)]
    # Delays of 1, 2 and 4 s, each stretched by up to 20 % jitter (+ one 0.05 s step).
    for wait, nominal in zip(waits, [1.0, 2.0, 4.0], strict=True):
        assert nominal - 1e-6 <= wait <= nominal * 1.2 + 0.06
    assert harness.source.watching
    assert harness.source.watches == ["100"] * 4, "each retry resumes where the watch was"
    assert harness.source.lists == 1
    assert harness.restarts == ["error", "error", "error"]


async def test_list_errors_back_off_and_sync_waits_for_a_good_list(harness: Harness) -> None:
    harness.source.list_errors = [WatchError("503"), WatchError("503")]
    harness.start()
    await settle()
    assert not synced(harness)
    await harness.clock.advance(10.0)
    assert synced(harness)
    assert harness.source.lists == 3


async def test_a_failing_handler_does_not_stop_the_others(harness: Harness) -> None:
    def broken(change: Change[ConfigMap]) -> None:
        raise RuntimeError("handler bug")

    second = Recorder()
    harness.informer.add_handler(broken)
    harness.informer.add_handler(second)
    harness.start()
    await settle()
    harness.source.put(make_configmap("a"))
    await settle()
    assert second.seen == [("add", "a")]
    assert harness.source.watching, "the informer keeps watching"


async def test_a_late_handler_gets_the_cache_replayed(harness: Harness) -> None:
    harness.source.put(make_configmap("a"), emit=False)
    harness.start()
    await harness.informer.wait_synced()
    late = Recorder()
    harness.informer.add_handler(late)
    assert late.seen == [("add", "a")]
