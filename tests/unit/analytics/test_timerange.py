"""Time ranges, filters and table choice (`analytics.queries.timerange`).

Matrix: alignment of start/end to the step; invalid ranges (naive datetimes, step < 1, end
before start, too many points) name the field; `plan()` by step for auto and explicit
sources; WHERE clauses bind the range and only the filters that are set.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ngf_console.analytics.errors import InvalidQueryError
from ngf_console.analytics.queries.timerange import (
    Filters,
    Source,
    TimeRange,
    bucket,
    plan,
    where,
)
from ngf_console.analytics.schema.rollups import INFERENCE_ROLLUP

T0 = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


def _range(start_offset: float, end_offset: float, step: int) -> TimeRange:
    return TimeRange(T0 + dt.timedelta(seconds=start_offset),
                     T0 + dt.timedelta(seconds=end_offset), step)  # fmt: skip


def test_range_is_aligned_outward_to_the_step() -> None:
    rng = _range(10, 130.5, 60)
    base = int(T0.timestamp())
    assert (rng.start_s, rng.end_s, rng.seconds) == (base, base + 180, 180)


def test_last() -> None:
    rng = TimeRange.last(3600, 60, now=T0)
    assert rng.end_s == int(T0.timestamp())
    assert rng.seconds == 3600


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: TimeRange(T0.replace(tzinfo=None), T0 + dt.timedelta(hours=1), 60), "start"),
        (lambda: TimeRange(T0, (T0 + dt.timedelta(hours=1)).replace(tzinfo=None), 60), "end"),
        (lambda: _range(0, 60, 0), "step"),
        (lambda: _range(60, 0, 1), "end"),
        (lambda: _range(0, 0, 1), "end"),
        (lambda: _range(0, 86400, 1), "step"),
    ],
    ids=["naive-start", "naive-end", "step-0", "end-before-start", "empty", "too-many-points"],
)
def test_invalid_ranges_name_the_field(make: object, field: str) -> None:
    with pytest.raises(InvalidQueryError) as caught:
        make()  # type: ignore[operator]
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("step", "source", "table"),
    [
        (15, "auto", "ngf_inference_logs"),
        (90, "auto", "ngf_inference_logs"),
        (60, "auto", "ngf_inference_metrics_1m_buffer"),
        (300, "auto", "ngf_inference_metrics_1m_buffer"),
        (3600, "auto", "ngf_inference_metrics_1h"),
        (7200, "auto", "ngf_inference_metrics_1h"),
        (86400, "auto", "ngf_inference_metrics_1d"),
        (86400, "raw", "ngf_inference_logs"),
        (86400, "1m", "ngf_inference_metrics_1m_buffer"),
        (3600, "1h", "ngf_inference_metrics_1h"),
    ],
)
def test_plan_by_step(step: int, source: Source, table: str) -> None:
    p = plan(_range(0, 86400 * 2 if step >= 60 else 3600, step), "ngf_inference_logs",
             INFERENCE_ROLLUP, source)  # fmt: skip
    assert p.table == table
    assert p.is_rollup == (table != "ngf_inference_logs")
    assert bucket(p).startswith(f"intDiv(toUnixTimestamp({p.time_column})")


def test_without_a_rollup_only_raw_answers() -> None:
    rng = _range(0, 86400, 3600)
    assert plan(rng, "ngf_inference_logs", None, "auto").table == "ngf_inference_logs"
    with pytest.raises(InvalidQueryError, match="no 1h rollup answers this"):
        plan(rng, "ngf_inference_logs", None, "1h")


def test_explicit_rollup_needs_a_multiple_of_its_resolution() -> None:
    with pytest.raises(InvalidQueryError, match="multiple of 3600s for 1h"):
        plan(_range(0, 86400, 60), "ngf_inference_logs", INFERENCE_ROLLUP, "1h")


def test_where_binds_the_range_and_set_filters_only() -> None:
    rng = _range(0, 3600, 60)
    columns = {"namespace": "namespace", "pool": "inference_pool", "pod": "pod_name"}
    raw = plan(rng, "ngf_inference_logs", INFERENCE_ROLLUP, "raw")
    clause, params = where(raw, rng, Filters(pool="llama", model="m"), columns)
    assert clause == (
        "timestamp_s >= toDateTime({start:Int64}) AND "
        "timestamp_s < toDateTime({end:Int64}) AND inference_pool = {pool:String}"
    )
    assert params["pool"] == "llama"
    assert "model" not in params
    assert params["start_ms"] == rng.start_s * 1000
    rollup = plan(rng, "ngf_inference_logs", INFERENCE_ROLLUP, "1m")
    clause, params = where(rollup, rng, Filters(namespace="ns", pod="p-1"), columns)
    assert clause.startswith("window_start >= toDateTime({start:Int64})")
    assert clause.endswith("namespace = {namespace:String} AND pod_name = {pod:String}")
