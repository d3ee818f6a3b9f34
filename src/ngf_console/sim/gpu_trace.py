"""The real H200 telemetry trace, and the GPU profile the DCGM simulator derives from it.

`load_trace()` reads `nvidia-smi --query-gpu=... --format=csv` output (units in the cells,
e.g. `99 %`, `690.34 W`, `1440 MHz`). `derive_profile()` turns it into the numbers and
relationships the simulator uses — nothing is hard-coded that the trace can tell:

* idle power with the SM clock parked (min power at 0 % while the clock is at its minimum),
  idle power with the clock still up after work (median at 0 % with the clock at its maximum),
  the power the cap holds under full load (mean at >= 90 % utilisation with the SW-power-cap
  reason `0x4` and the reading within 10 % of the limit), and the clocks: maximum, parked
  minimum, and mean/std of the throttled clock;
* the noise at the cap (std of power and of the throttled clock);
* three first-order lags fitted by least squares over a grid of time constants
  (`fit_lag`): the power reading as a lag of utilisation, and GPU and memory temperature as
  lags of the power reading (offset + gain x lagged power);
* memory total, the reserved share (total - used - free), and every field's observed range,
  which the simulator never leaves.
"""

from __future__ import annotations

import csv
import math
import os
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

_POWER_CAP_REASON = 0x4
_TAUS = tuple(0.05 * 1.15**k for k in range(60))  # 0.05 s ... ~190 s


@dataclass(frozen=True, slots=True)
class TraceSample:
    """One `nvidia-smi` row; `t` is seconds since the first row."""

    t: float
    util: float
    mem_util: float
    mem_total: float
    mem_used: float
    mem_free: float
    temp: float
    mem_temp: float
    power: float
    power_limit: float
    sm_clock: float
    mem_clock: float
    reasons: int
    name: str
    uuid: str
    pci_bus_id: str
    driver: str


def _num(cell: str) -> float:
    return float(cell.split(maxsplit=1)[0])


def load_trace(path: Path) -> tuple[TraceSample, ...]:
    """Parse an `nvidia-smi --format=csv` trace (the header names the fields)."""
    with path.open(newline="") as f:
        rows = list(csv.DictReader(f, skipinitialspace=True))
    if not rows:
        raise ValueError(f"{path}: no samples")
    start: float | None = None
    samples: list[TraceSample] = []
    for row in rows:
        ts = datetime.strptime(row["timestamp"], "%Y/%m/%d %H:%M:%S.%f").timestamp()
        start = ts if start is None else start
        samples.append(
            TraceSample(
                t=ts - start,
                util=_num(row["utilization.gpu [%]"]),
                mem_util=_num(row["utilization.memory [%]"]),
                mem_total=_num(row["memory.total [MiB]"]),
                mem_used=_num(row["memory.used [MiB]"]),
                mem_free=_num(row["memory.free [MiB]"]),
                temp=_num(row["temperature.gpu"]),
                mem_temp=_num(row["temperature.memory"]),
                power=_num(row["power.draw [W]"]),
                power_limit=_num(row["power.limit [W]"]),
                sm_clock=_num(row["clocks.current.sm [MHz]"]),
                mem_clock=_num(row["clocks.current.memory [MHz]"]),
                reasons=int(row["clocks_event_reasons.active"], 16),
                name=row["name"],
                uuid=row["uuid"],
                pci_bus_id=row["pci.bus_id"],
                driver=row["driver_version"],
            )
        )
    return tuple(samples)


@dataclass(frozen=True, slots=True)
class Lag:
    """`y ≈ offset + gain x L` where `L` follows `x` with time constant `tau` (seconds)."""

    offset: float
    gain: float
    tau: float
    rmse: float


def lagged(times: Sequence[float], x: Sequence[float], tau: float) -> list[float]:
    """First-order lag of `x`: L += (x - L) (1 - e^(-dt/tau))."""
    out = [x[0]]
    for i in range(1, len(x)):
        alpha = 1.0 - math.exp(-(times[i] - times[i - 1]) / tau)
        out.append(out[-1] + (x[i] - out[-1]) * alpha)
    return out


