"""The API server's own identity (config/rbac/api_role.yaml) cannot write any child kind.

Matrix: every child kind the operator manages x create as the server's ServiceAccount →
403 from the real API server. The same identity can read the children it shows (its watch
caches do): Deployments, DaemonSets, Services, InferencePools, Gateways.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, cast

import pytest
from lightkube import ApiError, AsyncClient

from ngf_console.kube.resources import to_object
from tests.integration.server.harness import Identity

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]

CHILDREN: list[dict[str, Any]] = [
    {"apiVersion": "apps/v1", "kind": "Deployment", "spec": {
        "selector": {"matchLabels": {"a": "b"}},
        "template": {"metadata": {"labels": {"a": "b"}},
                     "spec": {"containers": [{"name": "c", "image": "x"}]}}}},
    {"apiVersion": "apps/v1", "kind": "DaemonSet", "spec": {
        "selector": {"matchLabels": {"a": "b"}},
        "template": {"metadata": {"labels": {"a": "b"}},
                     "spec": {"containers": [{"name": "c", "image": "x"}]}}}},
    {"apiVersion": "v1", "kind": "ConfigMap", "data": {"k": "v"}},
    {"apiVersion": "v1", "kind": "Secret", "stringData": {"k": "v"}},
    {"apiVersion": "v1", "kind": "Service", "spec": {"ports": [{"port": 80}]}},
    {"apiVersion": "v1", "kind": "ServiceAccount"},
    {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "rules": []},
    {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "spec": {
        "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "x"},
        "maxReplicas": 2}},
    {"apiVersion": "keda.sh/v1alpha1", "kind": "ScaledObject",
     "spec": {"scaleTargetRef": {"name": "x"}, "triggers": []}},
    {"apiVersion": "inference.networking.k8s.io/v1", "kind": "InferencePool", "spec": {
        "selector": {"matchLabels": {"a": "b"}}, "targetPorts": [{"number": 8000}],
        "endpointPickerRef": {"name": "epp", "port": {"number": 9002}}}},
    {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway", "spec": {
        "gatewayClassName": "nginx",
        "listeners": [{"name": "http", "port": 80, "protocol": "HTTP"}]}},
    {"apiVersion": "gateway.nginx.org/v1alpha2", "kind": "NginxProxy", "spec": {}},
]  # fmt: skip


@pytest.mark.parametrize("child", CHILDREN, ids=lambda c: c["kind"])
async def test_server_identity_cannot_write_children(
    kube: Callable[..., AsyncClient], api_identity: Identity, namespace: str, child: dict[str, Any]
) -> None:
    client = kube(token=api_identity.token)
    manifest = {**child, "metadata": {"name": "forbidden", "namespace": namespace}}
    with pytest.raises(ApiError) as denied:
        await client.create(cast(Any, to_object(manifest)))
    assert denied.value.status.code == 403, denied.value.status.message


async def test_server_identity_reads_children(
    kube: Callable[..., AsyncClient], api_identity: Identity, namespace: str
) -> None:
    client = kube(token=api_identity.token)
    readable = {"Deployment", "DaemonSet", "Service", "InferencePool", "Gateway"}
    for child in (c for c in CHILDREN if c["kind"] in readable):
        kind = type(to_object({**child, "metadata": {"name": "x"}}))
        assert await _list_retrying(client, kind, namespace) == []


async def _list_retrying(client: AsyncClient, kind: type, namespace: str) -> list[Any]:
    """List; the API server answers 429 while a new CRD's watch cache initializes."""
    for _ in range(50):
        try:
            return [o async for o in client.list(cast(Any, kind), namespace=namespace)]
        except ApiError as e:
            if e.status.code != 429:
                raise
            await asyncio.sleep(0.2)
    raise AssertionError(f"{kind.__name__}: still 429 after 10 s")
