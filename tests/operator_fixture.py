"""Pytest plugin: `operator`, an in-process operator (runtime Manager + every controller).

Registered in `tests/conftest.py` (`pytest_plugins`), so the operator tests and the
simulator's cluster tests share it.

It runs as a ServiceAccount bound to `config/rbac/operator_role.yaml` — the ClusterRole we
ship — so a missing permission fails these tests. Leader election is off, the resync
period is short (5 s) and the shared DCGM exporter lives in the test's own namespace so
tests do not see each other's.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import cast

import pytest_asyncio
import yaml
from lightkube.models.authentication_v1 import TokenRequestSpec
from lightkube.models.meta_v1 import ObjectMeta
from lightkube.models.rbac_v1 import RoleRef, Subject
from lightkube.resources.core_v1 import ServiceAccount
from lightkube.resources.rbac_authorization_v1 import ClusterRole, ClusterRoleBinding

from ngf_console.kube.client import async_client
from ngf_console.operator.settings import OperatorSettings
from ngf_console.operator.setup import register_controllers
from ngf_console.runtime import Manager, ManagerOptions

ROLE = Path(__file__).resolve().parents[1] / "config" / "rbac" / "operator_role.yaml"


async def _operator_token(kubeconfig: Path, namespace: str) -> str:
    """A token of ServiceAccount `ngf-console-operator` bound to the shipped ClusterRole."""
    role = yaml.safe_load(ROLE.read_text())
    async with async_client(kubeconfig, field_manager="test-setup") as admin:
        await admin.apply(cast(ClusterRole, ClusterRole.from_dict(role)), force=True)
        await admin.create(
            ServiceAccount(metadata=ObjectMeta(name="ngf-console-operator", namespace=namespace))
        )
        await admin.create(
            ClusterRoleBinding(
                metadata=ObjectMeta(name=f"ngf-console-operator-{namespace}"),
                roleRef=RoleRef(
                    apiGroup="rbac.authorization.k8s.io",
                    kind="ClusterRole",
                    name="ngf-console-operator",
                ),
                subjects=[
                    Subject(kind="ServiceAccount", name="ngf-console-operator", namespace=namespace)
                ],
            )
        )
        issued = await admin.create(
            ServiceAccount.Token(
                metadata=ObjectMeta(), spec=TokenRequestSpec(expirationSeconds=3600)
            ),
            name="ngf-console-operator",
            namespace=namespace,
        )
    assert issued.status is not None
    assert issued.status.token
    return issued.status.token


@pytest_asyncio.fixture
async def operator(kubeconfig: Path, namespace: str) -> AsyncIterator[Manager]:
    """A running operator; stopped (gracefully) after the test."""
    options = ManagerOptions(
        health_host="127.0.0.1", health_port=0, leader_election=False, resync_period=5.0
    )
    token = await _operator_token(kubeconfig, namespace)
    manager = Manager(async_client(kubeconfig, token=token), options, owns_client=True)
    settings = OperatorSettings(system_namespace=namespace, prometheus_url="http://prom.test:9090")
    register_controllers(manager, settings)
    stop = asyncio.Event()
    task = asyncio.create_task(manager.run(stop))
    await manager.wait_started()
    await manager.cache.wait_for_sync()
    yield manager
    stop.set()
    await asyncio.wait_for(task, timeout=30)