def fit_lag(times: Sequence[float], x: Sequence[float], y: Sequence[float]) -> Lag:
    """Least-squares offset and gain for each tau of a log grid; the best tau wins."""
    best: Lag | None = None
    for tau in _TAUS:
        lx = lagged(times, x, tau)
        mx, my = statistics.fmean(lx), statistics.fmean(y)
        sxx = sum((v - mx) ** 2 for v in lx)
        if sxx == 0:
            continue
        gain = sum((v - mx) * (w - my) for v, w in zip(lx, y, strict=True)) / sxx
        offset = my - gain * mx
        rmse = math.sqrt(
            statistics.fmean((offset + gain * v - w) ** 2 for v, w in zip(lx, y, strict=True))
        )
        if best is None or rmse < best.rmse:
            best = Lag(offset, gain, tau, rmse)
    if best is None:
        raise ValueError("the input never changes: nothing to fit")
    return best


@dataclass(frozen=True, slots=True)
class GpuProfile:
    """What the simulator needs to know about one GPU model, derived from a trace."""

    name: str
    driver: str
    memory_total_mib: float
    memory_reserved_mib: float
    power_limit_w: float
    parked_idle_power_w: float
    active_idle_power_w: float
    capped_power_w: float
    capped_power_std_w: float
    max_sm_clock_mhz: float
    parked_sm_clock_mhz: float
    throttled_sm_clock_mhz: float
    throttled_sm_clock_std_mhz: float
    mem_clock_mhz: float
    mem_copy_ratio: float
    power_lag: Lag
    temp_lag: Lag
    mem_temp_lag: Lag
    ranges: dict[str, tuple[float, float]]

    @property
    def full_load_demand_w(self) -> float:
        """Power a full load would draw at the maximum clock (power ~ clock, first order)."""
        return self.capped_power_w * self.max_sm_clock_mhz / self.throttled_sm_clock_mhz


def derive_profile(samples: Sequence[TraceSample]) -> GpuProfile:
    """The profile of the traced GPU; see the module docstring for each quantity."""
    idle = [s for s in samples if s.util == 0]
    max_clock = max(s.sm_clock for s in samples)
    parked_clock = min(s.sm_clock for s in samples)
    capped = [
        s
        for s in samples
        if s.util >= 90 and s.reasons & _POWER_CAP_REASON and s.power >= 0.9 * s.power_limit
    ]
    if not idle or not capped:
        raise ValueError("the trace needs idle samples and power-capped full-load samples")
    times = [s.t for s in samples]
    power = [s.power for s in samples]
    ranges = {
        field: (min(getattr(s, field) for s in samples), max(getattr(s, field) for s in samples))
        for field in ("util", "power", "temp", "mem_temp", "sm_clock", "mem_used")
    }
    first = samples[0]
    return GpuProfile(
        name=first.name,
        driver=first.driver,
        memory_total_mib=first.mem_total,
        memory_reserved_mib=first.mem_total - first.mem_used - first.mem_free,
        power_limit_w=first.power_limit,
        parked_idle_power_w=min(s.power for s in idle if s.sm_clock == parked_clock),
        active_idle_power_w=statistics.median(s.power for s in idle if s.sm_clock == max_clock),
        capped_power_w=statistics.fmean(s.power for s in capped),
        capped_power_std_w=statistics.pstdev(s.power for s in capped),
        max_sm_clock_mhz=max_clock,
        parked_sm_clock_mhz=parked_clock,
        throttled_sm_clock_mhz=statistics.fmean(s.sm_clock for s in capped),
        throttled_sm_clock_std_mhz=statistics.pstdev(s.sm_clock for s in capped),
        mem_clock_mhz=statistics.median(s.mem_clock for s in samples),
        mem_copy_ratio=statistics.fmean(s.mem_util / s.util for s in capped),
        power_lag=fit_lag(times, [s.util for s in samples], power),
        temp_lag=fit_lag(times, power, [s.temp for s in samples]),
        mem_temp_lag=fit_lag(times, power, [s.mem_temp for s in samples]),
        ranges=ranges,
    )


TRACE_ENV = "NGF_CONSOLE_GPU_TRACE"
PACKAGED_TRACE = Path(__file__).parent / "data" / "h200-nvidia-smi-trace.csv"


def default_trace_path() -> Path:
    """`$NGF_CONSOLE_GPU_TRACE`, else the measured H200 trace shipped with the package.

    `data/h200-nvidia-smi-trace.csv` is the project's measured trace (see
    `data/h200-trace-README.md` for how it was recorded).
    """
    env = os.environ.get(TRACE_ENV)
    return Path(env) if env else PACKAGED_TRACE
