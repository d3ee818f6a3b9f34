"""The GatewayBundle controller on a real API server, against a simulated NGF.

Matrix: the spec's production sample reaches Ready on a simulated Plus NGF with every child
(Gateway with listeners, Selector allowedRoutes, certificateRefs and parametersRef;
NginxProxy; WAFPolicy), owner references and labels, and `workerProcesses` reported as
unsupported · on a simulated OSS NGF the WAFPolicy is absent and
EnterpriseFeatureUnavailable names WAF; switching NGF to Plus creates the WAFPolicy,
turns on the NginxProxy's `waf.enable` and touches no other child (resourceVersions) ·
deleted Gateway and TLS Secret are recreated and an edited NginxProxy restored, with
DriftDetected and DriftRepaired events · deleting the bundle removes its children · a
key that does not match its certificate is a TLSCertificatesValid=False condition (no PEM
in status or events) while the rest of the bundle works · without NGF, gated children
wait and the edition's reason is given.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from lightkube import ApiError, AsyncClient
from lightkube.resources.core_v1 import Event, Secret

from ngf_console.kube.resources import (
    Gateway,
    GatewayBundle,
    NginxProxy,
    SnippetsFilter,
    SnippetsPolicy,
    WAFPolicy,
    to_dict,
    to_object,
)
from ngf_console.runtime import Manager
from tests.conftest import KubeFactory
from tests.factories import sample
from tests.integration.operator.conftest import SimulatedNGF
from tests.unit.operator.pki import make_pair, other_key
from tests.waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]

NAME = "production-gateway"


def _new(doc: dict[str, Any]) -> Any:
    return to_object(doc)


def _bundle_doc(namespace: str, **spec: Any) -> dict[str, Any]:
    doc = sample("gatewaybundle_production")
    doc["metadata"] = {"name": NAME, "namespace": namespace}
    doc["spec"].update(spec)
    return doc


def _with_inline_listener_and_snippets(doc: dict[str, Any], key: str | None = None) -> None:
    cert, own_key = make_pair(names=("app.example.com",))
    doc["spec"]["listeners"].append(
        {
            "name": "app",
            "port": 8443,
            "protocol": "HTTPS",
            "hostname": "app.example.com",
            "tls": {
                "mode": "Terminate",
                "inlineCert": {"certificate": cert, "privateKey": key or own_key},
            },
        }
    )
    doc["spec"]["snippets"] = [
        {"context": "http", "content": "client_max_body_size 64m;"},
        {"context": "location", "content": "add_header X-Route inference;"},
    ]


async def _get(client: AsyncClient, kind: Any, name: str, namespace: str) -> dict[str, Any] | None:
    try:
        return to_dict(await client.get(kind, name, namespace=namespace))
    except ApiError as e:
        if e.status.code == 404:
            return None
        raise


async def _bundle(client: AsyncClient, namespace: str) -> dict[str, Any]:
    found = await _get(client, GatewayBundle, NAME, namespace)
    assert found is not None
    return found


def _condition(doc: dict[str, Any], type_: str) -> dict[str, Any]:
    return next(c for c in doc["status"]["conditions"] if c["type"] == type_)


async def _wait_phase(client: AsyncClient, namespace: str, phase: str) -> dict[str, Any]:
    async def reached() -> bool:
        return ((await _bundle(client, namespace)).get("status") or {}).get("phase") == phase

    await eventually(reached, what=f"GatewayBundle phase {phase}")
    return await _bundle(client, namespace)


async def test_production_sample_is_ready_on_plus_with_every_child(
    kube: KubeFactory, namespace: str, operator: Manager, ngf: SimulatedNGF
) -> None:
    await ngf.install(plus=True)
    client = kube(namespace=namespace)
    await client.create(_new(_bundle_doc(namespace)))

    async def waf_created() -> bool:
        return await _get(client, WAFPolicy, f"{NAME}-waf", namespace) is not None

    await eventually(waf_created, what="WAFPolicy created on Plus")
    doc = await _wait_phase(client, namespace, "Ready")
    status = doc["status"]
    assert status["listenerCount"] == 2
    children = status["children"]
    assert {k: children[k]["name"] for k in ("gateway", "nginxProxy", "wafPolicy")} == {
        "gateway": NAME,
        "nginxProxy": f"{NAME}-proxy-config",
        "wafPolicy": f"{NAME}-waf",
    }
    assert all(children[k]["ready"] for k in ("gateway", "nginxProxy", "wafPolicy"))
    assert _condition(doc, "Ready")["status"] == "True"
    assert _condition(doc, "EnterpriseFeatureUnavailable")["status"] == "False"
    unsupported = _condition(doc, "FeatureUnsupported")
    assert unsupported["status"] == "True"
    assert "nginxProxy.workerProcesses" in unsupported["message"]

    gateway = await _get(client, Gateway, NAME, namespace)
    assert gateway is not None
    assert gateway["metadata"]["ownerReferences"][0]["uid"] == doc["metadata"]["uid"]
    assert gateway["metadata"]["labels"]["ngf-console.f5.com/gatewaybundle"] == NAME
    http, https = gateway["spec"]["listeners"]
    assert (http["name"], http["port"], http["protocol"]) == ("http", 80, "HTTP")
    assert https["hostname"] == "*.example.com"
    assert https["tls"]["certificateRefs"][0]["name"] == "wildcard-tls"
    assert https["allowedRoutes"]["namespaces"] == {
        "from": "Selector",
        "selector": {"matchLabels": {"gateway-access": "true"}},
    }
    assert gateway["spec"]["infrastructure"]["parametersRef"] == {
        "group": "gateway.nginx.org",
        "kind": "NginxProxy",
        "name": f"{NAME}-proxy-config",
    }
    proxy = await _get(client, NginxProxy, f"{NAME}-proxy-config", namespace)
    assert proxy is not None
    assert proxy["spec"]["workerConnections"] == 8192
    assert proxy["spec"]["kubernetes"]["deployment"]["replicas"] == 3
    assert proxy["spec"]["waf"] == {"enable": True}
    waf = await _get(client, WAFPolicy, f"{NAME}-waf", namespace)
    assert waf is not None
    assert waf["spec"]["targetRefs"] == [
        {"group": "gateway.networking.k8s.io", "kind": "Gateway", "name": NAME}
    ]
    assert waf["spec"]["policySource"]["httpSource"]["url"].endswith("/default-enforce-vr3-bot.tgz")
    assert waf["metadata"]["ownerReferences"][0]["uid"] == doc["metadata"]["uid"]


async def _rv(client: AsyncClient, kind: Any, name: str, namespace: str) -> str:
    found = await _get(client, kind, name, namespace)
    assert found is not None, f"{name} exists"
    return str(found["metadata"]["resourceVersion"])


async def test_oss_leaves_waf_out_and_switching_to_plus_adds_only_it(
    kube: KubeFactory, namespace: str, operator: Manager, ngf: SimulatedNGF
) -> None:
    await ngf.install(plus=False, snippets=True)
    client = kube(namespace=namespace)
    doc = _bundle_doc(namespace)
    _with_inline_listener_and_snippets(doc)
    await client.create(_new(doc))
    ready = await _wait_phase(client, namespace, "Ready")
    assert await _get(client, WAFPolicy, f"{NAME}-waf", namespace) is None
    unavailable = _condition(ready, "EnterpriseFeatureUnavailable")
    assert unavailable["status"] == "True"
    assert unavailable["message"].startswith("waf: needs NGINX Plus")
    assert "runs without --nginx-plus" in unavailable["message"]
    assert "wafPolicy" not in ready["status"]["children"]
    others = [
        (Gateway, NAME),
        (Secret, f"{NAME}-app-tls"),
        (SnippetsPolicy, f"{NAME}-snippets"),
        (SnippetsFilter, f"{NAME}-location-snippets"),
    ]
    before = {name: await _rv(client, kind, name, namespace) for kind, name in others}
    proxy_before = await _get(client, NginxProxy, f"{NAME}-proxy-config", namespace)
    assert proxy_before is not None
    assert "waf" not in proxy_before["spec"]

    await ngf.install(plus=True, snippets=True)

    async def waf_created() -> bool:
        return await _get(client, WAFPolicy, f"{NAME}-waf", namespace) is not None

    await eventually(waf_created, what="WAFPolicy created after switching to Plus")

    async def condition_cleared() -> bool:
        doc = await _bundle(client, namespace)
        return bool(_condition(doc, "EnterpriseFeatureUnavailable")["status"] == "False")

    await eventually(condition_cleared, what="EnterpriseFeatureUnavailable False on Plus")
    after = {name: await _rv(client, kind, name, namespace) for kind, name in others}
    assert after == before
    proxy_after = await _get(client, NginxProxy, f"{NAME}-proxy-config", namespace)
    assert proxy_after is not None
    assert proxy_after["spec"].pop("waf") == {"enable": True}
    assert proxy_after["spec"] == proxy_before["spec"]
    final = await _wait_phase(client, namespace, "Ready")
    assert _condition(final, "DriftDetected")["status"] == "False"


async def _drift_reported(client: AsyncClient, namespace: str, needle: str) -> bool:
    doc = await _bundle(client, namespace)
    condition = _condition(doc, "DriftDetected")
    if condition["status"] != "True" or needle not in condition["message"]:
        return False
    events = [e async for e in client.list(Event, namespace=namespace)]
    return any(str(e.reason) == "DriftRepaired" and needle in str(e.message) for e in events)


async def test_deleted_and_edited_children_are_repaired_with_drift_reports(
    kube: KubeFactory, namespace: str, operator: Manager, ngf: SimulatedNGF
) -> None:
    await ngf.install(plus=True)
    client = kube(namespace=namespace)
    doc = _bundle_doc(namespace)
    _with_inline_listener_and_snippets(doc)
    await client.create(_new(doc))
    await _wait_phase(client, namespace, "Ready")

    deletions: list[tuple[Any, str]] = [(Gateway, NAME), (Secret, f"{NAME}-app-tls")]
    for kind, name in deletions:
        old = await _get(client, kind, name, namespace)
        assert old is not None
        await client.delete(kind, name, namespace=namespace)

        async def recreated(kind: Any = kind, name: str = name, old: Any = old) -> bool:
            new = await _get(client, kind, name, namespace)
            return new is not None and new["metadata"]["uid"] != old["metadata"]["uid"]

        await eventually(recreated, what=f"{name} recreated")
        kind_name = "Gateway" if kind is Gateway else "Secret"

        async def reported(needle: str = f"{kind_name} {name} was deleted") -> bool:
            return await _drift_reported(client, namespace, needle)

        await eventually(reported, what=f"drift reported for {name}")

    proxy = await _get(client, NginxProxy, f"{NAME}-proxy-config", namespace)
    assert proxy is not None
    proxy["spec"]["workerConnections"] = 1024
    await client.replace(_new(proxy))

    async def restored() -> bool:
        live = await _get(client, NginxProxy, f"{NAME}-proxy-config", namespace)
        return live is not None and live["spec"]["workerConnections"] == 8192

    await eventually(restored, what="NginxProxy workerConnections restored")

    async def edit_reported() -> bool:
        needle = f"NginxProxy {NAME}-proxy-config changed at .spec.workerConnections"
        return await _drift_reported(client, namespace, needle)

    await eventually(edit_reported, what="NginxProxy edit reported")


async def test_deleting_the_bundle_removes_its_children(
    kube: KubeFactory, namespace: str, operator: Manager, ngf: SimulatedNGF
) -> None:
    await ngf.install(plus=True)
    client = kube(namespace=namespace)
    doc = _bundle_doc(namespace)
    _with_inline_listener_and_snippets(doc)
    await client.create(_new(doc))
    await _wait_phase(client, namespace, "Ready")
    children = [
        (Gateway, NAME),
        (NginxProxy, f"{NAME}-proxy-config"),
        (WAFPolicy, f"{NAME}-waf"),
        (Secret, f"{NAME}-app-tls"),
        (SnippetsPolicy, f"{NAME}-snippets"),
        (SnippetsFilter, f"{NAME}-location-snippets"),
    ]
    await client.delete(GatewayBundle, NAME, namespace=namespace)

    async def gone() -> bool:
        return all([await _get(client, k, n, namespace) is None for k, n in children])

    await eventually(gone, within=45, what="every child removed by garbage collection")


async def test_a_mismatched_key_is_a_condition_and_the_rest_works(
    kube: KubeFactory, namespace: str, operator: Manager, ngf: SimulatedNGF
) -> None:
    await ngf.install(plus=True)
    client = kube(namespace=namespace)
    doc = _bundle_doc(namespace)
    wrong = other_key()
    _with_inline_listener_and_snippets(doc, key=wrong)
    await client.create(_new(doc))
    degraded = await _wait_phase(client, namespace, "Degraded")
    condition = _condition(degraded, "TLSCertificatesValid")
    assert condition["status"] == "False"
    assert condition["reason"] == "KeyMismatch"
    assert "listener app: the private key does not match the certificate" in condition["message"]
    assert await _get(client, Secret, f"{NAME}-app-tls", namespace) is None
    assert await _get(client, Gateway, NAME, namespace) is not None
    assert await _get(client, WAFPolicy, f"{NAME}-waf", namespace) is not None
    tls = degraded["status"]["children"]["tlsSecrets"]
    assert [(t["name"], t["ready"]) for t in tls] == [(f"{NAME}-app-tls", False)]
    events = [to_dict(e) async for e in client.list(Event, namespace=namespace)]
    key_body = wrong.splitlines()[1]
    assert key_body not in json.dumps(degraded["status"])
    assert key_body not in json.dumps(events)


async def test_without_ngf_gated_children_wait_and_the_reason_is_given(
    kube: KubeFactory, namespace: str, operator: Manager, ngf: SimulatedNGF
) -> None:
    client = kube(namespace=namespace)
    doc = _bundle_doc(namespace)
    _with_inline_listener_and_snippets(doc)
    await client.create(_new(doc))
    ready = await _wait_phase(client, namespace, "Ready")
    message = _condition(ready, "EnterpriseFeatureUnavailable")["message"]
    assert "waf: NGINX Gateway Fabric was not detected" in message
    assert "snippets (http, server): NGINX Gateway Fabric was not detected" in message
    assert await _get(client, SnippetsPolicy, f"{NAME}-snippets", namespace) is None
    assert await _get(client, Gateway, NAME, namespace) is not None
    assert await _get(client, Secret, f"{NAME}-app-tls", namespace) is not None
