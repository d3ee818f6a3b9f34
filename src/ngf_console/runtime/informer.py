"""An informer: list, then watch, one kind into a `Store`, and tell handlers what changed.

The loop (client-go's reflector):

1. **List** every matching object (server-side label selector), replace the store, remember
   the list's resourceVersion; handlers get adds/updates/deletes for the difference. The
   first successful list makes `has_synced` true.
2. **Watch** from the last resourceVersion with bookmarks, applying each event to the store
   and advancing the resourceVersion (bookmarks advance it without an event).
3. When the watch ends:
   * the server closed it (its `timeoutSeconds`): resume from the last resourceVersion;
   * no event or bookmark arrived for `inactivity_timeout`: the connection is presumed dead
     (a silent half-open TCP stream never ends by itself); drop it and resume;
   * **410 Gone** (`ResourceExpiredError`): the resourceVersion left the server's window;
     **re-list** (1.) — the store converges, including deletions missed meanwhile;
   * any other error: wait with exponential backoff (`Clock.sleep`), then resume.

Each restart is reported to `on_restart(reason)` (reason: closed, inactive, expired, error)
for the watch-restarts metric. Handlers are plain functions of a `Change`; they run on the
informer's task, must not block, and an exception in one is logged, not propagated.
The inactivity timeout is measured on the event loop's clock (`asyncio.timeout`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Literal

import structlog

from ngf_console.runtime.backoff import Backoff
from ngf_console.runtime.clock import SYSTEM_CLOCK, Clock
from ngf_console.runtime.errors import ResourceExpiredError
from ngf_console.runtime.keys import R, resource_version
from ngf_console.runtime.listwatch import ListWatch
from ngf_console.runtime.store import Change, Store

log = structlog.get_logger(__name__)

Handler = Callable[[Change[R]], None]
RestartReason = Literal["closed", "inactive", "expired", "error"]


@dataclass(frozen=True)
class WatchOptions:
    """Timings of list+watch (defaults suit a production API server)."""

    inactivity_timeout: float = 120.0
    """Restart a watch that delivered nothing (not even a bookmark) for this long."""
    server_timeout: int = 300
    """Minimum `timeoutSeconds` of a watch request (jittered up to 2x, like client-go)."""
    backoff_base: float = 0.5
    backoff_cap: float = 30.0


class Informer(Generic[R]):
    """Keeps `store` in sync with the API server and calls handlers on every change."""

    def __init__(
        self,
        source: ListWatch[R],
        *,
        name: str,
        options: WatchOptions = WatchOptions(),
        clock: Clock = SYSTEM_CLOCK,
        on_restart: Callable[[RestartReason], None] | None = None,
    ) -> None:
        self.name = name
        self.store: Store[R] = Store()
        self._source = source
        self._options = options
        self._clock = clock
        self._on_restart = on_restart
        self._handlers: list[Handler[R]] = []
        self._synced = asyncio.Event()
        self._resource_version: str | None = None

    @property
    def has_synced(self) -> bool:
        """True once the first list has been stored."""
        return self._synced.is_set()

    @property
    def resource_version(self) -> str | None:
        """The resourceVersion the next watch resumes from (None: the next step lists)."""
        return self._resource_version

    async def wait_synced(self) -> None:
        """Wait for the first list."""
        await self._synced.wait()

    def add_handler(self, handler: Handler[R]) -> None:
        """Call `handler` on every change; objects already cached are replayed as adds."""
        self._handlers.append(handler)
        for obj in self.store:
            self._call(handler, Change("add", None, obj))

    async def run(self) -> None:
        """List and watch until cancelled; never raises anything else."""
        backoff = Backoff(self._options.backoff_base, self._options.backoff_cap)
        expired_in_a_row = 0
        while True:
            try:
                if self._resource_version is None:
                    await self._relist()
                started = self._clock.now()
                reason, events = await self._watch()
                self._restarted(reason)
                if events:
                    backoff.reset()
                    expired_in_a_row = 0
                elif self._clock.now() - started < 1.0:
                    # Ended at once with nothing: do not hammer the server.
                    await self._clock.sleep(backoff.next())
            except ResourceExpiredError as e:
                log.info("watch expired, re-listing", informer=self.name, reason=str(e))
                self._resource_version = None
                self._restarted("expired")
                expired_in_a_row += 1
                if expired_in_a_row > 1:
                    await self._clock.sleep(backoff.next())
            except Exception as e:  # any failure of I/O (or a bug): back off and resume
                delay = backoff.next()
                log.warning(
                    "list/watch failed, backing off",
                    informer=self.name,
                    error=_summary(e),
                    retry_in=round(delay, 3),
                )
                self._restarted("error")
                await self._clock.sleep(delay)

    async def _relist(self) -> None:
        items, version = await self._source.list()
        changes = self.store.replace(items)
        self._resource_version = version
        for change in changes:
            self._dispatch(change)
        if not self._synced.is_set():
            log.info("informer synced", informer=self.name, objects=len(self.store))
            self._synced.set()

    async def _watch(self) -> tuple[RestartReason, int]:
        assert self._resource_version is not None
        stream = self._source.watch(self._resource_version)
        events = 0
        try:
            while True:
                try:
                    async with asyncio.timeout(self._options.inactivity_timeout):
                        event = await anext(stream)
                except StopAsyncIteration:
                    return "closed", events
                except TimeoutError:
                    log.info("watch inactive, restarting", informer=self.name)
                    return "inactive", events
                events += 1
                self._resource_version = resource_version(event.obj) or self._resource_version
                if event.type != "BOOKMARK":
                    change = self.store.apply(event.type, event.obj)
                    if change is not None:
                        self._dispatch(change)
        finally:
            await stream.aclose()

    def _dispatch(self, change: Change[R]) -> None:
        for handler in self._handlers:
            self._call(handler, change)

    def _call(self, handler: Handler[R], change: Change[R]) -> None:
        try:
            handler(change)
        except Exception:
            log.exception("event handler failed", informer=self.name, change=change.type)

    def _restarted(self, reason: RestartReason) -> None:
        if self._on_restart is not None:
            self._on_restart(reason)


def _summary(error: Exception) -> str:
    """`Type: first line of the message` (httpx appends a help link on later lines)."""
    lines = str(error).splitlines()
    return f"{type(error).__name__}: {lines[0] if lines else ''}"
