"""OTLP log records of the simulated fleet: one per EPP decision, one per completed request.

`FleetTelemetry(fleet, exporter, gateway=…).attach()` hooks the fleet's EPP simulator
(`on_decision`) and every model-server pod (`on_finished`; pods that join later are hooked
at their first decision). Attribute names are `analytics.otlp.attributes` — the vocabulary
the receiver maps to `ngf_epp_decisions`, `ngf_inference_logs` and `ngf_access_logs`:

* `ngf.epp.decision`: pool, model, request id, picked pod, the reason, scheduling latency,
  the pick's queue/KV-cache/prefix state, its weighted score per scorer, every candidate's
  total, best first, and per candidate each scorer's raw score and its queue, KV-cache and
  matched prefix blocks, with the profile's weights; a trace id shared with the request's
  completion record.
* `ngf.inference.request`: the pod, node, GPU, TTFT and the queue → prefill → decode
  breakdown (virtual seconds of the queueing model, in ms), prompt/output/cached tokens, the
  decode speed `(output - 1) / decode time`, and — when the EPP routed it — the decision's
  context and the GPU's state when it was picked.
* `ngf.access` (when a `gateway` is named): the gateway's access-log line of the request —
  route = pool, upstream = the pod, latency = end to end.

The reason is the scorer whose weighted score put the pick furthest ahead of the runner-up
(`decision_reason`): `least_queue`, `kv_available` or `prefix_hit`; `composite` when no
single scorer did (a tie broken at random, a lone candidate, or no lead at all).
"""

from __future__ import annotations

import os
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

from opentelemetry.proto.common.v1.common_pb2 import AnyValue, ArrayValue, KeyValue
from opentelemetry.proto.logs.v1.logs_pb2 import LogRecord

from ngf_console.analytics.otlp import attributes as a
from ngf_console.inference.epp import Decision
from ngf_console.inference.scorers import KV_CACHE_SCORER, PREFIX_CACHE_SCORER, QUEUE_SCORER
from ngf_console.sim.decisions import DecisionRecord
from ngf_console.sim.engine import SimRequest
from ngf_console.sim.fleet import Fleet
from ngf_console.sim.otlp import OtlpLogExporter
from ngf_console.sim.pod import ModelServerPod

Attr = str | int | float | bool | list[str] | list[float] | list[int]
REASONS = {QUEUE_SCORER: a.REASON_LEAST_QUEUE, KV_CACHE_SCORER: a.REASON_KV_AVAILABLE,
           PREFIX_CACHE_SCORER: a.REASON_PREFIX_HIT}  # fmt: skip
_SCORE_KEYS = {QUEUE_SCORER: a.EPP_SCORE_QUEUE, KV_CACHE_SCORER: a.EPP_SCORE_KV_CACHE,
               PREFIX_CACHE_SCORER: a.EPP_SCORE_PREFIX}  # fmt: skip
_RAW_KEYS = {QUEUE_SCORER: a.EPP_CANDIDATE_QUEUE_SCORES,
             KV_CACHE_SCORER: a.EPP_CANDIDATE_KV_CACHE_SCORES,
             PREFIX_CACHE_SCORER: a.EPP_CANDIDATE_PREFIX_SCORES}  # fmt: skip
_WEIGHT_KEYS = {QUEUE_SCORER: a.EPP_WEIGHT_QUEUE, KV_CACHE_SCORER: a.EPP_WEIGHT_KV_CACHE,
                PREFIX_CACHE_SCORER: a.EPP_WEIGHT_PREFIX}  # fmt: skip


def decision_reason(decision: Decision) -> str:
    """The scorer that decided the pick (see the module docstring)."""
    columns = decision.columns
    if len(columns) == 1:
        return REASONS[columns[0].scorer]
    if len(decision.order) < 2 or len(decision.tied) > 1:
        return a.REASON_COMPOSITE
    best, second = decision.order[0], decision.order[1]
    leads = {c.scorer: c.weighted[best] - c.weighted[second] for c in columns}
    scorer, lead = max(leads.items(), key=lambda item: item[1])
    return REASONS[scorer] if lead > 0 else a.REASON_COMPOSITE


def any_value(v: Attr) -> AnyValue:
    if isinstance(v, bool):
        return AnyValue(bool_value=v)
    if isinstance(v, int):
        return AnyValue(int_value=v)
    if isinstance(v, float):
        return AnyValue(double_value=v)
    if isinstance(v, str):
        return AnyValue(string_value=v)
    return AnyValue(array_value=ArrayValue(values=[any_value(x) for x in v]))


