"""Informers against the real API server.

Matrix: a label-selected informer lists and watches only matching objects — objects that
start or stop matching arrive as add/delete — and never sees the others · a generic (CRD)
kind works like a built-in one · bookmarks are requested and move a quiet informer's
resourceVersion forward, and its timed-out watch resumes without a 410 · a silent (frozen)
watch connection is restarted after the inactivity timeout and events flow again · the
re-list on 410 Gone is covered by `test_expired_watch.py`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import pytest_asyncio
from lightkube import AsyncClient
from lightkube.generic_resource import create_namespaced_resource
from lightkube.models.meta_v1 import ObjectMeta
from lightkube.resources.core_v1 import ConfigMap
from lightkube.types import PatchType

from ngf_console.devcluster.process import Cluster
from ngf_console.kube.client import async_client
from ngf_console.runtime.cache import Cache
from ngf_console.runtime.informer import WatchOptions
from ngf_console.runtime.metrics import RuntimeMetrics
from tests.conftest import KubeFactory
from tests.integration.runtime.helpers import Recorder, TcpProxy, make_configmap, proxied_kubeconfig
from tests.waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]

HTTPRoute = create_namespaced_resource("gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes")
WATCHED = {"app": "watched"}


@pytest_asyncio.fixture
async def cache(kube: KubeFactory) -> AsyncIterator[Cache]:
    c = Cache(kube(), metrics=RuntimeMetrics())
    yield c
    await c.stop()


async def relabel(client: AsyncClient, name: str, namespace: str, app: str) -> None:
    patch = {"metadata": {"labels": {"app": app}}}
    await client.patch(ConfigMap, name, patch, namespace=namespace, patch_type=PatchType.MERGE)


async def test_a_label_selected_informer_sees_only_matching_objects(
    kube: KubeFactory, namespace: str, cache: Cache
) -> None:
    client = kube(namespace=namespace)
    informer = cache.informer(ConfigMap, namespace=namespace, labels=WATCHED)
    recorder = Recorder()
    informer.add_handler(recorder)
    await client.create(make_configmap("listed", namespace, labels=WATCHED))
    await client.create(make_configmap("ignored-at-list", namespace, labels={"app": "other"}))
    await cache.start()
    await asyncio.wait_for(cache.wait_for_sync(), 30)

    await client.create(make_configmap("a", namespace, labels=WATCHED))
    await client.create(make_configmap("b", namespace, labels={"app": "other"}))
    await client.patch(
        ConfigMap, "a", {"data": {"k": "v"}}, namespace=namespace, patch_type=PatchType.MERGE
    )
    await client.patch(
        ConfigMap, "b", {"data": {"k": "v"}}, namespace=namespace, patch_type=PatchType.MERGE
    )
    await relabel(client, "b", namespace, "watched")  # starts matching: an add
    await relabel(client, "listed", namespace, "gone")  # stops matching: a delete
    await client.delete(ConfigMap, "a", namespace=namespace)

    async def settled() -> bool:
        return len(recorder.seen) >= 6

    await eventually(settled, within=20, what="six events")
    await asyncio.sleep(0.5)  # nothing more may arrive (e.g. for "ignored-at-list")
    assert recorder.seen == [
        ("add", "listed"),
        ("add", "a"),
        ("update", "a"),
        ("add", "b"),
        ("delete", "listed"),
        ("delete", "a"),
    ]
    cached = sorted(o.metadata.name or "" for o in informer.store if o.metadata)
    assert cached == ["b"]


async def test_a_generic_crd_kind_is_cached_like_a_built_in(
    kube: KubeFactory, namespace: str, cache: Cache
) -> None:
    client = kube(namespace=namespace)
    informer = cache.informer(HTTPRoute, namespace=namespace)
    await cache.start()
    await asyncio.wait_for(cache.wait_for_sync(), 30)
    route = HTTPRoute(metadata=ObjectMeta(name="chat", namespace=namespace), spec={})
    await client.create(route)

    async def cached() -> bool:
        return len(informer.store) == 1

    await eventually(cached, within=20, what="the HTTPRoute in the cache")
    await client.delete(HTTPRoute, "chat", namespace=namespace)

    async def gone() -> bool:
        return len(informer.store) == 0

    await eventually(gone, within=20, what="the HTTPRoute leaving the cache")


async def test_a_silent_watch_is_restarted_after_the_inactivity_timeout(
    local_cluster: Cluster, namespace: str, tmp_path: Path, kube: KubeFactory
) -> None:
    proxy = TcpProxy("127.0.0.1", urlsplit(local_cluster.server).port or 443)
    await proxy.start()
    kubeconfig = proxied_kubeconfig(local_cluster.kubeconfig, proxy.port, tmp_path / "kc")
    proxied = async_client(kubeconfig)
    metrics = RuntimeMetrics()
    cache = Cache(proxied, metrics=metrics, options=WatchOptions(inactivity_timeout=1.0))
    try:
        informer = cache.informer(ConfigMap, namespace=namespace, labels=WATCHED)
        await cache.start()
        await asyncio.wait_for(cache.wait_for_sync(), 30)
        proxy.freeze()  # the open watch goes silent; new connections still work

        def inactive_restarts() -> float:
            sample = metrics.registry.get_sample_value(
                "ngf_console_watch_restarts_total", {"kind": "ConfigMap", "reason": "inactive"}
            )
            return sample or 0.0

        async def restarted() -> bool:
            return inactive_restarts() >= 1

        await eventually(restarted, within=15, what="an inactivity restart")
        await kube(namespace=namespace).create(make_configmap("late", namespace, labels=WATCHED))

        async def seen() -> bool:
            return len(informer.store) == 1

        await eventually(seen, within=20, what="an event on the restarted watch")
    finally:
        await cache.stop()
        await proxied.close()
        await proxy.stop()


async def test_bookmarks_move_a_quiet_informers_resource_version(
    kube: KubeFactory, namespace: str
) -> None:
    metrics = RuntimeMetrics()
    # A 3 s server timeout: the API server sends a bookmark 2 s before a watch's deadline.
    cache = Cache(kube(), metrics=metrics, options=WatchOptions(server_timeout=3))
    try:
        informer = cache.informer(ConfigMap, namespace=namespace, labels={"app": "quiet"})
        await cache.start()
        await asyncio.wait_for(cache.wait_for_sync(), 30)
        listed = int(informer.resource_version or 0)
        client = kube(namespace=namespace)
        for i in range(3):  # writes the informer does not select move the global version
            await client.create(make_configmap(f"noise-{i}", namespace, labels={"app": "noise"}))

        async def bookmarked() -> bool:
            return int(informer.resource_version or 0) > listed

        await eventually(bookmarked, within=20, what="a bookmark")

        def restarts(reason: str) -> float:
            value = metrics.registry.get_sample_value(
                "ngf_console_watch_restarts_total", {"kind": "ConfigMap", "reason": reason}
            )
            return value or 0.0

        async def timed_out() -> bool:
            return restarts("closed") >= 1

        await eventually(timed_out, within=20, what="the server ending the watch")
        assert restarts("expired") == 0
        assert len(informer.store) == 0
    finally:
        await cache.stop()
