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
-- * Each raw table gets its own landing table (`ngf_otlp_landing_<table>`, Null engine) in place
--   of the shared `ngf_otlp_logs`: an insert builds the pipeline of every view downstream of
--   its table whatever its rows, so a batch of one event now runs that event's views only.

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

CREATE TABLE IF NOT EXISTS ngf_otlp_landing_inference_logs (
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
  attr_double_arrays Array(Array(Float64)),
  attr_int_arrays Array(Array(Int64))
) ENGINE = Null;

CREATE TABLE IF NOT EXISTS ngf_otlp_landing_access_logs (
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
  attr_double_arrays Array(Array(Float64)),
  attr_int_arrays Array(Array(Int64))
) ENGINE = Null;

CREATE TABLE IF NOT EXISTS ngf_otlp_landing_epp_decisions (
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
  attr_double_arrays Array(Array(Float64)),
  attr_int_arrays Array(Array(Int64))
) ENGINE = Null;

DROP VIEW IF EXISTS ngf_otlp_to_ngf_inference_logs;
DROP VIEW IF EXISTS ngf_otlp_to_ngf_access_logs;
DROP VIEW IF EXISTS ngf_otlp_to_ngf_epp_decisions;

CREATE MATERIALIZED VIEW IF NOT EXISTS ngf_otlp_to_ngf_inference_logs TO ngf_inference_logs AS
WITH arrayMap(k -> transform(k, ['ngf.inference.pool', 'gen_ai.request.model', 'ngf.model.version', 'k8s.pod.name', 'k8s.node.name', 'ngf.gpu.index', 'ngf.gpu.type', 'ngf.request.id', 'ngf.inference.ttft_ms', 'ngf.inference.total_ms', 'gen_ai.usage.output_tokens', 'gen_ai.usage.input_tokens', 'ngf.inference.tokens_per_second', 'ngf.epp.reason', 'ngf.epp.latency_us', 'ngf.epp.queue_depth', 'ngf.epp.kv_cache_pct', 'ngf.epp.prefix_hit', 'ngf.epp.candidate_count', 'ngf.gpu.utilization_pct', 'ngf.gpu.memory_used_mb', 'ngf.gpu.memory_total_mb', 'ngf.gpu.temperature_c', 'ngf.pool.replicas', 'ngf.pool.target_replicas', 'http.response.status_code', 'client.address', 'url.path', 'http.request.method', 'http.request.body.size', 'http.response.body.size', 'ngf.xc.edge_latency_ms', 'ngf.xc.waf_action', 'ngf.xc.bot_classification', 'k8s.namespace.name', 'ngf.inference.queue_ms', 'ngf.inference.prefill_ms', 'ngf.inference.decode_ms', 'ngf.inference.cached_tokens', 'ngf.inference.finish_reason'], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40], 0), attr_keys) AS kid
SELECT
  multiIf(time_unix_nano > 0, fromUnixTimestamp64Nano(toInt64(time_unix_nano)), observed_time_unix_nano > 0, fromUnixTimestamp64Nano(toInt64(observed_time_unix_nano)), now64(9)) AS timestamp,
  attr_str[indexOf(kid, 1)] AS inference_pool,
  attr_str[indexOf(kid, 2)] AS model_name,
  attr_str[indexOf(kid, 3)] AS model_version,
  attr_str[indexOf(kid, 4)] AS pod_name,
  attr_str[indexOf(kid, 5)] AS node_name,
  toUInt8(greatest(0., least(255.0, round((attr_double[indexOf(kid, 6)] + toFloat64(attr_int[indexOf(kid, 6)])))))) AS gpu_id,
  attr_str[indexOf(kid, 7)] AS gpu_type,
  attr_str[indexOf(kid, 8)] AS request_id,
  if(trace_id = '', '', lower(hex(trace_id))) AS trace_id,
  toFloat64((attr_double[indexOf(kid, 9)] + toFloat64(attr_int[indexOf(kid, 9)]))) AS time_to_first_token_ms,
  toFloat64((attr_double[indexOf(kid, 10)] + toFloat64(attr_int[indexOf(kid, 10)]))) AS total_inference_time_ms,
  toUInt32(greatest(0., least(4294967295.0, round((attr_double[indexOf(kid, 11)] + toFloat64(attr_int[indexOf(kid, 11)])))))) AS tokens_generated,
  toUInt32(greatest(0., least(4294967295.0, round((attr_double[indexOf(kid, 12)] + toFloat64(attr_int[indexOf(kid, 12)])))))) AS input_tokens,
  toUInt32(greatest(0., least(4294967295.0, round((attr_double[indexOf(kid, 11)] + toFloat64(attr_int[indexOf(kid, 11)])))))) AS output_tokens,
  toFloat32((attr_double[indexOf(kid, 13)] + toFloat64(attr_int[indexOf(kid, 13)]))) AS tokens_per_second,
  attr_str[indexOf(kid, 14)] AS epp_selected_reason,
  toFloat32((attr_double[indexOf(kid, 15)] + toFloat64(attr_int[indexOf(kid, 15)]))) AS epp_decision_latency_us,
  toUInt16(greatest(0., least(65535.0, round((attr_double[indexOf(kid, 16)] + toFloat64(attr_int[indexOf(kid, 16)])))))) AS queue_depth_at_selection,
  toFloat32((attr_double[indexOf(kid, 17)] + toFloat64(attr_int[indexOf(kid, 17)]))) AS kv_cache_pct_at_selection,
  (attr_bool[indexOf(kid, 18)] OR attr_int[indexOf(kid, 18)] != 0) AS prefix_cache_hit,
  toUInt8(greatest(0., least(255.0, round((attr_double[indexOf(kid, 19)] + toFloat64(attr_int[indexOf(kid, 19)])))))) AS candidate_pods_considered,
  toFloat32((attr_double[indexOf(kid, 20)] + toFloat64(attr_int[indexOf(kid, 20)]))) AS gpu_utilization_pct,
  toUInt32(greatest(0., least(4294967295.0, round((attr_double[indexOf(kid, 21)] + toFloat64(attr_int[indexOf(kid, 21)])))))) AS gpu_memory_used_mb,
  toUInt32(greatest(0., least(4294967295.0, round((attr_double[indexOf(kid, 22)] + toFloat64(attr_int[indexOf(kid, 22)])))))) AS gpu_memory_total_mb,
  toUInt16(greatest(0., least(65535.0, round((attr_double[indexOf(kid, 23)] + toFloat64(attr_int[indexOf(kid, 23)])))))) AS gpu_temperature_c,
  toUInt16(greatest(0., least(65535.0, round((attr_double[indexOf(kid, 24)] + toFloat64(attr_int[indexOf(kid, 24)])))))) AS pool_replica_count,
  toUInt16(greatest(0., least(65535.0, round((attr_double[indexOf(kid, 25)] + toFloat64(attr_int[indexOf(kid, 25)])))))) AS pool_target_replica_count,
  toUInt16(greatest(0., least(65535.0, round((attr_double[indexOf(kid, 26)] + toFloat64(attr_int[indexOf(kid, 26)])))))) AS status,
  attr_str[indexOf(kid, 27)] AS client_ip,
  attr_str[indexOf(kid, 28)] AS path,
  attr_str[indexOf(kid, 29)] AS method,
  toUInt64(greatest(0., least(1.8446744073709552e+19, round((attr_double[indexOf(kid, 30)] + toFloat64(attr_int[indexOf(kid, 30)])))))) AS request_size,
  toUInt64(greatest(0., least(1.8446744073709552e+19, round((attr_double[indexOf(kid, 31)] + toFloat64(attr_int[indexOf(kid, 31)])))))) AS response_size,
  toFloat64((attr_double[indexOf(kid, 32)] + toFloat64(attr_int[indexOf(kid, 32)]))) AS xc_edge_latency_ms,
  attr_str[indexOf(kid, 33)] AS xc_waf_action,
  attr_str[indexOf(kid, 34)] AS xc_bot_classification,
  attr_str[indexOf(kid, 35)] AS namespace,
  toFloat64((attr_double[indexOf(kid, 36)] + toFloat64(attr_int[indexOf(kid, 36)]))) AS queue_time_ms,
  toFloat64((attr_double[indexOf(kid, 37)] + toFloat64(attr_int[indexOf(kid, 37)]))) AS prefill_time_ms,
  toFloat64((attr_double[indexOf(kid, 38)] + toFloat64(attr_int[indexOf(kid, 38)]))) AS decode_time_ms,
  toUInt32(greatest(0., least(4294967295.0, round((attr_double[indexOf(kid, 39)] + toFloat64(attr_int[indexOf(kid, 39)])))))) AS cached_tokens,
  attr_str[indexOf(kid, 40)] AS finish_reason
