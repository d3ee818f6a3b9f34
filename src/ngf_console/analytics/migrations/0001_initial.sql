-- 0001 initial schema: raw tables, rollups (1m/1h/1d), OTLP landing table and routing views.
-- Generated from ngf_console.analytics.schema; never edit an applied migration: add one.

CREATE TABLE IF NOT EXISTS ngf_inference_logs (
  timestamp DateTime64(3),
  inference_pool String,
  model_name String,
  model_version String,
  pod_name String,
  node_name String,
  gpu_id UInt8,
  gpu_type LowCardinality(String),
  request_id String,
  trace_id String,
  time_to_first_token_ms Float64,
  total_inference_time_ms Float64,
  tokens_generated UInt32,
  input_tokens UInt32,
  output_tokens UInt32,
  tokens_per_second Float32,
  epp_selected_reason LowCardinality(String),
  epp_decision_latency_us Float32,
  queue_depth_at_selection UInt16,
  kv_cache_pct_at_selection Float32,
  prefix_cache_hit Bool,
  candidate_pods_considered UInt8,
  gpu_utilization_pct Float32,
  gpu_memory_used_mb UInt32,
  gpu_memory_total_mb UInt32,
  gpu_temperature_c UInt16,
  pool_replica_count UInt16,
  pool_target_replica_count UInt16,
  status UInt16,
  client_ip String,
  path String,
  method LowCardinality(String),
  request_size UInt64,
  response_size UInt64,
  xc_edge_latency_ms Float64,
  xc_waf_action LowCardinality(String),
  xc_bot_classification LowCardinality(String),
  namespace LowCardinality(String),
  queue_time_ms Float64,
  prefill_time_ms Float64,
  decode_time_ms Float64,
  cached_tokens UInt32,
  finish_reason LowCardinality(String)
) ENGINE = MergeTree
PARTITION BY toYYYYMMDD(timestamp)
ORDER BY (inference_pool, model_name, timestamp)
TTL toDateTime(timestamp) + INTERVAL 14 DAY;

CREATE TABLE IF NOT EXISTS ngf_access_logs (
  timestamp DateTime64(3),
  gateway String,
  listener String,
  route String,
  namespace String,
  method LowCardinality(String),
  path String,
  status UInt16,
  latency_ms Float64,
  upstream_latency_ms Float64,
  request_size UInt64,
  response_size UInt64,
  upstream_name String,
  upstream_addr String,
  client_ip String,
  user_agent String,
  request_id String,
  trace_id String,
  tls_version LowCardinality(String),
  tls_cipher LowCardinality(String),
  waf_action LowCardinality(String),
  waf_violation_rating Float32,
  waf_signatures Array(String),
  bot_classification LowCardinality(String),
  xc_edge_latency_ms Float64
) ENGINE = MergeTree
PARTITION BY toYYYYMMDD(timestamp)
ORDER BY (gateway, route, timestamp)
TTL toDateTime(timestamp) + INTERVAL 7 DAY;

CREATE TABLE IF NOT EXISTS ngf_epp_decisions (
  timestamp DateTime64(3),
  namespace LowCardinality(String),
  inference_pool String,
  model_name String,
  request_id String,
  trace_id String,
  picked_pod String,
  reason LowCardinality(String),
  decision_latency_us Float32,
  candidate_count UInt16,
  tied_count UInt16,
  queue_depth UInt16,
  kv_cache_pct Float32,
  prefix_hit Bool,
  prefix_matched_blocks UInt16,
  prefix_total_blocks UInt16,
  queue_score Float32,
  kv_cache_score Float32,
  prefix_score Float32,
  total_score Float32,
  candidates Array(String),
  candidate_scores Array(Float32)
) ENGINE = MergeTree
PARTITION BY toYYYYMMDD(timestamp)
ORDER BY (inference_pool, timestamp)
TTL toDateTime(timestamp) + INTERVAL 14 DAY;

