"""The InferenceStack controller on a real API server.

Matrix: the Triton sample reaches Ready with every child (owner references, labels) once
the Deployments report available replicas (no kubelet runs, so the test writes their
status); a deleted HTTPRoute and an edited route path are repaired with DriftDetected
and an Event; a strategy change rewrites the EPP config and rolls the EPP; keda → hpa
removes the ScaledObject; a missing Gateway degrades the stack until it appears;
deleting a stack removes its children while the shared DCGM exporter stays for the
stack still using it.
"""

from __future__ import annotations

from typing import Any

import pytest
from lightkube import ApiError, AsyncClient
from lightkube.resources.apps_v1 import DaemonSet, Deployment
from lightkube.resources.autoscaling_v2 import HorizontalPodAutoscaler
from lightkube.resources.core_v1 import ConfigMap, Event
from lightkube.types import PatchType

from ngf_console.kube.resources import (
    HTTPRoute,
    InferencePool,
    InferenceStack,
    ScaledObject,
    to_dict,
    to_object,
)
from ngf_console.runtime import Manager
from tests.conftest import KubeFactory
from tests.factories import sample
from tests.waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]


def _new(doc: dict[str, Any]) -> Any:
    return to_object(doc)


def _stack_doc(namespace: str, name: str = "llama3-production", **spec: Any) -> dict[str, Any]:
    doc = sample("inferencestack_triton")
    doc["metadata"] = {"name": name, "namespace": namespace}
    doc["spec"].pop("distributedCloud")
    doc["spec"]["gateway"]["gatewayRef"]["namespace"] = namespace
    doc["spec"].update(spec)
    return doc


async def _create_gateway(
    client: AsyncClient, namespace: str, name: str = "inference-gateway"
) -> None:
    await client.create(
        _new(
            {
                "apiVersion": "gateway.networking.k8s.io/v1",
                "kind": "Gateway",
                "metadata": {"name": name, "namespace": namespace},
                "spec": {
                    "gatewayClassName": "nginx",
                    "listeners": [{"name": "http", "port": 80, "protocol": "HTTP"}],
                },
            }
        )
    )


async def _stack(client: AsyncClient, namespace: str, name: str) -> dict[str, Any]:
    return to_dict(await client.get(InferenceStack, name, namespace=namespace))


async def _mark_deployments_available(client: AsyncClient, namespace: str) -> None:
    """Play the kubelet + deployment controller: report every replica available."""
    async for d in client.list(Deployment, namespace=namespace):
        assert d.spec is not None
        assert d.metadata is not None
        assert d.metadata.name
        replicas = d.spec.replicas if d.spec.replicas is not None else 1
        status = {
            "observedGeneration": d.metadata.generation,
            "replicas": replicas,
            "readyReplicas": replicas,
            "availableReplicas": replicas,
            "updatedReplicas": replicas,
        }
        await client.patch(
            Deployment.Status,
            d.metadata.name,
            {"status": status},
            namespace=namespace,
            patch_type=PatchType.MERGE,
        )


async def _phase_is(client: AsyncClient, namespace: str, name: str, phase: str) -> bool:
    status = (await _stack(client, namespace, name)).get("status") or {}
    return status.get("phase") == phase


def _condition(doc: dict[str, Any], type_: str) -> dict[str, Any]:
    return next(c for c in doc["status"]["conditions"] if c["type"] == type_)


async def _ready_stack(client: AsyncClient, namespace: str) -> dict[str, Any]:
    await _create_gateway(client, namespace)
    await client.create(_new(_stack_doc(namespace)))

    async def children_exist() -> bool:
        names = {
            d.metadata.name
            async for d in client.list(Deployment, namespace=namespace)
            if d.metadata
        }
        return {"llama3-production-epp", "llama3-production-model"} <= names

    await eventually(children_exist, what="EPP and model Deployments")
    await _mark_deployments_available(client, namespace)

    async def ready() -> bool:
        return await _phase_is(client, namespace, "llama3-production", "Ready")

    await eventually(ready, what="stack phase Ready")
    return await _stack(client, namespace, "llama3-production")


