"""The live EPP decision feed: what the OTLP receiver stored, batched per pool each second.

Source: the receiver calls `EppFeed.publish(payload)` with every payload it has *stored*, so
the live view shows exactly the decisions ClickHouse holds (a decision is never live-only,
and nothing is read back from the store). Only when some client watches a pool are the
payload's decision records decoded (`analytics.otlp.records`), and only those of watched
pools are kept. Every `interval` seconds each watched pool's pending decisions go out as one
message to each of its clients' bounded queues (`hub.Subscriber`): a client that falls
behind is dropped by its sender, never slowing the receiver.

Message: `{type: "decisions", namespace, name, pool, sentAt, decisions: [EppDecision…]}`
(`sentAt` is the server's send time, Unix seconds, for lag measurements).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections import defaultdict

import structlog

from ngf_console.analytics.otlp.records import rows_of
from ngf_console.analytics.schema.decisions import EPP_DECISIONS
from ngf_console.server.hub import TEXT, Message, Subscriber
from ngf_console.server.inference_decisions import decision_fields

log = structlog.get_logger(__name__)
PoolKey = tuple[str, str]
MAX_PENDING = 10_000
"""Decisions kept per pool between two sends; older ones are dropped first."""


class _Watch:
    def __init__(self, name: str) -> None:
        self.name = name
        self.subscribers: set[Subscriber] = set()
        self.pending: list[Message] = []


class EppFeed:
    """Fans stored decisions out to WebSocket subscribers (see the module docstring)."""

    def __init__(self, interval: float = 1.0) -> None:
        self.interval = interval
        self._watches: dict[PoolKey, dict[str, _Watch]] = defaultdict(dict)
        self._task: asyncio.Task[None] | None = None
        self.published = 0

    def subscribe(self, namespace: str, pool: str, name: str, subscriber: Subscriber) -> None:
        """Send `subscriber` the decisions of `namespace/pool` (shown as stack `name`)."""
        watches = self._watches[(namespace, pool)]
        watches.setdefault(name, _Watch(name)).subscribers.add(subscriber)
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="epp-feed")

    def unsubscribe(self, namespace: str, pool: str, name: str, subscriber: Subscriber) -> None:
        key = (namespace, pool)
        watch = self._watches.get(key, {}).get(name)
        if watch is None:
            return
        watch.subscribers.discard(subscriber)
        if not watch.subscribers:
            del self._watches[key][name]
            if not self._watches[key]:
                del self._watches[key]

    @property
    def watched(self) -> int:
        return len(self._watches)

    def publish(self, payload: bytes) -> None:
        """Queue the decisions of watched pools in a stored payload (never raises)."""
        if not self._watches:
            return
        try:
            rows = rows_of(payload, EPP_DECISIONS)
        except Exception as e:  # a stored payload is well-formed; never fail the receiver
            log.warning("EPP feed could not read a payload", error=str(e))
            return
        for row in rows:
            watches = self._watches.get((str(row["namespace"]), str(row["inference_pool"])))
            if not watches:
                continue
            decision = decision_fields(row)
            for watch in watches.values():
                watch.pending.append(decision)
                if len(watch.pending) > MAX_PENDING:
                    del watch.pending[: len(watch.pending) - MAX_PENDING]
            self.published += 1

    def flush(self) -> None:
        """Send each watched pool's pending decisions as one message per client."""
        now = time.time()
        for (namespace, pool), watches in list(self._watches.items()):
            for watch in watches.values():
                if not watch.pending:
                    continue
                message = {"type": "decisions", "namespace": namespace, "name": watch.name,
                           "pool": pool, "sentAt": now, "decisions": watch.pending}  # fmt: skip
                watch.pending = []
                encoded = {TEXT: json.dumps(message, separators=(",", ":"))}  # once, not per client
                for subscriber in watch.subscribers:
                    subscriber.offer(encoded)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            self.flush()

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
