"""Drive an `Engine` in (scaled) real time and let streams follow its tokens.

The engine itself is a pure virtual-time model; the runner is its only link to the wall
clock: it advances the engine to `clock.now()`, wakes every waiting stream, then sleeps
until the next forward pass ends (converted with `clock.real_delay`) or a request arrives.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from collections.abc import AsyncIterator

from ngf_console.sim.clock import SimClock
from ngf_console.sim.engine import Engine, SimRequest
from ngf_console.sim.prompts import block_keys, token_count

_ids = itertools.count(1)


class RunnerStoppedError(RuntimeError):
    """The pod stopped (scaled down) before the request finished."""


class EngineRunner:
    """Owns the engine's clock loop; `submit()` requests, `tokens()` follows one."""

    def __init__(self, engine: Engine, clock: SimClock) -> None:
        self.engine = engine
        self.clock = clock
        self._wakeup = asyncio.Event()
        self._tick = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopped = False

    def start(self) -> None:
        """Start the loop on the running event loop."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="engine-runner")

    async def stop(self) -> None:
        """Stop the loop; streams of unfinished requests end with `RunnerStoppedError`."""
        self._stopped = True
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self._tick.set()

    def submit(self, prompt: str, max_tokens: int, request_id: str | None = None) -> SimRequest:
        """Queue a request now; raises ValueError when the server would answer 400."""
        if self._stopped:
            raise RunnerStoppedError("the model server is stopped")
        cfg = self.engine.config
        request = SimRequest(
            request_id=request_id or f"cmpl-{next(_ids)}",
            prompt_tokens=token_count(prompt),
            max_tokens=max_tokens,
            block_keys=block_keys(prompt, cfg.block_size, cfg.max_model_len // cfg.block_size),
            arrival=self.clock.now(),
        )
        self.engine.submit(request)
        self._wakeup.set()
        return request

    async def tokens(self, request: SimRequest) -> AsyncIterator[int]:
        """Yield how many new tokens `request` produced, as they appear, until it is done."""
        sent = 0
        while True:
            tick = self._tick
            produced = request.output_tokens
            if produced > sent:
                yield produced - sent
                sent = produced
            if request.done:
                return
            if self._stopped:
                raise RunnerStoppedError(f"the model server stopped before {request.request_id}")
            await tick.wait()

    async def finished(self, request: SimRequest) -> SimRequest:
        """Wait until `request` is done."""
        async for _ in self.tokens(request):
            pass
        return request

    async def _run(self) -> None:
        while True:
            self._wakeup.clear()
            now = self.clock.now()
            self.engine.advance(now)
            tick, self._tick = self._tick, asyncio.Event()
            tick.set()
            due = self.engine.next_event_time()
            timeout = None if due is None else self.clock.real_delay(due - now)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wakeup.wait(), timeout)
