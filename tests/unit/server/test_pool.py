"""Per-caller clients: reused per token, never shared across tokens, closed when retired."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ngf_console.kube.connection import KubeConnection
from ngf_console.kube.pool import ClientPool


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def connection(tmp_path: Path) -> KubeConnection:
    kubeconfig = {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": "c", "cluster": {"server": "https://127.0.0.1:6443"}}],
        "users": [{"name": "u", "user": {"token": "server"}}],
        "contexts": [{"name": "x", "context": {"cluster": "c", "user": "u"}}],
        "current-context": "x",
    }
    path = tmp_path / "kubeconfig"
    path.write_text(yaml.safe_dump(kubeconfig))
    return KubeConnection.from_kubeconfig(path)


@pytest.mark.asyncio
async def test_reuse_per_token_and_expiry(connection: KubeConnection) -> None:
    clock = Clock()
    pool = ClientPool(connection, ttl=60, clock=clock)
    async with pool.client("alice") as a1, pool.client("bob") as b1:
        assert a1 is not b1
    async with pool.client("alice") as a2:
        assert a2 is a1
    clock.now = 61
    async with pool.client("alice") as a3:
        assert a3 is not a1
    assert pool.size == 2
    await pool.close()
    assert pool.size == 0


@pytest.mark.asyncio
async def test_bounded(connection: KubeConnection) -> None:
    pool = ClientPool(connection, max_clients=2, clock=Clock())
    for token in ("a", "b", "c"):
        async with pool.client(token):
            pass
    assert pool.size == 2
    await pool.close()
