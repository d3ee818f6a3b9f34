"""The kubelet stand-in with the in-process operator on the real local control plane.

Matrix: the demo's vLLM stack reaches Ready with Running/Ready Pods (template labels, unique
loopback podIPs, `sim-node`, no token mounted) whose model server and DCGM exporter answer
on the pod IP · `spec.pool.replicas` up and down changes the Pods and the simulators, a
removed pod's address serves no simulator, and a new EPP strategy reconfigures the running
fleet · an autoscaler writing the Deployment's `spec.replicas` (Triton, HPA) adds a Triton
pod · a stack selecting a Deployment of its own (`pool.selector`) gets its pods run · a
deleted Pod is replaced.
"""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio
from lightkube import AsyncClient
from lightkube.resources.apps_v1 import Deployment
from lightkube.resources.core_v1 import Pod
from lightkube.types import PatchType

from ngf_console.kube.resources import InferenceStack, to_dict, to_object
from ngf_console.runtime import Manager
from ngf_console.sim import demo_objects
from ngf_console.sim.addresses import AddressPool
from ngf_console.sim.clock import ScaledClock
from ngf_console.sim.gpu_trace import default_trace_path, derive_profile, load_trace
from ngf_console.sim.kubelet import SimKubelet
from ngf_console.sim.kubelet_runtime import run_kubelet
from ngf_console.sim.node import SimNode
from tests.conftest import KubeFactory
from tests.waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]

POOL_LABEL = "ngf-console.f5.com/pool"


@pytest_asyncio.fixture
async def kubelet(kube: KubeFactory, namespace: str) -> AsyncIterator[SimKubelet]:
    """The stand-in for the test's namespace, on addresses of its own (127.11.0.0/16)."""
    node = SimNode(
        gpu_profile=derive_profile(load_trace(default_trace_path())),
        clock=ScaledClock(),
        addresses=AddressPool("127.11.0.0/16"),
    )
    async with run_kubelet(kube(), node, namespace=namespace, resync_period=5) as running:
        yield running


async def _create(client: AsyncClient, doc: dict[str, Any]) -> None:
    await client.create(to_object(doc))  # type: ignore[call-overload]


async def _stack_phase(client: AsyncClient, namespace: str, name: str) -> str | None:
    doc = to_dict(await client.get(InferenceStack, name, namespace=namespace))
    return (doc.get("status") or {}).get("phase")


async def _ready(client: AsyncClient, namespace: str, name: str) -> None:
    async def ready() -> bool:
        return await _stack_phase(client, namespace, name) == "Ready"

    await eventually(ready, within=60, what=f"stack {name} Ready")


async def _pods(
    client: AsyncClient, namespace: str, labels: dict[str, str]
) -> list[dict[str, Any]]:
    return [
        to_dict(p)
        async for p in client.list(Pod, namespace=namespace, labels=labels)  # type: ignore[arg-type]
    ]


def _ready_condition(pod: dict[str, Any]) -> str:
    return str(next(c["status"] for c in pod["status"]["conditions"] if c["type"] == "Ready"))


def _simulated(kubelet: SimKubelet, namespace: str, pool: str) -> set[str]:
    """Names of the pods whose simulators run."""
    fleet = kubelet.node.fleet(namespace, pool)
    return set() if fleet is None else {p.name for p in fleet.pods}


async def _get(url: str) -> httpx.Response:
    async with httpx.AsyncClient(trust_env=False, timeout=5) as http:
        return await http.get(url)


async def _simulator_at(ip: str) -> str | None:
    """Which simulator still serves on `ip`, if any (something else of this machine that
    listens on 0.0.0.0:8000 or :9400 would answer too, so the body decides)."""
    found = []
    for port, needle in ((8000, "vllm:num_requests_waiting"), (9400, "DCGM_FI_DEV_GPU_UTIL")):
        try:
            body = (await _get(f"http://{ip}:{port}/metrics")).text
        except httpx.TransportError:
            continue
        if needle in body:
            found.append(f"{port}: {needle}")
    return "; ".join(found) or None


async def _count_is(client: AsyncClient, namespace: str, labels: dict[str, str], n: int) -> bool:
    pods = await _pods(client, namespace, labels)
    return len(pods) == n and all(
        p.get("status", {}).get("podIP") and _ready_condition(p) == "True" for p in pods
    )


