"""An `ngf_epp_decisions` row as the API's `EppDecision`, with a one-line "why".

The same conversion serves the REST page (rows read back from ClickHouse) and the live feed
(rows computed from the stored OTLP payload), so both show a decision identically.

Per candidate, a scorer's raw scores are an array parallel to `candidates`; the profile runs
the scorer when that array is not empty (then its weight column is its weight). A row with
all three arrays empty was recorded without them (before migration 0002, or by a sender
that does not send them): its `weights` and every candidate's `scores` are null. Weighted
scores are `clamp(raw, 0, 1) x weight`, as the EPP sums them; Float32 columns are rounded
to 6 decimals (their precision), so 0.8 reads 0.8, not 0.800000011920929.
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


def _numbers(row: Mapping[str, Cell], key: str) -> list[float]:
    return [float(v) if isinstance(v, int | float) else 0.0 for v in _list(row, key)]


# API key → (raw-score array column, weight column)
_SCORERS = (("queue", "candidate_queue_scores", "queue_weight"),
            ("kvCache", "candidate_kv_cache_scores", "kv_cache_weight"),
            ("prefix", "candidate_prefix_scores", "prefix_weight"))  # fmt: skip


def _at(values: list[float], i: int, digits: int) -> float | None:
    return round(values[i], digits) if i < len(values) else None


def candidate_fields(row: Mapping[str, Cell]) -> tuple[dict[str, Any] | None, list[Any]]:
    """The profile's weights (None: not recorded) and every candidate with its scores."""
    pods, totals = _list(row, "candidates"), _numbers(row, "candidate_scores")
    raw = {key: _numbers(row, column) for key, column, _ in _SCORERS}
    recorded = any(raw.values())
    weights = (
        {key: _f(row, weight) if raw[key] else None for key, _, weight in _SCORERS}
        if recorded
        else None
    )
    depths = _numbers(row, "candidate_queue_depths")
    kv_pcts = _numbers(row, "candidate_kv_cache_pcts")
    matched = _numbers(row, "candidate_prefix_matched_blocks")
    candidates: list[Any] = []
    for i, pod in enumerate(pods):
        scores: dict[str, Any] | None = None
        if weights is not None:
            scores = {}
            for key, _, _ in _SCORERS:
                weight, r = weights[key], _at(raw[key], i, 6)
                scores[key] = (
                    None if weight is None or r is None
                    else {"raw": r, "weighted": round(min(max(r, 0.0), 1.0) * weight, 6)}
                )  # fmt: skip
        depth, blocks = _at(depths, i, 0), _at(matched, i, 0)
        candidates.append({
            "pod": str(pod), "score": _at(totals, i, 6) or 0.0, "scores": scores,
            "queueDepth": None if depth is None else int(depth),
            "kvCachePct": _at(kv_pcts, i, 3),
            "prefixMatchedBlocks": None if blocks is None else int(blocks),
        })  # fmt: skip
    return weights, candidates


def decision_fields(row: Mapping[str, Cell]) -> dict[str, Any]:
    """The decision a row records, as `EppDecision`'s JSON (built directly: the live feed
    converts a thousand a second)."""
    when = row.get("timestamp")
    timestamp = when if isinstance(when, dt.datetime) else dt.datetime.fromtimestamp(0, dt.UTC)
    picked = _s(row, "picked_pod")
    scores = {"queue": _f(row, "queue_score"), "kvCache": _f(row, "kv_cache_score"),
              "prefix": _f(row, "prefix_score"), "total": _f(row, "total_score")}  # fmt: skip
    weights, candidates = candidate_fields(row)
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
        "weights": weights, "candidates": candidates,
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