def log_record(event: str, time_ns: int, attrs: Mapping[str, Attr], trace_id: bytes) -> LogRecord:
    """One OTLP log record of `event`."""
    return LogRecord(
        time_unix_nano=time_ns, observed_time_unix_nano=time_ns, event_name=event,
        trace_id=trace_id,
        attributes=[KeyValue(key=k, value=any_value(v)) for k, v in attrs.items()],
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class DecisionContext:
    """What the completion record repeats from the request's decision."""

    trace_id: bytes
    attrs: Mapping[str, Attr]


def decision_attributes(
    record: DecisionRecord, pod: ModelServerPod, replicas: int
) -> dict[str, Attr]:
    """The pick's EPP and GPU context (shared by both records of a request)."""
    d = record.decision
    picked = d.picked
    reading = pod.gpu.reading()
    total_mib = reading.fb_used_mib + reading.fb_free_mib + reading.fb_reserved_mib
    return {
        a.EPP_REASON: decision_reason(d), a.EPP_LATENCY_US: round(record.latency_us, 3),
        a.EPP_QUEUE_DEPTH: picked.endpoint.waiting_queue_size,
        a.EPP_KV_CACHE_PCT: round(picked.endpoint.kv_cache_usage * 100, 3),
        a.EPP_PREFIX_HIT: picked.prefix_matched_blocks > 0,
        a.EPP_CANDIDATE_COUNT: len(d.endpoints),
        a.GPU_UTILIZATION_PCT: round(reading.util, 2),
        a.GPU_MEMORY_USED_MB: round(reading.fb_used_mib),
        a.GPU_MEMORY_TOTAL_MB: round(total_mib), a.GPU_TEMPERATURE_C: round(reading.temp_c),
        a.POOL_REPLICAS: replicas, a.POOL_TARGET_REPLICAS: replicas,
    }  # fmt: skip


def decision_only_attributes(record: DecisionRecord) -> dict[str, Attr]:
    """The attributes only the decision record carries: the pick's scores, and per candidate
    (best first) its total, each scorer's raw score and the inputs behind them, plus the
    profile's weights — scorers the profile does not run are left out."""
    d = record.decision
    order, endpoints = d.order, d.endpoints
    first = order[0]
    attrs: dict[str, Attr] = {
        a.EPP_TIED_COUNT: len(d.tied), a.EPP_PREFIX_MATCHED_BLOCKS: d.prefix_matched[first],
        a.EPP_PREFIX_TOTAL_BLOCKS: d.prefix_total_blocks, a.EPP_SCORE_TOTAL: d.totals[first],
        a.EPP_CANDIDATE_PODS: [endpoints[i].name for i in order],
        a.EPP_CANDIDATE_SCORES: [d.totals[i] for i in order],
        a.EPP_CANDIDATE_QUEUE_DEPTHS: [endpoints[i].waiting_queue_size for i in order],
        a.EPP_CANDIDATE_KV_CACHE_PCTS: [round(endpoints[i].kv_cache_usage * 100, 3)
                                        for i in order],
        a.EPP_CANDIDATE_PREFIX_MATCHED_BLOCKS: [d.prefix_matched[i] for i in order],
    }  # fmt: skip
    for column in d.columns:
        attrs[_SCORE_KEYS[column.scorer]] = column.weighted[first]
        attrs[_RAW_KEYS[column.scorer]] = [float(column.raw[i]) for i in order]
        attrs[_WEIGHT_KEYS[column.scorer]] = float(column.weight)
    return attrs


def completion_attributes(request: SimRequest) -> dict[str, Attr]:
    """Latency breakdown and tokens of a finished request (virtual seconds → ms)."""
    arrival, scheduled = request.arrival, request.scheduled_at or request.arrival
    first = request.first_token_at or scheduled
    finished = request.finished_at or first
    decode = finished - first
    out = request.output_tokens
    return {
        a.TTFT_MS: (first - arrival) * 1000, a.TOTAL_MS: (finished - arrival) * 1000,
        a.QUEUE_MS: (scheduled - arrival) * 1000, a.PREFILL_MS: (first - scheduled) * 1000,
        a.DECODE_MS: decode * 1000, a.INPUT_TOKENS: request.prompt_tokens,
        a.OUTPUT_TOKENS: out, a.CACHED_TOKENS: request.cached_tokens,
        a.TOKENS_PER_SECOND: (out - 1) / decode if out > 1 and decode > 0 else 0.0,
        a.FINISH_REASON: request.finish_reason or "", a.HTTP_STATUS: 200,
        a.HTTP_METHOD: "POST", a.URL_PATH: "/v1/completions",
    }  # fmt: skip


def access_attributes(
    gateway: str, route: str, pod: ModelServerPod, request: SimRequest
) -> dict[str, Attr]:
    """The gateway's access-log record of a completed request routed to `pod`."""
    arrival, finished = request.arrival, request.finished_at or request.arrival
    total_ms = (finished - arrival) * 1000
    return {
        a.GATEWAY: gateway, a.LISTENER: "http", a.ROUTE: route, a.HTTP_METHOD: "POST",
        a.URL_PATH: "/v1/completions", a.HTTP_STATUS: 200, a.LATENCY_MS: total_ms + 0.4,
        a.UPSTREAM_LATENCY_MS: total_ms, a.HTTP_REQUEST_SIZE: 64 + 4 * request.prompt_tokens,
        a.HTTP_RESPONSE_SIZE: 96 + 5 * request.output_tokens,
        a.UPSTREAM_NAME: f"{route}", a.UPSTREAM_ADDRESS: pod.name,
        a.CLIENT_ADDRESS: "127.0.0.1", a.USER_AGENT: "ngf-console-sim/traffic",
        a.REQUEST_ID: request.request_id,
    }  # fmt: skip


class FleetTelemetry:
    """Emits the fleet's decisions and completions to `exporter` (see the module docstring)."""

    def __init__(
        self,
        fleet: Fleet,
        exporter: OtlpLogExporter,
        *,
        wall_ns: Callable[[], int] = time.time_ns,
        max_pending: int = 10_000,
        gateway: str | None = None,
    ) -> None:
        self._fleet = fleet
        self._exporter = exporter
        self._wall_ns = wall_ns
        self._pending: OrderedDict[str, DecisionContext] = OrderedDict()
        self._max_pending = max_pending
        self._watched: set[int] = set()
        self._gateway = gateway

    def attach(self) -> None:
        """Hook the EPP simulator and the current pods."""
        self._fleet.epp.on_decision.append(self._on_decision)
        for pod in self._fleet.pods:
            self._watch(pod)

    def _watch(self, pod: ModelServerPod) -> None:
        if id(pod) not in self._watched:
            self._watched.add(id(pod))
            pod.on_finished.append(partial(self._on_finished, pod))

    def _common(self, pod: ModelServerPod) -> dict[str, Attr]:
        pool = self._fleet.pool
        return {a.K8S_NAMESPACE: pool.namespace, a.POOL: pool.name, a.MODEL: pool.model,
                a.K8S_POD: pod.name}  # fmt: skip

    def _on_decision(self, record: DecisionRecord, pod: ModelServerPod) -> None:
        self._watch(pod)
        trace_id = os.urandom(16)
        shared = decision_attributes(record, pod, len(self._fleet.pods))
        self._pending[record.request_id] = DecisionContext(trace_id, shared)
        while len(self._pending) > self._max_pending:
            self._pending.popitem(last=False)
        attrs = {**self._common(pod), a.REQUEST_ID: record.request_id, **shared,
                 **decision_only_attributes(record)}  # fmt: skip
        time_ns = int(record.timestamp * 1e9)
        self._exporter.emit(log_record(a.EVENT_EPP_DECISION, time_ns, attrs, trace_id))

    def _on_finished(self, pod: ModelServerPod, request: SimRequest) -> None:
        context = self._pending.pop(request.request_id, None)
        identity = pod.gpu.identity
        attrs = {**self._common(pod), a.REQUEST_ID: request.request_id,
                 a.K8S_NODE: identity.hostname, a.GPU_INDEX: identity.index,
                 a.GPU_TYPE: self._fleet.pool.gpu_type}  # fmt: skip
        attrs |= completion_attributes(request)
        if context is not None:
            attrs |= context.attrs
        trace_id = context.trace_id if context is not None else b""
        now = self._wall_ns()
        self._exporter.emit(log_record(a.EVENT_INFERENCE, now, attrs, trace_id))
        if self._gateway is not None:
            access = access_attributes(self._gateway, self._fleet.pool.name, pod, request)
            access[a.K8S_NAMESPACE] = self._fleet.pool.namespace
            self._exporter.emit(log_record(a.EVENT_ACCESS, now, access, trace_id))
