"""An `ngf_epp_decisions` row as the API's `EppDecision`, with a one-line "why".

The same conversion serves the REST page (rows read back from ClickHouse) and the live feed
(rows computed from the stored OTLP payload), so both show a decision identically.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ngf_console.analytics.store import Cell
from ngf_console.server.routers.inference_models import (
    CandidateTotal,
    EppDecision,
    ScorerScores,
)

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


def decision_of(row: Mapping[str, Cell]) -> EppDecision:
    """The decision a row records."""
    when = row.get("timestamp")
    timestamp = when if isinstance(when, dt.datetime) else dt.datetime.fromtimestamp(0, dt.UTC)
    pods, totals = _list(row, "candidates"), _list(row, "candidate_scores")
    candidates = [
        CandidateTotal(pod=str(p), score=float(s) if isinstance(s, int | float) else 0.0)
        for p, s in zip(pods, totals, strict=False)
    ]
    decision = EppDecision(
        timestamp=timestamp,
        request_id=_s(row, "request_id"),
        trace_id=_s(row, "trace_id"),
        namespace=_s(row, "namespace"),
        pool=_s(row, "inference_pool"),
        model=_s(row, "model_name"),
        picked_pod=_s(row, "picked_pod"),
        reason=_s(row, "reason"),
        latency_us=_f(row, "decision_latency_us"),
        candidate_count=_i(row, "candidate_count"),
        tied_count=_i(row, "tied_count"),
        queue_depth=_i(row, "queue_depth"),
        kv_cache_pct=_f(row, "kv_cache_pct"),
        prefix_hit=bool(row.get("prefix_hit")),
        prefix_matched_blocks=_i(row, "prefix_matched_blocks"),
        prefix_total_blocks=_i(row, "prefix_total_blocks"),
        scores=ScorerScores(
            queue=_f(row, "queue_score"),
            kv_cache=_f(row, "kv_cache_score"),
            prefix=_f(row, "prefix_score"),
            total=_f(row, "total_score"),
        ),
        candidates=candidates,
        summary="",
    )
    decision.summary = summary(decision)
    return decision


def summary(d: EppDecision) -> str:
    """E.g. `Selected pod-3 of 4: queue_depth=2, kv_cache=45%, prefix_hit=true (…)`."""
    prefix = f"{d.prefix_matched_blocks}/{d.prefix_total_blocks} blocks" if d.prefix_hit else ""
    why = _REASONS.get(d.reason, d.reason)
    runner_up = next((c for c in d.candidates if c.pod != d.picked_pod), None)
    lead = f", {d.scores.total - runner_up.score:+.3f} over {runner_up.pod}" if runner_up else ""
    return (
        f"Selected {d.picked_pod} of {d.candidate_count}: queue_depth={d.queue_depth}, "
        f"kv_cache={d.kv_cache_pct:.0f}%, prefix_hit={str(d.prefix_hit).lower()}"
        f"{f' ({prefix})' if prefix else ''}; score {d.scores.total:.3f}{lead} — {why}"
    )
