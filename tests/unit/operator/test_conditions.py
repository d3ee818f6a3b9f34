"""Condition helpers (pure): set_condition moves lastTransitionTime only on a status change;
drift_condition sets DriftDetected True with the repairs, keeps it until the spec changes,
and starts False."""

from __future__ import annotations

import datetime as dt

from ngf_console.operator.conditions import drift_condition, set_condition

T0 = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
T1 = T0 + dt.timedelta(minutes=1)


def test_transition_time_moves_only_with_status() -> None:
    first = set_condition([], "Ready", "False", "Waiting", "a", generation=1, now=T0)
    same = set_condition(first, "Ready", "False", "Waiting", "b", generation=1, now=T1)
    moved = set_condition(same, "Ready", "True", "Ok", "c", generation=1, now=T1)
    assert same[0].last_transition_time == T0
    assert same[0].message == "b"
    assert moved[0].last_transition_time == T1


def test_drift_condition_lifecycle() -> None:
    start = drift_condition([], [], spec_changed=False, generation=1, now=T0)
    assert (start[0].status, start[0].reason) == ("False", "NoDrift")
    repaired = drift_condition(
        start, ["X was deleted; recreated"], spec_changed=False, generation=1, now=T1
    )
    assert (repaired[0].status, repaired[0].message) == ("True", "X was deleted; recreated")
    kept = drift_condition(repaired, [], spec_changed=False, generation=1, now=T1)
    assert kept == repaired
    cleared = drift_condition(kept, [], spec_changed=True, generation=2, now=T1)
    assert cleared[0].status == "False"
