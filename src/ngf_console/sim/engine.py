"""The queueing model of one model server (continuous batching), in virtual time.

The engine is a discrete-event model of an iteration-level scheduler like vLLM's or
TensorRT-LLM's in-flight batcher, kept small enough to reason about:

* **Batch slots.** At most `max_num_seqs` requests run; the rest wait, first come first served.
* **KV cache.** A request is admitted only when `ceil((prompt + max_tokens) / block_size)` blocks
  are free, and holds them until it finishes (TensorRT-LLM's default "guaranteed no evict"
  policy; vLLM allocates lazily and may preempt, which is not modelled, so
  `num_preemptions` stays 0). `kv_cache_usage` = blocks held / `num_gpu_blocks`.
* **Prefix cache.** Prompt blocks (`prompts.block_keys`) stay in an LRU of `num_gpu_blocks`
  entries after prefill; a new request's leading blocks found there are not recomputed, so
  its prefill - and TTFT - shrink (at least one prompt token is always computed, as in vLLM).
* **Iterations.** Each step admits what fits, then runs one forward pass lasting
  `step_base_s + step_per_seq_s x sequences + uncached prompt tokens / prefill_tokens_per_s`.
  Admitted requests get their first token at the end of that step; running ones one more.

Time never comes from a clock here: `submit()` and `advance(until)` take virtual seconds, so
tests step the model exactly. `EngineObserver` receives scheduling and completion events (the
Prometheus exporters implement it).
"""

from __future__ import annotations

import math
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """Capacity and speed of one simulated model server (defaults: an 8B model, one GPU)."""

    max_num_seqs: int = 16
    num_gpu_blocks: int = 2048
    block_size: int = 16
    max_model_len: int = 8192
    prefill_tokens_per_s: float = 16000.0
    step_base_s: float = 0.008
    step_per_seq_s: float = 0.00025
    prefix_caching: bool = True

    def __post_init__(self) -> None:
        if self.max_num_seqs < 1 or self.block_size < 1 or self.prefill_tokens_per_s <= 0:
            raise ValueError("max_num_seqs, block_size and prefill_tokens_per_s must be positive")
        if self.max_model_len > self.num_gpu_blocks * self.block_size:
            raise ValueError("max_model_len must fit in the KV cache")


@dataclass(slots=True, eq=False)
class SimRequest:
    """One request's life in the engine; times are virtual seconds."""

    request_id: str
    prompt_tokens: int
    max_tokens: int
    block_keys: tuple[bytes, ...]
    arrival: float
    scheduled_at: float | None = None
    first_token_at: float | None = None
    finished_at: float | None = None
    cached_tokens: int = 0
    blocks: int = 0
    token_times: list[float] = field(default_factory=list)
    finish_reason: str | None = None

    @property
    def output_tokens(self) -> int:
        return len(self.token_times)

    @property
    def done(self) -> bool:
        return self.finished_at is not None

    @property
    def ttft(self) -> float | None:
        """Time to first token, from arrival."""
        return None if self.first_token_at is None else self.first_token_at - self.arrival


class EngineObserver(Protocol):
    """Receives the engine's events (metrics exporters)."""

    def request_scheduled(self, request: SimRequest) -> None:
        """`request` left the queue; `cached_tokens` is known."""
        ...

    def request_finished(self, request: SimRequest) -> None:
        """`request` produced its last token."""
        ...

    def iteration(self, tokens: int) -> None:
        """One forward pass processed `tokens` tokens (prefill + decode)."""
        ...


@dataclass(slots=True)
class _Step:
    start: float
    end: float
    admitted: list[SimRequest]
    decoding: list[SimRequest]
    tokens: int


