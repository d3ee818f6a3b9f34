-- 0003: percentile sketches and a seconds column for the dashboard's queries. Frozen once
-- released.
--
-- * Every raw table gains `timestamp_s` (its timestamp in whole seconds, MATERIALIZED on
--   insert): queries bucket and bound ranges by it instead of decoding the DateTime64(3).
--   Parts written before this migration compute it when read.
-- * Rollup percentiles become DDSketch states (quantilesDD, 2 % relative accuracy: exact
--   merges, half the size of a t-digest, faster to merge). A t-digest state cannot be
--   converted, so the old columns are dropped and the new ones are backfilled from the raw
--   rows still kept (14 days for inference, 7 for access logs), every other measure left at
--   zero so that merging adds nothing else; older windows keep their counts, sums and
--   maxima but show no percentiles.

ALTER TABLE ngf_inference_logs ADD COLUMN IF NOT EXISTS timestamp_s DateTime MATERIALIZED toDateTime(timestamp) CODEC(Delta, LZ4);

ALTER TABLE ngf_access_logs ADD COLUMN IF NOT EXISTS timestamp_s DateTime MATERIALIZED toDateTime(timestamp) CODEC(Delta, LZ4);

ALTER TABLE ngf_epp_decisions ADD COLUMN IF NOT EXISTS timestamp_s DateTime MATERIALIZED toDateTime(timestamp) CODEC(Delta, LZ4);

DROP VIEW IF EXISTS ngf_inference_metrics_1m_mv;
DROP VIEW IF EXISTS ngf_inference_metrics_1h_mv;
DROP VIEW IF EXISTS ngf_inference_metrics_1d_mv;

DROP VIEW IF EXISTS ngf_metrics_1m_mv;
DROP VIEW IF EXISTS ngf_metrics_1h_mv;
DROP VIEW IF EXISTS ngf_metrics_1d_mv;

ALTER TABLE ngf_inference_metrics_1m DROP COLUMN IF EXISTS ttft_quantiles;
ALTER TABLE ngf_inference_metrics_1m ADD COLUMN IF NOT EXISTS ttft_quantiles AggregateFunction(quantilesDD(0.02, 0.5, 0.9, 0.95, 0.99), Float64) AFTER epp_latency_sum;
ALTER TABLE ngf_inference_metrics_1h DROP COLUMN IF EXISTS ttft_quantiles;
ALTER TABLE ngf_inference_metrics_1h ADD COLUMN IF NOT EXISTS ttft_quantiles AggregateFunction(quantilesDD(0.02, 0.5, 0.9, 0.95, 0.99), Float64) AFTER epp_latency_sum;
ALTER TABLE ngf_inference_metrics_1d DROP COLUMN IF EXISTS ttft_quantiles;
ALTER TABLE ngf_inference_metrics_1d ADD COLUMN IF NOT EXISTS ttft_quantiles AggregateFunction(quantilesDD(0.02, 0.5, 0.9, 0.95, 0.99), Float64) AFTER epp_latency_sum;

ALTER TABLE ngf_metrics_1m DROP COLUMN IF EXISTS latency_quantiles;
ALTER TABLE ngf_metrics_1m ADD COLUMN IF NOT EXISTS latency_quantiles AggregateFunction(quantilesDD(0.02, 0.5, 0.95, 0.99), Float64) AFTER latency_max;
ALTER TABLE ngf_metrics_1h DROP COLUMN IF EXISTS latency_quantiles;
ALTER TABLE ngf_metrics_1h ADD COLUMN IF NOT EXISTS latency_quantiles AggregateFunction(quantilesDD(0.02, 0.5, 0.95, 0.99), Float64) AFTER latency_max;
ALTER TABLE ngf_metrics_1d DROP COLUMN IF EXISTS latency_quantiles;
ALTER TABLE ngf_metrics_1d ADD COLUMN IF NOT EXISTS latency_quantiles AggregateFunction(quantilesDD(0.02, 0.5, 0.95, 0.99), Float64) AFTER latency_max;

CREATE MATERIALIZED VIEW IF NOT EXISTS ngf_inference_metrics_1m_mv TO ngf_inference_metrics_1m AS
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

CREATE MATERIALIZED VIEW IF NOT EXISTS ngf_inference_metrics_1d_mv TO ngf_inference_metrics_1d AS
SELECT
  toStartOfDay(window_start, 'UTC') AS window_start,
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
FROM ngf_inference_metrics_1h
GROUP BY window_start, namespace, inference_pool, model_name;

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
  quantilesDDMergeState(0.02, 0.5, 0.95, 0.99)(latency_quantiles) AS latency_quantiles,
  sum(upstream_latency_sum) AS upstream_latency_sum,
  sum(request_bytes) AS request_bytes,
  sum(response_bytes) AS response_bytes
FROM ngf_metrics_1h
GROUP BY window_start, namespace, gateway, route, status_class;

INSERT INTO ngf_inference_metrics_1m (window_start, namespace, inference_pool, model_name, ttft_quantiles)
SELECT toStartOfMinute(timestamp, 'UTC') AS window_start, namespace AS namespace, inference_pool AS inference_pool, model_name AS model_name, quantilesDDStateIf(0.02, 0.5, 0.9, 0.95, 0.99)(time_to_first_token_ms, status < 400) AS ttft_quantiles
FROM ngf_inference_logs
GROUP BY window_start, namespace, inference_pool, model_name;

INSERT INTO ngf_metrics_1m (window_start, namespace, gateway, route, status_class, latency_quantiles)
SELECT toStartOfMinute(timestamp, 'UTC') AS window_start, namespace AS namespace, gateway AS gateway, route AS route, multiIf(status < 200, '1xx', status < 300, '2xx', status < 400, '3xx', status < 500, '4xx', '5xx') AS status_class, quantilesDDState(0.02, 0.5, 0.95, 0.99)(latency_ms) AS latency_quantiles
FROM ngf_access_logs
GROUP BY window_start, namespace, gateway, route, status_class;
