"""A watch that resumes from a compacted resourceVersion gets 410 Gone, re-lists, converges.

The test starts a second control plane of its own, with the API server's watch cache off
(`--watch-cache=false`: watches are served from etcd) and etcd compacted every 2 s
(`--etcd-compaction-interval=2s`). The informer reaches it through a TCP proxy. Then:

1. the informer lists and watches three labelled ConfigMaps;
2. the proxy cuts the connection (a network partition); the informer backs off and retries;
3. meanwhile one object is changed, one deleted, one created, and etcd compacts past the
   informer's resourceVersion (checked by probing a watch at that version);
4. the proxy lets connections through again: the resumed watch gets 410 Gone, the
   informer re-lists, and the cache converges — handlers see the update, the add and the
   delete that no watch event reported.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lightkube import AsyncClient
from lightkube.resources.core_v1 import ConfigMap
from lightkube.types import PatchType

from ngf_console.devcluster import build, process
from ngf_console.kube.client import async_client
from ngf_console.runtime.cache import Cache
from ngf_console.runtime.errors import ResourceExpiredError
from ngf_console.runtime.informer import WatchOptions
from ngf_console.runtime.listwatch import LightkubeListWatch
from ngf_console.runtime.metrics import RuntimeMetrics
from tests.integration.runtime.helpers import Recorder, TcpProxy, make_configmap, proxied_kubeconfig
from tests.waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]

WATCHED = {"app": "watched"}
NS = "default"


@pytest.fixture
def compacting_cluster(tmp_path: Path) -> Iterator[process.Cluster]:
    """A control plane of this test's own: no watch cache, etcd compacted every 2 s."""
    cluster = process.start(
        build.ensure_built().path,
        tmp_path / "compacting",
        extra_apiserver_args=("--watch-cache=false", "--etcd-compaction-interval=2s"),
    )
    try:
        yield cluster
    finally:
        process.stop_pid(cluster.pid)


async def compacted_past(client: AsyncClient, resource_version: str) -> bool:
    """True if a watch from `resource_version` is refused with 410 Gone."""
    probe = LightkubeListWatch(client, ConfigMap, namespace=NS, labels=WATCHED).watch(
        resource_version
    )
    try:
        async with asyncio.timeout(5):
            await anext(probe)
    except ResourceExpiredError:
        return True
    except TimeoutError:
        return False
    finally:
        await probe.aclose()
    return False


@pytest.mark.timeout(300)
async def test_a_watch_resumed_after_compaction_relists_and_converges(
    compacting_cluster: process.Cluster, tmp_path: Path
) -> None:
    direct = async_client(compacting_cluster.kubeconfig, namespace=NS)
    proxy = TcpProxy("127.0.0.1", urlsplit(compacting_cluster.server).port or 443)
    await proxy.start()
    proxied = async_client(
        proxied_kubeconfig(compacting_cluster.kubeconfig, proxy.port, tmp_path / "kc")
    )
    metrics = RuntimeMetrics()
    cache = Cache(proxied, metrics=metrics, options=WatchOptions(backoff_base=0.2, backoff_cap=1.0))
    try:
        for name in ("keep", "change", "remove"):
            await direct.create(make_configmap(name, NS, labels=WATCHED))
        informer = cache.informer(ConfigMap, namespace=NS, labels=WATCHED)
        recorder = Recorder()
        informer.add_handler(recorder)
        await cache.start()
        await asyncio.wait_for(cache.wait_for_sync(), 30)
        recorder.seen.clear()
        stale = informer.resource_version
        assert stale is not None

        proxy.cut()
        await direct.patch(
            ConfigMap, "change", {"data": {"k": "v2"}}, namespace=NS, patch_type=PatchType.MERGE
        )
        await direct.delete(ConfigMap, "remove", namespace=NS)
        await direct.create(make_configmap("new", NS, labels=WATCHED))

        async def compacted() -> bool:
            return await compacted_past(direct, stale)

        await eventually(compacted, within=60, what=f"etcd compacting past {stale}")
        assert informer.resource_version == stale, "the informer must not have resumed yet"
        proxy.restore()

        async def converged() -> bool:
            names = sorted(o.metadata.name or "" for o in informer.store if o.metadata)
            return names == ["change", "keep", "new"]

        await eventually(converged, within=30, what="the cache to converge after re-listing")
        expired = metrics.registry.get_sample_value(
            "ngf_console_watch_restarts_total", {"kind": "ConfigMap", "reason": "expired"}
        )
        assert expired is not None
        assert expired >= 1
        assert sorted(recorder.seen) == [("add", "new"), ("delete", "remove"), ("update", "change")]
        updated = [o for o in informer.store if o.metadata and o.metadata.name == "change"]
        assert updated[0].data == {"k": "v2"}
    finally:
        await cache.stop()
        await proxied.close()
        await direct.close()
        await proxy.stop()