CREATE TABLE IF NOT EXISTS ngf_inference_metrics_1m (
  window_start DateTime,
  namespace LowCardinality(String),
  inference_pool LowCardinality(String),
  model_name LowCardinality(String),
  pod_name LowCardinality(String),
  request_count SimpleAggregateFunction(sum, UInt64),
  ok_count SimpleAggregateFunction(sum, UInt64),
  client_error_count SimpleAggregateFunction(sum, UInt64),
  server_error_count SimpleAggregateFunction(sum, UInt64),
  ttft_sum SimpleAggregateFunction(sum, Float64),
  ttft_max SimpleAggregateFunction(max, Float64),
  ttft_quantiles AggregateFunction(quantilesTDigest(0.5, 0.9, 0.95, 0.99), Float64),
  total_time_sum SimpleAggregateFunction(sum, Float64),
  queue_time_sum SimpleAggregateFunction(sum, Float64),
  prefill_time_sum SimpleAggregateFunction(sum, Float64),
  decode_time_sum SimpleAggregateFunction(sum, Float64),
  tokens_generated SimpleAggregateFunction(sum, UInt64),
  input_tokens SimpleAggregateFunction(sum, UInt64),
  cached_tokens SimpleAggregateFunction(sum, UInt64),
  tps_sum SimpleAggregateFunction(sum, Float64),
  prefix_hit_count SimpleAggregateFunction(sum, UInt64),
  queue_depth_sum SimpleAggregateFunction(sum, UInt64),
  kv_cache_pct_sum SimpleAggregateFunction(sum, Float64),
  gpu_util_sum SimpleAggregateFunction(sum, Float64),
  gpu_mem_used_sum SimpleAggregateFunction(sum, UInt64),
  gpu_mem_used_max SimpleAggregateFunction(max, UInt32),
  epp_latency_sum SimpleAggregateFunction(sum, Float64)
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMMDD(window_start)
ORDER BY (namespace, inference_pool, model_name, pod_name, window_start)
TTL window_start + INTERVAL 90 DAY;

CREATE TABLE IF NOT EXISTS ngf_inference_metrics_1h (
  window_start DateTime,
  namespace LowCardinality(String),
  inference_pool LowCardinality(String),
  model_name LowCardinality(String),
  pod_name LowCardinality(String),
  request_count SimpleAggregateFunction(sum, UInt64),
  ok_count SimpleAggregateFunction(sum, UInt64),
  client_error_count SimpleAggregateFunction(sum, UInt64),
  server_error_count SimpleAggregateFunction(sum, UInt64),
  ttft_sum SimpleAggregateFunction(sum, Float64),
  ttft_max SimpleAggregateFunction(max, Float64),
  ttft_quantiles AggregateFunction(quantilesTDigest(0.5, 0.9, 0.95, 0.99), Float64),
  total_time_sum SimpleAggregateFunction(sum, Float64),
  queue_time_sum SimpleAggregateFunction(sum, Float64),
  prefill_time_sum SimpleAggregateFunction(sum, Float64),
  decode_time_sum SimpleAggregateFunction(sum, Float64),
  tokens_generated SimpleAggregateFunction(sum, UInt64),
  input_tokens SimpleAggregateFunction(sum, UInt64),
  cached_tokens SimpleAggregateFunction(sum, UInt64),
  tps_sum SimpleAggregateFunction(sum, Float64),
  prefix_hit_count SimpleAggregateFunction(sum, UInt64),
  queue_depth_sum SimpleAggregateFunction(sum, UInt64),
  kv_cache_pct_sum SimpleAggregateFunction(sum, Float64),
  gpu_util_sum SimpleAggregateFunction(sum, Float64),
  gpu_mem_used_sum SimpleAggregateFunction(sum, UInt64),
  gpu_mem_used_max SimpleAggregateFunction(max, UInt32),
  epp_latency_sum SimpleAggregateFunction(sum, Float64)
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(window_start)
ORDER BY (namespace, inference_pool, model_name, pod_name, window_start)
TTL window_start + INTERVAL 365 DAY;

CREATE TABLE IF NOT EXISTS ngf_inference_metrics_1d (
  window_start DateTime,
  namespace LowCardinality(String),
  inference_pool LowCardinality(String),
  model_name LowCardinality(String),
  pod_name LowCardinality(String),
  request_count SimpleAggregateFunction(sum, UInt64),
  ok_count SimpleAggregateFunction(sum, UInt64),
  client_error_count SimpleAggregateFunction(sum, UInt64),
  server_error_count SimpleAggregateFunction(sum, UInt64),
  ttft_sum SimpleAggregateFunction(sum, Float64),
  ttft_max SimpleAggregateFunction(max, Float64),
  ttft_quantiles AggregateFunction(quantilesTDigest(0.5, 0.9, 0.95, 0.99), Float64),
  total_time_sum SimpleAggregateFunction(sum, Float64),
  queue_time_sum SimpleAggregateFunction(sum, Float64),
  prefill_time_sum SimpleAggregateFunction(sum, Float64),
  decode_time_sum SimpleAggregateFunction(sum, Float64),
  tokens_generated SimpleAggregateFunction(sum, UInt64),
  input_tokens SimpleAggregateFunction(sum, UInt64),
  cached_tokens SimpleAggregateFunction(sum, UInt64),
  tps_sum SimpleAggregateFunction(sum, Float64),
  prefix_hit_count SimpleAggregateFunction(sum, UInt64),
  queue_depth_sum SimpleAggregateFunction(sum, UInt64),
  kv_cache_pct_sum SimpleAggregateFunction(sum, Float64),
  gpu_util_sum SimpleAggregateFunction(sum, Float64),
  gpu_mem_used_sum SimpleAggregateFunction(sum, UInt64),
  gpu_mem_used_max SimpleAggregateFunction(max, UInt32),
  epp_latency_sum SimpleAggregateFunction(sum, Float64)
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(window_start)
ORDER BY (namespace, inference_pool, model_name, pod_name, window_start)
TTL window_start + INTERVAL 365 DAY;

CREATE TABLE IF NOT EXISTS ngf_metrics_1m (
  window_start DateTime,
  namespace LowCardinality(String),
  gateway LowCardinality(String),
  route LowCardinality(String),
  status_class LowCardinality(String),
  request_count SimpleAggregateFunction(sum, UInt64),
  latency_sum SimpleAggregateFunction(sum, Float64),
  latency_max SimpleAggregateFunction(max, Float64),
  latency_quantiles AggregateFunction(quantilesTDigest(0.5, 0.95, 0.99), Float64),
  upstream_latency_sum SimpleAggregateFunction(sum, Float64),
  request_bytes SimpleAggregateFunction(sum, UInt64),
  response_bytes SimpleAggregateFunction(sum, UInt64)
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMMDD(window_start)
ORDER BY (namespace, gateway, route, status_class, window_start)
TTL window_start + INTERVAL 90 DAY;

CREATE TABLE IF NOT EXISTS ngf_metrics_1h (
  window_start DateTime,
  namespace LowCardinality(String),
  gateway LowCardinality(String),
  route LowCardinality(String),
  status_class LowCardinality(String),
  request_count SimpleAggregateFunction(sum, UInt64),
  latency_sum SimpleAggregateFunction(sum, Float64),
  latency_max SimpleAggregateFunction(max, Float64),
  latency_quantiles AggregateFunction(quantilesTDigest(0.5, 0.95, 0.99), Float64),
  upstream_latency_sum SimpleAggregateFunction(sum, Float64),
  request_bytes SimpleAggregateFunction(sum, UInt64),
  response_bytes SimpleAggregateFunction(sum, UInt64)
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(window_start)
ORDER BY (namespace, gateway, route, status_class, window_start)
TTL window_start + INTERVAL 365 DAY;

CREATE TABLE IF NOT EXISTS ngf_metrics_1d (
  window_start DateTime,
  namespace LowCardinality(String),
  gateway LowCardinality(String),
  route LowCardinality(String),
  status_class LowCardinality(String),
  request_count SimpleAggregateFunction(sum, UInt64),
  latency_sum SimpleAggregateFunction(sum, Float64),
  latency_max SimpleAggregateFunction(max, Float64),
  latency_quantiles AggregateFunction(quantilesTDigest(0.5, 0.95, 0.99), Float64),
  upstream_latency_sum SimpleAggregateFunction(sum, Float64),
  request_bytes SimpleAggregateFunction(sum, UInt64),
  response_bytes SimpleAggregateFunction(sum, UInt64)
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(window_start)
ORDER BY (namespace, gateway, route, status_class, window_start)
TTL window_start + INTERVAL 365 DAY;

CREATE TABLE IF NOT EXISTS ngf_epp_decisions_1m (
  window_start DateTime,
  namespace LowCardinality(String),
  inference_pool LowCardinality(String),
  model_name LowCardinality(String),
  picked_pod LowCardinality(String),
  reason LowCardinality(String),
  decision_count SimpleAggregateFunction(sum, UInt64),
  latency_sum SimpleAggregateFunction(sum, Float64),
  latency_max SimpleAggregateFunction(max, Float64),
  prefix_hit_count SimpleAggregateFunction(sum, UInt64)
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMMDD(window_start)
ORDER BY (namespace, inference_pool, model_name, picked_pod, reason, window_start)
TTL window_start + INTERVAL 90 DAY;

CREATE TABLE IF NOT EXISTS ngf_epp_decisions_1h (
  window_start DateTime,
  namespace LowCardinality(String),
  inference_pool LowCardinality(String),
  model_name LowCardinality(String),
  picked_pod LowCardinality(String),
  reason LowCardinality(String),
  decision_count SimpleAggregateFunction(sum, UInt64),
  latency_sum SimpleAggregateFunction(sum, Float64),
  latency_max SimpleAggregateFunction(max, Float64),
  prefix_hit_count SimpleAggregateFunction(sum, UInt64)
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(window_start)
ORDER BY (namespace, inference_pool, model_name, picked_pod, reason, window_start)
TTL window_start + INTERVAL 365 DAY;

CREATE TABLE IF NOT EXISTS ngf_epp_decisions_1d (
  window_start DateTime,
  namespace LowCardinality(String),
  inference_pool LowCardinality(String),
  model_name LowCardinality(String),
  picked_pod LowCardinality(String),
  reason LowCardinality(String),
  decision_count SimpleAggregateFunction(sum, UInt64),
  latency_sum SimpleAggregateFunction(sum, Float64),
  latency_max SimpleAggregateFunction(max, Float64),
  prefix_hit_count SimpleAggregateFunction(sum, UInt64)
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(window_start)
ORDER BY (namespace, inference_pool, model_name, picked_pod, reason, window_start)
TTL window_start + INTERVAL 365 DAY;

CREATE MATERIALIZED VIEW IF NOT EXISTS ngf_inference_metrics_1m_mv TO ngf_inference_metrics_1m AS
SELECT
  toStartOfMinute(timestamp, 'UTC') AS window_start,
  namespace AS namespace,
  inference_pool AS inference_pool,
  model_name AS model_name,
  pod_name AS pod_name,
  count() AS request_count,
  countIf(status < 400) AS ok_count,
  countIf(status >= 400 AND status < 500) AS client_error_count,
  countIf(status >= 500) AS server_error_count,
  sumIf(time_to_first_token_ms, status < 400) AS ttft_sum,
  maxIf(time_to_first_token_ms, status < 400) AS ttft_max,
  quantilesTDigestStateIf(0.5, 0.9, 0.95, 0.99)(time_to_first_token_ms, status < 400) AS ttft_quantiles,
  sumIf(total_inference_time_ms, status < 400) AS total_time_sum,
  sumIf(queue_time_ms, status < 400) AS queue_time_sum,
  sumIf(prefill_time_ms, status < 400) AS prefill_time_sum,
  sumIf(decode_time_ms, status < 400) AS decode_time_sum,
  sum(tokens_generated) AS tokens_generated,
  sum(input_tokens) AS input_tokens,
  sum(cached_tokens) AS cached_tokens,
  sumIf(tokens_per_second, status < 400) AS tps_sum,
  countIf(prefix_cache_hit) AS prefix_hit_count,
  sum(queue_depth_at_selection) AS queue_depth_sum,
  sum(kv_cache_pct_at_selection) AS kv_cache_pct_sum,
  sum(gpu_utilization_pct) AS gpu_util_sum,
  sum(gpu_memory_used_mb) AS gpu_mem_used_sum,
  max(gpu_memory_used_mb) AS gpu_mem_used_max,
  sum(epp_decision_latency_us) AS epp_latency_sum
FROM ngf_inference_logs
GROUP BY window_start, namespace, inference_pool, model_name, pod_name;

CREATE MATERIALIZED VIEW IF NOT EXISTS ngf_inference_metrics_1h_mv TO ngf_inference_metrics_1h AS
SELECT
  toStartOfHour(window_start, 'UTC') AS window_start,
  namespace,
  inference_pool,
  model_name,
  pod_name,
  sum(request_count) AS request_count,
  sum(ok_count) AS ok_count,
  sum(client_error_count) AS client_error_count,
  sum(server_error_count) AS server_error_count,
  sum(ttft_sum) AS ttft_sum,
  max(ttft_max) AS ttft_max,
  quantilesTDigestMergeState(0.5, 0.9, 0.95, 0.99)(ttft_quantiles) AS ttft_quantiles,
  sum(total_time_sum) AS total_time_sum,
  sum(queue_time_sum) AS queue_time_sum,
  sum(prefill_time_sum) AS prefill_time_sum,
  sum(decode_time_sum) AS decode_time_sum,
  sum(tokens_generated) AS tokens_generated,
  sum(input_tokens) AS input_tokens,
  sum(cached_tokens) AS cached_tokens,
  sum(tps_sum) AS tps_sum,
  sum(prefix_hit_count) AS prefix_hit_count,
  sum(queue_depth_sum) AS queue_depth_sum,
  sum(kv_cache_pct_sum) AS kv_cache_pct_sum,
  sum(gpu_util_sum) AS gpu_util_sum,
  sum(gpu_mem_used_sum) AS gpu_mem_used_sum,
  max(gpu_mem_used_max) AS gpu_mem_used_max,
  sum(epp_latency_sum) AS epp_latency_sum
FROM ngf_inference_metrics_1m
GROUP BY window_start, namespace, inference_pool, model_name, pod_name;

CREATE MATERIALIZED VIEW IF NOT EXISTS ngf_inference_metrics_1d_mv TO ngf_inference_metrics_1d AS
SELECT
  toStartOfDay(window_start, 'UTC') AS window_start,
  namespace,
  inference_pool,
  model_name,
  pod_name,
  sum(request_count) AS request_count,
  sum(ok_count) AS ok_count,
  sum(client_error_count) AS client_error_count,
  sum(server_error_count) AS server_error_count,
  sum(ttft_sum) AS ttft_sum,
  max(ttft_max) AS ttft_max,
  quantilesTDigestMergeState(0.5, 0.9, 0.95, 0.99)(ttft_quantiles) AS ttft_quantiles,
  sum(total_time_sum) AS total_time_sum,
  sum(queue_time_sum) AS queue_time_sum,
  sum(prefill_time_sum) AS prefill_time_sum,
  sum(decode_time_sum) AS decode_time_sum,
  sum(tokens_generated) AS tokens_generated,
  sum(input_tokens) AS input_tokens,
  sum(cached_tokens) AS cached_tokens,
  sum(tps_sum) AS tps_sum,
  sum(prefix_hit_count) AS prefix_hit_count,
  sum(queue_depth_sum) AS queue_depth_sum,
  sum(kv_cache_pct_sum) AS kv_cache_pct_sum,
  sum(gpu_util_sum) AS gpu_util_sum,
  sum(gpu_mem_used_sum) AS gpu_mem_used_sum,
  max(gpu_mem_used_max) AS gpu_mem_used_max,
  sum(epp_latency_sum) AS epp_latency_sum
FROM ngf_inference_metrics_1h
GROUP BY window_start, namespace, inference_pool, model_name, pod_name;

CREATE MATERIALIZED VIEW IF NOT EXISTS ngf_metrics_1m_mv TO ngf_metrics_1m AS
SELECT
  toStartOfMinute(timestamp, 'UTC') AS window_start,
  namespace AS namespace,
  gateway AS gateway,
  route AS route,
  multiIf(status < 200, '1xx', status < 300, '2xx', status < 400, '3xx', status < 500, '4xx', '5xx') AS status_class,
  count() AS request_count,
  sum(latency_ms) AS latency_sum,
  max(latency_ms) AS latency_max,
  quantilesTDigestState(0.5, 0.95, 0.99)(latency_ms) AS latency_quantiles,
  sum(upstream_latency_ms) AS upstream_latency_sum,
  sum(request_size) AS request_bytes,
  sum(response_size) AS response_bytes
FROM ngf_access_logs
GROUP BY window_start, namespace, gateway, route, status_class;

CREATE MATERIALIZED VIEW IF NOT EXISTS ngf_metrics_1h_mv TO ngf_metrics_1h AS
SELECT
  toStartOfHour(window_start, 'UTC') AS window_start,
  namespace,
  gateway,
  route,
  status_class,
  sum(request_count) AS request_count,
  sum(latency_sum) AS latency_sum,
  max(latency_max) AS latency_max,
  quantilesTDigestMergeState(0.5, 0.95, 0.99)(latency_quantiles) AS latency_quantiles,
  sum(upstream_latency_sum) AS upstream_latency_sum,
  sum(request_bytes) AS request_bytes,
  sum(response_bytes) AS response_bytes
FROM ngf_metrics_1m
GROUP BY window_start, namespace, gateway, route, status_class;

CREATE MATERIALIZED VIEW IF NOT EXISTS ngf_metrics_1d_mv TO ngf_metrics_1d AS
SELECT
  toStartOfDay(window_start, 'UTC') AS window_start,
  namespace,
  gateway,
  route,
  status_class,
  sum(request_count) AS request_count,
  sum(latency_sum) AS latency_sum,
  max(latency_max) AS latency_max,
  quantilesTDigestMergeState(0.5, 0.95, 0.99)(latency_quantiles) AS latency_quantiles,
  sum(upstream_latency_sum) AS upstream_latency_sum,
  sum(request_bytes) AS request_bytes,
  sum(response_bytes) AS response_bytes
FROM ngf_metrics_1h
GROUP BY window_start, namespace, gateway, route, status_class;

CREATE MATERIALIZED VIEW IF NOT EXISTS ngf_epp_decisions_1m_mv TO ngf_epp_decisions_1m AS
SELECT
  toStartOfMinute(timestamp, 'UTC') AS window_start,
  namespace AS namespace,
  inference_pool AS inference_pool,
  model_name AS model_name,
  picked_pod AS picked_pod,
  reason AS reason,
  count() AS decision_count,
  sum(decision_latency_us) AS latency_sum,
  max(decision_latency_us) AS latency_max,
  countIf(prefix_hit) AS prefix_hit_count
FROM ngf_epp_decisions
GROUP BY window_start, namespace, inference_pool, model_name, picked_pod, reason;

CREATE MATERIALIZED VIEW IF NOT EXISTS ngf_epp_decisions_1h_mv TO ngf_epp_decisions_1h AS
SELECT
  toStartOfHour(window_start, 'UTC') AS window_start,
  namespace,
  inference_pool,
  model_name,
  picked_pod,
  reason,
  sum(decision_count) AS decision_count,
  sum(latency_sum) AS latency_sum,
  max(latency_max) AS latency_max,
  sum(prefix_hit_count) AS prefix_hit_count
FROM ngf_epp_decisions_1m
GROUP BY window_start, namespace, inference_pool, model_name, picked_pod, reason;

CREATE MATERIALIZED VIEW IF NOT EXISTS ngf_epp_decisions_1d_mv TO ngf_epp_decisions_1d AS
SELECT
  toStartOfDay(window_start, 'UTC') AS window_start,
  namespace,
  inference_pool,
  model_name,
  picked_pod,
  reason,
  sum(decision_count) AS decision_count,
  sum(latency_sum) AS latency_sum,
  max(latency_max) AS latency_max,
  sum(prefix_hit_count) AS prefix_hit_count
FROM ngf_epp_decisions_1h
GROUP BY window_start, namespace, inference_pool, model_name, picked_pod, reason;

CREATE TABLE IF NOT EXISTS ngf_otlp_logs (
  time_unix_nano UInt64,
  observed_time_unix_nano UInt64,
  event_name String,
  trace_id String,
  attr_keys Array(String),
  attr_str Array(String),
  attr_int Array(Int64),
  attr_double Array(Float64),
  attr_bool Array(Bool),
  attr_str_arrays Array(Array(String)),
  attr_num_arrays Array(Array(Float64))
) ENGINE = Null;

CREATE MATERIALIZED VIEW IF NOT EXISTS ngf_otlp_to_ngf_inference_logs TO ngf_inference_logs AS
SELECT
  multiIf(time_unix_nano > 0, fromUnixTimestamp64Nano(toInt64(time_unix_nano)), observed_time_unix_nano > 0, fromUnixTimestamp64Nano(toInt64(observed_time_unix_nano)), now64(9)) AS timestamp,
  attr_str[indexOf(attr_keys, 'ngf.inference.pool')] AS inference_pool,
  attr_str[indexOf(attr_keys, 'gen_ai.request.model')] AS model_name,
  attr_str[indexOf(attr_keys, 'ngf.model.version')] AS model_version,
  attr_str[indexOf(attr_keys, 'k8s.pod.name')] AS pod_name,
  attr_str[indexOf(attr_keys, 'k8s.node.name')] AS node_name,
  accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'ngf.gpu.index')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.gpu.index')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.gpu.index')]))), 'UInt8') AS gpu_id,
  attr_str[indexOf(attr_keys, 'ngf.gpu.type')] AS gpu_type,
  attr_str[indexOf(attr_keys, 'ngf.request.id')] AS request_id,
  if(trace_id = '', '', lower(hex(trace_id))) AS trace_id,
  accurateCastOrDefault((attr_double[indexOf(attr_keys, 'ngf.inference.ttft_ms')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.inference.ttft_ms')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.inference.ttft_ms')])), 'Float64') AS time_to_first_token_ms,
  accurateCastOrDefault((attr_double[indexOf(attr_keys, 'ngf.inference.total_ms')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.inference.total_ms')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.inference.total_ms')])), 'Float64') AS total_inference_time_ms,
  accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'gen_ai.usage.output_tokens')] + toFloat64(attr_int[indexOf(attr_keys, 'gen_ai.usage.output_tokens')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'gen_ai.usage.output_tokens')]))), 'UInt32') AS tokens_generated,
  accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'gen_ai.usage.input_tokens')] + toFloat64(attr_int[indexOf(attr_keys, 'gen_ai.usage.input_tokens')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'gen_ai.usage.input_tokens')]))), 'UInt32') AS input_tokens,
  accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'gen_ai.usage.output_tokens')] + toFloat64(attr_int[indexOf(attr_keys, 'gen_ai.usage.output_tokens')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'gen_ai.usage.output_tokens')]))), 'UInt32') AS output_tokens,
  accurateCastOrDefault((attr_double[indexOf(attr_keys, 'ngf.inference.tokens_per_second')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.inference.tokens_per_second')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.inference.tokens_per_second')])), 'Float32') AS tokens_per_second,
  attr_str[indexOf(attr_keys, 'ngf.epp.reason')] AS epp_selected_reason,
  accurateCastOrDefault((attr_double[indexOf(attr_keys, 'ngf.epp.latency_us')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.epp.latency_us')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.epp.latency_us')])), 'Float32') AS epp_decision_latency_us,
  accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'ngf.epp.queue_depth')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.epp.queue_depth')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.epp.queue_depth')]))), 'UInt16') AS queue_depth_at_selection,
  accurateCastOrDefault((attr_double[indexOf(attr_keys, 'ngf.epp.kv_cache_pct')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.epp.kv_cache_pct')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.epp.kv_cache_pct')])), 'Float32') AS kv_cache_pct_at_selection,
  (attr_bool[indexOf(attr_keys, 'ngf.epp.prefix_hit')] OR attr_int[indexOf(attr_keys, 'ngf.epp.prefix_hit')] != 0 OR lower(attr_str[indexOf(attr_keys, 'ngf.epp.prefix_hit')]) IN ('true', '1')) AS prefix_cache_hit,
  accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'ngf.epp.candidate_count')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.epp.candidate_count')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.epp.candidate_count')]))), 'UInt8') AS candidate_pods_considered,
  accurateCastOrDefault((attr_double[indexOf(attr_keys, 'ngf.gpu.utilization_pct')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.gpu.utilization_pct')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.gpu.utilization_pct')])), 'Float32') AS gpu_utilization_pct,
  accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'ngf.gpu.memory_used_mb')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.gpu.memory_used_mb')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.gpu.memory_used_mb')]))), 'UInt32') AS gpu_memory_used_mb,
  accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'ngf.gpu.memory_total_mb')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.gpu.memory_total_mb')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.gpu.memory_total_mb')]))), 'UInt32') AS gpu_memory_total_mb,
  accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'ngf.gpu.temperature_c')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.gpu.temperature_c')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.gpu.temperature_c')]))), 'UInt16') AS gpu_temperature_c,
  accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'ngf.pool.replicas')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.pool.replicas')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.pool.replicas')]))), 'UInt16') AS pool_replica_count,
  accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'ngf.pool.target_replicas')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.pool.target_replicas')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.pool.target_replicas')]))), 'UInt16') AS pool_target_replica_count,
  accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'http.response.status_code')] + toFloat64(attr_int[indexOf(attr_keys, 'http.response.status_code')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'http.response.status_code')]))), 'UInt16') AS status,
  attr_str[indexOf(attr_keys, 'client.address')] AS client_ip,
  attr_str[indexOf(attr_keys, 'url.path')] AS path,
  attr_str[indexOf(attr_keys, 'http.request.method')] AS method,
  accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'http.request.body.size')] + toFloat64(attr_int[indexOf(attr_keys, 'http.request.body.size')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'http.request.body.size')]))), 'UInt64') AS request_size,
  accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'http.response.body.size')] + toFloat64(attr_int[indexOf(attr_keys, 'http.response.body.size')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'http.response.body.size')]))), 'UInt64') AS response_size,
  accurateCastOrDefault((attr_double[indexOf(attr_keys, 'ngf.xc.edge_latency_ms')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.xc.edge_latency_ms')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.xc.edge_latency_ms')])), 'Float64') AS xc_edge_latency_ms,
  attr_str[indexOf(attr_keys, 'ngf.xc.waf_action')] AS xc_waf_action,
  attr_str[indexOf(attr_keys, 'ngf.xc.bot_classification')] AS xc_bot_classification,
  attr_str[indexOf(attr_keys, 'k8s.namespace.name')] AS namespace,
  accurateCastOrDefault((attr_double[indexOf(attr_keys, 'ngf.inference.queue_ms')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.inference.queue_ms')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.inference.queue_ms')])), 'Float64') AS queue_time_ms,
  accurateCastOrDefault((attr_double[indexOf(attr_keys, 'ngf.inference.prefill_ms')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.inference.prefill_ms')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.inference.prefill_ms')])), 'Float64') AS prefill_time_ms,
  accurateCastOrDefault((attr_double[indexOf(attr_keys, 'ngf.inference.decode_ms')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.inference.decode_ms')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.inference.decode_ms')])), 'Float64') AS decode_time_ms,
  accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'ngf.inference.cached_tokens')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.inference.cached_tokens')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.inference.cached_tokens')]))), 'UInt32') AS cached_tokens,
  attr_str[indexOf(attr_keys, 'ngf.inference.finish_reason')] AS finish_reason
