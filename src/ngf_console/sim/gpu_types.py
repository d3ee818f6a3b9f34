"""GPU types beyond the traced H200: its profile scaled to another board's datasheet limits.

Only the H200 was measured. For another type, powers scale with the board power limit,
clocks with the maximum SM clock and memory with the framebuffer size; time constants,
temperature relationships and noise shapes are the H200's. The datasheet numbers (memory as
`nvidia-smi` reports it, default power limit, maximum SM clock) are public spec-sheet values.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ngf_console.sim.gpu_trace import GpuProfile


@dataclass(frozen=True, slots=True)
class GpuType:
    product_name: str
    memory_mib: float
    power_limit_w: float
    max_sm_clock_mhz: float


GPU_TYPES: dict[str, GpuType] = {
    "H200": GpuType("NVIDIA H200", 143771, 700, 1980),
    "H100": GpuType("NVIDIA H100 80GB HBM3", 81559, 700, 1980),
    "A100": GpuType("NVIDIA A100-SXM4-80GB", 81920, 400, 1410),
    "L40S": GpuType("NVIDIA L40S", 46068, 350, 2520),
}


def profile_for_type(base: GpuProfile, gpu_type: str) -> GpuProfile:
    """`base` (the traced GPU) scaled to `gpu_type` (a key of `GPU_TYPES`)."""
    try:
        target = GPU_TYPES[gpu_type]
    except KeyError:
        raise ValueError(f"unknown GPU type {gpu_type!r}; known: {sorted(GPU_TYPES)}") from None
    if target.product_name == base.name:
        return base
    power = target.power_limit_w / base.power_limit_w
    clock = target.max_sm_clock_mhz / base.max_sm_clock_mhz
    memory = target.memory_mib / base.memory_total_mib
    ranges = dict(base.ranges)
    for key, factor in (("power", power), ("sm_clock", clock), ("mem_used", memory)):
        low, high = ranges[key]
        ranges[key] = (low * factor, high * factor)
    return dataclasses.replace(
        base,
        name=target.product_name,
        memory_total_mib=target.memory_mib,
        memory_reserved_mib=base.memory_reserved_mib * memory,
        power_limit_w=target.power_limit_w,
        parked_idle_power_w=base.parked_idle_power_w * power,
        active_idle_power_w=base.active_idle_power_w * power,
        capped_power_w=base.capped_power_w * power,
        capped_power_std_w=base.capped_power_std_w * power,
        max_sm_clock_mhz=target.max_sm_clock_mhz,
        parked_sm_clock_mhz=base.parked_sm_clock_mhz * clock,
        throttled_sm_clock_mhz=base.throttled_sm_clock_mhz * clock,
        throttled_sm_clock_std_mhz=base.throttled_sm_clock_std_mhz * clock,
        power_lag=dataclasses.replace(base.power_lag, gain=base.power_lag.gain * power),
        temp_lag=dataclasses.replace(base.temp_lag, gain=base.temp_lag.gain / power),
        mem_temp_lag=dataclasses.replace(base.mem_temp_lag, gain=base.mem_temp_lag.gain / power),
        ranges=ranges,
    )
