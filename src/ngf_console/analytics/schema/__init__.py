"""The ClickHouse schema: raw tables, the OTLP landing table, rollups, and their DDL.

* `model` — `Column`/`Table` (each column names the OTLP attributes it is read from).
* `inference`, `access`, `decisions` — the three raw tables (`ngf_inference_logs` and
  `ngf_access_logs` as the spec defines them plus documented additions; `ngf_epp_decisions`).
* `rollups` — 1-minute, 1-hour and 1-day AggregatingMergeTree rollups of each raw table.
* `landing` — the Null-engine landing table OTLP inserts go to, and the materialized views
  that route its rows by event into the raw tables.
* `ddl` — renders all of it as idempotent `CREATE … IF NOT EXISTS` statements.
"""
