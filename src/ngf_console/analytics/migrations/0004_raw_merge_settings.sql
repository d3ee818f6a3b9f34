-- 0004: the raw tables merge wider sets of parts, less often. Frozen once released.
--
-- Every OTLP insert writes one part per raw table. With ClickHouse's default merge selector
-- (base 5, plus a heuristic that lowers how many parts one merge takes) each row was
-- rewritten about twice within seconds of landing; base 20 rewrites it less often (up to
-- 9 % less ingest CPU in alternating runs of `bench/analytics.py`). Queries read the extra
-- parts in parallel. `schema.ddl.RAW_TABLE_SETTINGS` holds the same values for a fresh database.

ALTER TABLE ngf_inference_logs MODIFY SETTING merge_selector_base = 20, merge_selector_enable_heuristic_to_lower_max_parts_to_merge_at_once = 0;

ALTER TABLE ngf_access_logs MODIFY SETTING merge_selector_base = 20, merge_selector_enable_heuristic_to_lower_max_parts_to_merge_at_once = 0;

ALTER TABLE ngf_epp_decisions MODIFY SETTING merge_selector_base = 20, merge_selector_enable_heuristic_to_lower_max_parts_to_merge_at_once = 0;
