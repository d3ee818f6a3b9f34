"""`ngf_epp_decisions`: one row per endpoint-picker decision (not in the spec; documented).

A decision is recorded when it is made, so decisions of requests still in flight or failed
later are counted too (`ngf_inference_logs` only has completed requests). The picked pod's
per-scorer weighted scores and every candidate's total keep the "why" for audits and replay.

Since migration 0002, every candidate's raw score from each scorer, the inputs behind them
(waiting queue, KV-cache use, matched prefix blocks) and the profile's weights are kept too,
so the "why did this pod win" view can show each candidate's weighted contributions. The
`candidate_*` arrays are parallel to `candidates` (best first); a scorer the profile does not
run has an empty array and weight 0. Rows written before 0002 have every new array empty.
"""

from __future__ import annotations

from ngf_console.analytics.otlp import attributes as a
from ngf_console.analytics.schema.model import Table, attr, timestamp_column, trace_id_column

EPP_DECISIONS = Table(
    name="ngf_epp_decisions",
    event=a.EVENT_EPP_DECISION,
    order_by=("inference_pool", "timestamp"),
    ttl_days=14,
    doc="One row per EPP decision.",
    columns=(
        timestamp_column(),
        attr("namespace", "LowCardinality(String)", "Namespace of the pool.", a.K8S_NAMESPACE),
        attr("inference_pool", "String", "InferencePool name.", a.POOL),
        attr("model_name", "String", "Requested model.", a.MODEL),
        attr("request_id", "String", "Request id.", a.REQUEST_ID),
        trace_id_column(),
        attr("picked_pod", "String", "The pod the EPP picked.", a.K8S_POD),
        attr("reason", "LowCardinality(String)", "The scorer that decided the pick.",
             a.EPP_REASON),
        attr("decision_latency_us", "Float32", "Scheduling time, µs.", a.EPP_LATENCY_US),
        attr("candidate_count", "UInt16", "Candidates scored.", a.EPP_CANDIDATE_COUNT),
        attr("tied_count", "UInt16", "Candidates sharing the top score.", a.EPP_TIED_COUNT),
        attr("queue_depth", "UInt16", "Picked pod's waiting queue.", a.EPP_QUEUE_DEPTH),
        attr("kv_cache_pct", "Float32", "Picked pod's KV-cache use, %.", a.EPP_KV_CACHE_PCT),
        attr("prefix_hit", "Bool", "A cached prefix matched on the picked pod.",
             a.EPP_PREFIX_HIT),
        attr("prefix_matched_blocks", "UInt16", "Prefix blocks matched on the picked pod.",
             a.EPP_PREFIX_MATCHED_BLOCKS),
        attr("prefix_total_blocks", "UInt16", "Prefix blocks of the request.",
             a.EPP_PREFIX_TOTAL_BLOCKS),
        attr("queue_score", "Float32", "queue-scorer, weighted.", a.EPP_SCORE_QUEUE),
        attr("kv_cache_score", "Float32", "kv-cache-utilization-scorer, weighted.",
             a.EPP_SCORE_KV_CACHE),
        attr("prefix_score", "Float32", "prefix-cache-scorer, weighted.", a.EPP_SCORE_PREFIX),
        attr("total_score", "Float32", "The picked pod's total score.", a.EPP_SCORE_TOTAL),
        attr("candidates", "Array(String)", "Every candidate, best first.",
             a.EPP_CANDIDATE_PODS),
        attr("candidate_scores", "Array(Float32)", "Their total scores.",
             a.EPP_CANDIDATE_SCORES),
        # migration 0002: per candidate (parallel to `candidates`) and the profile's weights
        attr("candidate_queue_scores", "Array(Float32)",
             "queue-scorer's raw score of each candidate ([]: not in the profile).",
             a.EPP_CANDIDATE_QUEUE_SCORES),
        attr("candidate_kv_cache_scores", "Array(Float32)",
             "kv-cache-utilization-scorer's raw score of each candidate.",
             a.EPP_CANDIDATE_KV_CACHE_SCORES),
        attr("candidate_prefix_scores", "Array(Float32)",
             "prefix-cache-scorer's raw score of each candidate.",
             a.EPP_CANDIDATE_PREFIX_SCORES),
        attr("candidate_queue_depths", "Array(UInt16)", "Each candidate's waiting queue.",
             a.EPP_CANDIDATE_QUEUE_DEPTHS),
        attr("candidate_kv_cache_pcts", "Array(Float32)", "Each candidate's KV-cache use, %.",
             a.EPP_CANDIDATE_KV_CACHE_PCTS),
        attr("candidate_prefix_matched_blocks", "Array(UInt16)",
             "Prefix blocks matched on each candidate.", a.EPP_CANDIDATE_PREFIX_MATCHED_BLOCKS),
        attr("queue_weight", "Float64", "queue-scorer's weight in the profile.",
             a.EPP_WEIGHT_QUEUE),
        attr("kv_cache_weight", "Float64", "kv-cache-utilization-scorer's weight.",
             a.EPP_WEIGHT_KV_CACHE),
        attr("prefix_weight", "Float64", "prefix-cache-scorer's weight.", a.EPP_WEIGHT_PREFIX),
    ),
)  # fmt: skip