FROM ngf_otlp_landing_inference_logs
WHERE event_name = 'ngf.inference.request';

CREATE MATERIALIZED VIEW IF NOT EXISTS ngf_otlp_to_ngf_access_logs TO ngf_access_logs AS
WITH arrayMap(k -> transform(k, ['ngf.gateway', 'ngf.listener', 'ngf.route', 'k8s.namespace.name', 'http.request.method', 'request_method', 'url.path', 'uri', 'http.response.status_code', 'status', 'ngf.request.latency_ms', 'request_time', 'ngf.upstream.latency_ms', 'upstream_response_time', 'http.request.body.size', 'request_length', 'http.response.body.size', 'bytes_sent', 'ngf.upstream.name', 'proxy_host', 'ngf.upstream.address', 'upstream_addr', 'client.address', 'remote_addr', 'user_agent.original', 'http_user_agent', 'ngf.request.id', 'request_id', 'tls.protocol.version', 'ssl_protocol', 'tls.cipher', 'ssl_cipher', 'ngf.waf.action', 'ngf.waf.violation_rating', 'ngf.waf.signatures', 'ngf.bot.classification', 'ngf.xc.edge_latency_ms'], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37], 0), attr_keys) AS kid
SELECT
  multiIf(time_unix_nano > 0, fromUnixTimestamp64Nano(toInt64(time_unix_nano)), observed_time_unix_nano > 0, fromUnixTimestamp64Nano(toInt64(observed_time_unix_nano)), now64(9)) AS timestamp,
  attr_str[indexOf(kid, 1)] AS gateway,
  attr_str[indexOf(kid, 2)] AS listener,
  attr_str[indexOf(kid, 3)] AS route,
  attr_str[indexOf(kid, 4)] AS namespace,
  multiIf(indexOf(kid, 5) > 0, attr_str[indexOf(kid, 5)], indexOf(kid, 6) > 0, attr_str[indexOf(kid, 6)], '') AS method,
  multiIf(indexOf(kid, 7) > 0, attr_str[indexOf(kid, 7)], indexOf(kid, 8) > 0, attr_str[indexOf(kid, 8)], '') AS path,
  multiIf(indexOf(kid, 9) > 0, toUInt16(greatest(0., least(65535.0, round((attr_double[indexOf(kid, 9)] + toFloat64(attr_int[indexOf(kid, 9)])))))), indexOf(kid, 10) > 0, toUInt16(greatest(0., least(65535.0, round((attr_double[indexOf(kid, 10)] + toFloat64(attr_int[indexOf(kid, 10)]) + toFloat64OrZero(attr_str[indexOf(kid, 10)])))))), CAST(0, 'UInt16')) AS status,
  multiIf(indexOf(kid, 11) > 0, toFloat64((attr_double[indexOf(kid, 11)] + toFloat64(attr_int[indexOf(kid, 11)]))), indexOf(kid, 12) > 0, toFloat64((attr_double[indexOf(kid, 12)] + toFloat64(attr_int[indexOf(kid, 12)]) + toFloat64OrZero(attr_str[indexOf(kid, 12)])) * 1000.0), CAST(0, 'Float64')) AS latency_ms,
  multiIf(indexOf(kid, 13) > 0, toFloat64((attr_double[indexOf(kid, 13)] + toFloat64(attr_int[indexOf(kid, 13)]))), indexOf(kid, 14) > 0, toFloat64((attr_double[indexOf(kid, 14)] + toFloat64(attr_int[indexOf(kid, 14)]) + toFloat64OrZero(attr_str[indexOf(kid, 14)])) * 1000.0), CAST(0, 'Float64')) AS upstream_latency_ms,
  multiIf(indexOf(kid, 15) > 0, toUInt64(greatest(0., least(1.8446744073709552e+19, round((attr_double[indexOf(kid, 15)] + toFloat64(attr_int[indexOf(kid, 15)])))))), indexOf(kid, 16) > 0, toUInt64(greatest(0., least(1.8446744073709552e+19, round((attr_double[indexOf(kid, 16)] + toFloat64(attr_int[indexOf(kid, 16)]) + toFloat64OrZero(attr_str[indexOf(kid, 16)])))))), CAST(0, 'UInt64')) AS request_size,
  multiIf(indexOf(kid, 17) > 0, toUInt64(greatest(0., least(1.8446744073709552e+19, round((attr_double[indexOf(kid, 17)] + toFloat64(attr_int[indexOf(kid, 17)])))))), indexOf(kid, 18) > 0, toUInt64(greatest(0., least(1.8446744073709552e+19, round((attr_double[indexOf(kid, 18)] + toFloat64(attr_int[indexOf(kid, 18)]) + toFloat64OrZero(attr_str[indexOf(kid, 18)])))))), CAST(0, 'UInt64')) AS response_size,
  multiIf(indexOf(kid, 19) > 0, attr_str[indexOf(kid, 19)], indexOf(kid, 20) > 0, attr_str[indexOf(kid, 20)], '') AS upstream_name,
  multiIf(indexOf(kid, 21) > 0, attr_str[indexOf(kid, 21)], indexOf(kid, 22) > 0, attr_str[indexOf(kid, 22)], '') AS upstream_addr,
  multiIf(indexOf(kid, 23) > 0, attr_str[indexOf(kid, 23)], indexOf(kid, 24) > 0, attr_str[indexOf(kid, 24)], '') AS client_ip,
  multiIf(indexOf(kid, 25) > 0, attr_str[indexOf(kid, 25)], indexOf(kid, 26) > 0, attr_str[indexOf(kid, 26)], '') AS user_agent,
  multiIf(indexOf(kid, 27) > 0, attr_str[indexOf(kid, 27)], indexOf(kid, 28) > 0, attr_str[indexOf(kid, 28)], '') AS request_id,
  if(trace_id = '', '', lower(hex(trace_id))) AS trace_id,
  multiIf(indexOf(kid, 29) > 0, attr_str[indexOf(kid, 29)], indexOf(kid, 30) > 0, attr_str[indexOf(kid, 30)], '') AS tls_version,
  multiIf(indexOf(kid, 31) > 0, attr_str[indexOf(kid, 31)], indexOf(kid, 32) > 0, attr_str[indexOf(kid, 32)], '') AS tls_cipher,
  attr_str[indexOf(kid, 33)] AS waf_action,
  toFloat32((attr_double[indexOf(kid, 34)] + toFloat64(attr_int[indexOf(kid, 34)]))) AS waf_violation_rating,
  attr_str_arrays[indexOf(kid, 35)] AS waf_signatures,
  attr_str[indexOf(kid, 36)] AS bot_classification,
  toFloat64((attr_double[indexOf(kid, 37)] + toFloat64(attr_int[indexOf(kid, 37)]))) AS xc_edge_latency_ms
