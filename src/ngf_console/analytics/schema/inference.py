"""`ngf_inference_logs`: one row per inference request, written when it completes.

The spec's columns and types (§3.10.3) in the spec's order, then the additions the dashboard
needs (`added=True`): the pool's namespace (pool names are unique per namespace only), the
latency breakdown (queue wait → prefill → decode), prefix-cache tokens and the finish reason.
"""

from __future__ import annotations

from ngf_console.analytics.otlp import attributes as a
from ngf_console.analytics.schema.model import Table, attr, timestamp_column, trace_id_column

INFERENCE_LOGS = Table(
    name="ngf_inference_logs",
    event=a.EVENT_INFERENCE,
    order_by=("inference_pool", "model_name", "timestamp"),
    ttl_days=14,
    doc="One row per completed inference request.",
    columns=(
        timestamp_column(),
        attr("inference_pool", "String", "InferencePool name.", a.POOL),
        attr("model_name", "String", "Requested model.", a.MODEL),
        attr("model_version", "String", "Model version.", a.MODEL_VERSION),
        attr("pod_name", "String", "Model-server pod that served it.", a.K8S_POD),
        attr("node_name", "String", "Node of that pod.", a.K8S_NODE),
        attr("gpu_id", "UInt8", "GPU index on the node.", a.GPU_INDEX),
        attr("gpu_type", "LowCardinality(String)", "GPU model (A100, H100, …).", a.GPU_TYPE),
        attr("request_id", "String", "Request id (x-request-id).", a.REQUEST_ID),
        trace_id_column(),
        attr("time_to_first_token_ms", "Float64", "TTFT from arrival, ms.", a.TTFT_MS),
        attr("total_inference_time_ms", "Float64", "Arrival to last token, ms.", a.TOTAL_MS),
        attr("tokens_generated", "UInt32", "Output tokens.", a.OUTPUT_TOKENS),
        attr("input_tokens", "UInt32", "Prompt tokens.", a.INPUT_TOKENS),
        attr("output_tokens", "UInt32", "Output tokens.", a.OUTPUT_TOKENS),
        attr("tokens_per_second", "Float32", "Decode speed, tokens/s.", a.TOKENS_PER_SECOND),
        attr("epp_selected_reason", "LowCardinality(String)", "Why the EPP chose the pod.",
             a.EPP_REASON),
        attr("epp_decision_latency_us", "Float32", "EPP scheduling time, µs.", a.EPP_LATENCY_US),
        attr("queue_depth_at_selection", "UInt16", "Pod's waiting queue at the pick.",
             a.EPP_QUEUE_DEPTH),
        attr("kv_cache_pct_at_selection", "Float32", "Pod's KV-cache use at the pick, %.",
             a.EPP_KV_CACHE_PCT),
        attr("prefix_cache_hit", "Bool", "The EPP matched a cached prefix on the pod.",
             a.EPP_PREFIX_HIT),
        attr("candidate_pods_considered", "UInt8", "Candidates scored.", a.EPP_CANDIDATE_COUNT),
        attr("gpu_utilization_pct", "Float32", "GPU utilisation at the pick, %.",
             a.GPU_UTILIZATION_PCT),
        attr("gpu_memory_used_mb", "UInt32", "GPU memory used, MiB.", a.GPU_MEMORY_USED_MB),
        attr("gpu_memory_total_mb", "UInt32", "GPU memory total, MiB.", a.GPU_MEMORY_TOTAL_MB),
        attr("gpu_temperature_c", "UInt16", "GPU temperature, °C.", a.GPU_TEMPERATURE_C),
        attr("pool_replica_count", "UInt16", "Pool replicas at the pick.", a.POOL_REPLICAS),
        attr("pool_target_replica_count", "UInt16", "Autoscaler's desired replicas.",
             a.POOL_TARGET_REPLICAS),
        attr("status", "UInt16", "HTTP status returned.", a.HTTP_STATUS),
        attr("client_ip", "String", "Client address.", a.CLIENT_ADDRESS),
        attr("path", "String", "Request path.", a.URL_PATH),
        attr("method", "LowCardinality(String)", "HTTP method.", a.HTTP_METHOD),
        attr("request_size", "UInt64", "Request body bytes.", a.HTTP_REQUEST_SIZE),
        attr("response_size", "UInt64", "Response body bytes.", a.HTTP_RESPONSE_SIZE),
        attr("xc_edge_latency_ms", "Float64", "F5 XC edge latency, ms.", a.XC_EDGE_LATENCY_MS),
        attr("xc_waf_action", "LowCardinality(String)", "F5 XC WAF action.", a.XC_WAF_ACTION),
        attr("xc_bot_classification", "LowCardinality(String)", "F5 XC bot verdict.",
             a.XC_BOT_CLASSIFICATION),
        attr("namespace", "LowCardinality(String)", "Namespace of the pool.", a.K8S_NAMESPACE,
             added=True),
        attr("queue_time_ms", "Float64", "Waiting in the server's queue, ms.", a.QUEUE_MS,
             added=True),
        attr("prefill_time_ms", "Float64", "Scheduled to first token, ms.", a.PREFILL_MS,
             added=True),
        attr("decode_time_ms", "Float64", "First to last token, ms.", a.DECODE_MS, added=True),
        attr("cached_tokens", "UInt32", "Prompt tokens served from the prefix cache.",
             a.CACHED_TOKENS, added=True),
        attr("finish_reason", "LowCardinality(String)", "Why generation stopped.",
             a.FINISH_REASON, added=True),
    ),
)  # fmt: skip
