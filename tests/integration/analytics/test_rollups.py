"""Rollups equal the aggregates computed from the raw rows, at every level.

Every rollup is covered: inference per pool (with TTFT percentiles) and per pod, access,
EPP decisions. Hypothesis generates datasets (pods, models, statuses, latencies, tokens,
flags, times spread over three days so that minute, hour and day boundaries are crossed);
each example gets a pool/gateway of its own, is inserted into the raw table, and then — at
once through the 1-minute level's Buffer table, and after the buffers are flushed at each
rollup level (1m, 1h, 1d) — for every measure, the rollup's final value per
(window, keys) must equal the same aggregate computed by ClickHouse directly over the raw
rows (`Measure.from_raw`, with DDSketch states finalised). Counts and integer sums must
match exactly, float sums to 1e-9 relative, percentiles to 1e-5. Independently of
ClickHouse, request counts and token sums are checked against the generated rows in Python.
"""

from __future__ import annotations

import datetime as dt
import math
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ngf_console.analytics.chdb_store import ChdbStore
from ngf_console.analytics.schema.rollups import (
    ACCESS_ROLLUP,
    BUFFER,
    DECISION_ROLLUP,
    INFERENCE_POD_ROLLUP,
    INFERENCE_ROLLUP,
    LEVELS,
    Level,
    Measure,
    Rollup,
    flush_buffers,
)

pytestmark = [pytest.mark.integration]

BASE = dt.datetime.now(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0) - dt.timedelta(
    days=2
)
SETTINGS = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

times = st.integers(0, 3 * 86400 - 1).map(
    lambda s: BASE + dt.timedelta(seconds=s, milliseconds=s % 997)
)
latency = st.floats(0.01, 30_000, allow_nan=False).map(lambda x: round(x, 3))

inference_rows = st.lists(
    st.fixed_dictionaries({
        "timestamp": times, "pod_name": st.sampled_from(["p-0", "p-1", "p-2"]),
        "model_name": st.sampled_from(["llama", "mistral"]),
        "status": st.sampled_from([200, 200, 200, 404, 429, 503]),
        "time_to_first_token_ms": latency, "total_inference_time_ms": latency,
        "queue_time_ms": latency, "prefill_time_ms": latency, "decode_time_ms": latency,
        "tokens_generated": st.integers(0, 4096), "input_tokens": st.integers(0, 8192),
        "cached_tokens": st.integers(0, 8192), "tokens_per_second": st.floats(0, 500, width=32),
        "prefix_cache_hit": st.booleans(), "queue_depth_at_selection": st.integers(0, 100),
        "kv_cache_pct_at_selection": st.floats(0, 100, width=32),
        "gpu_utilization_pct": st.floats(0, 100, width=32),
        "gpu_memory_used_mb": st.integers(0, 143_771),
        "epp_decision_latency_us": st.floats(1, 5000, width=32),
    }),
    min_size=1, max_size=60,
)  # fmt: skip

access_rows = st.lists(
    st.fixed_dictionaries({
        "timestamp": times, "route": st.sampled_from(["r-a", "r-b"]),
        "status": st.sampled_from([101, 200, 204, 301, 404, 500, 503]),
        "latency_ms": latency, "upstream_latency_ms": latency,
        "request_size": st.integers(0, 2**32), "response_size": st.integers(0, 2**32),
    }),
    min_size=1, max_size=60,
)  # fmt: skip

decision_rows = st.lists(
    st.fixed_dictionaries({
        "timestamp": times, "picked_pod": st.sampled_from(["p-0", "p-1"]),
        "reason": st.sampled_from(["least_queue", "kv_available", "prefix_hit", "composite"]),
        "model_name": st.just("llama"), "decision_latency_us": st.floats(1, 5000, width=32),
        "prefix_hit": st.booleans(),
    }),
    min_size=1, max_size=60,
)  # fmt: skip


def _insert(store: ChdbStore, table: str, rows: Sequence[dict[str, Any]], **fixed: str) -> None:
    columns = {name: [row[name] for row in rows] for name in rows[0]}
    columns |= {name: [value] * len(rows) for name, value in fixed.items()}
    store.insert(table, columns)


def _finalised(m: Measure) -> str:
    return m.from_raw.replace("DDStateIf", "DDIf").replace("DDState", "DD")


def _compare(
    store: ChdbStore, rollup: Rollup, level: Level, key: str, value: str, *, table: str = ""
) -> None:
    """`table` (default: the level's own) holds what the raw rows aggregate to at `level`."""
    table = table or rollup.table(level)
    keys = [name for name, _ in rollup.keys]
    window = level.window.format(t="timestamp")
    dims = ", ".join(f"{expr} AS {name}" for name, expr in rollup.keys)
    raw = store.query(
        f"SELECT {window} AS w, {dims}, "  # noqa: S608 - generated from the schema
        + ", ".join(f"{_finalised(m)} AS {m.name}" for m in rollup.measures)
        + f" FROM {rollup.source} WHERE {key} = {{v:String}} GROUP BY w, {', '.join(keys)}"
        + f" ORDER BY w, {', '.join(keys)}",
        {"v": value},
    ).rows
    rolled = store.query(
        f"SELECT window_start AS w, {', '.join(keys)}, "  # noqa: S608 - generated from the schema
        + ", ".join(f"{m.final} AS {m.name}" for m in rollup.measures)
        + f" FROM {table} WHERE {key} = {{v:String}} GROUP BY w, {', '.join(keys)}"
        + f" ORDER BY w, {', '.join(keys)}",
        {"v": value},
    ).rows
    assert len(rolled) == len(raw), f"{table}: groups differ"
    names = ["w", *keys, *(m.name for m in rollup.measures)]
    for got, want in zip(rolled, raw, strict=True):
        for name, g, w in zip(names, got, want, strict=True):
            _assert_equal(g, w, f"{table}.{name}")


