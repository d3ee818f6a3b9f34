"""A simulated GPU whose telemetry follows the traced H200's behaviour (see `gpu_trace`).

Per `step(dt, busy, intensity)` (virtual seconds; `busy` = share of `dt` the engine spent in
forward passes, `intensity` in [0, 1] = how hard those kernels push, from batch fill):

* utilisation = `100 x busy` (nvidia-smi's "percent of time a kernel ran");
* power demand: parked idle power when idle for `park_after_s` (clock parked), active idle
  power when idle after recent work, else `active idle + (full-load demand - active idle) x
  busy x intensity`, where the full-load demand is what the capped power would be at the
  maximum clock (power proportional to clock, first order);
* power cap: a demand above the trace's capped power is held there and the SM clock drops to
  `max clock x capped / demand` (the trace: 1980 MHz -> ~1470 MHz at ~690 W) with the trace's
  jitter; reason `0x4` (SW power cap) is set, and the power-violation counter grows;
* the reported power is a first-order lag of the drawn power (time constant fitted on the
  trace), GPU and memory temperature are first-order lags of the reported power (offset, gain
  and time constant fitted on the trace);
* framebuffer: model weights + the KV-cache pool the server preallocates + a workspace that
  grows with batch fill; free = total - reserved - used;
* every value is clamped to the range the trace observed (scaled for other GPU types).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from ngf_console.sim.gpu_trace import GpuProfile

SW_POWER_CAP = 0x4
GPU_IDLE = 0x1


@dataclass(frozen=True, slots=True)
class GpuIdentity:
    """The labels dcgm-exporter puts on a GPU's series."""

    index: int
    uuid: str
    pci_bus_id: str
    model_name: str
    hostname: str

    @property
    def device(self) -> str:
        return f"nvidia{self.index}"


@dataclass(frozen=True, slots=True)
class GpuReading:
    """One sample of every simulated DCGM field."""

    util: float
    mem_copy_util: float
    fb_used_mib: float
    fb_free_mib: float
    fb_reserved_mib: float
    temp_c: float
    mem_temp_c: float
    power_w: float
    energy_mj: float
    sm_clock_mhz: float
    mem_clock_mhz: float
    power_violation_us: float
    reasons: int
    tensor_active: float


class SimulatedGpu:
    """The state of one GPU; advance it with `step()`, read it with `reading()`."""

    def __init__(
        self,
        profile: GpuProfile,
        identity: GpuIdentity,
        *,
        weights_mib: float = 16_000.0,
        kv_pool_fraction: float = 0.9,
        rng: random.Random | None = None,
        park_after_s: float = 10.0,
    ) -> None:
        self.profile = profile
        self.identity = identity
        self._rng = rng or random.Random(identity.uuid)  # noqa: S311 - simulated noise
        usable = profile.memory_total_mib - profile.memory_reserved_mib
        self._base_used = min(usable * kv_pool_fraction, usable)
        self._weights = min(weights_mib, self._base_used)
        self._park_after = park_after_s
        self._idle_for = park_after_s  # starts parked, like the trace
        parked = profile.parked_idle_power_w
        self._drawn = parked
        self._power = parked
        self._temp_lag = parked
        self._mem_temp_lag = parked
        self._energy_mj = 0.0
        self._violation_us = 0.0
        self._util = 0.0
        self._fill = 0.0
        self._clock = profile.parked_sm_clock_mhz
        self._reasons = GPU_IDLE

    def step(self, dt: float, busy: float, intensity: float) -> None:
        """Advance `dt` virtual seconds with the engine `busy` (0-1) at `intensity` (0-1)."""
        if dt <= 0:
            return
        p = self.profile
        busy = min(max(busy, 0.0), 1.0)
        self._fill = min(max(intensity, 0.0), 1.0)
        self._util = round(100.0 * busy)
        self._idle_for = self._idle_for + dt if busy == 0 else 0.0
        demand = self._demand(busy)
        self._reasons = 0
        if busy == 0 and self._idle_for >= self._park_after:
            self._clock, self._reasons = p.parked_sm_clock_mhz, GPU_IDLE
        elif demand > p.capped_power_w:
            jitter = self._rng.gauss(0.0, p.throttled_sm_clock_std_mhz)
            self._clock = p.max_sm_clock_mhz * p.capped_power_w / demand + jitter
            self._reasons = SW_POWER_CAP
            self._violation_us += dt * 1e6
            demand = p.capped_power_w + self._rng.gauss(0.0, p.capped_power_std_w)
        else:
            self._clock = p.max_sm_clock_mhz
        self._drawn = demand
        self._energy_mj += demand * dt * 1000.0
        self._power = _lag(self._power, demand, dt, p.power_lag.tau)
        self._temp_lag = _lag(self._temp_lag, self._power, dt, p.temp_lag.tau)
        self._mem_temp_lag = _lag(self._mem_temp_lag, self._power, dt, p.mem_temp_lag.tau)

    def _demand(self, busy: float) -> float:
        p = self.profile
        if busy == 0:
            if self._idle_for >= self._park_after:
                return p.parked_idle_power_w
            return p.active_idle_power_w
        span = p.full_load_demand_w - p.active_idle_power_w
        return p.active_idle_power_w + span * busy * self._fill

    def reading(self) -> GpuReading:
        """The current values of every field, clamped to the trace's ranges."""
        p = self.profile
        used = self._base_used + (p.memory_total_mib * 0.02) * self._fill
        used = min(used, p.memory_total_mib - p.memory_reserved_mib)
        temp = p.temp_lag.offset + p.temp_lag.gain * self._temp_lag
        mem_temp = p.mem_temp_lag.offset + p.mem_temp_lag.gain * self._mem_temp_lag
        return GpuReading(
            util=self._util,
            mem_copy_util=round(self._util * p.mem_copy_ratio),
            fb_used_mib=round(used),
            fb_free_mib=round(p.memory_total_mib - p.memory_reserved_mib - used),
            fb_reserved_mib=p.memory_reserved_mib,
            temp_c=round(_clamp(temp, p.ranges["temp"])),
            mem_temp_c=round(_clamp(mem_temp, p.ranges["mem_temp"])),
            power_w=round(_clamp(self._power, p.ranges["power"]), 2),
            energy_mj=round(self._energy_mj),
            sm_clock_mhz=round(_clamp(self._clock, p.ranges["sm_clock"]) / 15) * 15,
            mem_clock_mhz=p.mem_clock_mhz,
            power_violation_us=round(self._violation_us),
            reasons=self._reasons,
            tensor_active=round(self._util / 100 * self._fill, 3),
        )

    @property
    def weights_mib(self) -> float:
        return self._weights


def _lag(current: float, target: float, dt: float, tau: float) -> float:
    return current + (target - current) * (1.0 - math.exp(-dt / tau))


def _clamp(value: float, bounds: tuple[float, float]) -> float:
    return min(max(value, bounds[0]), bounds[1])
