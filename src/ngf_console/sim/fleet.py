"""A simulated inference pool: N model-server pods, their GPUs, the EPP, optional HTTP.

`Fleet` plays the Deployment and the node: pods are named like StatefulSet replicas
(`<pool>-0`, `<pool>-1`, ...), scaling up adds the lowest free ordinals and scaling down
removes the highest; each pod has one simulated GPU registered with the node's DCGM
exporter (attributed to the pod's container). With `serve(port_base=...)` every pod listens
on `port_base + ordinal` (0: any free port) and the DCGM exporter on `dcgm_port`.
A sampler steps every GPU each `gpu_interval` virtual seconds from its engine's activity.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import uuid
from dataclasses import dataclass, field

from ngf_console.api.v1alpha1.inferencestack import CompositeWeights, Strategy
from ngf_console.inference.epp import EndpointPicker
from ngf_console.inference.profile import profile_for
from ngf_console.sim.clock import SimClock
from ngf_console.sim.dcgm import Attribution, DcgmExporter
from ngf_console.sim.decisions import DecisionLog
from ngf_console.sim.engine import EngineConfig
from ngf_console.sim.epp_sim import EppSimulator
from ngf_console.sim.gpu import GpuIdentity, SimulatedGpu
from ngf_console.sim.gpu_trace import GpuProfile
from ngf_console.sim.gpu_types import profile_for_type
from ngf_console.sim.pod import Backend, ModelServerPod, PodSpec
from ngf_console.sim.serving import HttpServer, serve


@dataclass(frozen=True, slots=True)
class PoolConfig:
    """What an InferenceStack would declare about its pool."""

    name: str = "llama"
    namespace: str = "default"
    model: str = "meta-llama/Llama-3.1-8B-Instruct"
    backend: Backend = "vllm"
    gpu_type: str = "H200"
    engine: EngineConfig = field(default_factory=EngineConfig)
    strategy: Strategy = "composite"
    weights: CompositeWeights | None = None
    legacy_vllm_names: bool = False
    node: str = "sim-node-0"


class Fleet:
    """The pods of one pool, their GPUs and the pool's EPP."""

    def __init__(
        self,
        pool: PoolConfig,
        *,
        gpu_profile: GpuProfile,
        clock: SimClock,
        seed: int = 0,
        dcgm: DcgmExporter | None = None,
        gpu_interval: float = 0.25,
    ) -> None:
        self.pool = pool
        self.clock = clock
        self.profile = profile_for_type(gpu_profile, pool.gpu_type)
        self.dcgm = dcgm or DcgmExporter(driver_version=gpu_profile.driver)
        self._rng = random.Random(seed)  # noqa: S311 - simulation, not crypto
        self._pods: dict[int, ModelServerPod] = {}
        self._servers: dict[int, HttpServer] = {}
        self._host = "127.0.0.1"
        self._port_base: int | None = None
        self._started = False
        self._sampler: asyncio.Task[None] | None = None
        self._gpu_interval = gpu_interval
        picker = EndpointPicker(
            profile_for(pool.strategy, pool.weights),
            rng=random.Random(self._rng.random()),  # noqa: S311 - tie-break
            block_size_tokens=pool.engine.block_size,
        )
        self.epp = EppSimulator(
            namespace=pool.namespace,
            pool=pool.name,
            model=pool.model,
            picker=picker,
            pods=lambda: self.pods,
            log=DecisionLog(),
        )

    @property
    def pods(self) -> tuple[ModelServerPod, ...]:
        return tuple(self._pods[i] for i in sorted(self._pods))

    def server(self, name: str) -> HttpServer | None:
        """The HTTP server of pod `name`, when serving."""
        for ordinal, pod in self._pods.items():
            if pod.name == name:
                return self._servers.get(ordinal)
        return None

    def _make_pod(self, ordinal: int) -> ModelServerPod:
        pool = self.pool
        name = f"{pool.name}-{ordinal}"
        gpu_uuid = f"GPU-{uuid.UUID(int=self._rng.getrandbits(128))}"
        identity = GpuIdentity(
            index=ordinal,
            uuid=gpu_uuid,
            pci_bus_id=f"00000000:{ordinal + 6:02X}:00.0",
            model_name=self.profile.name,
            hostname=pool.node,
        )
        gpu = SimulatedGpu(self.profile, identity, rng=random.Random(gpu_uuid))  # noqa: S311
        spec = PodSpec(
            name=name,
            namespace=pool.namespace,
            pool=pool.name,
            model=pool.model,
            backend=pool.backend,
            engine=pool.engine,
            legacy_vllm_names=pool.legacy_vllm_names,
        )
        pod = ModelServerPod(spec, self.clock, gpu)
        self.dcgm.add(gpu, Attribution(pod=name, namespace=pool.namespace, container=pool.backend))
        return pod

    async def scale(self, replicas: int) -> None:
        """Add or remove pods until there are `replicas`."""
        if replicas < 0:
            raise ValueError("replicas must be >= 0")
        while len(self._pods) < replicas:
            ordinal = next(i for i in range(replicas) if i not in self._pods)
            pod = self._make_pod(ordinal)
            self._pods[ordinal] = pod
            if self._started:
                await self._start_pod(ordinal, pod)
        while len(self._pods) > replicas:
            ordinal = max(self._pods)
            pod = self._pods.pop(ordinal)
            self.epp.forget(pod.name)
            self.dcgm.remove(pod.gpu.identity.uuid)
            server = self._servers.pop(ordinal, None)
            if server is not None:
                await server.stop()
            await pod.stop()

    async def _start_pod(self, ordinal: int, pod: ModelServerPod) -> None:
        pod.start()
        if self._port_base is not None:
            port = self._port_base + ordinal if self._port_base else 0
            self._servers[ordinal] = await serve(pod.app, host=self._host, port=port)

    async def start(self, *, port_base: int | None = None, host: str = "127.0.0.1") -> None:
        """Run every pod's engine (and HTTP server when `port_base` is given) and the sampler."""
        self._host, self._port_base, self._started = host, port_base, True
        for ordinal, pod in sorted(self._pods.items()):
            await self._start_pod(ordinal, pod)
        self._sampler = asyncio.create_task(self._sample_gpus(), name=f"gpu-{self.pool.name}")

    async def stop(self) -> None:
        """Stop the sampler, every server and every engine."""
        if self._sampler is not None:
            self._sampler.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sampler
            self._sampler = None
        for server in self._servers.values():
            await server.stop()
        self._servers.clear()
        for pod in self._pods.values():
            await pod.stop()
        self._started = False

    def sample_gpus(self) -> None:
        """Step every GPU to now."""
        for pod in self._pods.values():
            pod.sample_gpu()

    async def _sample_gpus(self) -> None:
        while True:
            self.sample_gpus()
            await asyncio.sleep(self.clock.real_delay(self._gpu_interval))