def _assert_equal(got: Any, want: Any, what: str) -> None:
    if isinstance(want, list):
        assert isinstance(got, list), what
        assert len(got) == len(want), what
        for g, w in zip(got, want, strict=True):
            _assert_equal(g, w, what)
    elif isinstance(want, float) and not isinstance(got, int | float):
        raise AssertionError(f"{what}: {got!r} is not a number")
    elif isinstance(want, float):
        if math.isnan(want):
            assert math.isnan(float(got)), what
        else:
            assert float(got) == pytest.approx(want, rel=1e-5 if "quantiles" in what else 1e-9), (
                what
            )
    else:
        assert got == want, what


@given(rows=inference_rows)
@SETTINGS
def test_inference_rollups(store: ChdbStore, rows: list[dict[str, Any]]) -> None:
    pool = f"pool-{uuid.uuid4().hex[:8]}"
    _insert(store, "ngf_inference_logs", rows, inference_pool=pool, namespace="ns")
    for rollup in (INFERENCE_ROLLUP, INFERENCE_POD_ROLLUP):  # at once, through the buffer
        _compare(store, rollup, LEVELS[0], "inference_pool", pool, table=rollup.buffer)
    flush_buffers(store)
    for level in LEVELS:
        _compare(store, INFERENCE_ROLLUP, level, "inference_pool", pool)
        _compare(store, INFERENCE_POD_ROLLUP, level, "inference_pool", pool)
    daily = store.query(
        "SELECT model_name, sum(request_count), sum(tokens_generated) "
        "FROM ngf_inference_metrics_1d WHERE inference_pool = {p:String} GROUP BY model_name",
        {"p": pool},
    ).rows
    requests: Counter[str] = Counter(r["model_name"] for r in rows)
    tokens: Counter[str] = Counter()
    for r in rows:
        tokens[r["model_name"]] += r["tokens_generated"]
    assert {m: (n, t) for m, n, t in daily} == {m: (requests[m], tokens[m]) for m in requests}


@given(rows=access_rows)
@SETTINGS
def test_access_rollups(store: ChdbStore, rows: list[dict[str, Any]]) -> None:
    gateway = f"gw-{uuid.uuid4().hex[:8]}"
    _insert(store, "ngf_access_logs", rows, gateway=gateway, namespace="ns")
    _compare(store, ACCESS_ROLLUP, LEVELS[0], "gateway", gateway, table=ACCESS_ROLLUP.buffer)
    flush_buffers(store)
    for level in LEVELS:
        _compare(store, ACCESS_ROLLUP, level, "gateway", gateway)
    total = store.query(
        "SELECT sum(request_count), sum(response_bytes) FROM ngf_metrics_1h "
        "WHERE gateway = {g:String}",
        {"g": gateway},
    ).rows[0]
    assert total == (len(rows), sum(r["response_size"] for r in rows))


@given(rows=decision_rows)
@SETTINGS
def test_decision_rollups(store: ChdbStore, rows: list[dict[str, Any]]) -> None:
    pool = f"pool-{uuid.uuid4().hex[:8]}"
    _insert(store, "ngf_epp_decisions", rows, inference_pool=pool, namespace="ns")
    _compare(store, DECISION_ROLLUP, LEVELS[0], "inference_pool", pool,
             table=DECISION_ROLLUP.buffer)  # fmt: skip
    flush_buffers(store)
    for level in LEVELS:
        _compare(store, DECISION_ROLLUP, level, "inference_pool", pool)
    per_pod = store.query(
        "SELECT picked_pod, sum(decision_count) FROM ngf_epp_decisions_1m "
        "WHERE inference_pool = {p:String} GROUP BY picked_pod",
        {"p": pool},
    ).rows
    assert dict(per_pod) == dict(Counter(r["picked_pod"] for r in rows))  # type: ignore[arg-type]


def test_the_buffers_flush_on_their_own(store: ChdbStore) -> None:
    """Without an explicit flush, rows reach the 1-hour and 1-day levels within
    `BUFFER.max_seconds` (the engine's background flush)."""
    pool = f"pool-{uuid.uuid4().hex[:8]}"
    now = dt.datetime.now(dt.UTC)
    rows = [{"timestamp": now, "pod_name": "pod-0", "model_name": "m", "status": 200}] * 3
    _insert(store, "ngf_inference_logs", rows, inference_pool=pool, namespace="ns")
    sql = "SELECT sum(request_count) FROM {t:Identifier} WHERE inference_pool = {p:String}"
    assert store.query(sql, {"t": INFERENCE_ROLLUP.buffer, "p": pool}).scalar() == 3
    deadline = time.monotonic() + BUFFER.max_seconds + 30  # generous on a loaded machine
    daily = INFERENCE_ROLLUP.table(LEVELS[-1])
    while store.query(sql, {"t": daily, "p": pool}).scalar() != 3:
        assert time.monotonic() < deadline, f"{daily} did not receive the buffered rows"
        time.sleep(0.5)
