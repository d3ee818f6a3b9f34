"""The OTLP log vocabulary: event names (which table a record lands in) and attribute keys.

A log record's event is its `event_name` field, or its `event.name` attribute when the field
is empty (older SDKs). Attributes are looked up in the record first, then its scope, then its
resource, so `k8s.pod.name` may sit on the resource (one pod per exporter) or on each record
(one exporter for a whole simulated fleet). Keys follow the OpenTelemetry semantic
conventions where one exists (`http.*`, `url.*`, `client.*`, `k8s.*`, `gen_ai.*`, `tls.*`)
and live under `ngf.*` otherwise. The access table also accepts NGINX variable names, so a
JSON access log parsed by a collector's filelog receiver maps without renaming.
"""

from __future__ import annotations

EVENT_INFERENCE = "ngf.inference.request"
EVENT_ACCESS = "ngf.access"
EVENT_EPP_DECISION = "ngf.epp.decision"
EVENTS = (EVENT_INFERENCE, EVENT_ACCESS, EVENT_EPP_DECISION)
EVENT_NAME_ATTRIBUTE = "event.name"

# Kubernetes identity (resource or record)
K8S_NAMESPACE = "k8s.namespace.name"
K8S_POD = "k8s.pod.name"
K8S_NODE = "k8s.node.name"

# HTTP (semantic conventions)
HTTP_METHOD = "http.request.method"
HTTP_STATUS = "http.response.status_code"
HTTP_REQUEST_SIZE = "http.request.body.size"
HTTP_RESPONSE_SIZE = "http.response.body.size"
URL_PATH = "url.path"
CLIENT_ADDRESS = "client.address"
USER_AGENT = "user_agent.original"
TLS_VERSION = "tls.protocol.version"
TLS_CIPHER = "tls.cipher"
REQUEST_ID = "ngf.request.id"

# Gateway access log
GATEWAY = "ngf.gateway"
LISTENER = "ngf.listener"
ROUTE = "ngf.route"
LATENCY_MS = "ngf.request.latency_ms"
UPSTREAM_LATENCY_MS = "ngf.upstream.latency_ms"
UPSTREAM_NAME = "ngf.upstream.name"
UPSTREAM_ADDRESS = "ngf.upstream.address"
WAF_ACTION = "ngf.waf.action"
WAF_VIOLATION_RATING = "ngf.waf.violation_rating"
WAF_SIGNATURES = "ngf.waf.signatures"
BOT_CLASSIFICATION = "ngf.bot.classification"

# Inference request (model server completion)
POOL = "ngf.inference.pool"
MODEL = "gen_ai.request.model"
MODEL_VERSION = "ngf.model.version"
INPUT_TOKENS = "gen_ai.usage.input_tokens"
OUTPUT_TOKENS = "gen_ai.usage.output_tokens"
CACHED_TOKENS = "ngf.inference.cached_tokens"
TTFT_MS = "ngf.inference.ttft_ms"
TOTAL_MS = "ngf.inference.total_ms"
QUEUE_MS = "ngf.inference.queue_ms"
PREFILL_MS = "ngf.inference.prefill_ms"
DECODE_MS = "ngf.inference.decode_ms"
TOKENS_PER_SECOND = "ngf.inference.tokens_per_second"
FINISH_REASON = "ngf.inference.finish_reason"

# GPU and pool state (at the routing decision)
GPU_INDEX = "ngf.gpu.index"
GPU_TYPE = "ngf.gpu.type"
GPU_UTILIZATION_PCT = "ngf.gpu.utilization_pct"
GPU_MEMORY_USED_MB = "ngf.gpu.memory_used_mb"
GPU_MEMORY_TOTAL_MB = "ngf.gpu.memory_total_mb"
GPU_TEMPERATURE_C = "ngf.gpu.temperature_c"
POOL_REPLICAS = "ngf.pool.replicas"
POOL_TARGET_REPLICAS = "ngf.pool.target_replicas"

# Endpoint-picker decision
EPP_REASON = "ngf.epp.reason"
EPP_LATENCY_US = "ngf.epp.latency_us"
EPP_QUEUE_DEPTH = "ngf.epp.queue_depth"
EPP_KV_CACHE_PCT = "ngf.epp.kv_cache_pct"
EPP_PREFIX_HIT = "ngf.epp.prefix_hit"
EPP_CANDIDATE_COUNT = "ngf.epp.candidate_count"
EPP_TIED_COUNT = "ngf.epp.tied_count"
EPP_PREFIX_MATCHED_BLOCKS = "ngf.epp.prefix_matched_blocks"
EPP_PREFIX_TOTAL_BLOCKS = "ngf.epp.prefix_total_blocks"
EPP_SCORE_QUEUE = "ngf.epp.score.queue"
EPP_SCORE_KV_CACHE = "ngf.epp.score.kv_cache"
EPP_SCORE_PREFIX = "ngf.epp.score.prefix"
EPP_SCORE_TOTAL = "ngf.epp.score.total"
EPP_CANDIDATE_PODS = "ngf.epp.candidate_pods"
EPP_CANDIDATE_SCORES = "ngf.epp.candidate_scores"
# per candidate, parallel to `ngf.epp.candidate_pods`: each scorer's raw (unweighted) score,
# absent when the profile does not run that scorer; and the inputs behind the scores
EPP_CANDIDATE_QUEUE_SCORES = "ngf.epp.candidate.score.queue"
EPP_CANDIDATE_KV_CACHE_SCORES = "ngf.epp.candidate.score.kv_cache"
EPP_CANDIDATE_PREFIX_SCORES = "ngf.epp.candidate.score.prefix"
EPP_CANDIDATE_QUEUE_DEPTHS = "ngf.epp.candidate.queue_depth"
EPP_CANDIDATE_KV_CACHE_PCTS = "ngf.epp.candidate.kv_cache_pct"
EPP_CANDIDATE_PREFIX_MATCHED_BLOCKS = "ngf.epp.candidate.prefix_matched_blocks"
# the scheduling profile's weight of each scorer (absent when the profile does not run it)
EPP_WEIGHT_QUEUE = "ngf.epp.weight.queue"
EPP_WEIGHT_KV_CACHE = "ngf.epp.weight.kv_cache"
EPP_WEIGHT_PREFIX = "ngf.epp.weight.prefix"

# F5 Distributed Cloud (when published through XC)
XC_EDGE_LATENCY_MS = "ngf.xc.edge_latency_ms"
XC_WAF_ACTION = "ngf.xc.waf_action"
XC_BOT_CLASSIFICATION = "ngf.xc.bot_classification"

# EPP reasons (`epp_selected_reason`): the scorer that decided the pick (spec vocabulary)
REASON_LEAST_QUEUE = "least_queue"
REASON_KV_AVAILABLE = "kv_available"
REASON_PREFIX_HIT = "prefix_hit"
REASON_COMPOSITE = "composite"
