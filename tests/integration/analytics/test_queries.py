"""Dashboard queries on a synthetic dataset with known figures, from raw rows and rollups.

The dataset (its own namespace) covers two hours, H0 and H1:

* H0 — pod-0/model m-a: 100 successful requests, TTFT 1…100 ms, 10 output tokens each,
  100 prompt tokens of which 50 cached, every other one a prefix hit, queue 2 + prefill 3 +
  decode 5 = 10 ms, 20 tokens/s decode speed; pod-1/m-b: 8 successes with TTFT 1000 ms and
  30 tokens, one 404 and one 503 (no tokens);
* H1 — pod-1/m-a: 50 successes with TTFT 200 ms and 100 tokens;
* EPP decisions: pod-0 10 x least_queue, 5 x prefix_hit; pod-1 15 x kv_available;
  100 µs each.

Every query runs with step 3600 from the raw table, the 1-minute and 1-hour rollups and
`auto`, and must give the same known figures (percentiles are t-digest estimates: within
1 ms of the exact value); per-pod percentiles only from raw rows (the rollups keep none).
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from typing import Any

import pytest

from ngf_console.analytics.chdb_store import ChdbStore
from ngf_console.analytics.errors import InvalidQueryError
from ngf_console.analytics.queries import decisions, inference
from ngf_console.analytics.queries.timerange import Filters, Source, TimeRange
from ngf_console.analytics.schema.rollups import SKETCH_ACCURACY, flush_buffers

pytestmark = [pytest.mark.integration]

H0 = dt.datetime.now(dt.UTC).replace(minute=0, second=0, microsecond=0) - dt.timedelta(hours=2)
T0, T1 = int(H0.timestamp()), int(H0.timestamp()) + 3600
SOURCES: list[Source] = ["raw", "1m", "1h", "auto"]


def _near_rank(got: float | None, exact: float) -> bool:
    """`got` is within the sketches' accuracy of a value at the percentile's rank (1..100 data:
    the ranks around an interpolated `exact` hold floor(exact) and ceil(exact))."""
    assert got is not None
    low, high = math.floor(exact) * (1 - SKETCH_ACCURACY), math.ceil(exact) * (1 + SKETCH_ACCURACY)
    return low <= got <= high


def _rows(n: int, start: dt.datetime, **values: Any) -> list[dict[str, Any]]:
    rows = []
    for i in range(n):
        row = {"timestamp": start + dt.timedelta(seconds=30 * i)}
        row |= {k: v(i) if callable(v) else v for k, v in values.items()}
        rows.append(row)
    return rows


@pytest.fixture(scope="module")
def dataset(store: ChdbStore) -> Filters:
    ns = f"ns-{uuid.uuid4().hex[:8]}"
    ok = {"status": 200, "tokens_per_second": 20.0}
    rows = (
        _rows(100, H0, pod_name="pod-0", model_name="m-a", time_to_first_token_ms=lambda i: i + 1.0,
              tokens_generated=10, input_tokens=100, cached_tokens=50,
              prefix_cache_hit=lambda i: i % 2 == 0, queue_time_ms=2.0, prefill_time_ms=3.0,
              decode_time_ms=5.0, total_inference_time_ms=10.0, **ok)
        + _rows(8, H0, pod_name="pod-1", model_name="m-b", time_to_first_token_ms=1000.0,
                tokens_generated=30, **ok)
        + _rows(1, H0, pod_name="pod-1", model_name="m-b", status=404)
        + _rows(1, H0, pod_name="pod-1", model_name="m-b", status=503)
        + _rows(50, H0 + dt.timedelta(hours=1), pod_name="pod-1", model_name="m-a",
                time_to_first_token_ms=200.0, tokens_generated=100, **ok)
    )  # fmt: skip
    columns = {name: [r.get(name, 0) for r in rows] for name in {k for r in rows for k in r}}
    store.insert("ngf_inference_logs", {**columns, "namespace": [ns] * len(rows),
                                        "inference_pool": ["pool"] * len(rows)})  # fmt: skip
    picks = [("pod-0", "least_queue")] * 10 + [("pod-0", "prefix_hit")] * 5
    picks += [("pod-1", "kv_available")] * 15
    store.insert("ngf_epp_decisions", {
        "timestamp": [H0 + dt.timedelta(seconds=i) for i in range(len(picks))],
        "namespace": [ns] * len(picks), "inference_pool": ["pool"] * len(picks),
        "picked_pod": [p for p, _ in picks], "reason": [r for _, r in picks],
        "decision_latency_us": [100.0] * len(picks),
    })  # fmt: skip
    flush_buffers(store)  # what the engine does within BUFFER.max_seconds
    return Filters(namespace=ns, pool="pool")


RANGE = TimeRange(H0, H0 + dt.timedelta(hours=2), 3600)


@pytest.mark.parametrize("source", SOURCES)
def test_request_counts(store: ChdbStore, dataset: Filters, source: Source) -> None:
    points = inference.request_counts(store, RANGE, dataset, source)
    assert [(p.t, p.requests, p.client_errors, p.server_errors) for p in points] == [
        (T0, 110, 1, 1), (T1, 50, 0, 0)]  # fmt: skip


@pytest.mark.parametrize("source", ["raw", "auto"])
def test_ttft_percentiles_per_pod(store: ChdbStore, dataset: Filters, source: Source) -> None:
    pod0 = Filters(namespace=dataset.namespace, pod="pod-0")
    (h0,) = inference.ttft_percentiles(store, RANGE, pod0, source)
    assert (h0.t, h0.requests, h0.max) == (T0, 100, 100.0)
    assert h0.avg == pytest.approx(50.5)
    for got, exact in ((h0.p50, 50.5), (h0.p90, 90.5), (h0.p95, 95.5), (h0.p99, 99.5)):
        assert _near_rank(got, exact)


@pytest.mark.parametrize("source", ["1m", "1h"])
def test_rollups_keep_no_per_pod_percentiles(
    store: ChdbStore, dataset: Filters, source: Source
) -> None:
    pod0 = Filters(namespace=dataset.namespace, pod="pod-0")
    with pytest.raises(InvalidQueryError, match="use raw or auto"):
        inference.ttft_percentiles(store, RANGE, pod0, source)


@pytest.mark.parametrize("source", SOURCES)
def test_ttft_percentiles(store: ChdbStore, dataset: Filters, source: Source) -> None:
    m_a = Filters(namespace=dataset.namespace, model="m-a")
    (h0, h1) = inference.ttft_percentiles(store, RANGE, m_a, source)
    assert (h0.requests, h0.max, h1.requests) == (100, 100.0, 50)
    for got, exact in ((h0.p50, 50.5), (h0.p90, 90.5), (h0.p95, 95.5), (h0.p99, 99.5)):
        assert _near_rank(got, exact)
    both = inference.ttft_percentiles(store, RANGE, dataset, source)
    assert [p.requests for p in both] == [108, 50]
    assert both[0].avg == pytest.approx((5050 + 8000) / 108)
    assert both[1].avg == 200.0
    assert both[1].p50 == pytest.approx(200.0, rel=SKETCH_ACCURACY)
    assert both[1].p99 == pytest.approx(200.0, rel=SKETCH_ACCURACY)


@pytest.mark.parametrize("source", SOURCES)
def test_throughput(store: ChdbStore, dataset: Filters, source: Source) -> None:
    result = inference.throughput(store, RANGE, dataset, source)
    per_pod = {(p.t, p.pod): p.tokens_per_s for p in result.per_pod}
    assert per_pod == pytest.approx({(T0, "pod-0"): 1000 / 3600, (T0, "pod-1"): 240 / 3600,
                                     (T1, "pod-1"): 5000 / 3600})  # fmt: skip
    assert [t for t, _ in result.total] == [T0, T1]
    assert [rate for _, rate in result.total] == pytest.approx([1240 / 3600, 5000 / 3600])


@pytest.mark.parametrize("source", SOURCES)
def test_latency_breakdown_and_prefix_cache(
    store: ChdbStore, dataset: Filters, source: Source
) -> None:
    pod0 = Filters(namespace=dataset.namespace, pod="pod-0")
    (latency,) = inference.latency_breakdown(store, RANGE, pod0, source)
    assert (latency.requests, latency.queue_ms, latency.prefill_ms, latency.decode_ms,
            latency.total_ms) == (100, 2.0, 3.0, 5.0, 10.0)  # fmt: skip
    (prefix,) = inference.prefix_cache(store, RANGE, pod0, source)
    assert (prefix.requests, prefix.epp_hit_rate, prefix.cached_token_ratio) == (100, 0.5, 0.5)
    pod1 = inference.prefix_cache(store, RANGE, Filters(namespace=dataset.namespace, pod="pod-1"),
                                  source)  # fmt: skip
    assert [(p.epp_hit_rate, p.cached_token_ratio) for p in pod1] == [(0.0, None), (0.0, None)]


@pytest.mark.parametrize("source", SOURCES)
def test_model_comparison_and_summary(store: ChdbStore, dataset: Filters, source: Source) -> None:
    models = {m.model: m for m in inference.model_comparison(store, RANGE, dataset, source)}
    a, b = models["m-a"], models["m-b"]
    assert (a.requests, a.errors, b.requests, b.errors) == (150, 0, 10, 2)
    assert a.tokens_per_s == pytest.approx(6000 / 7200)
    assert b.tokens_per_s == pytest.approx(240 / 7200)
    assert a.avg_decode_tokens_per_s == 20.0
    assert (b.ttft_p50, b.ttft_p95) == pytest.approx((1000.0, 1000.0), rel=SKETCH_ACCURACY)
    assert a.prefix_hit_rate == pytest.approx(50 / 150)
    assert a.ttft_avg == pytest.approx((5050 + 50 * 200) / 150)
    total = inference.summary(store, RANGE, dataset, source)
    assert (total.model, total.requests, total.errors) == ("", 160, 2)
    assert total.tokens_per_s == pytest.approx(6240 / 7200)


@pytest.mark.parametrize("source", SOURCES)
def test_decision_counts(store: ChdbStore, dataset: Filters, source: Source) -> None:
    counts = decisions.decision_counts(store, RANGE, dataset, source)
    assert counts.total == 30
    assert counts.by_pod == {"pod-0": 15, "pod-1": 15}
    assert counts.by_reason == {"least_queue": 10, "prefix_hit": 5, "kv_available": 15}
    pairs = {(c.pod, c.reason): c.decisions for c in counts.by_pod_reason}
    assert pairs == {("pod-0", "least_queue"): 10, ("pod-0", "prefix_hit"): 5,
                     ("pod-1", "kv_available"): 15}  # fmt: skip
    assert counts.avg_latency_us == pytest.approx(100.0)


def test_filters_and_empty_ranges(store: ChdbStore, dataset: Filters) -> None:
    other = Filters(namespace=dataset.namespace, model="m-b")
    assert [p.requests for p in inference.request_counts(store, RANGE, other)] == [10]
    before = TimeRange(H0 - dt.timedelta(days=1), H0 - dt.timedelta(hours=20), 3600)
    assert inference.ttft_percentiles(store, before, dataset) == []
    assert decisions.decision_counts(store, before, dataset).avg_latency_us is None
