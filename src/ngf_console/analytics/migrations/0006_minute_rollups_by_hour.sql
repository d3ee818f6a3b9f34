-- 0006: the 1-minute rollups sorted by hour first, 256 rows a granule. Frozen once released.
--
-- A 1-minute table was sorted by its keys, then `window_start`, in 8,192-row granules, so
-- the rows of the last hours were spread over the whole day's partition and a panel over
-- them read and decoded every percentile state of that day. Sorted by
-- `(toStartOfHour(window_start), keys…, window_start)` in 256-row granules, a panel reads the
-- granules of its hours only (measured in docs/analytics.md). The sorting key of a table
-- cannot be changed in place, so each 1-minute table is rebuilt:
--
-- 1. its view and Buffer are dropped (dropping a Buffer flushes it into the table, whose
--    1-hour view still takes the rows), then its 1-hour view (it reads the table by name);
-- 2. the rows are copied into `<table>_0006`, sorted the new way, which then takes the
--    table's name (`EXCHANGE TABLES`, atomic) and the old table is dropped;
-- 3. the Buffer and both views are created again.
--
-- Run again after an interruption, step 2 starts over from whichever table holds the name:
-- `<table>_0006` is dropped first, and before the exchange it holds a partial copy, after
-- it the old rows already copied. The API server migrates before it ingests.

DROP VIEW IF EXISTS ngf_inference_metrics_1m_mv;

DROP TABLE IF EXISTS ngf_inference_metrics_1m_buffer SYNC;

DROP VIEW IF EXISTS ngf_inference_metrics_1h_mv;

DROP TABLE IF EXISTS ngf_inference_metrics_1m_0006 SYNC;