class Engine:
    """One model server's scheduler state; see the module docstring for the model."""

    def __init__(
        self, config: EngineConfig, observer: EngineObserver | None = None, start: float = 0.0
    ) -> None:
        self.config = config
        self._observer = observer
        self._t = start
        self._waiting: deque[SimRequest] = deque()
        self._running: list[SimRequest] = []
        self._step: _Step | None = None
        self._used_blocks = 0
        self._prefix: OrderedDict[bytes, None] = OrderedDict()
        self.busy_seconds = 0.0
        self.iterations = 0

    @property
    def now(self) -> float:
        """How far the model has been advanced."""
        return self._t

    @property
    def num_waiting(self) -> int:
        return len(self._waiting)

    @property
    def num_running(self) -> int:
        return len(self._running) + (len(self._step.admitted) if self._step else 0)

    @property
    def num_prefilling(self) -> int:
        """Requests in the forward pass in flight that produce their first token."""
        return len(self._step.admitted) if self._step else 0

    @property
    def used_blocks(self) -> int:
        return self._used_blocks

    @property
    def kv_cache_usage(self) -> float:
        """Fraction of KV blocks held by running requests (`vllm:kv_cache_usage_perc`)."""
        return self._used_blocks / self.config.num_gpu_blocks

    def busy_seconds_at(self, t: float) -> float:
        """Virtual seconds spent in forward passes up to `t` (for GPU utilisation)."""
        step = self._step
        if step is None or t <= step.start:
            return self.busy_seconds
        return self.busy_seconds + min(t, step.end) - step.start

    def validate(self, prompt_tokens: int, max_tokens: int) -> None:
        """Reject what the server would reject (vLLM answers 400)."""
        if max_tokens < 1:
            raise ValueError("max_tokens must be at least 1")
        if prompt_tokens + max_tokens > self.config.max_model_len:
            raise ValueError(
                f"prompt ({prompt_tokens} tokens) + max_tokens ({max_tokens}) exceed the "
                f"model's maximum context length ({self.config.max_model_len})"
            )

    def submit(self, request: SimRequest) -> None:
        """Queue `request` at `request.arrival` (the model is advanced to then first)."""
        self.validate(request.prompt_tokens, request.max_tokens)
        self.advance(request.arrival)
        self._waiting.append(request)

    def advance(self, until: float) -> None:
        """Run every forward pass that ends by `until`."""
        while True:
            if self._step is None:
                if self._t >= until:
                    return  # a step starting at `until` also takes requests arriving then
                self._step = self._plan()
                if self._step is None:
                    self._t = until
                    return
            if self._step.end > until:
                return
            step, self._step = self._step, None
            self._complete(step)

    def next_event_time(self) -> float | None:
        """When the forward pass in flight ends (None when idle)."""
        if self._step is None:
            self._step = self._plan()
        return None if self._step is None else self._step.end

    def _plan(self) -> _Step | None:
        admitted = self._admit()
        decoding = list(self._running)
        if not admitted and not decoding:
            return None
        cfg = self.config
        prefill = sum(r.prompt_tokens - r.cached_tokens for r in admitted)
        seqs = len(admitted) + len(decoding)
        duration = cfg.step_base_s + cfg.step_per_seq_s * seqs + prefill / cfg.prefill_tokens_per_s
        return _Step(self._t, self._t + duration, admitted, decoding, prefill + len(decoding))

    def _admit(self) -> list[SimRequest]:
        cfg = self.config
        admitted: list[SimRequest] = []
        free = cfg.num_gpu_blocks - self._used_blocks
        while self._waiting and len(self._running) + len(admitted) < cfg.max_num_seqs:
            request = self._waiting[0]
            need = math.ceil((request.prompt_tokens + request.max_tokens) / cfg.block_size)
            if need > free:
                break  # FCFS: the head of the queue waits for blocks
            self._waiting.popleft()
            free -= need
            request.blocks = need
            request.scheduled_at = self._t
            request.cached_tokens = self._cached_tokens(request)
            admitted.append(request)
            if self._observer is not None:
                self._observer.request_scheduled(request)
        self._used_blocks = cfg.num_gpu_blocks - free
        return admitted

    def _cached_tokens(self, request: SimRequest) -> int:
        if not self.config.prefix_caching:
            return 0
        hits = 0
        for key in request.block_keys:
            if key not in self._prefix:
                break
            self._prefix.move_to_end(key)
            hits += 1
        return min(hits * self.config.block_size, request.prompt_tokens - 1)

    def _remember(self, request: SimRequest) -> None:
        if not self.config.prefix_caching:
            return
        for key in request.block_keys:
            self._prefix[key] = None
            self._prefix.move_to_end(key)
        while len(self._prefix) > self.config.num_gpu_blocks:
            self._prefix.popitem(last=False)

    def _complete(self, step: _Step) -> None:
        self._t = step.end
        self.busy_seconds += step.end - step.start
        self.iterations += 1
        for request in step.admitted:
            request.first_token_at = step.end
            self._remember(request)
        for request in step.admitted + step.decoding:
            request.token_times.append(step.end)
        self._running = [r for r in self._running + step.admitted if not self._finish_if_done(r)]
        if self._observer is not None:
            self._observer.iteration(step.tokens)

    def _finish_if_done(self, request: SimRequest) -> bool:
        if request.output_tokens < request.max_tokens:
            return False
        request.finished_at = self._t
        request.finish_reason = "length"
        self._used_blocks -= request.blocks
        if self._observer is not None:
            self._observer.request_finished(request)
        return True
