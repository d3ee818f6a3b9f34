"""Shared fixtures.

* `local_cluster` (session): the real local control plane (hack/localcluster),
  built once, started on a free port in a temporary directory, with every CRD
  installed; stopped when the session ends.
* `namespace`: a fresh namespace per test, deleted afterwards.
* `kube`: a factory of async lightkube clients for that cluster, closed afterwards.
* `operator` (plugin `tests.operator_fixture`): an in-process operator on that cluster.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
import pytest_asyncio
from lightkube import AsyncClient, Client
from lightkube.config.kubeconfig import KubeConfig
from lightkube.models.meta_v1 import ObjectMeta
from lightkube.resources.core_v1 import Namespace

from ngf_console.devcluster import build, crds, process
from ngf_console.kube.client import async_client

KubeFactory = Callable[..., AsyncClient]

pytest_plugins = ["tests.operator_fixture"]


@pytest.fixture(scope="session")
def local_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[process.Cluster]:
    """A real kube-apiserver + etcd + GC/namespace controllers, with all CRDs."""
    binary = build.ensure_built().path
    data_dir = tmp_path_factory.mktemp("localcluster")
    cluster = process.start(binary, data_dir)
    try:
        crds.install(cluster.kubeconfig, crds.all_files())
        yield cluster
    finally:
        process.stop_pid(cluster.pid)


@pytest.fixture
def kubeconfig(local_cluster: process.Cluster) -> Path:
    """The admin kubeconfig of the local control plane."""
    return local_cluster.kubeconfig


@pytest.fixture
def namespace(kubeconfig: Path) -> Iterator[str]:
    """A namespace of its own for one test; deleted (not awaited) afterwards."""
    name = f"t-{uuid.uuid4().hex[:10]}"
    with Client(config=KubeConfig.from_file(kubeconfig)) as client:
        client.create(Namespace(metadata=ObjectMeta(name=name)))
        try:
            yield name
        finally:
            client.delete(Namespace, name)


@pytest_asyncio.fixture
async def kube(kubeconfig: Path) -> AsyncIterator[KubeFactory]:
    """`kube(token=None, namespace=None)` makes an async client; all are closed after the test."""
    made: list[AsyncClient] = []

    def make(*, token: str | None = None, namespace: str | None = None) -> AsyncClient:
        client = async_client(kubeconfig, token=token, namespace=namespace)
        made.append(client)
        return client

    yield make
    for client in made:
        await client.close()
