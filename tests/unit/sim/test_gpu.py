"""The simulated GPU against the traced H200, stepped in virtual time.

Matrix: a random load history never leaves the trace's ranges (utilisation, power,
temperatures, SM clock) and memory adds up · temperature lags power on the way up and down,
memory temperature more · full load is held at the cap with throttled clocks, reason 0x4 and
a growing violation counter; light load is not throttled · idle parks the clock after a
while · steady full load reproduces the trace's capped phase · energy integrates power ·
other GPU types scale.
"""

from __future__ import annotations

import random

import pytest

from ngf_console.sim.gpu import GPU_IDLE, SW_POWER_CAP, GpuIdentity, GpuReading, SimulatedGpu
from ngf_console.sim.gpu_trace import GpuProfile, TraceSample
from ngf_console.sim.gpu_types import GPU_TYPES, profile_for_type

DT = 0.25


def make_gpu(profile: GpuProfile, **kwargs: float) -> SimulatedGpu:
    identity = GpuIdentity(0, "GPU-test", "00000000:06:00.0", profile.name, "node")
    return SimulatedGpu(profile, identity, rng=random.Random(1), **kwargs)


def run(gpu: SimulatedGpu, seconds: float, busy: float, intensity: float) -> list[GpuReading]:
    out = []
    for _ in range(round(seconds / DT)):
        gpu.step(DT, busy, intensity)
        out.append(gpu.reading())
    return out


def test_random_load_stays_within_the_traced_ranges(h200: GpuProfile) -> None:
    gpu = make_gpu(h200)
    rng = random.Random(3)
    readings: list[GpuReading] = []
    for _ in range(200):
        busy = rng.choice([0.0, 0.0, 0.3, 0.7, 1.0, 1.0])
        readings += run(gpu, rng.uniform(0.5, 8.0), busy, rng.random())
    r = h200.ranges
    assert all(r["util"][0] <= x.util <= r["util"][1] for x in readings)
    assert all(r["power"][0] <= x.power_w <= r["power"][1] for x in readings)
    assert all(r["temp"][0] <= x.temp_c <= r["temp"][1] for x in readings)
    assert all(r["mem_temp"][0] <= x.mem_temp_c <= r["mem_temp"][1] for x in readings)
    assert all(r["sm_clock"][0] <= x.sm_clock_mhz <= r["sm_clock"][1] for x in readings)
    total = h200.memory_total_mib
    assert all(x.fb_used_mib + x.fb_free_mib + x.fb_reserved_mib == total for x in readings)
    assert {x.reasons for x in readings} >= {SW_POWER_CAP, GPU_IDLE, 0}


def first_time_at(values: list[float], fraction: float) -> float:
    start, end = values[0], values[-1]
    target = start + (end - start) * fraction
    rising = end > start
    for i, v in enumerate(values):
        if (v >= target) if rising else (v <= target):
            return i * DT
    raise AssertionError("never reached")


def test_temperature_lags_power(h200: GpuProfile) -> None:
    gpu = make_gpu(h200, park_after_s=1000.0)  # no clock parking inside the window
    run(gpu, 15, 0.0, 0.0)
    up = run(gpu, 20, 1.0, 1.0)
    down = run(gpu, 20, 0.0, 0.0)
    for phase in (up, down):
        power = first_time_at([x.power_w for x in phase], 0.9)
        temp = first_time_at([x.temp_c for x in phase], 0.9)
        mem_temp = first_time_at([x.mem_temp_c for x in phase], 0.9)
        assert power <= temp < mem_temp
        assert mem_temp - power >= 1.0, "memory temperature trails power by seconds"
    assert up[0].temp_c < up[-1].temp_c
    assert up[2].power_w > 0.6 * up[-1].power_w
    assert up[2].mem_temp_c - up[0].mem_temp_c < 0.5 * (up[-1].mem_temp_c - up[0].mem_temp_c)


