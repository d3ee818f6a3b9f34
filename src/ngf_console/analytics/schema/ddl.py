"""The schema as idempotent DDL: every statement is `CREATE … IF NOT EXISTS`.

Order matters for materialized views (a view's target must exist first): raw tables, rollup
tables, the 1-minute rollups' Buffer tables, rollup views (raw → buffer → 1m → 1h → 1d), the
landing tables, then the routing views — the
last, so that no OTLP row can reach a raw table before its rollups are listening.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ngf_console.analytics.schema.access import ACCESS_LOGS
from ngf_console.analytics.schema.decisions import EPP_DECISIONS
from ngf_console.analytics.schema.inference import INFERENCE_LOGS
from ngf_console.analytics.schema.landing import landing_insert, landing_table_ddl, routing_view_ddl
from ngf_console.analytics.schema.model import SECONDS_DDL, Table
from ngf_console.analytics.schema.rollups import BUFFER, LEVELS, ROLLUPS, Level, Rollup
from ngf_console.analytics.store import FormattedInsert

TABLES: tuple[Table, ...] = (INFERENCE_LOGS, ACCESS_LOGS, EPP_DECISIONS)
LANDING_INSERTS: Mapping[str, FormattedInsert] = MappingProxyType(
    {t.event: landing_insert(t) for t in TABLES}
)
"""Event → the insert landing a request's records of that event (`landing.landing_insert`)."""


RAW_TABLE_SETTINGS: tuple[tuple[str, str], ...] = (
    ("index_granularity", "8192"),
    ("merge_selector_base", "20"),
    ("merge_selector_enable_heuristic_to_lower_max_parts_to_merge_at_once", "0"),
)
"""MergeTree settings of the raw tables (migration 0004). Ingest writes one part per insert;
with the default merge selector (base 5, and a heuristic that narrows merges) every row was
rewritten about twice within seconds of landing: up to 9 % of ingest CPU in alternating runs
of `bench/analytics.py` (within the machine's noise in others). A base of 20 merges wider
sets of parts, less often: fewer rewrites per row, more parts between merges (ClickHouse
reads them in parallel). `index_granularity` is ClickHouse's default, spelled out so that a
fresh table and a migrated one read alike."""


def table_ddl(table: Table) -> str:
    """`CREATE TABLE` of a raw table: MergeTree, daily partitions, the table's TTL."""
    columns = ",\n  ".join(
        [f"{c.name} {c.type}" + (f" CODEC({c.codec})" if c.codec else "") for c in table.columns]
        + [SECONDS_DDL]
    )
    return (
        f"CREATE TABLE IF NOT EXISTS {table.name} (\n  {columns}\n) ENGINE = MergeTree\n"
        f"PARTITION BY toYYYYMMDD(timestamp)\nORDER BY ({', '.join(table.order_by)})\n"
        f"TTL toDateTime(timestamp) + INTERVAL {table.ttl_days} DAY\n"
        f"SETTINGS {', '.join(f'{k} = {v}' for k, v in RAW_TABLE_SETTINGS)}"
    )


def rollup_table_ddl(rollup: Rollup, level: Level) -> str:
    """`CREATE TABLE` of one rollup level (AggregatingMergeTree keyed by its dimensions,
    after the level's `block` if it has one)."""
    keys = [name for name, _ in rollup.keys]
    columns = ["window_start DateTime"]
    columns += [f"{name} LowCardinality(String)" for name in keys]
    columns += [f"{m.name} {m.state_type}" for m in rollup.measures]
    order = ([level.block] if level.block else []) + [*keys, "window_start"]
    settings = (f"\nSETTINGS index_granularity = {level.index_granularity}"
                if level.index_granularity else "")  # fmt: skip
    return (
        f"CREATE TABLE IF NOT EXISTS {rollup.table(level)} (\n  " + ",\n  ".join(columns) +
        f"\n) ENGINE = AggregatingMergeTree\nPARTITION BY {level.partition}\n"
        f"ORDER BY ({', '.join(order)})\n"
        f"TTL window_start + INTERVAL {level.ttl_days} DAY{settings}"
    )  # fmt: skip


def rollup_buffer_ddl(rollup: Rollup) -> str:
    """`CREATE TABLE` of the Buffer in front of `rollup`'s 1-minute table (`BUFFER`)."""
    b = BUFFER
    return (
        f"CREATE TABLE IF NOT EXISTS {rollup.buffer} AS {rollup.table(LEVELS[0])}\n"
        f"ENGINE = Buffer(currentDatabase(), '{rollup.table(LEVELS[0])}', 1, "
        f"{b.min_seconds}, {b.max_seconds}, {b.min_rows}, {b.max_rows}, "
        f"{b.min_bytes}, {b.max_bytes})"
    )


def rollup_view_ddl(rollup: Rollup, index: int) -> str:
    """The view feeding level `index`: from the raw table (1m, into its Buffer) or from the
    level below."""
    level = LEVELS[index]
    keys = [name for name, _ in rollup.keys]
    if index == 0:
        source = rollup.source
        window = level.window.format(t="timestamp")
        dims = [f"{expr} AS {name}" for name, expr in rollup.keys]
        aggregates = [f"{m.from_raw} AS {m.name}" for m in rollup.measures]
    else:
        source = rollup.table(LEVELS[index - 1])
        window = level.window.format(t="window_start")
        dims = list(keys)
        aggregates = [f"{m.from_rollup} AS {m.name}" for m in rollup.measures]
    select = ",\n  ".join([f"{window} AS window_start", *dims, *aggregates])
    target = rollup.buffer if index == 0 else rollup.table(level)
    return (
        f"CREATE MATERIALIZED VIEW IF NOT EXISTS {rollup.table(level)}_mv "
        f"TO {target} AS\nSELECT\n  {select}\nFROM {source}\n"
        f"GROUP BY {', '.join(['window_start', *keys])}"
    )


def schema_statements() -> list[str]:
    """Every statement of the current schema, in dependency order."""
    statements = [table_ddl(t) for t in TABLES]
    statements += [rollup_table_ddl(r, level) for r in ROLLUPS for level in LEVELS]
    statements += [rollup_buffer_ddl(r) for r in ROLLUPS]
    statements += [rollup_view_ddl(r, i) for r in ROLLUPS for i in range(len(LEVELS))]
    statements += [landing_table_ddl(t) for t in TABLES]
    statements += [routing_view_ddl(t) for t in TABLES]
    return statements
