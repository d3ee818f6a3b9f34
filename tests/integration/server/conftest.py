"""Fixtures of the API server tests: the server running as its own narrow ServiceAccount.

* `api_identity` (session): ServiceAccount `ngf-console-api` bound to `config/rbac/api_role.yaml`.
* `personas` (session): tokens of ServiceAccounts bound to the persona ClusterRoles we ship —
  admin, operator (`ngf-console-operator-user`), viewer — and `scoped`, bound to the operator
  persona by a RoleBinding in the namespace `personas.scoped_namespace` only.
* `api` (session): the API server (SQLite config DB in a temporary directory), started once,
  ready (`/readyz` 200) before the first test, stopped at the end.
* `http` (per test): an httpx client of `api` as the admin persona; `as_(identity)` for others.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from ngf_console.devcluster import process
from ngf_console.server.settings import ServerSettings
from ngf_console.store import StoreSettings
from tests.integration.server.harness import (
    Identity,
    ServerThread,
    apply_roles,
    ensure_namespace,
    make_identity,
    token_kubeconfig,
)


@dataclass(frozen=True)
class Personas:
    admin: Identity
    operator: Identity
    viewer: Identity
    scoped: Identity
    scoped_namespace: str


@pytest.fixture(scope="session")
def system_namespace(local_cluster: process.Cluster) -> str:
    name = f"ngfc-sys-{uuid.uuid4().hex[:6]}"
    ensure_namespace(local_cluster.kubeconfig, name)
    apply_roles(local_cluster.kubeconfig)
    return name


@pytest.fixture(scope="session")
def api_identity(local_cluster: process.Cluster, system_namespace: str) -> Identity:
    return make_identity(local_cluster.kubeconfig, system_namespace, "api", "ngf-console-api")


@pytest.fixture(scope="session")
def personas(local_cluster: process.Cluster, system_namespace: str) -> Personas:
    kubeconfig = local_cluster.kubeconfig
    scoped_namespace = f"ngfc-scoped-{uuid.uuid4().hex[:6]}"
    ensure_namespace(kubeconfig, scoped_namespace)
    return Personas(
        admin=make_identity(kubeconfig, system_namespace, "admin", "ngf-console-admin"),
        operator=make_identity(
            kubeconfig, system_namespace, "operator", "ngf-console-operator-user"
        ),
        viewer=make_identity(kubeconfig, system_namespace, "viewer", "ngf-console-viewer"),
        scoped=make_identity(
            kubeconfig,
            system_namespace,
            "scoped",
            "ngf-console-operator-user",
            only_in=scoped_namespace,
        ),
        scoped_namespace=scoped_namespace,
    )


def start_server(
    local_cluster: process.Cluster, identity: Identity, workdir: Path, store: StoreSettings
) -> ServerThread:
    kubeconfig = token_kubeconfig(local_cluster.kubeconfig, identity.token, workdir / "kc.yaml")
    settings = ServerSettings(
        kubeconfig=kubeconfig, static_dir=None, auth_cache_seconds=2.0, store=store
    )
    server = ServerThread(settings)
    server.start()
    return server


@pytest.fixture(scope="session")
def api(
    local_cluster: process.Cluster,
    api_identity: Identity,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[ServerThread]:
    workdir = tmp_path_factory.mktemp("api")
    store = StoreSettings(sqlite_path=workdir / "ngf-console.db")
    server = start_server(local_cluster, api_identity, workdir, store)
    yield server
    server.stop()


HttpFactory = Callable[[Identity | None], httpx.Client]


@pytest.fixture
def as_(api: ServerThread) -> Iterator[HttpFactory]:
    """`as_(identity)`: an httpx client of the API server with that bearer token."""
    made: list[httpx.Client] = []

    def make(identity: Identity | None) -> httpx.Client:
        headers = identity.headers() if identity is not None else {}
        client = httpx.Client(base_url=api.url, headers=headers, timeout=30)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def http(as_: HttpFactory, personas: Personas) -> httpx.Client:
    """A client as the admin persona."""
    return as_(personas.admin)