def test_full_load_is_power_capped_with_throttled_clocks(h200: GpuProfile) -> None:
    gpu = make_gpu(h200)
    steady = run(gpu, 30, 1.0, 1.0)[8:]
    clocks = [x.sm_clock_mhz for x in steady]
    assert all(x.reasons == SW_POWER_CAP for x in steady)
    assert sum(x.power_w for x in steady) / len(steady) == pytest.approx(
        h200.capped_power_w, rel=0.02
    )
    assert sum(clocks) / len(clocks) == pytest.approx(h200.throttled_sm_clock_mhz, rel=0.03)
    assert max(clocks) < h200.max_sm_clock_mhz
    assert steady[-1].power_violation_us > steady[0].power_violation_us


def test_light_load_runs_at_full_clock(h200: GpuProfile) -> None:
    gpu = make_gpu(h200)
    steady = run(gpu, 10, 1.0, 0.3)[-1]
    assert steady.reasons == 0
    assert steady.sm_clock_mhz == h200.max_sm_clock_mhz
    assert steady.power_w < h200.capped_power_w
    assert steady.power_violation_us == 0


def test_idle_parks_the_clock_after_a_while(h200: GpuProfile) -> None:
    gpu = make_gpu(h200, park_after_s=10.0)
    run(gpu, 5, 1.0, 1.0)
    after = run(gpu, 20, 0.0, 0.0)
    assert after[4].sm_clock_mhz == h200.max_sm_clock_mhz
    assert after[4].reasons == 0
    assert after[-1].sm_clock_mhz == h200.parked_sm_clock_mhz
    assert after[-1].reasons == GPU_IDLE
    assert after[-1].power_w == pytest.approx(h200.parked_idle_power_w, abs=1)
    assert after[30].power_w == pytest.approx(h200.active_idle_power_w, abs=3)


def test_steady_full_load_reproduces_the_capped_phase(
    h200: GpuProfile, h200_trace: tuple[TraceSample, ...]
) -> None:
    capped = [s for s in h200_trace if s.util >= 90 and s.power > 680 and s.t > 26]
    gpu = make_gpu(h200)
    steady = run(gpu, 30, 1.0, 1.0)[-20:]
    trace_temp = sum(s.temp for s in capped) / len(capped)
    sim_temp = sum(x.temp_c for x in steady) / len(steady)
    assert sim_temp == pytest.approx(trace_temp, abs=2.5)
    assert steady[-1].util == 100


def test_energy_integrates_drawn_power(h200: GpuProfile) -> None:
    gpu = make_gpu(h200)
    readings = run(gpu, 10, 0.0, 0.0)
    assert readings[-1].energy_mj == pytest.approx(h200.parked_idle_power_w * 10 * 1000, rel=0.01)


def test_memory_holds_weights_and_kv_pool(h200: GpuProfile) -> None:
    gpu = make_gpu(h200, kv_pool_fraction=0.5)
    idle = run(gpu, 1, 0.0, 0.0)[-1]
    busy = run(gpu, 1, 1.0, 1.0)[-1]
    usable = h200.memory_total_mib - h200.memory_reserved_mib
    assert idle.fb_used_mib == pytest.approx(usable * 0.5, abs=1)
    assert busy.fb_used_mib > idle.fb_used_mib


@pytest.mark.parametrize("gpu_type", sorted(GPU_TYPES))
def test_other_gpu_types_scale_the_h200(h200: GpuProfile, gpu_type: str) -> None:
    spec = GPU_TYPES[gpu_type]
    profile = profile_for_type(h200, gpu_type)
    assert profile.name == spec.product_name
    assert profile.power_limit_w == spec.power_limit_w
    ratio = spec.power_limit_w / h200.power_limit_w
    assert profile.capped_power_w == pytest.approx(h200.capped_power_w * ratio)
    steady = run(make_gpu(profile), 30, 1.0, 1.0)[-1]
    assert steady.temp_c == pytest.approx(run(make_gpu(h200), 30, 1.0, 1.0)[-1].temp_c, abs=3)
    assert steady.sm_clock_mhz <= spec.max_sm_clock_mhz


def test_unknown_gpu_type_is_refused(h200: GpuProfile) -> None:
    with pytest.raises(ValueError, match="unknown GPU type"):
        profile_for_type(h200, "TPU")
