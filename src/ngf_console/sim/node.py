"""The simulated node: the processes behind the Pods the kubelet stand-in registers.

`start_pod(namespace, name, role)` gives the pod a loopback IP from the `AddressPool`. For a
`ModelRole` it adds the pod to its pool's `Fleet`: a model server on `<ip>:<port>` and a DCGM
exporter of its own on `<ip>:<dcgm_port>` serving the pod's one GPU (labelled with the pod
and namespace). There is one Fleet per (namespace, pool), created on first use with the
stack's EPP strategy and weights, reconfigured (`configure`) when the stack changes and
stopped when its last pod leaves. An address something else already listens on is
skipped: the pod tries the next addresses (`bind_attempts` in all), then runs without
listening and is reported not ready, with the reason.

`targets()` lists every model server and DCGM exporter with the `namespace`, `pod` and `pool`
they belong to (for Prometheus), and `on_change` callbacks run whenever that list changes.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import structlog

from ngf_console.sim.addresses import AddressPool
from ngf_console.sim.clock import SimClock
from ngf_console.sim.fleet import Fleet, PodAddress
from ngf_console.sim.gpu_trace import GpuProfile
from ngf_console.sim.roles import ModelRole, Role

log = structlog.get_logger(__name__)

DCGM_PORT = 9400
FleetKey = tuple[str, str]
"""(namespace, pool)."""


@dataclass(frozen=True, slots=True)
class StartedPod:
    """Where a pod runs and whether its simulator listens."""

    ip: str
    ready: bool
    message: str | None = None


@dataclass(frozen=True, slots=True)
class ScrapeTarget:
    """One endpoint to scrape and the Kubernetes identity of its series."""

    job: Literal["model-servers", "dcgm"]
    address: str
    labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Running:
    ip: str
    fleet: FleetKey | None
    port: int = 0
    listening: bool = False


class SimNode:
    """Every simulated pod on one node, grouped into one Fleet per pool."""

    def __init__(
        self,
        *,
        gpu_profile: GpuProfile,
        clock: SimClock,
        name: str = "sim-node",
        host_ip: str = "127.0.0.1",
        addresses: AddressPool | None = None,
        dcgm_port: int = DCGM_PORT,
        seed: int = 0,
        bind_attempts: int = 5,
    ) -> None:
        self.name = name
        self.host_ip = host_ip
        self.addresses = addresses if addresses is not None else AddressPool()
        self._profile = gpu_profile
        self._clock = clock
        self._dcgm_port = dcgm_port
        self._rng = random.Random(seed)  # noqa: S311 - simulation seeds
        self._bind_attempts = bind_attempts
        self._fleets: dict[FleetKey, Fleet] = {}
        self._pods: dict[tuple[str, str], _Running] = {}
        self._listeners: list[Callable[[], None]] = []

    def on_change(self, callback: Callable[[], None]) -> None:
        """Call `callback()` whenever `targets()` changes."""
        self._listeners.append(callback)

    def _changed(self) -> None:
        for callback in self._listeners:
            callback()

    def fleet(self, namespace: str, pool: str) -> Fleet | None:
        """The running fleet of a pool, if any of its pods runs here."""
        return self._fleets.get((namespace, pool))

    @property
    def fleets(self) -> dict[FleetKey, Fleet]:
        return dict(self._fleets)

    def ip_of(self, namespace: str, name: str) -> str | None:
        running = self._pods.get((namespace, name))
        return running.ip if running is not None else None

    def configure(self, role: ModelRole) -> None:
        """Bring the pool's running fleet (if any) in line with `role` (strategy, weights,
        model and GPU type of pods added from now on)."""
        fleet = self._fleets.get((role.pool.namespace, role.pool.name))
        if fleet is not None and fleet.pool != role.pool:
            fleet.reconfigure(role.pool)

    async def _fleet_for(self, role: ModelRole) -> Fleet:
        key = (role.pool.namespace, role.pool.name)
        self.configure(role)
        fleet = self._fleets.get(key)
        if fleet is None:
            fleet = Fleet(
                role.pool,
                gpu_profile=self._profile,
                clock=self._clock,
                seed=self._rng.randrange(2**32),
            )
            await fleet.start()
            self._fleets[key] = fleet
        return fleet

    async def start_pod(self, namespace: str, name: str, role: Role) -> StartedPod:
        """Run pod `name` (see the module docstring); idempotent for a running pod."""
        running = self._pods.get((namespace, name))
        if running is not None:
            return StartedPod(running.ip, running.listening or running.fleet is None)
        if not isinstance(role, ModelRole):
            ip = self.addresses.allocate()
            self._pods[(namespace, name)] = _Running(ip, None)
            return StartedPod(ip, True)
        fleet = await self._fleet_for(role)
        bound, failures = await self._listen(fleet, name, role.port)
        if bound is not None:
            key = (role.pool.namespace, role.pool.name)
            self._pods[(namespace, name)] = _Running(bound, key, role.port, listening=True)
            self._changed()
            return StartedPod(bound, True)
        if not fleet.pods:
            await self._drop_fleet((role.pool.namespace, role.pool.name))
        ip = self.addresses.allocate()
        self._pods[(namespace, name)] = _Running(ip, None)
        message = f"the simulator could not listen: {'; '.join(failures)}"
        log.warning("simulated pod not listening", pod=f"{namespace}/{name}", reason=message)
        return StartedPod(ip, False, message)

    async def _listen(self, fleet: Fleet, name: str, port: int) -> tuple[str | None, list[str]]:
        """Add the pod on the first address that can be bound; (None, why) if none could."""
        tried: list[str] = []
        failures: list[str] = []
        try:
            for _ in range(self._bind_attempts):
                ip = self.addresses.allocate()
                try:
                    await fleet.add_pod(name, PodAddress(ip, port, self._dcgm_port))
                except OSError as e:
                    tried.append(ip)
                    failures.append(f"{ip}: {e}")
                else:
                    return ip, failures
            return None, failures
        finally:
            for bad in tried:  # held until now so that no retry picks one of them again
                self.addresses.release(bad)

    async def _drop_fleet(self, key: FleetKey) -> None:
        fleet = self._fleets.pop(key)
        await fleet.stop()

    async def stop_pod(self, namespace: str, name: str) -> None:
        """Stop pod `name`'s simulators and free its address (a no-op when not running)."""
        running = self._pods.pop((namespace, name), None)
        if running is None:
            return
        if running.fleet is not None:
            fleet = self._fleets[running.fleet]
            await fleet.remove_pod(name)
            if not fleet.pods:
                await self._drop_fleet(running.fleet)
            self._changed()
        self.addresses.release(running.ip)

    def targets(self) -> list[ScrapeTarget]:
        """Every listening model server and DCGM exporter, in a stable order."""
        found: list[ScrapeTarget] = []
        for (namespace, name), running in sorted(self._pods.items()):
            if running.fleet is None:
                continue
            fleet = self._fleets[running.fleet]
            labels = {"namespace": namespace, "pod": name, "pool": running.fleet[1]}
            model = {**labels, "backend": fleet.backend}
            found.append(ScrapeTarget("model-servers", f"{running.ip}:{running.port}", model))
            found.append(ScrapeTarget("dcgm", f"{running.ip}:{self._dcgm_port}", labels))
        return found

    async def stop(self) -> None:
        """Stop every fleet and free every address."""
        for fleet in self._fleets.values():
            await fleet.stop()
        self._fleets.clear()
        for running in self._pods.values():
            self.addresses.release(running.ip)
        self._pods.clear()
        self._changed()
