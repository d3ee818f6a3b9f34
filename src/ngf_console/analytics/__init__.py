"""Log analytics on ClickHouse (spec §3.4.2, §3.10.3): schema, stores, OTLP ingest, queries.

    store = open_store()                    # chDB by default, a server with CLICKHOUSE_URL
    app.include_router(otlp_router(store))  # POST /v1/logs (OTLP/HTTP, protobuf + JSON)
    points = ttft_percentiles(store, TimeRange.last(3600, 60), Filters(pool="llama"))

Module map: `store` (the `AnalyticsStore` protocol), `chdb_store` and `clickhouse_store` (its
two adapters — the only modules importing chdb / clickhouse_connect), `settings`
(`open_store`), `schema/` (tables, rollups, landing table, DDL), `migrate` + `migrations/`,
`otlp/` (receiver), `queries/` (dashboard queries), `params`, `jsonio`, `errors`.
See `docs/analytics.md`.
"""

from ngf_console.analytics.errors import (
    AnalyticsError,
    IngestBackpressureError,
    InvalidQueryError,
    MigrationError,
    OtlpDecodeError,
    QueryError,
    SchemaError,
    StoreUnavailableError,
)
from ngf_console.analytics.migrate import migrate
from ngf_console.analytics.otlp.ingest import IngestSettings
from ngf_console.analytics.otlp.router import OtlpReceiver, otlp_router
from ngf_console.analytics.queries.decisions import decision_counts
from ngf_console.analytics.queries.inference import (
    latency_breakdown,
    model_comparison,
    prefix_cache,
    request_counts,
    summary,
    throughput,
    ttft_percentiles,
)
from ngf_console.analytics.queries.timerange import Filters, Source, TimeRange
from ngf_console.analytics.settings import AnalyticsSettings, open_store
from ngf_console.analytics.store import AnalyticsStore, FormattedInsert, QueryResult

__all__ = [
    "AnalyticsError",
    "AnalyticsSettings",
    "AnalyticsStore",
    "Filters",
    "FormattedInsert",
    "IngestBackpressureError",
    "IngestSettings",
    "InvalidQueryError",
    "MigrationError",
    "OtlpDecodeError",
    "OtlpReceiver",
    "QueryError",
    "QueryResult",
    "SchemaError",
    "Source",
    "StoreUnavailableError",
    "TimeRange",
    "decision_counts",
    "latency_breakdown",
    "migrate",
    "model_comparison",
    "open_store",
    "otlp_router",
    "prefix_cache",
    "request_counts",
    "summary",
    "throughput",
    "ttft_percentiles",
]
