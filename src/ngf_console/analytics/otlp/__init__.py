"""OTLP/HTTP logs ingest: decoding, the attribute vocabulary, the ingest queue and the router.

* `attributes` — the event names and attribute keys that map log records to table columns.
* `wire` — the protobuf subset ClickHouse decodes and the flattening `INSERT` into the
  landing table (the engine, not Python, walks every attribute: see `docs/analytics.md`).
* `decode` — request bodies (protobuf, OTLP/JSON) into validated protobuf payloads + counts.
* `ingest` — the bounded queue and batching worker with backpressure.
* `router` — `otlp_router(store)`, the FastAPI router serving `POST /v1/logs`.
"""
