"""The live EPP decision feed: what the OTLP receiver stored, batched per pool each second.

Source: the receiver calls `EppFeed.publish(payload)` with every payload it has *stored*, so
the live view shows exactly the decisions ClickHouse holds (a decision is never live-only,
and nothing is read back from the store). Only when some client watches a pool is the
payload parsed, and only the decision records of watched pools are read — and of those only
the fields of the lean live decision (`live_decisions`). Every `interval` seconds each watched
pool's pending decisions go out as one message queued to each of its clients
(`hub.Subscriber`); each decision is JSON-encoded as it arrives, so a flush only joins them,
once for all clients. A client that falls `QUEUE_BATCHES` batches behind is dropped by its
sender, never slowing the receiver or the other clients.

Message: `{type: "decisions", namespace, name, pool, sentAt, decisions: [EppDecision…]}`
(`sentAt` is the server's send time, Unix seconds, for lag measurements). Each decision has
`EppDecision`'s JSON shape with `candidates: []` — `candidateCount` says how many were scored
and the summary names the runner-up; one decision in full (every candidate's score) comes
from the REST API. Every candidate's name and score would be most of a batch's bytes (a
thousand decisions a second to every client) and most of the work of reading them.

Mapping (as the store reads a record; the tests check it against a column-by-column
reader): a record is a decision when its `event_name` (or `event.name` attribute) is
`ngf_epp_decisions`' event; a field takes its column's attribute from the record, else the
scope, else the resource; missing values are the column type's zero.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

import structlog
from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import ExportLogsServiceRequest

from ngf_console.analytics.otlp.attributes import EVENT_NAME_ATTRIBUTE
from ngf_console.analytics.schema.decisions import EPP_DECISIONS
from ngf_console.server.hub import TEXT, Subscriber
from ngf_console.server.inference_decisions import summary

log = structlog.get_logger(__name__)
PoolKey = tuple[str, str]
MAX_PENDING = 10_000
"""Decisions kept per pool between two sends; older ones are dropped first."""
QUEUE_BATCHES = 5
"""Batches a client may fall behind before it is dropped (at 1 s batches: 5 s late)."""

_KEY = {c.name: c.sources[0].key for c in EPP_DECISIONS.columns if c.sources}
"""Column → the attribute it is read from (every decision column has one, scale 1)."""
_EPOCH = dt.datetime.fromtimestamp(0, dt.UTC)


def live_decisions(payload: bytes, pools: Iterable[PoolKey]) -> Iterator[dict[str, Any]]:
    """The decisions of `pools` in a stored protobuf payload, as lean `EppDecision` JSON."""
    wanted = set(pools)
    request = ExportLogsServiceRequest.FromString(payload)
    event = EPP_DECISIONS.event
    for resource_logs in request.resource_logs:
        resource = {kv.key: kv.value for kv in resource_logs.resource.attributes}
        for scope_logs in resource_logs.scope_logs:
            scope = {kv.key: kv.value for kv in scope_logs.scope.attributes}
            outer = {**resource, **scope}
            for record in scope_logs.log_records:
                attrs = {kv.key: kv.value for kv in record.attributes}
                if outer:
                    attrs = {**outer, **attrs}
                name = record.event_name or _str(attrs.get(EVENT_NAME_ATTRIBUTE))
                if name != event:
                    continue
                pool = (_str(attrs.get(_KEY["namespace"])), _str(attrs.get(_KEY["inference_pool"])))
                if pool in wanted:
                    yield _lean(record, attrs, pool)


def _lean(record: Any, attrs: dict[str, Any], pool: PoolKey) -> dict[str, Any]:
    def s(column: str) -> str:
        return _str(attrs.get(_KEY[column]))

    def f(column: str) -> float:
        return _float(attrs.get(_KEY[column]))

    def i(column: str) -> int:
        return round(_float(attrs.get(_KEY[column])))

    nanos = record.time_unix_nano or record.observed_time_unix_nano
    when = dt.datetime.fromtimestamp(nanos / 1e9, dt.UTC) if nanos else _EPOCH
    picked = s("picked_pod")
    fields: dict[str, Any] = {
        "timestamp": when.isoformat().replace("+00:00", "Z"),
        "requestId": s("request_id"), "traceId": bytes(record.trace_id).hex(),
        "namespace": pool[0], "pool": pool[1], "model": s("model_name"), "pickedPod": picked,
        "reason": s("reason"), "latencyUs": f("decision_latency_us"),
        "candidateCount": i("candidate_count"), "tiedCount": i("tied_count"),
        "queueDepth": i("queue_depth"), "kvCachePct": f("kv_cache_pct"),
        "prefixHit": _bool(attrs.get(_KEY["prefix_hit"])),
        "prefixMatchedBlocks": i("prefix_matched_blocks"),
        "prefixTotalBlocks": i("prefix_total_blocks"),
        "scores": {"queue": f("queue_score"), "kvCache": f("kv_cache_score"),
                   "prefix": f("prefix_score"), "total": f("total_score")},
        "weights": _weights(attrs), "candidates": _runner_up(attrs, picked),
    }  # fmt: skip
    fields["summary"] = summary(fields)  # the REST API's line, lead over the runner-up included
    fields["candidates"] = []
    return fields


_SCORERS = (("queue", "candidate_queue_scores", "queue_weight"),
            ("kvCache", "candidate_kv_cache_scores", "kv_cache_weight"),
            ("prefix", "candidate_prefix_scores", "prefix_weight"))  # fmt: skip
"""API key → (raw-score array column, weight column), as `inference_decisions` reads them."""


def _weights(attrs: dict[str, Any]) -> dict[str, float | None] | None:
    """The profile's weights: a scorer's when its raw scores were recorded, None without any."""
    ran = {key: len(_array(attrs.get(_KEY[raw]))) > 0 for key, raw, _ in _SCORERS}
    if not any(ran.values()):
        return None
    return {key: _float(attrs.get(_KEY[w])) if ran[key] else None for key, _, w in _SCORERS}


def _runner_up(attrs: dict[str, Any], picked: str) -> list[dict[str, Any]]:
    """The best candidate other than the pick (candidates are best first), or none."""
    pods, scores = (
        _array(attrs.get(_KEY["candidates"])),
        _array(attrs.get(_KEY["candidate_scores"])),
    )
    for pod, score in zip(pods, scores, strict=False):
        name = _str(pod)
        if name != picked:
            return [{"pod": name, "score": round(_float(score), 6)}]
    return []


def _array(value: Any) -> Any:
    if value is None:
        return ()
    if value.WhichOneof("value") == "array_value":
        return value.array_value.values
    return (value,)


def _scalar(value: Any) -> Any:
    kind = value.WhichOneof("value")
    if kind is None or kind in ("array_value", "kvlist_value", "bytes_value"):
        return None
    return getattr(value, kind)


def _str(value: Any) -> str:
    v = None if value is None else _scalar(value)
    return "" if v is None else v if isinstance(v, str) else str(v)


def _float(value: Any) -> float:
    v = None if value is None else _scalar(value)
    try:
        return 0.0 if v is None else float(v)
    except ValueError:
        return 0.0


def _bool(value: Any) -> bool:
    return bool(None if value is None else _scalar(value))


class _Watch:
    def __init__(self, name: str) -> None:
        self.name = name
        self.subscribers: set[Subscriber] = set()
        self.pending: list[str] = []
        """Decisions as JSON text: encoded as they arrive, so a flush only joins them."""


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
            decisions = list(live_decisions(payload, self._watches))
        except Exception as e:  # a stored payload is well-formed; never fail the receiver
            log.warning("EPP feed could not read a payload", error=str(e))
            return
        for decision in decisions:
            watches = self._watches.get((decision["namespace"], decision["pool"]))
            if not watches:
                continue
            text = json.dumps(decision, separators=(",", ":"))
            for watch in watches.values():
                watch.pending.append(text)
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
                head = {"type": "decisions", "namespace": namespace, "name": watch.name,
                        "pool": pool, "sentAt": now}  # fmt: skip
                text = json.dumps(head, separators=(",", ":"))[:-1]
                encoded = {TEXT: f'{text},"decisions":[{",".join(watch.pending)}]}}'}  # once
                watch.pending = []
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
