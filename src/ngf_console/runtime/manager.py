"""The manager: one process's client, cache, controllers, leader election, probes and metrics.

Life cycle of `run(stop)`, controller-runtime's order:

1. start the health/metrics server (`/healthz` answers from now on);
2. start every informer; once all have listed, `/readyz` turns 200;
3. with leader election, campaign for the Lease; controllers run only while leading and are
   cancelled when leadership is lost (then campaign again). Without it, run them at once;
4. when `stop` is set (SIGTERM/SIGINT via `signals.run_until_signalled`) or `run()` is
   cancelled: cancel the controllers, release the Lease, stop the informers, stop the
   server, close the client if the manager created it. A controller that crashes stops the
   manager the same way and `run()` re-raises its error.

Wire controllers before `run()`: `manager.controller(name).for_(...).owns(...).complete(r)`.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from pathlib import Path

import structlog
from lightkube import AsyncClient
from prometheus_client import CollectorRegistry

from ngf_console.runtime.builder import ControllerBuilder
from ngf_console.runtime.cache import Cache
from ngf_console.runtime.clock import SYSTEM_CLOCK, Clock
from ngf_console.runtime.connect import connect, default_identity
from ngf_console.runtime.controller import Controller, ControllerOptions
from ngf_console.runtime.health import HealthServer, health_app
from ngf_console.runtime.informer import WatchOptions
from ngf_console.runtime.leader import LeaderElector, LeaseLock, LeaseTimings
from ngf_console.runtime.leaselock import LightkubeLeaseLock
from ngf_console.runtime.metrics import RuntimeMetrics

log = structlog.get_logger(__name__)

LEASE_NAME = "ngf-console-operator"


@dataclass(frozen=True)
class ManagerOptions:
    """Everything `ngf-console operator` can set."""

    health_host: str = "0.0.0.0"  # noqa: S104  # probes come from the kubelet, on the Pod IP
    health_port: int = 8081
    resync_period: float = 60.0
    leader_election: bool = True
    lease_name: str = LEASE_NAME
    lease_namespace: str = "default"
    lease_timings: LeaseTimings = field(default_factory=LeaseTimings)
    identity: str = field(default_factory=default_identity)
    watch: WatchOptions = field(default_factory=WatchOptions)


class Manager:
    """Runs controllers against one cluster; see the module docstring."""

    def __init__(
        self,
        client: AsyncClient,
        options: ManagerOptions | None = None,
        *,
        clock: Clock = SYSTEM_CLOCK,
        registry: CollectorRegistry | None = None,
        lease_lock: LeaseLock | None = None,
        owns_client: bool = False,
    ) -> None:
        self.client = client
        self.options = options or ManagerOptions()
        self.clock = clock
        self.metrics = RuntimeMetrics(registry)
        self.cache = Cache(client, metrics=self.metrics, options=self.options.watch, clock=clock)
        self.controllers: list[Controller] = []
        self._owns_client = owns_client
        self._elector: LeaderElector | None = None
        opts = self.options
        if opts.leader_election:
            lock = lease_lock or LightkubeLeaseLock(client, opts.lease_name, opts.lease_namespace)
            leader_gauge = self.metrics.leader.labels(name=opts.lease_name)
            leader_gauge.set(0)
            self._elector = LeaderElector(
                lock,
                opts.identity,
                opts.lease_timings,
                clock=clock,
                on_change=lambda leading: leader_gauge.set(1 if leading else 0),
            )
        self._health = HealthServer(
            opts.health_host,
            opts.health_port,
            health_app(alive=self._alive, ready=self._ready, metrics=self.metrics.exposition),
        )
        self._running = False
        self._started = asyncio.Event()

    @classmethod
    def connect(cls, kubeconfig: Path | None, options: ManagerOptions | None = None) -> Manager:
        """A manager with its own client (see `connect.connect`), closed when `run()` ends."""
        return cls(connect(kubeconfig), options, owns_client=True)

    @property
    def identity(self) -> str:
        return self.options.identity

    @property
    def is_leader(self) -> bool:
        """True while controllers run (always, once started, without leader election)."""
        return self._elector.is_leader if self._elector is not None else self._running

    @property
    def health_port(self) -> int:
        """The port `/healthz` listens on (after `run()` started)."""
        return self._health.port

    async def wait_started(self) -> None:
        """Wait until `run()` serves `/healthz` (then `health_port` is known)."""
        await self._started.wait()

    def controller(self, name: str) -> ControllerBuilder:
        """Start wiring a controller; `complete()` registers it with this manager."""
        return ControllerBuilder(
            name,
            cache=self.cache,
            metrics=self.metrics,
            register=self.controllers.append,
            options=ControllerOptions(resync_period=self.options.resync_period),
            clock=self.clock,
        )

    async def run(self, stop: asyncio.Event | None = None) -> None:
        """Run until `stop` is set or the task is cancelled; see the module docstring."""
        stop = stop or asyncio.Event()
        log.info("manager starting", identity=self.identity, controllers=len(self.controllers))
        await self._health.start()
        log.info("serving health and metrics", port=self.health_port)
        self._started.set()
        try:
            await self.cache.start()
            main = asyncio.ensure_future(self._elect_and_run())
            stopped = asyncio.ensure_future(stop.wait())
            try:
                await asyncio.wait({main, stopped}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for task in (main, stopped):
                    task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await main  # controllers cancelled, then the Lease released
                await self.cache.stop()
        finally:
            self._running = False
            self._started.clear()
            await self._health.stop()
            if self._owns_client:
                await self.client.close()
            log.info("manager stopped", identity=self.identity)

    async def _elect_and_run(self) -> None:
        await self.cache.wait_for_sync()
        log.info("caches synced", informers=len(self.cache.informers))
        if self._elector is None:
            await self._run_controllers()
        else:
            await self._elector.run(self._run_controllers)

    async def _run_controllers(self) -> None:
        self._running = True
        try:
            async with asyncio.TaskGroup() as group:
                for controller in self.controllers:
                    group.create_task(controller.run(), name=f"controller {controller.name}")
                group.create_task(asyncio.Event().wait())  # lead until cancelled
        finally:
            self._running = False

    def _alive(self) -> tuple[bool, str]:
        return True, "ok"

    def _ready(self) -> tuple[bool, str]:
        waiting = self.cache.unsynced()
        if waiting:
            return False, "caches not synced: " + ", ".join(waiting)
        return True, "ok"
