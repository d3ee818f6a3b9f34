"""Dashboard queries over the analytics tables (spec §3.10.3 panels fed by ClickHouse).

* `timerange` — `TimeRange` (start, end, step), `Filters`, and the choice of the raw table or
  a rollup level for a given step (`plan`).
* `models` — the typed rows each query returns.
* `inference` — TTFT percentiles, tokens/s per pod and total, queue → prefill → decode
  latency, prefix-cache hit rates, request counts and errors, model comparison, summary.
* `decisions` — endpoint-picker decision counts per pod and per reason.

Every function is synchronous (the engines block); call it from a worker thread in async
code. Timestamps in results are Unix seconds (UTC) of the bucket start.
"""