async def _wait_for_pods(
    client: AsyncClient, namespace: str, labels: dict[str, str], n: int
) -> list[dict[str, Any]]:
    async def counted() -> bool:
        return await _count_is(client, namespace, labels, n)

    await eventually(counted, within=60, what=f"{n} Ready pods {labels}")
    return await _pods(client, namespace, labels)


def _without_autoscaling(doc: dict[str, Any], replicas: int) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    doc["spec"].pop("autoscaling")
    doc["spec"]["pool"]["replicas"] = replicas
    doc["spec"]["pool"]["minReplicas"] = 0
    return doc


async def test_vllm_stack_reaches_ready_and_its_pods_answer_on_their_ips(
    kube: KubeFactory, namespace: str, operator: Manager, kubelet: SimKubelet
) -> None:
    client = kube(namespace=namespace)
    await _create(client, demo_objects.gateway(namespace))
    await _create(client, demo_objects.vllm_stack(namespace))
    await _ready(client, namespace, "llama3-8b-vllm")

    pods = await _pods(client, namespace, {POOL_LABEL: "llama3-8b-vllm-pool"})
    assert len(pods) == 3
    ips = {p["status"]["podIP"] for p in pods}
    assert len(ips) == 3
    assert all(ip.startswith("127.11.") for ip in ips), ips
    for pod in pods:
        assert pod["status"]["phase"] == "Running"
        assert _ready_condition(pod) == "True"
        assert pod["spec"]["nodeName"] == "sim-node"
        assert pod["spec"]["automountServiceAccountToken"] is False
        assert pod["metadata"]["labels"]["app.kubernetes.io/component"] == "model-server"
        name, ip = pod["metadata"]["name"], pod["status"]["podIP"]
        assert name.startswith("llama3-8b-vllm-model-")
        assert "vllm:num_requests_waiting" in (await _get(f"http://{ip}:8000/metrics")).text
        dcgm = (await _get(f"http://{ip}:9400/metrics")).text
        assert f'pod="{name}"' in dcgm
        assert f'namespace="{namespace}"' in dcgm
        assert "DCGM_FI_DEV_GPU_UTIL{" in dcgm

    epp = await _pods(client, namespace, {"app": "llama3-8b-vllm-epp"})
    assert [p["status"]["phase"] for p in epp] == ["Running"]
    model = to_dict(await client.get(Deployment, "llama3-8b-vllm-model", namespace=namespace))
    assert model["status"]["availableReplicas"] == 3
    available = next(c for c in model["status"]["conditions"] if c["type"] == "Available")
    assert available["status"] == "True"
    fleet = kubelet.node.fleet(namespace, "llama3-8b-vllm-pool")
    assert fleet is not None
    assert fleet.pool.strategy == "prefix_affinity"
    record, _ = await fleet.epp.complete("hello " * 40, 4)
    assert record.decision.picked_name in {p["metadata"]["name"] for p in pods}


async def test_pool_replicas_scale_the_pods_and_simulators(
    kube: KubeFactory, namespace: str, operator: Manager, kubelet: SimKubelet
) -> None:
    client = kube(namespace=namespace)
    await _create(client, demo_objects.gateway(namespace))
    await _create(client, _without_autoscaling(demo_objects.vllm_stack(namespace), 2))
    labels = {POOL_LABEL: "llama3-8b-vllm-pool"}
    await _ready(client, namespace, "llama3-8b-vllm")
    assert len(await _pods(client, namespace, labels)) == 2

    patch = {"spec": {"pool": {"replicas": 4}}}
    await client.patch(
        InferenceStack, "llama3-8b-vllm", patch, namespace=namespace, patch_type=PatchType.MERGE
    )
    four = await _wait_for_pods(client, namespace, labels, 4)
    names = {p["metadata"]["name"] for p in four}
    assert _simulated(kubelet, namespace, "llama3-8b-vllm-pool") == names

    before = {p["status"]["podIP"] for p in four}
    patch = {"spec": {"pool": {"replicas": 1}}}
    await client.patch(
        InferenceStack, "llama3-8b-vllm", patch, namespace=namespace, patch_type=PatchType.MERGE
    )
    left = await _wait_for_pods(client, namespace, labels, 1)
    assert _simulated(kubelet, namespace, "llama3-8b-vllm-pool") == {left[0]["metadata"]["name"]}
    gone = before - {left[0]["status"]["podIP"]}
    assert len(gone) == 3
    still = {ip: await _simulator_at(ip) for ip in gone}
    assert set(still.values()) == {None}, still
    await _ready(client, namespace, "llama3-8b-vllm")

    strategy = {"spec": {"epp": {"strategy": "least_queue"}}}
    await client.patch(
        InferenceStack, "llama3-8b-vllm", strategy, namespace=namespace, patch_type=PatchType.MERGE
    )

    async def reconfigured() -> bool:
        fleet = kubelet.node.fleet(namespace, "llama3-8b-vllm-pool")
        return fleet is not None and fleet.pool.strategy == "least_queue"

    await eventually(reconfigured, within=30, what="the pool's EPP simulator on least_queue")


