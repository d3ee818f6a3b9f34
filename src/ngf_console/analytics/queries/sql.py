"""Shared SQL assembly for the dashboard queries: one SELECT over raw rows or a rollup.

Each query states its aggregates twice — over raw rows and over rollup states — and
`select()` puts the chosen ones between the range/filters WHERE clause and the GROUP BY. The
raw forms use `-If` combinators (not WHERE) wherever the rollup measure is conditional, so
both answer with a row for every bucket that has any row.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ngf_console.analytics.queries.timerange import Filters, Plan, TimeRange, bucket, where
from ngf_console.analytics.store import AnalyticsStore, Param, QueryResult

_PLACEHOLDER = re.compile(r"\{(\w+):")


@dataclass(frozen=True, slots=True)
class Aggregates:
    """The same named aggregates over raw rows (`raw`) and over a rollup (`rollup`)."""

    raw: tuple[str, ...]
    rollup: tuple[str, ...]

    def for_plan(self, p: Plan) -> tuple[str, ...]:
        return self.rollup if p.is_rollup else self.raw


def select(
    p: Plan,
    rng: TimeRange,
    filters: Filters,
    aggregates: Aggregates,
    *,
    columns: dict[str, str],
    dimensions: Sequence[tuple[str, str]] = (),
    series: bool = True,
) -> tuple[str, dict[str, Param]]:
    """`SELECT [t,] dimensions, aggregates FROM table WHERE … GROUP BY … ORDER BY …`.

    `dimensions` are (alias, column) pairs grouped on; `series` adds the bucket `t`.
    """
    clause, params = where(p, rng, filters, columns)
    keys = ([f"{bucket(p)} AS t"] if series else []) + [f"{c} AS {a}" for a, c in dimensions]
    group = (["t"] if series else []) + [a for a, _ in dimensions]
    exprs = ", ".join([*keys, *aggregates.for_plan(p)])
    # table and expressions are constants of this package; values are bound parameters
    sql = f"SELECT {exprs} FROM {p.table} WHERE {clause}"  # noqa: S608
    if group:
        sql += f" GROUP BY {', '.join(group)} ORDER BY {', '.join(group)}"
    return sql, params


def run(store: AnalyticsStore, sql: str, params: dict[str, Param]) -> QueryResult:
    """Run `sql` with only the parameters it names."""
    names = set(_PLACEHOLDER.findall(sql))
    return store.query(sql, {k: v for k, v in params.items() if k in names})


def finite(value: object) -> float | None:
    """`value` as a float, or None when it is missing or NaN (no data)."""
    if value is None:
        return None
    number = float(value)  # type: ignore[arg-type]  # numeric ClickHouse cells
    return None if math.isnan(number) or math.isinf(number) else number


def percentile(values: object, index: int) -> float | None:
    """Element `index` of a ClickHouse `quantiles…` array, None when absent or NaN."""
    if not isinstance(values, list) or index >= len(values):
        return None
    return finite(values[index])
