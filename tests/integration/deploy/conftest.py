"""Fixtures of the deployment tests: the pinned tools, kubeconform's schemas, a renderer.

* `helm`, `kubeconform`, `compose_spec` (session): built once into .cache/tools
  (`make build-tools`).
* `schema_dir` (session): kubeconform schemas generated, never downloaded — built-in kinds
  from the local control plane's OpenAPI v3, custom resources (ours and every third-party
  CRD the cluster has) from their CRD YAML.
* `render(values, namespace)`: `helm template` of the chart with a values mapping.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from ngf_console.devcluster import crds, process, tools
from ngf_console.devcluster.paths import repo_root

Render = Callable[..., subprocess.CompletedProcess[str]]

BUILTIN_GROUP_VERSIONS = (
    "api/v1",
    "apis/apps/v1",
    "apis/networking.k8s.io/v1",
    "apis/rbac.authorization.k8s.io/v1",
    "apis/apiextensions.k8s.io/v1",
    "apis/policy/v1",
    "apis/autoscaling/v2",
    "apis/admissionregistration.k8s.io/v1",
)


@pytest.fixture(scope="session")
def helm() -> Path:
    return tools.ensure_tool("helm").path


@pytest.fixture(scope="session")
def kubeconform() -> Path:
    return tools.ensure_tool("kubeconform").path


@pytest.fixture(scope="session")
def schema_dir(local_cluster: process.Cluster, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("kubeconform-schemas")
    tools.builtin_schemas(local_cluster.kubeconfig, BUILTIN_GROUP_VERSIONS, root)
    tools.crd_schemas(crds.all_files(), root)
    return root


@pytest.fixture
def render(helm: Path, tmp_path: Path) -> Render:
    def run(
        values: dict[str, Any] | None = None, namespace: str = "ngf-console", *extra: str
    ) -> subprocess.CompletedProcess[str]:
        path = tmp_path / f"values-{len(list(tmp_path.iterdir()))}.yaml"
        path.write_text(yaml.safe_dump(values or {}))
        chart = repo_root() / tools.CHART
        return subprocess.run(
            [str(helm), "template", "ngf-console", str(chart), "--namespace", namespace,
             "--include-crds", "--values", str(path), *extra],
            capture_output=True, text=True, check=False, timeout=60,
        )  # fmt: skip

    return run


@pytest.fixture(scope="session")
def compose_spec() -> Path:
    return tools.ensure_tool("compose-spec").path
