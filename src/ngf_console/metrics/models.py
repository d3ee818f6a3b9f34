"""Typed results of the Prometheus HTTP API (`/api/v1/query`, `/query_range`, `/series`).

Sample values arrive as strings ("1.5", "NaN", "+Inf"); they are parsed to floats here.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Sample:
    """One series' value at one instant."""

    labels: dict[str, str]
    value: float
    timestamp: float

    @property
    def name(self) -> str:
        return self.labels.get("__name__", "")


@dataclass(frozen=True, slots=True)
class Series:
    """One series over a range: (unix seconds, value) points in time order."""

    labels: dict[str, str]
    points: list[tuple[float, float]] = field(default_factory=list)
