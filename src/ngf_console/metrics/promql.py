"""PromQL text builders: selectors with escaped matchers, and the few functions we compose.

Label values are escaped as PromQL string literals (backslash, double quote, newline), metric
and label names are checked against Prometheus' grammar (metric names may contain colons),
so no caller-supplied text can change a query's structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

_METRIC = re.compile(r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")
_LABEL = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")
_DURATION = re.compile(r"^(\d+(ms|s|m|h|d|w|y))+$")


def metric_name(name: str) -> str:
    if not _METRIC.match(name):
        raise ValueError(f"not a Prometheus metric name: {name!r}")
    return name


def label_name(name: str) -> str:
    if not _LABEL.match(name):
        raise ValueError(f"not a Prometheus label name: {name!r}")
    return name


def duration(text: str) -> str:
    if not _DURATION.match(text):
        raise ValueError(f"not a PromQL duration: {text!r}")
    return text


def quote(value: str) -> str:
    """`value` as a PromQL double-quoted string."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def selector(metric: str, matchers: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> str:
    """`metric{label="value", …}` with equality matchers, in the given order."""
    pairs = matchers.items() if isinstance(matchers, Mapping) else matchers
    inner = ",".join(f"{label_name(k)}={quote(v)}" for k, v in pairs)
    return f"{metric_name(metric)}{{{inner}}}" if inner else metric_name(metric)


def by(labels: Sequence[str]) -> str:
    """` by (a, b)` — empty when there are no labels (aggregate everything)."""
    return f" by ({', '.join(label_name(x) for x in labels)})" if labels else ""


def scaled(expr: str, factor: float) -> str:
    return expr if factor == 1.0 else f"({expr}) * {factor!r}"


def rename_label(expr: str, target: str, source: str) -> str:
    """`expr` with label `source` copied to `target` (no-op when they are the same)."""
    if target == source:
        return expr
    to, of = quote(label_name(target)), quote(label_name(source))
    return f'label_replace({expr}, {to}, "$1", {of}, "(.*)")'
