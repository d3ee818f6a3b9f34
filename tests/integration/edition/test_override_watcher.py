"""`NGF_CONSOLE_EDITION` through `EditionWatcher` on a real API server.

Matrix: in a namespace of its own standing in for NGF's, with a Deployment like NGF's OSS
control plane (`--snippets`, no `--nginx-plus`): unset → oss as detected; `enterprise` in
the environment (how the Helm chart sets it) → plus, snippets still from the cluster,
the reason naming the variable and the detection; `oss` with `--nginx-plus` detected → oss.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import pytest
import pytest_asyncio
from lightkube import AsyncClient
from lightkube.resources.apps_v1 import Deployment

from ngf_console.edition import Edition, EditionSources, EditionWatcher
from ngf_console.runtime import Cache
from ngf_console.runtime.metrics import RuntimeMetrics
from tests.conftest import KubeFactory
from tests.waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]


def control_plane(namespace: str, *args: str) -> Deployment:
    labels = {"app.kubernetes.io/name": "nginx-gateway-fabric"}
    container = {
        "name": "nginx-gateway",
        "image": "ghcr.io/nginx/nginx-gateway-fabric:2.6.7",
        "args": ["controller", f"--gateway-ctlr-name=example.com/{namespace}", *args],
    }
    doc: dict[str, Any] = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "ngf-nginx-gateway-fabric", "namespace": namespace, "labels": labels},
        "spec": {
            "replicas": 0,
            "selector": {"matchLabels": labels},
            "template": {"metadata": {"labels": labels}, "spec": {"containers": [container]}},
        },
    }
    return cast(Deployment, Deployment.from_dict(doc))


@pytest_asyncio.fixture
async def client(kube: KubeFactory, namespace: str) -> AsyncClient:
    return kube(namespace=namespace)


async def current(kube: KubeFactory, namespace: str, check: Callable[[Edition], bool]) -> Edition:
    cache = Cache(kube(), metrics=RuntimeMetrics())
    sources = EditionSources(namespace=namespace, controller_name=f"example.com/{namespace}")
    watcher = EditionWatcher(cache, sources)
    await cache.start()
    try:
        await cache.wait_for_sync()

        async def holds() -> bool:
            return check(watcher.current())

        await eventually(holds, what="the edition")
        return watcher.current()
    finally:
        await cache.stop()


async def test_enterprise_set_over_an_oss_control_plane(
    kube: KubeFactory, client: AsyncClient, namespace: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    await client.create(control_plane(namespace, "--snippets"))
    monkeypatch.delenv("NGF_CONSOLE_EDITION", raising=False)
    detected = await current(kube, namespace, lambda e: e.control_plane is not None)
    assert detected.name == "oss"
    monkeypatch.setenv("NGF_CONSOLE_EDITION", "enterprise")
    forced = await current(kube, namespace, lambda e: e.control_plane is not None)
    assert forced.name == "plus"
    assert forced.snippets
    assert forced.version == "2.6.7"
    assert "set to enterprise by the installer (NGF_CONSOLE_EDITION" in forced.reason
    assert "detected oss: control plane" in forced.reason


async def test_oss_set_over_a_plus_control_plane(
    kube: KubeFactory, client: AsyncClient, namespace: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    await client.create(control_plane(namespace, "--nginx-plus"))
    monkeypatch.setenv("NGF_CONSOLE_EDITION", "oss")
    forced = await current(kube, namespace, lambda e: e.control_plane is not None)
    assert forced.name == "oss"
    assert forced.why_unavailable("plus") is not None
    assert "detected plus" in forced.reason
