"""Fixtures for the simulator's unit tests: the real H200 trace and its derived profile."""

from __future__ import annotations

import pytest

from ngf_console.sim.gpu_trace import (
    GpuProfile,
    TraceSample,
    default_trace_path,
    derive_profile,
    load_trace,
)


@pytest.fixture(scope="session")
def h200_trace() -> tuple[TraceSample, ...]:
    """The measured trace (shared/fixtures/gpu beside the work tree)."""
    return load_trace(default_trace_path())


@pytest.fixture(scope="session")
def h200(h200_trace: tuple[TraceSample, ...]) -> GpuProfile:
    """The profile the simulator derives from the trace."""
    return derive_profile(h200_trace)
