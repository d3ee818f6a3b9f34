"""The schema definitions (`analytics.schema`) against the spec, and the rendered DDL.

Matrix: `ngf_inference_logs` and `ngf_access_logs` keep every spec column (§3.10.3, §3.4.2)
with its type, in the spec's order, then only documented additions; every column but the
time and trace id reads at least one attribute, and every attribute key is unique per table;
every rollup measure is mergeable (no avg/quantile columns summed); the statements are
idempotent `IF NOT EXISTS` DDL with each materialized view after its target; the shipped
migration 0001 is the rendered schema without 0002's additions, and 0002 adds exactly the
decision columns 0001 lacks (in declaration order, after the others) and recreates the
decisions' routing view as rendered (the integration tests apply both to chDB); only a table
with array columns decodes OTLP array values.
"""

from __future__ import annotations

import re

import pytest

from ngf_console.analytics.migrate import load_migrations
from ngf_console.analytics.otlp.wire import SCALAR_STRUCTURE, STRUCTURE
from ngf_console.analytics.schema.access import ACCESS_LOGS
from ngf_console.analytics.schema.ddl import LANDING_INSERTS, TABLES, schema_statements
from ngf_console.analytics.schema.decisions import EPP_DECISIONS
from ngf_console.analytics.schema.inference import INFERENCE_LOGS
from ngf_console.analytics.schema.landing import (
    landing_table_name,
    routing_view_ddl,
    routing_view_name,
)
from ngf_console.analytics.schema.model import Table
from ngf_console.analytics.schema.rollups import LEVELS, ROLLUPS

# Copied from spec §3.10.3 and §3.4.2 (`Boolean` is ClickHouse's alias of `Bool`).
SPEC_INFERENCE = """
timestamp DateTime64(3), inference_pool String, model_name String, model_version String,
pod_name String, node_name String, gpu_id UInt8, gpu_type LowCardinality(String),
request_id String, trace_id String, time_to_first_token_ms Float64,
total_inference_time_ms Float64, tokens_generated UInt32, input_tokens UInt32,
output_tokens UInt32, tokens_per_second Float32, epp_selected_reason LowCardinality(String),
epp_decision_latency_us Float32, queue_depth_at_selection UInt16,
kv_cache_pct_at_selection Float32, prefix_cache_hit Bool, candidate_pods_considered UInt8,
gpu_utilization_pct Float32, gpu_memory_used_mb UInt32, gpu_memory_total_mb UInt32,
gpu_temperature_c UInt16, pool_replica_count UInt16, pool_target_replica_count UInt16,
status UInt16, client_ip String, path String, method LowCardinality(String),
request_size UInt64, response_size UInt64, xc_edge_latency_ms Float64,
xc_waf_action LowCardinality(String), xc_bot_classification LowCardinality(String)
"""
SPEC_ACCESS = """
timestamp DateTime64(3), gateway String, listener String, route String, namespace String,
method LowCardinality(String), path String, status UInt16, latency_ms Float64,
upstream_latency_ms Float64, request_size UInt64, response_size UInt64, upstream_name String,
upstream_addr String, client_ip String, user_agent String, request_id String, trace_id String,
tls_version LowCardinality(String), tls_cipher LowCardinality(String),
waf_action LowCardinality(String), waf_violation_rating Float32, waf_signatures Array(String),
bot_classification LowCardinality(String), xc_edge_latency_ms Float64
"""


def _spec_columns(text: str) -> list[tuple[str, str]]:
    pairs = re.findall(r"(\w+) ((?:LowCardinality|Array)\(\w+\)|\w+(?:\(\d\))?)", text)
    return [(name, type_) for name, type_ in pairs]


@pytest.mark.parametrize(
    ("table", "spec"), [(INFERENCE_LOGS, SPEC_INFERENCE), (ACCESS_LOGS, SPEC_ACCESS)],
    ids=["inference", "access"],
)  # fmt: skip
def test_spec_columns_are_kept_in_order(table: Table, spec: str) -> None:
    expected = _spec_columns(spec)
    ours = [(c.name, c.type) for c in table.columns if not c.added]
    assert ours == expected
    added = [c for c in table.columns if c.added]
    assert table.columns[len(expected) :] == tuple(added), "additions come after the spec's"


def test_inference_additions_are_the_documented_ones() -> None:
    added = [c.name for c in INFERENCE_LOGS.columns if c.added]
    assert added == ["namespace", "queue_time_ms", "prefill_time_ms", "decode_time_ms",
                     "cached_tokens", "finish_reason"]  # fmt: skip


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_every_column_has_a_source(table: Table) -> None:
    for column in table.columns:
        if column.kind == "attribute":
            assert column.sources, column.name
        assert column.doc, column.name
    keys = [s.key for c in table.columns for s in c.sources]
    duplicated = {k for k in keys if keys.count(k) > 1}
    assert duplicated <= {"gen_ai.usage.output_tokens"}  # tokens_generated = output_tokens


def test_rollup_measures_are_mergeable() -> None:
    for rollup in ROLLUPS:
        for m in rollup.measures:
            assert m.state_type.startswith(("SimpleAggregateFunction(", "AggregateFunction(")), m
            assert "avg(" not in m.from_raw, m
            if m.state_type.startswith("AggregateFunction("):
                assert "State" in m.from_raw, m
                assert "MergeState" in m.from_rollup, m


def test_statements_are_idempotent_and_ordered() -> None:
    statements = schema_statements()
    created: list[str] = []
    for statement in statements:
        match = re.match(r"CREATE (TABLE|MATERIALIZED VIEW) IF NOT EXISTS (\w+)", statement)
        assert match, statement[:60]
        target = re.search(r" TO (\w+) AS", statement)
        if target:
            assert target.group(1) in created, f"{match.group(2)} before {target.group(1)}"
        created.append(match.group(2))
    assert created[-3:] == [f"ngf_otlp_to_{t.name}" for t in TABLES]


