"""Go duration strings (the CRDs' format) → seconds, and NGF's narrower format."""

from __future__ import annotations

import math
import re

_PART = re.compile(r"([0-9]+(?:\.[0-9]+)?)(ns|us|ms|s|m|h|d)")
_UNIT_SECONDS = {
    "ns": 1e-9,
    "us": 1e-6,
    "ms": 1e-3,
    "s": 1.0,
    "m": 60.0,
    "h": 3600.0,
    "d": 86400.0,
}


def seconds(duration: str) -> float:
    """`1m30s` → 90.0. Raises ValueError naming the input when it is not a duration."""
    parts = _PART.findall(duration)
    if not parts or "".join(n + u for n, u in parts) != duration:
        raise ValueError(f"{duration!r} is not a duration such as 500ms, 5s, 1m or 1h30m")
    return sum(float(n) * _UNIT_SECONDS[u] for n, u in parts)


def whole_seconds(duration: str) -> int:
    """The duration rounded up to whole seconds (KEDA and HPA count seconds)."""
    return math.ceil(seconds(duration))


def ngf_duration(duration: str) -> str:
    """NGF's Duration (`^[0-9]{1,4}(ms|s|m|h)?$`): one number and one unit.

    Picks the largest unit that represents the value exactly, falling back to
    rounding up to whole seconds, minutes or hours when needed to fit four digits.
    """
    total_ms = math.ceil(seconds(duration) * 1000)
    for unit, size in (("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1)):
        if total_ms % size == 0 and total_ms // size <= 9999:
            return f"{total_ms // size}{unit}"
    for unit, size in (("s", 1000), ("m", 60_000), ("h", 3_600_000)):
        value = math.ceil(total_ms / size)
        if value <= 9999:
            return f"{value}{unit}"
    raise ValueError(f"{duration!r} is longer than NGF's largest duration (9999h)")
