"""Every render of the matrix is accepted by the real local control plane (server dry run).

The chart's CRDs (deploy/helm/ngf-console/crds) are applied first, as `helm install` does;
then each render, into a fresh namespace, with `kubectl apply --dry-run=server`: the API
server runs defaulting, validation (built-in kinds, CRD schemas and CEL rules) and admission
on every object without storing it. Cluster-scoped objects (ClusterRoles, bindings) are
validated the same way.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from ngf_console.devcluster import crds, tools
from ngf_console.devcluster.paths import repo_root
from tests.integration.deploy.conftest import Render
from tests.integration.deploy.matrix import all_cases

pytestmark = [pytest.mark.integration]

CASES = all_cases()


def apply(kubeconfig: Path, manifest: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [crds.kubectl(), f"--kubeconfig={kubeconfig}", "apply", "--server-side",
         "--field-manager=ngf-console-helm-test", *extra, "-f", str(manifest)],
        capture_output=True, text=True, check=False, timeout=90,
    )  # fmt: skip


@pytest.fixture
def chart_crds(kubeconfig: Path) -> None:
    crds.install(kubeconfig, sorted((repo_root() / tools.CHART / "crds").glob("*.yaml")))


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.usefixtures("chart_crds")
def test_render_accepted_by_the_api_server(
    case: str, render: Render, kubeconfig: Path, namespace: str, tmp_path: Path
) -> None:
    proc = render(CASES[case], namespace, "--skip-crds")
    assert proc.returncode == 0, proc.stderr
    manifest = tmp_path / "render.yaml"
    manifest.write_text(proc.stdout)
    result = apply(kubeconfig, manifest, "--dry-run=server")
    assert result.returncode == 0, result.stderr
    assert "(server dry run)" in result.stdout
    assert "deployment.apps/ngf-console-operator serverside-applied" in result.stdout


@pytest.mark.usefixtures("chart_crds")
def test_dry_run_refuses_an_invalid_object(
    render: Render, kubeconfig: Path, namespace: str, tmp_path: Path
) -> None:
    text = render({}, namespace, "--skip-crds").stdout
    manifest = tmp_path / "bad.yaml"
    manifest.write_text(text.replace("containerPort: 8081", "containerPort: 80810"))
    result = apply(kubeconfig, manifest, "--dry-run=server")
    assert result.returncode != 0
    assert "containerPort" in result.stderr
