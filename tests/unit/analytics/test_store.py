"""Helpers around the store protocol (`analytics.store`, `analytics.jsonio`).

Matrix: batch lengths; formatted inserts must name the payload source once; `QueryResult`
dicts/scalar; `rows_as` maps columns to dataclass fields with numeric conversion; JSON
batches and results keep values exact (64-bit ints, NaN/null by column type, DateTime UTC,
nested arrays, SimpleAggregateFunction types) and refuse naive datetimes.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass

import pytest

from ngf_console.analytics.errors import SchemaError
from ngf_console.analytics.jsonio import decode_result, encode_batch
from ngf_console.analytics.store import (
    PAYLOAD_SOURCE,
    FormattedInsert,
    QueryResult,
    batch_length,
    rows_as,
)


def test_batch_length() -> None:
    assert batch_length({"a": [1, 2], "b": ["x", "y"]}) == 2
    with pytest.raises(SchemaError, match="differ in length"):
        batch_length({"a": [1], "b": []})
    with pytest.raises(SchemaError, match="at least one column"):
        batch_length({})


@pytest.mark.parametrize("sql", ["INSERT INTO t SELECT 1", f"{PAYLOAD_SOURCE} {PAYLOAD_SOURCE}"])
def test_formatted_insert_names_the_source_once(sql: str) -> None:
    with pytest.raises(SchemaError, match="exactly once"):
        FormattedInsert(sql, "Protobuf", "x String", {})


def test_query_result_views() -> None:
    result = QueryResult(("a", "b"), [(1, "x"), (2, "y")])
    assert result.dicts() == [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]
    assert QueryResult(("n",), [(7,)]).scalar() == 7
    with pytest.raises(SchemaError, match="expected one value"):
        result.scalar()


@dataclass(frozen=True)
class Row:
    name: str
    count: int
    mean: float


def test_rows_as() -> None:
    result = QueryResult(("count", "name", "mean", "extra"), [(3, "a", 1), (None, "b", None, 0)])
    rows = rows_as(result, Row)
    assert rows[0] == Row("a", 3, 1.0)
    assert rows[1].count == 0
    assert math.isnan(rows[1].mean)
    with pytest.raises(SchemaError, match=r"lacks columns \['mean'\]"):
        rows_as(QueryResult(("name", "count"), [("a", 1)]), Row)
    assert rows_as(QueryResult((), []), Row) == []
    with pytest.raises(SchemaError, match="not a dataclass"):
        rows_as(result, dict)


def test_batches_encode_exactly() -> None:
    when = dt.datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    doc = json.loads(encode_batch({"ts": [when], "n": [2**64 - 1], "f": [math.nan],
                                   "a": [[1.5, math.inf]], "s": ["q\"'"]}))  # fmt: skip
    assert doc == {"ts": ["2026-01-02 01:04:05.678000"], "n": [2**64 - 1], "f": ["nan"],
                   "a": [[1.5, "inf"]], "s": ["q\"'"]}  # fmt: skip
    with pytest.raises(SchemaError, match="has no timezone"):
        encode_batch({"ts": [when.replace(tzinfo=None)]})
    with pytest.raises(SchemaError, match="cannot be sent"):
        encode_batch({"x": [object()]})


def test_results_decode_by_column_type() -> None:
    doc = {
        "meta": [
            {"name": "n", "type": "UInt64"},
            {"name": "f", "type": "Float64"},
            {"name": "t", "type": "DateTime64(3)"},
            {"name": "a", "type": "Array(Nullable(Float32))"},
            {"name": "f32", "type": "Float32"},
            {"name": "s", "type": "SimpleAggregateFunction(sum, Float64)"},
            {"name": "l", "type": "LowCardinality(String)"},
        ],
        "data": [
            [18446744073709551615, None, "2026-01-02 03:04:05.678", [1, None], 1024.4688, 250, "x"]
        ],
    }
    result = decode_result(json.dumps(doc).encode())
    n, f, t, a, f32, s, lc = result.rows[0]
    assert f32 == 1024.46875  # the float32 the engine holds, not its shortest decimal
    assert n == 2**64 - 1
    assert isinstance(f, float)
    assert math.isnan(f)
    assert t == dt.datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=dt.UTC)
    assert isinstance(a, list)
    assert a[0] == 1.0
    assert isinstance(a[1], float)
    assert math.isnan(a[1])
    assert s == 250.0
    assert isinstance(s, float)
    assert lc == "x"