async def test_autoscaler_replicas_add_a_triton_pod(
    kube: KubeFactory, namespace: str, operator: Manager, kubelet: SimKubelet
) -> None:
    client = kube(namespace=namespace)
    await _create(client, demo_objects.gateway(namespace))
    await _create(client, demo_objects.triton_stack(namespace))
    await _ready(client, namespace, "mistral-7b-triton")
    labels = {POOL_LABEL: "mistral-7b-triton-pool"}
    assert len(await _pods(client, namespace, labels)) == 2

    await client.patch(  # what the HPA does through the scale subresource
        Deployment,
        "mistral-7b-triton-model",
        {"spec": {"replicas": 3}},
        namespace=namespace,
        patch_type=PatchType.MERGE,
    )
    pods = await _wait_for_pods(client, namespace, labels, 3)
    for pod in pods:
        body = (await _get(f"http://{pod['status']['podIP']}:8000/metrics")).text
        assert 'nv_trt_llm_request_metrics{request_type="waiting"' in body

    async def reported() -> bool:
        doc = to_dict(await client.get(InferenceStack, "mistral-7b-triton", namespace=namespace))
        status = doc.get("status") or {}
        return (status.get("currentReplicas"), status.get("desiredReplicas")) == (3, 3)

    await eventually(reported, within=30, what="stack reports 3/3 replicas")


async def test_pool_selector_deployment_gets_pods(
    kube: KubeFactory, namespace: str, operator: Manager, kubelet: SimKubelet
) -> None:
    client = kube(namespace=namespace)
    await _create(client, demo_objects.gateway(namespace))
    stack = _without_autoscaling(demo_objects.triton_stack(namespace), 2)
    stack["spec"]["pool"]["selector"] = {"matchLabels": {"app": "byo-mistral"}}
    await _create(client, stack)
    labels = {"app": "byo-mistral"}
    await _create(
        client,
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "byo-mistral", "namespace": namespace},
            "spec": {
                "replicas": 2,
                "selector": {"matchLabels": labels},
                "template": {
                    "metadata": {"labels": labels},
                    "spec": {
                        "containers": [
                            {
                                "name": "triton",
                                "image": "nvcr.io/nvidia/tritonserver:25.01-trtllm-python-py3",
                                "ports": [{"containerPort": 8000}],
                            }
                        ]
                    },
                },
            },
        },
    )
    pods = await _wait_for_pods(client, namespace, labels, 2)
    await _ready(client, namespace, "mistral-7b-triton")
    for pod in pods:
        body = (await _get(f"http://{pod['status']['podIP']}:8000/metrics")).text
        assert "nv_trt_llm_kv_cache_block_metrics" in body


async def test_deleted_pod_is_replaced(
    kube: KubeFactory, namespace: str, operator: Manager, kubelet: SimKubelet
) -> None:
    client = kube(namespace=namespace)
    await _create(client, demo_objects.gateway(namespace))
    await _create(client, _without_autoscaling(demo_objects.vllm_stack(namespace), 2))
    labels = {POOL_LABEL: "llama3-8b-vllm-pool"}
    pods = await _wait_for_pods(client, namespace, labels, 2)
    victim = pods[0]["metadata"]["name"]
    await client.delete(Pod, victim, namespace=namespace)

    async def replaced() -> bool:
        now = await _pods(client, namespace, labels)
        names = {p["metadata"]["name"] for p in now}
        return victim not in names and await _count_is(client, namespace, labels, 2)

    await eventually(replaced, within=30, what="the deleted pod replaced")
    now = {p["metadata"]["name"] for p in await _pods(client, namespace, labels)}
    assert _simulated(kubelet, namespace, "llama3-8b-vllm-pool") == now
