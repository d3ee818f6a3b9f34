"""The engine runner: the link between the virtual-time engine and asyncio.

Matrix: a request finishes once the (manual) clock has moved past its tokens, and its stream
yields every token · stopping the runner ends unfinished streams with `RunnerStoppedError`
and refuses new requests.
"""

from __future__ import annotations

import asyncio

import pytest

from ngf_console.sim.clock import ManualClock
from ngf_console.sim.engine import Engine, EngineConfig
from ngf_console.sim.runner import EngineRunner, RunnerStoppedError

pytestmark = pytest.mark.asyncio


async def test_streams_follow_the_clock() -> None:
    clock = ManualClock()
    runner = EngineRunner(Engine(EngineConfig()), clock)
    runner.start()
    try:
        request = runner.submit("x" * 400, 3)
        assert request.prompt_tokens == 100
        clock.advance(10.0)
        counts = [n async for n in runner.tokens(request)]
        assert sum(counts) == 3
        assert request.done
    finally:
        await runner.stop()


async def test_stop_ends_unfinished_streams() -> None:
    runner = EngineRunner(Engine(EngineConfig()), ManualClock())
    runner.start()
    request = runner.submit("hello", 1000)
    await runner.stop()
    with pytest.raises(RunnerStoppedError, match=request.request_id):
        await asyncio.wait_for(runner.finished(request), 5)
    with pytest.raises(RunnerStoppedError):
        runner.submit("again", 1)
