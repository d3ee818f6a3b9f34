-- 0002: every candidate's per-scorer raw scores, the inputs behind them and the profile's
-- weights in ngf_epp_decisions (the "why did this pod win" view). Frozen once released.
-- The new columns go after the existing ones (the order schema.decisions declares); the
-- routing view is recreated so that OTLP decisions fill them. Rows written before this
-- migration read the columns' defaults: empty arrays and zero weights.

ALTER TABLE ngf_epp_decisions
  ADD COLUMN IF NOT EXISTS candidate_queue_scores Array(Float32),
  ADD COLUMN IF NOT EXISTS candidate_kv_cache_scores Array(Float32),
  ADD COLUMN IF NOT EXISTS candidate_prefix_scores Array(Float32),
  ADD COLUMN IF NOT EXISTS candidate_queue_depths Array(UInt16),
  ADD COLUMN IF NOT EXISTS candidate_kv_cache_pcts Array(Float32),
  ADD COLUMN IF NOT EXISTS candidate_prefix_matched_blocks Array(UInt16),
  ADD COLUMN IF NOT EXISTS queue_weight Float64,
  ADD COLUMN IF NOT EXISTS kv_cache_weight Float64,
  ADD COLUMN IF NOT EXISTS prefix_weight Float64;

DROP VIEW IF EXISTS ngf_otlp_to_ngf_epp_decisions;

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
FROM ngf_otlp_logs
WHERE event_name = 'ngf.epp.decision';