FROM ngf_otlp_logs
WHERE event_name = 'ngf.inference.request';

CREATE MATERIALIZED VIEW IF NOT EXISTS ngf_otlp_to_ngf_access_logs TO ngf_access_logs AS
SELECT
  multiIf(time_unix_nano > 0, fromUnixTimestamp64Nano(toInt64(time_unix_nano)), observed_time_unix_nano > 0, fromUnixTimestamp64Nano(toInt64(observed_time_unix_nano)), now64(9)) AS timestamp,
  attr_str[indexOf(attr_keys, 'ngf.gateway')] AS gateway,
  attr_str[indexOf(attr_keys, 'ngf.listener')] AS listener,
  attr_str[indexOf(attr_keys, 'ngf.route')] AS route,
  attr_str[indexOf(attr_keys, 'k8s.namespace.name')] AS namespace,
  multiIf(has(attr_keys, 'http.request.method'), attr_str[indexOf(attr_keys, 'http.request.method')], has(attr_keys, 'request_method'), attr_str[indexOf(attr_keys, 'request_method')], '') AS method,
  multiIf(has(attr_keys, 'url.path'), attr_str[indexOf(attr_keys, 'url.path')], has(attr_keys, 'uri'), attr_str[indexOf(attr_keys, 'uri')], '') AS path,
  multiIf(has(attr_keys, 'http.response.status_code'), accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'http.response.status_code')] + toFloat64(attr_int[indexOf(attr_keys, 'http.response.status_code')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'http.response.status_code')]))), 'UInt16'), has(attr_keys, 'status'), accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'status')] + toFloat64(attr_int[indexOf(attr_keys, 'status')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'status')]))), 'UInt16'), CAST(0, 'UInt16')) AS status,
  multiIf(has(attr_keys, 'ngf.request.latency_ms'), accurateCastOrDefault((attr_double[indexOf(attr_keys, 'ngf.request.latency_ms')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.request.latency_ms')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.request.latency_ms')])), 'Float64'), has(attr_keys, 'request_time'), accurateCastOrDefault((attr_double[indexOf(attr_keys, 'request_time')] + toFloat64(attr_int[indexOf(attr_keys, 'request_time')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'request_time')])) * 1000.0, 'Float64'), CAST(0, 'Float64')) AS latency_ms,
  multiIf(has(attr_keys, 'ngf.upstream.latency_ms'), accurateCastOrDefault((attr_double[indexOf(attr_keys, 'ngf.upstream.latency_ms')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.upstream.latency_ms')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.upstream.latency_ms')])), 'Float64'), has(attr_keys, 'upstream_response_time'), accurateCastOrDefault((attr_double[indexOf(attr_keys, 'upstream_response_time')] + toFloat64(attr_int[indexOf(attr_keys, 'upstream_response_time')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'upstream_response_time')])) * 1000.0, 'Float64'), CAST(0, 'Float64')) AS upstream_latency_ms,
  multiIf(has(attr_keys, 'http.request.body.size'), accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'http.request.body.size')] + toFloat64(attr_int[indexOf(attr_keys, 'http.request.body.size')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'http.request.body.size')]))), 'UInt64'), has(attr_keys, 'request_length'), accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'request_length')] + toFloat64(attr_int[indexOf(attr_keys, 'request_length')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'request_length')]))), 'UInt64'), CAST(0, 'UInt64')) AS request_size,
  multiIf(has(attr_keys, 'http.response.body.size'), accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'http.response.body.size')] + toFloat64(attr_int[indexOf(attr_keys, 'http.response.body.size')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'http.response.body.size')]))), 'UInt64'), has(attr_keys, 'bytes_sent'), accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'bytes_sent')] + toFloat64(attr_int[indexOf(attr_keys, 'bytes_sent')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'bytes_sent')]))), 'UInt64'), CAST(0, 'UInt64')) AS response_size,
  multiIf(has(attr_keys, 'ngf.upstream.name'), attr_str[indexOf(attr_keys, 'ngf.upstream.name')], has(attr_keys, 'proxy_host'), attr_str[indexOf(attr_keys, 'proxy_host')], '') AS upstream_name,
  multiIf(has(attr_keys, 'ngf.upstream.address'), attr_str[indexOf(attr_keys, 'ngf.upstream.address')], has(attr_keys, 'upstream_addr'), attr_str[indexOf(attr_keys, 'upstream_addr')], '') AS upstream_addr,
  multiIf(has(attr_keys, 'client.address'), attr_str[indexOf(attr_keys, 'client.address')], has(attr_keys, 'remote_addr'), attr_str[indexOf(attr_keys, 'remote_addr')], '') AS client_ip,
  multiIf(has(attr_keys, 'user_agent.original'), attr_str[indexOf(attr_keys, 'user_agent.original')], has(attr_keys, 'http_user_agent'), attr_str[indexOf(attr_keys, 'http_user_agent')], '') AS user_agent,
  multiIf(has(attr_keys, 'ngf.request.id'), attr_str[indexOf(attr_keys, 'ngf.request.id')], has(attr_keys, 'request_id'), attr_str[indexOf(attr_keys, 'request_id')], '') AS request_id,
  if(trace_id = '', '', lower(hex(trace_id))) AS trace_id,
  multiIf(has(attr_keys, 'tls.protocol.version'), attr_str[indexOf(attr_keys, 'tls.protocol.version')], has(attr_keys, 'ssl_protocol'), attr_str[indexOf(attr_keys, 'ssl_protocol')], '') AS tls_version,
  multiIf(has(attr_keys, 'tls.cipher'), attr_str[indexOf(attr_keys, 'tls.cipher')], has(attr_keys, 'ssl_cipher'), attr_str[indexOf(attr_keys, 'ssl_cipher')], '') AS tls_cipher,
  attr_str[indexOf(attr_keys, 'ngf.waf.action')] AS waf_action,
  accurateCastOrDefault((attr_double[indexOf(attr_keys, 'ngf.waf.violation_rating')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.waf.violation_rating')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.waf.violation_rating')])), 'Float32') AS waf_violation_rating,
  attr_str_arrays[indexOf(attr_keys, 'ngf.waf.signatures')] AS waf_signatures,
  attr_str[indexOf(attr_keys, 'ngf.bot.classification')] AS bot_classification,
  accurateCastOrDefault((attr_double[indexOf(attr_keys, 'ngf.xc.edge_latency_ms')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.xc.edge_latency_ms')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.xc.edge_latency_ms')])), 'Float64') AS xc_edge_latency_ms
