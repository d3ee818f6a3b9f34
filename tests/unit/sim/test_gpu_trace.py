"""Reading the H200 trace and deriving the GPU profile from it.

Matrix: parsing (rows, units, throttle mask) · derived idle/active/capped power, clocks,
memory and reserve against the trace's own phases · lag fitting recovers a known synthetic
lag and ranks memory temperature slower than GPU temperature · trace discovery (env var,
parent walk, clear error) · a trace without a capped phase is refused.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from ngf_console.sim.gpu_trace import (
    TRACE_ENV,
    TraceSample,
    default_trace_path,
    derive_profile,
    fit_lag,
    lagged,
    load_trace,
)


def test_trace_is_parsed_with_units_stripped(h200_trace: tuple[TraceSample, ...]) -> None:
    assert len(h200_trace) == 160
    first = h200_trace[0]
    assert first.t == 0.0
    assert first.name == "NVIDIA H200"
    assert first.mem_total == 143771
    assert first.power_limit == 700
    assert first.reasons == 0x1
    assert 39 < h200_trace[-1].t < 41
    assert max(s.power for s in h200_trace) == 696.12


def test_profile_matches_the_traced_phases(h200_trace: tuple[TraceSample, ...]) -> None:
    p = derive_profile(h200_trace)
    assert p.parked_idle_power_w == pytest.approx(80, abs=1)
    assert p.active_idle_power_w == pytest.approx(126, abs=2)
    assert p.capped_power_w == pytest.approx(691, abs=4)
    assert (p.max_sm_clock_mhz, p.parked_sm_clock_mhz) == (1980, 345)
    assert 1425 <= p.throttled_sm_clock_mhz <= 1500
    assert p.memory_reserved_mib == 615
    assert p.full_load_demand_w > p.power_limit_w, "the cap binds under full load"
    assert 0.2 < p.mem_copy_ratio < 0.3
    assert p.mem_temp_lag.tau > p.temp_lag.tau, "memory heats up more slowly"
    assert p.temp_lag.gain > 0
    assert p.power_lag.gain > 0


def test_fit_recovers_a_known_lag() -> None:
    times = [i * 0.25 for i in range(400)]
    x = [0.0 if (t // 20) % 2 == 0 else 100.0 for t in times]
    y = [3.0 + 2.0 * v for v in lagged(times, x, 2.0)]
    fit = fit_lag(times, x, y)
    assert fit.tau == pytest.approx(2.0, rel=0.08)
    assert fit.gain == pytest.approx(2.0, rel=0.02)
    assert fit.offset == pytest.approx(3.0, abs=0.5)
    assert fit.rmse < 2.0, "within 1 % of the 200-unit swing"


def test_fit_refuses_a_constant_input() -> None:
    with pytest.raises(ValueError, match="never changes"):
        fit_lag([0.0, 1.0, 2.0], [5.0, 5.0, 5.0], [1.0, 2.0, 3.0])


def test_a_trace_without_full_load_is_refused(h200_trace: tuple[TraceSample, ...]) -> None:
    idle_only = [s for s in h200_trace if s.util == 0]
    with pytest.raises(ValueError, match="power-capped"):
        derive_profile(idle_only)


def test_trace_path_from_env_or_the_packaged_trace(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TRACE_ENV, "/somewhere/trace.csv")
    assert default_trace_path() == Path("/somewhere/trace.csv")
    monkeypatch.delenv(TRACE_ENV)
    packaged = default_trace_path()
    assert packaged.name == "h200-nvidia-smi-trace.csv"
    assert packaged.read_text().startswith("timestamp")


def test_load_trace_refuses_an_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("timestamp, index\n")
    with pytest.raises(ValueError, match="no samples"):
        load_trace(empty)


def test_lagged_is_a_first_order_response() -> None:
    out = lagged([0.0, 1.0, 2.0], [0.0, 10.0, 10.0], 1.0)
    assert out[1] == pytest.approx(10 * (1 - math.exp(-1)))
    assert out[2] == pytest.approx(10 * (1 - math.exp(-2)))
