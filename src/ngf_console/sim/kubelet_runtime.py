"""Run the kubelet stand-in as a controller (`sim-kubelet`) on a runtime `Manager`.

Watches, in every namespace or only `namespace`:

* Deployments — reconciled (`SimKubelet.reconcile`);
* Pods labelled `sim.ngf-console.f5.com/node=<node>` — their controller owner, the
  Deployment (a deleted Pod is replaced);
* InferencePools and InferenceStacks — every Deployment of their namespace (a new pool
  turns a Deployment into model servers; a stack's new strategy reconfigures its fleet).

`async with run_kubelet(client, node) as kubelet:` returns once every cache has listed.
Leaving stops the controller first (so nothing is re-created), then `kubelet.shutdown()`
deletes the Pods it ran and the node's simulators stop. The client stays the caller's.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

from ngf_console.kube.resources import InferencePool, InferenceStack
from ngf_console.runtime import Manager, ManagerOptions, ObjectKey
from ngf_console.runtime.keys import key_of, meta
from ngf_console.sim.kubelet import Deployment, Pod, SimKubelet
from ngf_console.sim.node import SimNode

CONTROLLER = "sim-kubelet"


def _namespace_mapper(manager: Manager, namespace: str | None) -> Any:
    """An object → every Deployment in its namespace."""
    store = manager.cache.informer(Deployment, namespace=namespace).store

    def mapper(obj: Any) -> list[ObjectKey]:
        return [key_of(d) for d in store.list(namespace=meta(obj).namespace or "")]

    return mapper


def register(manager: Manager, kubelet: SimKubelet, *, workers: int = 2) -> None:
    """Wire `kubelet` into `manager` (before `manager.run()`)."""
    ns = kubelet.namespace
    same_namespace = _namespace_mapper(manager, ns)
    (
        manager.controller(CONTROLLER)
        .for_(Deployment, namespace=ns)
        .owns(Pod, namespace=ns, labels=kubelet.pod_labels)
        .watches(InferencePool, same_namespace, namespace=ns)
        .watches(InferenceStack, same_namespace, namespace=ns)
        .with_options(workers=workers)
        .complete(kubelet)
    )


async def _started(manager: Manager, task: asyncio.Task[None]) -> None:
    """Wait until the caches have listed; re-raise if the manager ended first."""
    synced = asyncio.ensure_future(_synced(manager))
    try:
        await asyncio.wait({synced, task}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        synced.cancel()
    if task.done():
        task.result()
        raise RuntimeError("the kubelet stand-in stopped while starting")


async def _synced(manager: Manager) -> None:
    await manager.wait_started()
    await manager.cache.wait_for_sync()


@contextlib.asynccontextmanager
async def run_kubelet(
    client: Any,
    node: SimNode,
    *,
    namespace: str | None = None,
    resync_period: float = 30.0,
) -> AsyncIterator[SimKubelet]:
    """Run the stand-in until the block ends; see the module docstring."""
    options = ManagerOptions(
        health_host="127.0.0.1",
        health_port=0,
        leader_election=False,
        resync_period=resync_period,
    )
    manager = Manager(client, options)
    kubelet = SimKubelet(client, manager.cache, node, namespace=namespace)
    register(manager, kubelet)
    stop = asyncio.Event()
    task = asyncio.create_task(manager.run(stop), name=CONTROLLER)
    try:
        await _started(manager, task)
        yield kubelet
    finally:
        stop.set()
        try:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        finally:
            try:
                await kubelet.shutdown()
            finally:
                await node.stop()