def _created(statement: str) -> str:
    match = re.match(r"CREATE (?:TABLE|MATERIALIZED VIEW) IF NOT EXISTS (\w+)", statement)
    assert match, statement[:60]
    return match.group(1)


def test_migration_0001_is_the_initial_schema() -> None:
    first = load_migrations()[0]
    assert (first.version, first.name) == (1, "initial")
    initial = {_created(s): s for s in first.statements}
    rendered = {_created(s): s for s in schema_statements()}
    changed = {name for name in initial.keys() | rendered.keys()
               if initial.get(name) != rendered.get(name)}  # fmt: skip
    sketched = {f"{prefix}_{level}{view}" for prefix in ("ngf_inference_metrics", "ngf_metrics")
                for level in ("1m", "1h", "1d") for view in ("", "_mv")}  # fmt: skip
    landing = (
        {"ngf_otlp_logs"}
        | {f"ngf_otlp_landing_{t.name.removeprefix('ngf_')}" for t in TABLES}
        | {f"ngf_otlp_to_{t.name}" for t in TABLES}
    )
    buffered = {
        f"{r.table(LEVELS[0])}{suffix}" for r in ROLLUPS for suffix in ("", "_buffer", "_mv")
    }
    # only what 0002 (decisions), 0003 (seconds column, sketches, landing tables), 0005 (the
    # 1-minute rollups' buffers) and 0006 (the 1-minute tables' sorting key) alter
    assert changed == {t.name for t in TABLES} | sketched | landing | buffered


def test_migration_0006_rebuilds_each_minute_table_with_the_rendered_definition() -> None:
    sixth = load_migrations()[5]
    assert (sixth.version, sixth.name) == (6, "minute_rollups_by_hour")
    rendered = {_created(s): s for s in schema_statements()}
    for rollup in ROLLUPS:
        table = rollup.table(LEVELS[0])
        created = next(s for s in sixth.statements
                       if s.startswith(f"CREATE TABLE IF NOT EXISTS {table}_0006"))  # fmt: skip
        assert created == rendered[table].replace(f"{table} (", f"{table}_0006 (", 1)
        assert "ORDER BY (toStartOfHour(window_start), " in created
        assert created.endswith("SETTINGS index_granularity = 256")
        order = [f"DROP VIEW IF EXISTS {table}_mv", f"DROP TABLE IF EXISTS {rollup.buffer} SYNC",
                 f"DROP VIEW IF EXISTS {rollup.table(LEVELS[1])}_mv",
                 f"DROP TABLE IF EXISTS {table}_0006 SYNC", created,
                 f"INSERT INTO {table}_0006 SELECT * FROM {table}",  # noqa: S608 - expected text
                 f"EXCHANGE TABLES {table} AND {table}_0006",
                 f"DROP TABLE IF EXISTS {table}_0006 SYNC",
                 rendered[rollup.buffer], rendered[f"{table}_mv"]]  # fmt: skip
        at = -1
        for statement in order:  # each after the one before
            at = sixth.statements.index(statement, at + 1)
        assert rendered[f"{rollup.table(LEVELS[1])}_mv"] in sixth.statements


def test_migration_0003_adds_seconds_sketches_and_landing_tables() -> None:
    third = load_migrations()[2]
    assert (third.version, third.name) == (3, "sketches_seconds_landing")
    text = "\n".join(third.statements)
    for table in TABLES:
        assert f"ALTER TABLE {table.name} ADD COLUMN IF NOT EXISTS timestamp_s" in text
        assert (
            f"CREATE TABLE IF NOT EXISTS ngf_otlp_landing_{table.name.removeprefix('ngf_')}" in text
        )
    assert "TDigest" not in text
    assert text.count("INSERT INTO") == 2  # the backfill of both percentile rollups
    assert text.rstrip().endswith("DROP TABLE IF EXISTS ngf_otlp_logs")


def test_migration_0002_adds_the_candidate_scores() -> None:
    second = load_migrations()[1]
    assert (second.version, second.name) == (2, "epp_candidate_scores")
    initial = load_migrations()[0].statements
    old_ddl = next(
        s for s in initial if s.startswith("CREATE TABLE IF NOT EXISTS ngf_epp_decisions (")
    )
    old_columns = re.findall(r"^  (\w+) ", old_ddl, re.MULTILINE)
    names = [c.name for c in EPP_DECISIONS.columns]
    assert names[: len(old_columns)] == old_columns
    added = [f"ADD COLUMN IF NOT EXISTS {c.name} {c.type}"
             for c in EPP_DECISIONS.columns[len(old_columns):]]  # fmt: skip
    alter, drop, create = second.statements
    assert alter == "ALTER TABLE ngf_epp_decisions\n  " + ",\n  ".join(added)
    assert drop == f"DROP VIEW IF EXISTS {routing_view_name(EPP_DECISIONS)}"
    # the view as 0002 made it, over the shared landing table that 0003 replaced
    shared = routing_view_ddl(EPP_DECISIONS).replace(
        landing_table_name(EPP_DECISIONS), "ngf_otlp_logs"
    )
    assert create == shared


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_only_tables_with_array_columns_decode_array_values(table: Table) -> None:
    insert = LANDING_INSERTS[table.event]
    arrays = any(c.type.startswith("Array(") for c in table.columns)
    assert (insert.structure == STRUCTURE) is arrays
    assert (insert.structure == SCALAR_STRUCTURE) is not arrays
    assert ("array_value" in insert.settings["format_schema"]) is arrays
    assert ("attr_str_arrays" in insert.sql) is arrays