async def test_triton_stack_reaches_ready_with_every_child(
    kube: KubeFactory, namespace: str, operator: Manager
) -> None:
    client = kube(namespace=namespace)
    doc = await _ready_stack(client, namespace)
    status = doc["status"]
    assert set(status["children"]) == {
        "inferencePool",
        "epp",
        "httpRoute",
        "autoscaler",
        "dcgmExporter",
    }
    assert all(child["ready"] for child in status["children"].values()), status["children"]
    assert _condition(doc, "Ready")["status"] == "True"
    assert status["observedGeneration"] == doc["metadata"]["generation"]
    assert (status["currentReplicas"], status["desiredReplicas"]) == (3, 3)
    assert "ngf-console.f5.com/inferencestack-finalizer" in doc["metadata"]["finalizers"]
    uid = doc["metadata"]["uid"]
    for kind, name in [
        (InferencePool, "llama3-production-pool"),
        (HTTPRoute, "llama3-production-route"),
        (ScaledObject, "llama3-production-scaler"),
        (ConfigMap, "llama3-production-epp"),
        (Deployment, "llama3-production-epp"),
    ]:
        child = to_dict(await client.get(kind, name, namespace=namespace))  # type: ignore[call-overload]
        meta = child["metadata"]
        assert meta["ownerReferences"][0]["uid"] == uid, name
        assert meta["labels"]["ngf-console.f5.com/stack"] == "llama3-production", name
    dcgm = await client.get(DaemonSet, "ngf-console-dcgm-exporter", namespace=namespace)
    assert dcgm.metadata is not None
    assert not dcgm.metadata.ownerReferences


async def _drift_repaired(client: AsyncClient, namespace: str, needle: str) -> bool:
    doc = await _stack(client, namespace, "llama3-production")
    condition: dict[str, Any] = next(
        (c for c in doc["status"]["conditions"] if c["type"] == "DriftDetected"), {}
    )
    if condition.get("status") != "True" or needle not in condition.get("message", ""):
        return False
    events = [e async for e in client.list(Event, namespace=namespace)]
    return any(e.reason == "DriftRepaired" and needle in (e.message or "") for e in events)


async def test_deleted_route_is_recreated_with_drift_condition_and_event(
    kube: KubeFactory, namespace: str, operator: Manager
) -> None:
    client = kube(namespace=namespace)
    await _ready_stack(client, namespace)
    before = await client.get(HTTPRoute, "llama3-production-route", namespace=namespace)
    await client.delete(HTTPRoute, "llama3-production-route", namespace=namespace)

    async def recreated() -> bool:
        try:
            route = await client.get(HTTPRoute, "llama3-production-route", namespace=namespace)
        except ApiError:
            return False
        return bool(route.metadata.uid != before.metadata.uid)  # type: ignore[union-attr]

    await eventually(recreated, what="HTTPRoute re-created")

    async def reported() -> bool:
        return await _drift_repaired(
            client, namespace, "HTTPRoute llama3-production-route was deleted"
        )

    await eventually(reported, what="DriftDetected condition and DriftRepaired event")


async def test_edited_route_path_is_restored(
    kube: KubeFactory, namespace: str, operator: Manager
) -> None:
    client = kube(namespace=namespace)
    await _ready_stack(client, namespace)
    route = to_dict(await client.get(HTTPRoute, "llama3-production-route", namespace=namespace))
    route["spec"]["rules"][0]["matches"][0]["path"]["value"] = "/hijacked"
    await client.replace(_new(route))

    async def restored() -> bool:
        live = to_dict(await client.get(HTTPRoute, "llama3-production-route", namespace=namespace))
        return bool(live["spec"]["rules"][0]["matches"][0]["path"]["value"] == "/v1/models/llama3")

    await eventually(restored, what="route path restored")

    async def reported() -> bool:
        return await _drift_repaired(client, namespace, "HTTPRoute llama3-production-route changed")

    await eventually(reported, what="drift reported")


