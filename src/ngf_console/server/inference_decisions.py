"""An `ngf_epp_decisions` row as the API's `EppDecision`, with a one-line "why".

The same conversion serves the REST page (rows read back from ClickHouse) and the live feed
(rows computed from the stored OTLP payload), so both show a decision identically.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ngf_console.analytics.store import Cell
from ngf_console.server.routers.inference_models import EppDecision

_REASONS = {
    "least_queue": "the shortest queue decided",
    "kv_available": "the most free KV-cache decided",
    "prefix_hit": "the cached prefix decided",
    "composite": "no single scorer decided",
}


def _f(row: Mapping[str, Cell], key: str) -> float:
    value = row.get(key)
    return float(value) if isinstance(value, int | float) else 0.0


def _i(row: Mapping[str, Cell], key: str) -> int:
    return round(_f(row, key))


def _s(row: Mapping[str, Cell], key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value)


def _list(row: Mapping[str, Cell], key: str) -> list[Cell]:
    value = row.get(key)
    return value if isinstance(value, list) else []


def decision_fields(row: Mapping[str, Cell]) -> dict[str, Any]:
    """The decision a row records, as `EppDecision`'s JSON (built directly: the live feed
    converts a thousand a second)."""
    when = row.get("timestamp")
    timestamp = when if isinstance(when, dt.datetime) else dt.datetime.fromtimestamp(0, dt.UTC)
    pods, totals = _list(row, "candidates"), _list(row, "candidate_scores")
    picked = _s(row, "picked_pod")
    scores = {"queue": _f(row, "queue_score"), "kvCache": _f(row, "kv_cache_score"),
              "prefix": _f(row, "prefix_score"), "total": _f(row, "total_score")}  # fmt: skip
    candidates = [{"pod": str(p), "score": float(s) if isinstance(s, int | float) else 0.0}
                  for p, s in zip(pods, totals, strict=False)]  # fmt: skip
    fields: dict[str, Any] = {
        "timestamp": timestamp.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        "requestId": _s(row, "request_id"), "traceId": _s(row, "trace_id"),
        "namespace": _s(row, "namespace"), "pool": _s(row, "inference_pool"),
        "model": _s(row, "model_name"), "pickedPod": picked, "reason": _s(row, "reason"),
        "latencyUs": _f(row, "decision_latency_us"), "candidateCount": _i(row, "candidate_count"),
        "tiedCount": _i(row, "tied_count"), "queueDepth": _i(row, "queue_depth"),
        "kvCachePct": _f(row, "kv_cache_pct"), "prefixHit": bool(row.get("prefix_hit")),
        "prefixMatchedBlocks": _i(row, "prefix_matched_blocks"),
        "prefixTotalBlocks": _i(row, "prefix_total_blocks"), "scores": scores,
        "candidates": candidates,
    }  # fmt: skip
    fields["summary"] = summary(fields)
    return fields


def decision_of(row: Mapping[str, Cell]) -> EppDecision:
    """The decision a row records (the REST model)."""
    return EppDecision.model_validate(decision_fields(row))


def summary(d: Mapping[str, Any]) -> str:
    """E.g. `Selected pod-3 of 4: queue_depth=2, kv_cache=45%, prefix_hit=true (…)`."""
    hit, total = d["prefixHit"], d["scores"]["total"]
    prefix = f" ({d['prefixMatchedBlocks']}/{d['prefixTotalBlocks']} blocks)" if hit else ""
    why = _REASONS.get(d["reason"], d["reason"])
    runner_up = next((c for c in d["candidates"] if c["pod"] != d["pickedPod"]), None)
    lead = f", {total - runner_up['score']:+.3f} over {runner_up['pod']}" if runner_up else ""
    return (
        f"Selected {d['pickedPod']} of {d['candidateCount']}: queue_depth={d['queueDepth']}, "
        f"kv_cache={d['kvCachePct']:.0f}%, prefix_hit={str(hit).lower()}{prefix}; "
        f"score {total:.3f}{lead} — {why}"
    )