FROM ngf_otlp_landing_access_logs
WHERE event_name = 'ngf.access';

CREATE MATERIALIZED VIEW IF NOT EXISTS ngf_otlp_to_ngf_epp_decisions TO ngf_epp_decisions AS
WITH arrayMap(k -> transform(k, ['k8s.namespace.name', 'ngf.inference.pool', 'gen_ai.request.model', 'ngf.request.id', 'k8s.pod.name', 'ngf.epp.reason', 'ngf.epp.latency_us', 'ngf.epp.candidate_count', 'ngf.epp.tied_count', 'ngf.epp.queue_depth', 'ngf.epp.kv_cache_pct', 'ngf.epp.prefix_hit', 'ngf.epp.prefix_matched_blocks', 'ngf.epp.prefix_total_blocks', 'ngf.epp.score.queue', 'ngf.epp.score.kv_cache', 'ngf.epp.score.prefix', 'ngf.epp.score.total', 'ngf.epp.candidate_pods', 'ngf.epp.candidate_scores', 'ngf.epp.candidate.score.queue', 'ngf.epp.candidate.score.kv_cache', 'ngf.epp.candidate.score.prefix', 'ngf.epp.candidate.queue_depth', 'ngf.epp.candidate.kv_cache_pct', 'ngf.epp.candidate.prefix_matched_blocks', 'ngf.epp.weight.queue', 'ngf.epp.weight.kv_cache', 'ngf.epp.weight.prefix'], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29], 0), attr_keys) AS kid
SELECT
  multiIf(time_unix_nano > 0, fromUnixTimestamp64Nano(toInt64(time_unix_nano)), observed_time_unix_nano > 0, fromUnixTimestamp64Nano(toInt64(observed_time_unix_nano)), now64(9)) AS timestamp,
  attr_str[indexOf(kid, 1)] AS namespace,
  attr_str[indexOf(kid, 2)] AS inference_pool,
  attr_str[indexOf(kid, 3)] AS model_name,
  attr_str[indexOf(kid, 4)] AS request_id,
  if(trace_id = '', '', lower(hex(trace_id))) AS trace_id,
  attr_str[indexOf(kid, 5)] AS picked_pod,
  attr_str[indexOf(kid, 6)] AS reason,
  toFloat32((attr_double[indexOf(kid, 7)] + toFloat64(attr_int[indexOf(kid, 7)]))) AS decision_latency_us,
  toUInt16(greatest(0., least(65535.0, round((attr_double[indexOf(kid, 8)] + toFloat64(attr_int[indexOf(kid, 8)])))))) AS candidate_count,
  toUInt16(greatest(0., least(65535.0, round((attr_double[indexOf(kid, 9)] + toFloat64(attr_int[indexOf(kid, 9)])))))) AS tied_count,
  toUInt16(greatest(0., least(65535.0, round((attr_double[indexOf(kid, 10)] + toFloat64(attr_int[indexOf(kid, 10)])))))) AS queue_depth,
  toFloat32((attr_double[indexOf(kid, 11)] + toFloat64(attr_int[indexOf(kid, 11)]))) AS kv_cache_pct,
  (attr_bool[indexOf(kid, 12)] OR attr_int[indexOf(kid, 12)] != 0) AS prefix_hit,
  toUInt16(greatest(0., least(65535.0, round((attr_double[indexOf(kid, 13)] + toFloat64(attr_int[indexOf(kid, 13)])))))) AS prefix_matched_blocks,
  toUInt16(greatest(0., least(65535.0, round((attr_double[indexOf(kid, 14)] + toFloat64(attr_int[indexOf(kid, 14)])))))) AS prefix_total_blocks,
  toFloat32((attr_double[indexOf(kid, 15)] + toFloat64(attr_int[indexOf(kid, 15)]))) AS queue_score,
  toFloat32((attr_double[indexOf(kid, 16)] + toFloat64(attr_int[indexOf(kid, 16)]))) AS kv_cache_score,
  toFloat32((attr_double[indexOf(kid, 17)] + toFloat64(attr_int[indexOf(kid, 17)]))) AS prefix_score,
  toFloat32((attr_double[indexOf(kid, 18)] + toFloat64(attr_int[indexOf(kid, 18)]))) AS total_score,
  attr_str_arrays[indexOf(kid, 19)] AS candidates,
  arrayMap((d, n) -> toFloat32(d + toFloat64(n)), attr_double_arrays[indexOf(kid, 20)], attr_int_arrays[indexOf(kid, 20)]) AS candidate_scores,
  arrayMap((d, n) -> toFloat32(d + toFloat64(n)), attr_double_arrays[indexOf(kid, 21)], attr_int_arrays[indexOf(kid, 21)]) AS candidate_queue_scores,
  arrayMap((d, n) -> toFloat32(d + toFloat64(n)), attr_double_arrays[indexOf(kid, 22)], attr_int_arrays[indexOf(kid, 22)]) AS candidate_kv_cache_scores,
  arrayMap((d, n) -> toFloat32(d + toFloat64(n)), attr_double_arrays[indexOf(kid, 23)], attr_int_arrays[indexOf(kid, 23)]) AS candidate_prefix_scores,
  arrayMap((d, n) -> toUInt16(d + toFloat64(n)), attr_double_arrays[indexOf(kid, 24)], attr_int_arrays[indexOf(kid, 24)]) AS candidate_queue_depths,
  arrayMap((d, n) -> toFloat32(d + toFloat64(n)), attr_double_arrays[indexOf(kid, 25)], attr_int_arrays[indexOf(kid, 25)]) AS candidate_kv_cache_pcts,
  arrayMap((d, n) -> toUInt16(d + toFloat64(n)), attr_double_arrays[indexOf(kid, 26)], attr_int_arrays[indexOf(kid, 26)]) AS candidate_prefix_matched_blocks,
  toFloat64((attr_double[indexOf(kid, 27)] + toFloat64(attr_int[indexOf(kid, 27)]))) AS queue_weight,
  toFloat64((attr_double[indexOf(kid, 28)] + toFloat64(attr_int[indexOf(kid, 28)]))) AS kv_cache_weight,
  toFloat64((attr_double[indexOf(kid, 29)] + toFloat64(attr_int[indexOf(kid, 29)]))) AS prefix_weight
FROM ngf_otlp_landing_epp_decisions
WHERE event_name = 'ngf.epp.decision';

DROP TABLE IF EXISTS ngf_otlp_logs;