FROM ngf_otlp_logs
WHERE event_name = 'ngf.access';

CREATE MATERIALIZED VIEW IF NOT EXISTS ngf_otlp_to_ngf_epp_decisions TO ngf_epp_decisions AS
SELECT
  multiIf(time_unix_nano > 0, fromUnixTimestamp64Nano(toInt64(time_unix_nano)), observed_time_unix_nano > 0, fromUnixTimestamp64Nano(toInt64(observed_time_unix_nano)), now64(9)) AS timestamp,
  attr_str[indexOf(attr_keys, 'k8s.namespace.name')] AS namespace,
  attr_str[indexOf(attr_keys, 'ngf.inference.pool')] AS inference_pool,
  attr_str[indexOf(attr_keys, 'gen_ai.request.model')] AS model_name,
  attr_str[indexOf(attr_keys, 'ngf.request.id')] AS request_id,
  if(trace_id = '', '', lower(hex(trace_id))) AS trace_id,
  attr_str[indexOf(attr_keys, 'k8s.pod.name')] AS picked_pod,
  attr_str[indexOf(attr_keys, 'ngf.epp.reason')] AS reason,
  accurateCastOrDefault((attr_double[indexOf(attr_keys, 'ngf.epp.latency_us')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.epp.latency_us')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.epp.latency_us')])), 'Float32') AS decision_latency_us,
  accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'ngf.epp.candidate_count')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.epp.candidate_count')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.epp.candidate_count')]))), 'UInt16') AS candidate_count,
  accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'ngf.epp.tied_count')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.epp.tied_count')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.epp.tied_count')]))), 'UInt16') AS tied_count,
  accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'ngf.epp.queue_depth')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.epp.queue_depth')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.epp.queue_depth')]))), 'UInt16') AS queue_depth,
  accurateCastOrDefault((attr_double[indexOf(attr_keys, 'ngf.epp.kv_cache_pct')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.epp.kv_cache_pct')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.epp.kv_cache_pct')])), 'Float32') AS kv_cache_pct,
  (attr_bool[indexOf(attr_keys, 'ngf.epp.prefix_hit')] OR attr_int[indexOf(attr_keys, 'ngf.epp.prefix_hit')] != 0 OR lower(attr_str[indexOf(attr_keys, 'ngf.epp.prefix_hit')]) IN ('true', '1')) AS prefix_hit,
  accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'ngf.epp.prefix_matched_blocks')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.epp.prefix_matched_blocks')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.epp.prefix_matched_blocks')]))), 'UInt16') AS prefix_matched_blocks,
  accurateCastOrDefault(round((attr_double[indexOf(attr_keys, 'ngf.epp.prefix_total_blocks')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.epp.prefix_total_blocks')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.epp.prefix_total_blocks')]))), 'UInt16') AS prefix_total_blocks,
  accurateCastOrDefault((attr_double[indexOf(attr_keys, 'ngf.epp.score.queue')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.epp.score.queue')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.epp.score.queue')])), 'Float32') AS queue_score,
  accurateCastOrDefault((attr_double[indexOf(attr_keys, 'ngf.epp.score.kv_cache')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.epp.score.kv_cache')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.epp.score.kv_cache')])), 'Float32') AS kv_cache_score,
  accurateCastOrDefault((attr_double[indexOf(attr_keys, 'ngf.epp.score.prefix')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.epp.score.prefix')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.epp.score.prefix')])), 'Float32') AS prefix_score,
  accurateCastOrDefault((attr_double[indexOf(attr_keys, 'ngf.epp.score.total')] + toFloat64(attr_int[indexOf(attr_keys, 'ngf.epp.score.total')]) + toFloat64OrZero(attr_str[indexOf(attr_keys, 'ngf.epp.score.total')])), 'Float32') AS total_score,
  attr_str_arrays[indexOf(attr_keys, 'ngf.epp.candidate_pods')] AS candidates,
  arrayMap(x -> toFloat32(x), attr_num_arrays[indexOf(attr_keys, 'ngf.epp.candidate_scores')]) AS candidate_scores
FROM ngf_otlp_logs
WHERE event_name = 'ngf.epp.decision';