CREATE TABLE IF NOT EXISTS ngf_inference_metrics_1m_0006 (
  window_start DateTime,
  namespace LowCardinality(String),
  inference_pool LowCardinality(String),
  model_name LowCardinality(String),
  request_count SimpleAggregateFunction(sum, UInt64),
  ok_count SimpleAggregateFunction(sum, UInt64),
  client_error_count SimpleAggregateFunction(sum, UInt64),
  server_error_count SimpleAggregateFunction(sum, UInt64),
  ttft_sum SimpleAggregateFunction(sum, Float64),
  ttft_max SimpleAggregateFunction(max, Float64),
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
  epp_latency_sum SimpleAggregateFunction(sum, Float64),
  ttft_quantiles AggregateFunction(quantilesDD(0.02, 0.5, 0.9, 0.95, 0.99), Float64)
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMMDD(window_start)
ORDER BY (toStartOfHour(window_start), namespace, inference_pool, model_name, window_start)
TTL window_start + INTERVAL 90 DAY
SETTINGS index_granularity = 256;

INSERT INTO ngf_inference_metrics_1m_0006 SELECT * FROM ngf_inference_metrics_1m;

EXCHANGE TABLES ngf_inference_metrics_1m AND ngf_inference_metrics_1m_0006;

DROP TABLE IF EXISTS ngf_inference_metrics_1m_0006 SYNC;

CREATE TABLE IF NOT EXISTS ngf_inference_metrics_1m_buffer AS ngf_inference_metrics_1m
ENGINE = Buffer(currentDatabase(), 'ngf_inference_metrics_1m', 1, 1, 5, 100000, 1000000, 16777216, 268435456);

CREATE MATERIALIZED VIEW IF NOT EXISTS ngf_inference_metrics_1m_mv TO ngf_inference_metrics_1m_buffer AS
SELECT
  toStartOfMinute(timestamp, 'UTC') AS window_start,
  namespace AS namespace,
  inference_pool AS inference_pool,
  model_name AS model_name,
  count() AS request_count,
  countIf(status < 400) AS ok_count,
  countIf(status >= 400 AND status < 500) AS client_error_count,
  countIf(status >= 500) AS server_error_count,
  sumIf(time_to_first_token_ms, status < 400) AS ttft_sum,
  maxIf(time_to_first_token_ms, status < 400) AS ttft_max,
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
  sum(epp_decision_latency_us) AS epp_latency_sum,
  quantilesDDStateIf(0.02, 0.5, 0.9, 0.95, 0.99)(time_to_first_token_ms, status < 400) AS ttft_quantiles
FROM ngf_inference_logs
GROUP BY window_start, namespace, inference_pool, model_name;

CREATE MATERIALIZED VIEW IF NOT EXISTS ngf_inference_metrics_1h_mv TO ngf_inference_metrics_1h AS
SELECT
  toStartOfHour(window_start, 'UTC') AS window_start,
  namespace,
  inference_pool,
  model_name,
  sum(request_count) AS request_count,
  sum(ok_count) AS ok_count,
  sum(client_error_count) AS client_error_count,
  sum(server_error_count) AS server_error_count,
  sum(ttft_sum) AS ttft_sum,
  max(ttft_max) AS ttft_max,
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
  sum(epp_latency_sum) AS epp_latency_sum,
  quantilesDDMergeState(0.02, 0.5, 0.9, 0.95, 0.99)(ttft_quantiles) AS ttft_quantiles
FROM ngf_inference_metrics_1m
GROUP BY window_start, namespace, inference_pool, model_name;

DROP VIEW IF EXISTS ngf_inference_pod_metrics_1m_mv;

DROP TABLE IF EXISTS ngf_inference_pod_metrics_1m_buffer SYNC;

DROP VIEW IF EXISTS ngf_inference_pod_metrics_1h_mv;

DROP TABLE IF EXISTS ngf_inference_pod_metrics_1m_0006 SYNC;

CREATE TABLE IF NOT EXISTS ngf_inference_pod_metrics_1m_0006 (
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
ORDER BY (toStartOfHour(window_start), namespace, inference_pool, model_name, pod_name, window_start)
TTL window_start + INTERVAL 90 DAY
SETTINGS index_granularity = 256;

INSERT INTO ngf_inference_pod_metrics_1m_0006 SELECT * FROM ngf_inference_pod_metrics_1m;

EXCHANGE TABLES ngf_inference_pod_metrics_1m AND ngf_inference_pod_metrics_1m_0006;

DROP TABLE IF EXISTS ngf_inference_pod_metrics_1m_0006 SYNC;

CREATE TABLE IF NOT EXISTS ngf_inference_pod_metrics_1m_buffer AS ngf_inference_pod_metrics_1m
ENGINE = Buffer(currentDatabase(), 'ngf_inference_pod_metrics_1m', 1, 1, 5, 100000, 1000000, 16777216, 268435456);

CREATE MATERIALIZED VIEW IF NOT EXISTS ngf_inference_pod_metrics_1m_mv TO ngf_inference_pod_metrics_1m_buffer AS
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

CREATE MATERIALIZED VIEW IF NOT EXISTS ngf_inference_pod_metrics_1h_mv TO ngf_inference_pod_metrics_1h AS
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
FROM ngf_inference_pod_metrics_1m
GROUP BY window_start, namespace, inference_pool, model_name, pod_name;

DROP VIEW IF EXISTS ngf_metrics_1m_mv;

DROP TABLE IF EXISTS ngf_metrics_1m_buffer SYNC;

DROP VIEW IF EXISTS ngf_metrics_1h_mv;

DROP TABLE IF EXISTS ngf_metrics_1m_0006 SYNC;

CREATE TABLE IF NOT EXISTS ngf_metrics_1m_0006 (
  window_start DateTime,
  namespace LowCardinality(String),
  gateway LowCardinality(String),
  route LowCardinality(String),
  status_class LowCardinality(String),
  request_count SimpleAggregateFunction(sum, UInt64),
  latency_sum SimpleAggregateFunction(sum, Float64),
  latency_max SimpleAggregateFunction(max, Float64),
  latency_quantiles AggregateFunction(quantilesDD(0.02, 0.5, 0.95, 0.99), Float64),
  upstream_latency_sum SimpleAggregateFunction(sum, Float64),
  request_bytes SimpleAggregateFunction(sum, UInt64),
  response_bytes SimpleAggregateFunction(sum, UInt64)
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMMDD(window_start)
ORDER BY (toStartOfHour(window_start), namespace, gateway, route, status_class, window_start)
TTL window_start + INTERVAL 90 DAY
SETTINGS index_granularity = 256;

INSERT INTO ngf_metrics_1m_0006 SELECT * FROM ngf_metrics_1m;

EXCHANGE TABLES ngf_metrics_1m AND ngf_metrics_1m_0006;

DROP TABLE IF EXISTS ngf_metrics_1m_0006 SYNC;

CREATE TABLE IF NOT EXISTS ngf_metrics_1m_buffer AS ngf_metrics_1m
ENGINE = Buffer(currentDatabase(), 'ngf_metrics_1m', 1, 1, 5, 100000, 1000000, 16777216, 268435456);

CREATE MATERIALIZED VIEW IF NOT EXISTS ngf_metrics_1m_mv TO ngf_metrics_1m_buffer AS
SELECT
  toStartOfMinute(timestamp, 'UTC') AS window_start,
  namespace AS namespace,
  gateway AS gateway,
  route AS route,
  multiIf(status < 200, '1xx', status < 300, '2xx', status < 400, '3xx', status < 500, '4xx', '5xx') AS status_class,
  count() AS request_count,
  sum(latency_ms) AS latency_sum,
  max(latency_ms) AS latency_max,
  quantilesDDState(0.02, 0.5, 0.95, 0.99)(latency_ms) AS latency_quantiles,
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
  quantilesDDMergeState(0.02, 0.5, 0.95, 0.99)(latency_quantiles) AS latency_quantiles,
  sum(upstream_latency_sum) AS upstream_latency_sum,
  sum(request_bytes) AS request_bytes,
  sum(response_bytes) AS response_bytes
FROM ngf_metrics_1m
GROUP BY window_start, namespace, gateway, route, status_class;

DROP VIEW IF EXISTS ngf_epp_decisions_1m_mv;

DROP TABLE IF EXISTS ngf_epp_decisions_1m_buffer SYNC;

DROP VIEW IF EXISTS ngf_epp_decisions_1h_mv;

DROP TABLE IF EXISTS ngf_epp_decisions_1m_0006 SYNC;

CREATE TABLE IF NOT EXISTS ngf_epp_decisions_1m_0006 (
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
ORDER BY (toStartOfHour(window_start), namespace, inference_pool, model_name, picked_pod, reason, window_start)
TTL window_start + INTERVAL 90 DAY
SETTINGS index_granularity = 256;

INSERT INTO ngf_epp_decisions_1m_0006 SELECT * FROM ngf_epp_decisions_1m;

EXCHANGE TABLES ngf_epp_decisions_1m AND ngf_epp_decisions_1m_0006;

DROP TABLE IF EXISTS ngf_epp_decisions_1m_0006 SYNC;

CREATE TABLE IF NOT EXISTS ngf_epp_decisions_1m_buffer AS ngf_epp_decisions_1m
ENGINE = Buffer(currentDatabase(), 'ngf_epp_decisions_1m', 1, 1, 5, 100000, 1000000, 16777216, 268435456);

CREATE MATERIALIZED VIEW IF NOT EXISTS ngf_epp_decisions_1m_mv TO ngf_epp_decisions_1m_buffer AS
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
