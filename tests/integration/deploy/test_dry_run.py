"""Every render of the matrix is accepted by the real local control plane (server dry run).

The chart's CRDs (deploy/helm/ngf-console/crds) are applied first, as `helm install` does;
then each render, into a fresh namespace, with `kubectl apply --dry-run=server`: the API
server runs defaulting, validation (built-in kinds, CRD schemas and CEL rules) and admission
on every object without storing it. Cluster-scoped objects (ClusterRoles, bindings) are
validated the same way.

The autoscaling-backend admission policy is also installed for real (scoped to the test's
namespace): an InferenceStack asking for the other backend is refused with the policy's
message; one asking for the installed backend, or without autoscaling, is accepted.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

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


def _scoped_policy(text: str, namespace: str) -> list[dict[str, Any]]:
    """The chart's policy and binding, renamed for this test and bound to its namespace only
    (the chart's binding is cluster-wide; other tests share the control plane)."""
    docs = [d for d in yaml.safe_load_all(text) if d]
    policy, binding = (
        next(d for d in docs if d["kind"] == kind)
        for kind in ("ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding")
    )
    name = f"{namespace}-autoscaling-backend"
    policy["metadata"]["name"] = binding["metadata"]["name"] = name
    binding["spec"]["policyName"] = name
    selector = {"matchLabels": {"kubernetes.io/metadata.name": namespace}}
    binding["spec"]["matchResources"] = {"namespaceSelector": selector}
    return [policy, binding]


def _stack(namespace: str, backend: str | None) -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load(
        (repo_root() / "config" / "samples" / "inferencestack_triton.yaml").read_text()
    )
    doc["metadata"]["namespace"] = namespace
    if backend is None:
        del doc["spec"]["autoscaling"]
    else:
        doc["spec"]["autoscaling"]["backend"] = backend
    return doc


@pytest.mark.usefixtures("chart_crds")
def test_scaling_backend_policy_refuses_the_other_backend(
    render: Render, kubeconfig: Path, namespace: str, tmp_path: Path
) -> None:
    rendered = render({"inference": {"scaling": {"backend": "hpa"}}}, namespace, "--skip-crds")
    policy = tmp_path / "policy.yaml"
    policy.write_text(yaml.safe_dump_all(_scoped_policy(rendered.stdout, namespace)))
    installed = apply(kubeconfig, policy)
    assert installed.returncode == 0, installed.stderr

    def dry_run(backend: str | None) -> subprocess.CompletedProcess[str]:
        path = tmp_path / f"stack-{backend}.yaml"
        path.write_text(yaml.safe_dump(_stack(namespace, backend)))
        return apply(kubeconfig, path, "--dry-run=server")

    try:
        deadline = time.monotonic() + 30  # the policy is compiled and bound asynchronously
        refused = dry_run("keda")
        while refused.returncode == 0 and time.monotonic() < deadline:
            time.sleep(0.5)
            refused = dry_run("keda")
        assert refused.returncode != 0, "the policy never refused backend keda"
        assert "spec.autoscaling.backend must be hpa: this cluster autoscales with an HPA" in (
            refused.stderr
        )
        assert "inference.scaling.backend=hpa" in refused.stderr
        for accepted in ("hpa", None):
            result = dry_run(accepted)
            assert result.returncode == 0, result.stderr
    finally:
        subprocess.run(
            [crds.kubectl(), f"--kubeconfig={kubeconfig}", "delete", "--ignore-not-found",
             "-f", str(policy)],
            capture_output=True, text=True, check=False, timeout=60,
        )  # fmt: skip
