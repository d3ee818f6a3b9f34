"""Time ranges, filters, and which table answers a query.

A `TimeRange` is aligned outward to its step (start down, end up to a multiple of `step`
since the epoch), so buckets are `[t, t + step)` and a rollup answers exactly. `plan()`
picks the table: with `source="auto"`, the coarsest rollup whose resolution divides the step
(1 day, 1 hour, 1 minute), else the raw table (a step under a minute or not a whole number of
minutes). Rollups are updated by the insert itself, so they are as fresh as the raw rows; the
raw table's shorter TTL is why long ranges must use rollups. Ranges are capped at
`MAX_POINTS` buckets, like Prometheus' 11,000 points per series.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Literal

from ngf_console.analytics.errors import InvalidQueryError
from ngf_console.analytics.params import identifier
from ngf_console.analytics.schema.model import SECONDS_COLUMN
from ngf_console.analytics.schema.rollups import LEVELS, Rollup
from ngf_console.analytics.store import Param

Source = Literal["auto", "raw", "1m", "1h", "1d"]
MAX_POINTS = 11_000


@dataclass(frozen=True, slots=True)
class TimeRange:
    """`[start, end)` in steps of `step` seconds; see the module docstring for alignment."""

    start: dt.datetime
    end: dt.datetime
    step: int

    def __post_init__(self) -> None:
        for name in ("start", "end"):
            if getattr(self, name).tzinfo is None:
                raise InvalidQueryError(name, "must carry a timezone")
        if self.step < 1:
            raise InvalidQueryError("step", "must be at least 1 second")
        if self.end <= self.start:
            raise InvalidQueryError("end", "must be after start")
        if (self.end_s - self.start_s) // self.step > MAX_POINTS:
            raise InvalidQueryError(
                "step", f"gives more than {MAX_POINTS} points; use a larger step"
            )

    @property
    def start_s(self) -> int:
        """Start, aligned down to the step (Unix seconds)."""
        return int(self.start.timestamp()) // self.step * self.step

    @property
    def end_s(self) -> int:
        """End, aligned up to the step (Unix seconds)."""
        return -(-math.ceil(self.end.timestamp()) // self.step) * self.step

    @property
    def seconds(self) -> int:
        return self.end_s - self.start_s

    @classmethod
    def last(cls, seconds: int, step: int, now: dt.datetime | None = None) -> TimeRange:
        """The `seconds` before `now` (default: the current time)."""
        end = now or dt.datetime.now(dt.UTC)
        return cls(end - dt.timedelta(seconds=seconds), end, step)


@dataclass(frozen=True, slots=True)
class Filters:
    """Equality filters; None means "any"."""

    namespace: str | None = None
    pool: str | None = None
    model: str | None = None
    pod: str | None = None


ANY = Filters()


@dataclass(frozen=True, slots=True)
class Plan:
    """The table that answers a query and how to read its time column."""

    table: str
    rollup: Rollup | None
    time_column: str

    @property
    def is_rollup(self) -> bool:
        return self.rollup is not None


def plan(rng: TimeRange, raw_table: str, rollup: Rollup | None, source: Source = "auto") -> Plan:
    """The raw table or the rollup level answering `rng` (see the module docstring).

    `rollup` None: no rollup can answer (e.g. per-pod percentiles), only raw rows.
    """
    if source == "raw":
        return Plan(raw_table, None, SECONDS_COLUMN)
    if rollup is None:
        if source != "auto":
            raise InvalidQueryError("source", f"no {source} rollup answers this; use raw or auto")
        return Plan(raw_table, None, SECONDS_COLUMN)
    levels = {level.suffix: level for level in LEVELS}
    if source != "auto":
        level = levels[source]
        if rng.step % level.seconds:
            raise InvalidQueryError("step", f"must be a multiple of {level.seconds}s for {source}")
        return Plan(rollup.read_table(level), rollup, "window_start")
    for level in reversed(LEVELS):
        if rng.step % level.seconds == 0:
            return Plan(rollup.read_table(level), rollup, "window_start")
    return Plan(raw_table, None, SECONDS_COLUMN)


def where(
    p: Plan, rng: TimeRange, filters: Filters, columns: dict[str, str]
) -> tuple[str, dict[str, Param]]:
    """The WHERE clause and its parameters: the range, then each filter that is set.

    `columns` maps filter fields (namespace, pool, model, pod) to this table's columns.
    """
    if p.is_rollup:
        clauses = [
            "window_start >= toDateTime({start:Int64})",
            "window_start < toDateTime({end:Int64})",
        ]
    else:
        clauses = [  # whole-second bounds: the seconds column selects the same rows
            f"{SECONDS_COLUMN} >= toDateTime({{start:Int64}})",
            f"{SECONDS_COLUMN} < toDateTime({{end:Int64}})",
        ]
    params: dict[str, Param] = {
        "start": rng.start_s,
        "end": rng.end_s,
        "start_ms": rng.start_s * 1000,
        "end_ms": rng.end_s * 1000,
        "step": rng.step,
    }
    for field in ("namespace", "pool", "model", "pod"):
        value = getattr(filters, field)
        if value is not None and field in columns:
            clauses.append(f"{identifier(columns[field])} = {{{field}:String}}")
            params[field] = value
    return " AND ".join(clauses), params


def bucket(p: Plan) -> str:
    """The bucket start of a row (Unix seconds) for a `{step}`-second series."""
    return f"intDiv(toUnixTimestamp({p.time_column}), {{step:UInt32}}) * {{step:UInt32}}"
