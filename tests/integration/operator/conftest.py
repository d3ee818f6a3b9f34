"""An in-process operator (runtime Manager + every controller) against the local cluster.

Leader election is off, the resync period is short (5 s) and the shared DCGM exporter
lives in the test's own namespace so tests do not see each other's.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio

from ngf_console.kube.client import async_client
from ngf_console.operator.settings import OperatorSettings
from ngf_console.operator.setup import register_controllers
from ngf_console.runtime import Manager, ManagerOptions


@pytest_asyncio.fixture
async def operator(kubeconfig: Path, namespace: str) -> AsyncIterator[Manager]:
    """A running operator; stopped (gracefully) after the test."""
    options = ManagerOptions(
        health_host="127.0.0.1", health_port=0, leader_election=False, resync_period=5.0
    )
    manager = Manager(async_client(kubeconfig), options, owns_client=True)
    settings = OperatorSettings(system_namespace=namespace, prometheus_url="http://prom.test:9090")
    register_controllers(manager, settings)
    stop = asyncio.Event()
    task = asyncio.create_task(manager.run(stop))
    await manager.wait_started()
    await manager.cache.wait_for_sync()
    yield manager
    stop.set()
    await asyncio.wait_for(task, timeout=30)
