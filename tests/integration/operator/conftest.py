"""Fixtures of the operator's integration tests (the `operator` fixture is the shared
plugin `tests.operator_fixture`).

`ngf` simulates NGINX Gateway Fabric's control plane for edition detection: a Deployment
named and labelled as the Helm chart renders it (`ngf-nginx-gateway-fabric`), in the
`nginx-gateway` namespace, with or without `--nginx-plus` and `--snippets`. No pod runs;
the operator only reads the Deployment's container args and image. It is removed after
each test, so tests do not see each other's NGF.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, cast

import pytest_asyncio
from lightkube import ApiError, AsyncClient
from lightkube.models.meta_v1 import ObjectMeta
from lightkube.resources.apps_v1 import Deployment
from lightkube.resources.core_v1 import Namespace

from ngf_console.kube.client import async_client

NGF_NAMESPACE = "nginx-gateway"
NGF_DEPLOYMENT = "ngf-nginx-gateway-fabric"
NGF_LABELS = {"app.kubernetes.io/name": "nginx-gateway-fabric", "app.kubernetes.io/instance": "ngf"}


class SimulatedNGF:
    """NGF's control-plane Deployment as Helm renders it (no pods run): edition detection
    reads its container args. Lives in `nginx-gateway`; removed after the test."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    @staticmethod
    def manifest(*, plus: bool, snippets: bool, version: str) -> dict[str, Any]:
        args = [
            "controller",
            "--gateway-ctlr-name=gateway.nginx.org/nginx-gateway-controller",
            "--gatewayclass=nginx",
            f"--config={NGF_DEPLOYMENT}-config",
        ]
        if plus:
            args += ["--nginx-plus", "--usage-report-secret=nplus-license"]
        if snippets:
            args.append("--snippets")
        container = {
            "name": "nginx-gateway",
            "image": f"ghcr.io/nginx/nginx-gateway-fabric:{version}",
            "args": args,
        }
        return {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": NGF_DEPLOYMENT, "namespace": NGF_NAMESPACE, "labels": NGF_LABELS},
            "spec": {
                "replicas": 1,
                "selector": {"matchLabels": NGF_LABELS},
                "template": {
                    "metadata": {"labels": NGF_LABELS},
                    "spec": {"containers": [container]},
                },
            },
        }

    async def install(self, *, plus: bool, snippets: bool = True, version: str = "2.6.7") -> None:
        """Create or change the control plane (server-side apply)."""
        doc = self.manifest(plus=plus, snippets=snippets, version=version)
        await self._client.apply(
            cast(Deployment, Deployment.from_dict(doc)), field_manager="helm", force=True
        )

    async def remove(self) -> None:
        with contextlib.suppress(ApiError):
            await self._client.delete(Deployment, NGF_DEPLOYMENT, namespace=NGF_NAMESPACE)


@pytest_asyncio.fixture
async def ngf(kubeconfig: Path) -> AsyncIterator[SimulatedNGF]:
    """A simulated NGF control plane (install it with `await ngf.install(plus=…)`)."""
    async with async_client(kubeconfig, field_manager="test-setup") as admin:
        with contextlib.suppress(ApiError):
            await admin.create(Namespace(metadata=ObjectMeta(name=NGF_NAMESPACE)))
        simulated = SimulatedNGF(admin)
        await simulated.remove()
        yield simulated
        await simulated.remove()