async def test_strategy_change_rolls_the_epp_and_hpa_replaces_keda(
    kube: KubeFactory, namespace: str, operator: Manager
) -> None:
    client = kube(namespace=namespace)
    doc = await _ready_stack(client, namespace)
    epp = to_dict(await client.get(Deployment, "llama3-production-epp", namespace=namespace))
    old_hash = epp["spec"]["template"]["metadata"]["annotations"]["ngf-console.f5.com/config-hash"]
    doc["spec"]["epp"] = {"strategy": "least_queue"}
    doc["spec"]["autoscaling"]["backend"] = "hpa"
    await client.replace(_new(doc))

    async def rolled() -> bool:
        live = to_dict(await client.get(Deployment, "llama3-production-epp", namespace=namespace))
        annotations = live["spec"]["template"]["metadata"]["annotations"]
        return bool(annotations["ngf-console.f5.com/config-hash"] != old_hash)

    await eventually(rolled, what="EPP pod template re-hashed")
    config = await client.get(ConfigMap, "llama3-production-epp", namespace=namespace)
    assert config.data is not None
    text = config.data["epp-config.yaml"]
    assert "queue-scorer" in text
    assert "prefix-cache-scorer" not in text

    async def switched() -> bool:
        scalers = [s async for s in client.list(ScaledObject, namespace=namespace)]
        hpas = [h async for h in client.list(HorizontalPodAutoscaler, namespace=namespace)]
        return not scalers and len(hpas) == 1

    await eventually(switched, what="ScaledObject replaced by an HPA")


async def test_missing_gateway_degrades_then_recovers(
    kube: KubeFactory, namespace: str, operator: Manager
) -> None:
    client = kube(namespace=namespace)
    await client.create(_new(_stack_doc(namespace)))

    async def degraded() -> bool:
        return await _phase_is(client, namespace, "llama3-production", "Degraded")

    await eventually(degraded, what="Degraded without the Gateway")
    doc = await _stack(client, namespace, "llama3-production")
    assert "inference-gateway not found" in doc["status"]["children"]["httpRoute"]["message"]
    assert _condition(doc, "Degraded")["status"] == "True"

    await _create_gateway(client, namespace)
    await _mark_deployments_available(client, namespace)

    async def recovered() -> bool:
        await _mark_deployments_available(client, namespace)
        return await _phase_is(client, namespace, "llama3-production", "Ready")

    await eventually(recovered, within=45, what="Ready once the Gateway exists")


async def test_deleting_a_stack_removes_its_children_and_dcgm_stays_for_the_other(
    kube: KubeFactory, namespace: str, operator: Manager
) -> None:
    client = kube(namespace=namespace)
    await _ready_stack(client, namespace)
    second = _stack_doc(namespace, name="second")
    second["spec"]["gateway"]["route"]["pathPrefix"] = "/v1/models/second"
    await client.create(_new(second))

    async def second_built() -> bool:
        try:
            await client.get(HTTPRoute, "second-route", namespace=namespace)
        except ApiError:
            return False
        return True

    await eventually(second_built, what="second stack's route")
    await client.delete(InferenceStack, "llama3-production", namespace=namespace)

    async def first_gone() -> bool:
        names = {
            r.metadata.name async for r in client.list(HTTPRoute, namespace=namespace) if r.metadata
        }
        stacks = {
            to_dict(s)["metadata"]["name"]
            async for s in client.list(InferenceStack, namespace=namespace)
        }
        return "llama3-production-route" not in names and stacks == {"second"}

    await eventually(first_gone, within=45, what="first stack and its children removed")
    assert await client.get(DaemonSet, "ngf-console-dcgm-exporter", namespace=namespace)

    await client.delete(InferenceStack, "second", namespace=namespace)

    async def dcgm_gone() -> bool:
        try:
            await client.get(DaemonSet, "ngf-console-dcgm-exporter", namespace=namespace)
        except ApiError as e:
            return e.status.code == 404
        return False

    await eventually(dcgm_gone, within=45, what="DCGM exporter removed with the last stack")
