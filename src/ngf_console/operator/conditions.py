"""metav1.Condition bookkeeping: a condition's transition time moves only when its status does."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ngf_console.api.v1alpha1.common import Condition

Status = Literal["True", "False", "Unknown"]


def set_condition(
    existing: list[Condition],
    type_: str,
    status: Status,
    reason: str,
    message: str,
    *,
    generation: int | None,
    now: dt.datetime,
) -> list[Condition]:
    """`existing` with `type_` set; the other conditions keep their order and values."""
    previous = next((c for c in existing if c.type == type_), None)
    moved = previous is None or previous.status != status
    condition = Condition(
        type=type_,
        status=status,
        reason=reason,
        message=message[:32768],
        observed_generation=generation,
        last_transition_time=now if moved or previous is None else previous.last_transition_time,
    )
    if previous is None:
        return [*existing, condition]
    return [condition if c.type == type_ else c for c in existing]


def drift_condition(
    existing: list[Condition],
    repairs: list[str],
    *,
    spec_changed: bool,
    generation: int | None,
    now: dt.datetime,
) -> list[Condition]:
    """DriftDetected: True with the last repairs until the spec changes, else False."""
    if repairs:
        return set_condition(
            existing,
            "DriftDetected",
            "True",
            "DriftRepaired",
            "; ".join(repairs),
            generation=generation,
            now=now,
        )
    if spec_changed or not any(c.type == "DriftDetected" for c in existing):
        return set_condition(
            existing,
            "DriftDetected",
            "False",
            "NoDrift",
            "no child drifted from the spec since it last changed",
            generation=generation,
            now=now,
        )
    return existing
