"""Edition detection from a real API server through the shared cache (`EditionWatcher`).

Matrix, one signal at a time and then together, in a namespace of its own standing in for
NGF's (and a controllerName of its own, so no other test's GatewayClass counts):
nothing → unknown with the reason · an OSS control plane (`--snippets`, tag 2.6.7) → oss,
snippets on, version, WAF unavailable · its GatewayClass with supportedFeatures and an
NginxProxy naming the Plus data-plane image → still oss (the visible flag decides, the
image is named as ignored) · `--nginx-plus` added → plus with WAF (the WAFPolicy CRD is
installed) · the usage-report Secret → listed as evidence · the control plane removed →
plus from the data-plane image alone.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, cast

import pytest
import pytest_asyncio
from lightkube import AsyncClient
from lightkube.resources.apps_v1 import Deployment
from lightkube.types import PatchType

from ngf_console.edition import Edition, EditionSources, EditionWatcher
from ngf_console.kube.resources import GatewayClass, to_object
from ngf_console.runtime import Cache
from ngf_console.runtime.metrics import RuntimeMetrics
from tests.conftest import KubeFactory
from tests.integration.operator.conftest import SimulatedNGF
from tests.waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]

PLUS_IMAGE = "private-registry.nginx.com/nginx-gateway-fabric/nginx-plus"


@pytest_asyncio.fixture
async def watched(
    kube: KubeFactory, namespace: str
) -> AsyncIterator[tuple[EditionWatcher, AsyncClient, str]]:
    """An EditionWatcher on its own cache, NGF's namespace being the test's."""
    controller = f"example.com/{namespace}"
    cache = Cache(kube(), metrics=RuntimeMetrics())
    watcher = EditionWatcher(cache, EditionSources(namespace=namespace, controller_name=controller))
    await cache.start()
    await cache.wait_for_sync()
    yield watcher, kube(namespace=namespace), controller
    await cache.stop()


def _new(doc: dict[str, Any]) -> Any:
    return to_object(doc)


async def _until(watcher: EditionWatcher, what: str, check: Callable[[Edition], bool]) -> Edition:
    async def holds() -> bool:
        return check(watcher.current())

    await eventually(holds, what=what)
    return watcher.current()


def _control_plane(namespace: str, controller: str, *extra: str) -> dict[str, Any]:
    doc = SimulatedNGF.manifest(plus=False, snippets=True, version="2.6.7")
    doc["metadata"]["namespace"] = namespace
    args = doc["spec"]["template"]["spec"]["containers"][0]["args"]
    args[1] = f"--gateway-ctlr-name={controller}"
    args[2] = f"--gatewayclass={namespace}"
    args.extend(extra)
    return doc


async def test_each_signal_alone_and_together(
    watched: tuple[EditionWatcher, AsyncClient, str], namespace: str
) -> None:
    watcher, client, controller = watched
    first = watcher.current()
    assert first.name == "unknown"
    assert f"no NGF control-plane Deployment in namespace {namespace}" in first.reason

    plane = _control_plane(namespace, controller)
    await client.create(_new(plane))
    oss = await _until(watcher, "oss", lambda e: e.name == "oss")
    assert (oss.version, oss.snippets, oss.waf_crd, oss.waf) == ("2.6.7", True, True, False)
    assert oss.control_plane == f"{namespace}/ngf-nginx-gateway-fabric"

    await client.create(
        _new(
            {
                "apiVersion": "gateway.nginx.org/v1alpha2",
                "kind": "NginxProxy",
                "metadata": {"name": "proxy-config", "namespace": namespace},
                "spec": {
                    "kubernetes": {
                        "deployment": {
                            "container": {"image": {"repository": PLUS_IMAGE, "tag": "2.6.7"}}
                        }
                    }
                },
            }
        )
    )
    gateway_class = {
        "apiVersion": "gateway.networking.k8s.io/v1",
        "kind": "GatewayClass",
        "metadata": {"name": namespace},
        "spec": {
            "controllerName": controller,
            "parametersRef": {
                "group": "gateway.nginx.org",
                "kind": "NginxProxy",
                "name": "proxy-config",
                "namespace": namespace,
            },
        },
    }
    await client.create(_new(gateway_class))
    status = {
        "status": {
            "conditions": [],
            "supportedFeatures": [{"name": "HTTPRouteCORS"}, {"name": "Gateway"}],
        }
    }
    await client.patch(
        cast(Any, GatewayClass.Status), namespace, status, patch_type=PatchType.MERGE
    )
    still_oss = await _until(
        watcher, "supportedFeatures", lambda e: e.supported_features == ("Gateway", "HTTPRouteCORS")
    )
    assert still_oss.name == "oss"
    assert f"ignoring data-plane image {PLUS_IMAGE}:2.6.7 is NGINX Plus" in still_oss.reason

    plane["spec"]["template"]["spec"]["containers"][0]["args"].append("--nginx-plus")
    await client.replace(_new(plane))
    plus = await _until(watcher, "plus", lambda e: e.name == "plus")
    assert plus.waf
    assert plus.why_unavailable("waf") is None

    await client.create(
        _new(
            {
                "apiVersion": "v1",
                "kind": "Secret",
                "metadata": {"name": "nplus-license", "namespace": namespace},
                "stringData": {"license.jwt": "not-a-real-license"},
            }
        )
    )
    with_secret = await _until(watcher, "usage Secret", lambda e: len(e.evidence) == 3)
    assert f"usage-report Secret {namespace}/nplus-license exists" in with_secret.evidence

    remove: Callable[..., Awaitable[None]] = client.delete
    await remove(Deployment, "ngf-nginx-gateway-fabric", namespace=namespace)
    from_image = await _until(watcher, "no control plane", lambda e: e.control_plane is None)
    assert from_image.name == "plus"
    assert "control plane not visible" in from_image.reason
    assert not from_image.snippets
    await client.delete(GatewayClass, namespace)
