-- 0005: a Buffer table in front of each 1-minute rollup. Frozen once released.
--
-- Every OTLP insert wrote a part into each 1-minute rollup and so ran the 1-hour and 1-day
-- views and wrote their parts too: a fixed cost per insert, whatever its rows. The 1-minute
-- views now write into `<rollup>_1m_buffer` (Buffer engine), which flushes into the
-- 1-minute table at most 5 seconds later (or sooner past 1M rows / 256 MiB), so that cost is
-- paid once per flush. Queries of the 1-minute level read the Buffer table (buffered rows and
-- the table's); the 1-hour and 1-day levels see rows once flushed. The views are dropped and
-- created again pointing at the buffers (the API server migrates before it ingests).

CREATE TABLE IF NOT EXISTS ngf_inference_metrics_1m_buffer AS ngf_inference_metrics_1m
ENGINE = Buffer(currentDatabase(), 'ngf_inference_metrics_1m', 1, 1, 5, 100000, 1000000, 16777216, 268435456);

CREATE TABLE IF NOT EXISTS ngf_inference_pod_metrics_1m_buffer AS ngf_inference_pod_metrics_1m
ENGINE = Buffer(currentDatabase(), 'ngf_inference_pod_metrics_1m', 1, 1, 5, 100000, 1000000, 16777216, 268435456);

CREATE TABLE IF NOT EXISTS ngf_metrics_1m_buffer AS ngf_metrics_1m
ENGINE = Buffer(currentDatabase(), 'ngf_metrics_1m', 1, 1, 5, 100000, 1000000, 16777216, 268435456);

CREATE TABLE IF NOT EXISTS ngf_epp_decisions_1m_buffer AS ngf_epp_decisions_1m
ENGINE = Buffer(currentDatabase(), 'ngf_epp_decisions_1m', 1, 1, 5, 100000, 1000000, 16777216, 268435456);

DROP VIEW IF EXISTS ngf_inference_metrics_1m_mv;

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

DROP VIEW IF EXISTS ngf_inference_pod_metrics_1m_mv;

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

DROP VIEW IF EXISTS ngf_metrics_1m_mv;

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

DROP VIEW IF EXISTS ngf_epp_decisions_1m_mv;

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
