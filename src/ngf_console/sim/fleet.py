"""A simulated inference pool: N model-server pods, their GPUs, the EPP, optional HTTP.

`Fleet` plays the pool's pods and their node. Two ways to populate it:

* `scale(n)` — pods named like StatefulSet replicas (`<pool>-0`, `<pool>-1`, ...): scaling up
  adds the lowest free ordinals and scaling down removes the highest. With
  `start(port_base=...)` pod *i* listens on `host:port_base + i` (0: any free port) and the
  fleet's DCGM exporter is served by the caller (`fleet.dcgm.app()`).
* `add_pod(name, address)` / `remove_pod(name)` — pods named by someone else (the kubelet
  stand-in names them after their Pod objects), each on its own `PodAddress`: the model server
  on `host:port` and, with `dcgm_port`, a DCGM exporter of its own serving only its GPU.

Each pod has one simulated GPU, indexed by the lowest free index in the fleet, registered
with the fleet's node-wide `dcgm` exporter (attributed to the pod's container).
A sampler steps every GPU each `gpu_interval` virtual seconds from its engine's activity.
An address that cannot be bound raises `OSError` and leaves the fleet as it was.
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


@dataclass(frozen=True, slots=True)
class PodAddress:
    """Where one pod listens: its model server on `host:port`, its own DCGM exporter on
    `host:dcgm_port` (None: only the fleet's node-wide exporter has its GPU)."""

    host: str
    port: int
    dcgm_port: int | None = None


@dataclass
class _Member:
    pod: ModelServerPod
    index: int
    address: PodAddress | None
    servers: list[HttpServer] = field(default_factory=list)


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
        self._base_profile = gpu_profile
        self.profile = profile_for_type(gpu_profile, pool.gpu_type)
        self.dcgm = dcgm or DcgmExporter(driver_version=gpu_profile.driver)
        self._rng = random.Random(seed)  # noqa: S311 - simulation, not crypto
        self._members: dict[str, _Member] = {}
        self._host = "127.0.0.1"
        self._port_base: int | None = None
        self._started = False
        self._sampler: asyncio.Task[None] | None = None
        self._gpu_interval = gpu_interval
        self.epp = EppSimulator(
            namespace=pool.namespace,
            pool=pool.name,
            model=pool.model,
            picker=self._picker(pool),
            pods=lambda: self.pods,
            log=DecisionLog(),
        )

    def _picker(self, pool: PoolConfig) -> EndpointPicker:
        return EndpointPicker(
            profile_for(pool.strategy, pool.weights),
            rng=random.Random(self._rng.random()),  # noqa: S311 - tie-break
            block_size_tokens=pool.engine.block_size,
        )

    @property
    def pods(self) -> tuple[ModelServerPod, ...]:
        return tuple(m.pod for m in sorted(self._members.values(), key=lambda m: m.index))

    def server(self, name: str) -> HttpServer | None:
        """The model-server HTTP server of pod `name`, when serving."""
        member = self._members.get(name)
        return member.servers[0] if member is not None and member.servers else None

    def dcgm_server(self, name: str) -> HttpServer | None:
        """The DCGM exporter of pod `name`, when it has one of its own."""
        member = self._members.get(name)
        if member is None or member.address is None or member.address.dcgm_port is None:
            return None
        return member.servers[1] if len(member.servers) > 1 else None

    def reconfigure(self, pool: PoolConfig) -> None:
        """Pods added from now on follow `pool`; a new strategy or weights re-pick at once."""
        old, self.pool = self.pool, pool
        self.profile = profile_for_type(self._base_profile, pool.gpu_type)
        self.epp.model = pool.model
        if (old.strategy, old.weights, old.engine.block_size) != (
            pool.strategy,
            pool.weights,
            pool.engine.block_size,
        ):
            self.epp.picker = self._picker(pool)

    def _make_pod(self, name: str, index: int) -> ModelServerPod:
        pool = self.pool
        gpu_uuid = f"GPU-{uuid.UUID(int=self._rng.getrandbits(128))}"
        identity = GpuIdentity(
            index=index,
            uuid=gpu_uuid,
            pci_bus_id=f"00000000:{index % 250 + 6:02X}:00.0",
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
        return ModelServerPod(spec, self.clock, gpu)

    def _free_index(self) -> int:
        used = {m.index for m in self._members.values()}
        return next(i for i in range(len(used) + 1) if i not in used)

    async def add_pod(self, name: str, address: PodAddress | None = None) -> ModelServerPod:
        """Add pod `name` (serving on `address` once the fleet runs); `OSError` if unbound."""
        return await self._add(name, self._free_index(), address)

    async def _add(self, name: str, index: int, address: PodAddress | None) -> ModelServerPod:
        if name in self._members:
            raise ValueError(f"pod {name} is already in the fleet")
        member = _Member(self._make_pod(name, index), index, address)
        if self._started:
            await self._start_member(member)
        self._members[name] = member
        attribution = Attribution(pod=name, namespace=self.pool.namespace, container=self.backend)
        self.dcgm.add(member.pod.gpu, attribution)
        return member.pod

    @property
    def backend(self) -> Backend:
        return self.pool.backend

    async def remove_pod(self, name: str) -> None:
        """Stop pod `name`'s servers and engine and drop it (a no-op when absent)."""
        member = self._members.pop(name, None)
        if member is None:
            return
        self.epp.forget(name)
        self.dcgm.remove(member.pod.gpu.identity.uuid)
        await self._stop_member(member)

    async def scale(self, replicas: int) -> None:
        """Add or remove ordinal pods (`<pool>-<i>`) until there are `replicas`."""
        if replicas < 0:
            raise ValueError("replicas must be >= 0")
        while len(self._members) < replicas:
            used = {m.index for m in self._members.values()}
            ordinal = next(i for i in range(replicas) if i not in used)
            await self._add(f"{self.pool.name}-{ordinal}", ordinal, self._ordinal_address(ordinal))
        while len(self._members) > replicas:
            highest = max(self._members.values(), key=lambda m: m.index)
            await self.remove_pod(highest.pod.name)

    def _ordinal_address(self, ordinal: int) -> PodAddress | None:
        if self._port_base is None:
            return None
        port = self._port_base + ordinal if self._port_base else 0
        return PodAddress(self._host, port)

    async def _start_member(self, member: _Member) -> None:
        member.pod.start()
        address = member.address
        try:
            if address is not None:
                member.servers.append(
                    await serve(member.pod.app, host=address.host, port=address.port)
                )
                if address.dcgm_port is not None:
                    own = DcgmExporter(driver_version=self._base_profile.driver)
                    own.add(
                        member.pod.gpu,
                        Attribution(member.pod.name, self.pool.namespace, self.backend),
                    )
                    member.servers.append(
                        await serve(own.app(), host=address.host, port=address.dcgm_port)
                    )
        except OSError:
            await self._stop_member(member)
            raise

    async def _stop_member(self, member: _Member) -> None:
        for server in member.servers:
            await server.stop()
        member.servers.clear()
        await member.pod.stop()

    async def start(self, *, port_base: int | None = None, host: str = "127.0.0.1") -> None:
        """Run every pod's engine and the sampler; serve ordinal pods when `port_base` is given.

        Pods added with an address of their own are served on it whatever `port_base` is.
        """
        self._host, self._port_base, self._started = host, port_base, True
        for member in sorted(self._members.values(), key=lambda m: m.index):
            if member.address is None:
                member.address = self._ordinal_address(member.index)
            await self._start_member(member)
        self._sampler = asyncio.create_task(self._sample_gpus(), name=f"gpu-{self.pool.name}")

    async def stop(self) -> None:
        """Stop the sampler, every server and every engine."""
        if self._sampler is not None:
            self._sampler.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sampler
            self._sampler = None
        for member in self._members.values():
            await self._stop_member(member)
        self._started = False

    def sample_gpus(self) -> None:
        """Step every GPU to now."""
        for member in self._members.values():
            member.pod.sample_gpu()

    async def _sample_gpus(self) -> None:
        while True:
            self.sample_gpus()
            await asyncio.sleep(self.clock.real_delay(self._gpu_interval))
