"""One simulated model-server pod: engine, Prometheus exporter, HTTP app and its GPU.

The pod is what a Deployment replica would be: a vLLM or Triton TRT-LLM server with one GPU.
It exposes its live state to the EPP simulator (`endpoint_state()`), its metrics in the
backend's format (`metrics()`), and feeds its GPU model from the engine's busy time and batch
fill (`sample_gpu()`). `on_finished` callbacks see every request the server completes (the
OTLP exporter's hook); they run inside the engine loop, so they must only record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from fastapi import FastAPI
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from ngf_console.inference.epp import EndpointState
from ngf_console.sim.clock import SimClock
from ngf_console.sim.engine import Engine, EngineConfig, EngineObserver, SimRequest
from ngf_console.sim.exposition import CONTENT_TYPE, render
from ngf_console.sim.gpu import SimulatedGpu
from ngf_console.sim.openai_api import build_app
from ngf_console.sim.runner import EngineRunner
from ngf_console.sim.triton_metrics import TritonMetrics
from ngf_console.sim.vllm_metrics import VllmMetrics

Backend = Literal["vllm", "triton"]
_IDLE_INTENSITY = 0.4  # a lone sequence; a full batch pushes the GPU to 1.0


@dataclass(frozen=True, slots=True)
class PodSpec:
    """Identity and configuration of one simulated pod."""

    name: str
    namespace: str
    pool: str
    model: str
    backend: Backend
    engine: EngineConfig = field(default_factory=EngineConfig)
    legacy_vllm_names: bool = False


class _Observers:
    """The exporter's engine observer, then the pod's `on_finished` callbacks."""

    def __init__(self, exporter: EngineObserver, finished: list[Callable[[SimRequest], None]]):
        self._exporter = exporter
        self._finished = finished

    def request_scheduled(self, request: SimRequest) -> None:
        self._exporter.request_scheduled(request)

    def request_finished(self, request: SimRequest) -> None:
        self._exporter.request_finished(request)
        for callback in self._finished:
            callback(request)

    def iteration(self, tokens: int) -> None:
        self._exporter.iteration(tokens)


class ModelServerPod:
    """A simulated model server; `start()` runs its engine loop."""

    def __init__(self, spec: PodSpec, clock: SimClock, gpu: SimulatedGpu) -> None:
        self.spec = spec
        self.gpu = gpu
        self._clock = clock
        exporter: VllmMetrics | TritonMetrics
        if spec.backend == "vllm":
            exporter = VllmMetrics(
                spec.model,
                max_model_len=spec.engine.max_model_len,
                legacy_names=spec.legacy_vllm_names,
            )
        else:
            exporter = TritonMetrics(spec.model)
        self.exporter = exporter
        self.on_finished: list[Callable[[SimRequest], None]] = []
        self.engine = Engine(spec.engine, _Observers(exporter, self.on_finished), start=clock.now())
        exporter.attach(self.engine)
        self._runner = EngineRunner(self.engine, clock)
        self._sampled_at = clock.now()
        self._sampled_busy = 0.0
        self.app: FastAPI = build_app(self)

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def model(self) -> str:
        return self.spec.model

    @property
    def backend(self) -> Backend:
        return self.spec.backend

    @property
    def runner(self) -> EngineRunner:
        return self._runner

    def metrics(self) -> tuple[bytes, str]:
        """The `/metrics` body: vLLM via prometheus_client, Triton as its C++ server writes it."""
        if isinstance(self.exporter, VllmMetrics):
            return generate_latest(self.exporter.registry), CONTENT_TYPE_LATEST
        return render(self.exporter.registry), CONTENT_TYPE

    def endpoint_state(self) -> EndpointState:
        """What the EPP would read from this pod's metrics right now."""
        engine = self.engine
        return EndpointState(
            name=self.name,
            waiting_queue_size=engine.num_waiting,
            kv_cache_usage=engine.kv_cache_usage,
            running_requests=engine.num_running,
            num_gpu_blocks=engine.config.num_gpu_blocks,
        )

    def batch_fill(self) -> float:
        """Running sequences / batch slots."""
        return self.engine.num_running / self.engine.config.max_num_seqs

    def sample_gpu(self) -> None:
        """Step the GPU model over the time since the last sample."""
        now = self._clock.now()
        dt = now - self._sampled_at
        if dt <= 0:
            return
        busy_total = self.engine.busy_seconds_at(now)
        busy = (busy_total - self._sampled_busy) / dt
        fill = self.batch_fill()
        intensity = _IDLE_INTENSITY + (1 - _IDLE_INTENSITY) * fill if busy > 0 else 0.0
        self.gpu.step(dt, busy, intensity)
        self._sampled_at, self._sampled_busy = now, busy_total

    def start(self) -> None:
        self._runner.start()

    async def stop(self) -> None:
        await self._runner.stop()
