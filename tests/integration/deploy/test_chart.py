"""The Helm chart, checked with a real helm and kubeconform (strict) on generated schemas.

Matrix (see matrix.py): every case renders; every render passes `kubeconform -strict` with
schemas generated from the local control plane (built-in kinds) and from the CRDs (ours and
third-party); `helm lint --strict` passes; install.yaml is the current render; the chart's
ClusterRoles have exactly config/rbac's rules; the operator runs with leader election and
two replicas by default and the values reach its flags; the edition and NGF's namespace
reach the API server and the operator; the XC token reaches the operator only from a Secret
(never a ConfigMap or a plain env value); the autoscaling backend renders its admission
policy (none for `any`); values that cannot work together fail with a message; a typo or
a wrong type in values is refused by values.schema.json with a message that names it.
"""

from __future__ import annotations

import base64
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from ngf_console.devcluster import tools
from ngf_console.devcluster.paths import repo_root
from tests.integration.deploy.conftest import Render
from tests.integration.deploy.matrix import XC_URL, all_cases

pytestmark = [pytest.mark.integration]

CASES = all_cases()


def documents(text: str) -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all(text) if d]


def find(docs: list[dict[str, Any]], kind: str, suffix: str) -> dict[str, Any]:
    matches = [d for d in docs if d["kind"] == kind and d["metadata"]["name"].endswith(suffix)]
    assert len(matches) == 1, f"{kind} *{suffix}: {len(matches)} found"
    return matches[0]


def test_helm_lint_strict(helm: Path) -> None:
    proc = subprocess.run(
        [str(helm), "lint", "--strict", str(repo_root() / tools.CHART)],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 chart(s) failed" in proc.stdout


@pytest.mark.parametrize("case", sorted(CASES))
def test_render_passes_kubeconform_strict(
    case: str, render: Render, kubeconform: Path, schema_dir: Path, tmp_path: Path
) -> None:
    proc = render(CASES[case])
    assert proc.returncode == 0, proc.stderr
    manifest = tmp_path / "render.yaml"
    manifest.write_text(proc.stdout)
    result = subprocess.run(
        [str(kubeconform), "-strict", "-summary", "-output", "text",
         "-schema-location", f"{schema_dir}/{tools.SCHEMA_LOCATION}", str(manifest)],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Invalid: 0, Errors: 0, Skipped: 0" in result.stdout, result.stdout


def test_kubeconform_rejects_an_unknown_field(
    kubeconform: Path, schema_dir: Path, tmp_path: Path, render: Render
) -> None:
    docs = documents(render().stdout)
    find(docs, "Deployment", "-operator")["spec"]["replica"] = 2
    manifest = tmp_path / "bad.yaml"
    manifest.write_text(yaml.safe_dump_all(docs))
    result = subprocess.run(
        [str(kubeconform), "-strict", "-schema-location",
         f"{schema_dir}/{tools.SCHEMA_LOCATION}", str(manifest)],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert "replica" in result.stdout


def test_install_manifest_is_current() -> None:
    stale = tools.stale_files(tools.install_manifest())
    assert stale == [], "run `make generate-manifests`"


@pytest.mark.parametrize("component", ["api", "operator", "admin", "viewer", "operator-user"])
def test_cluster_roles_are_config_rbac(component: str, render: Render) -> None:
    docs = documents(render().stdout)
    role = find(docs, "ClusterRole", f"-{component}")
    source = repo_root() / "config" / "rbac" / f"{component.replace('-', '_')}_role.yaml"
    assert role["rules"] == yaml.safe_load(source.read_text())["rules"]
    assert role["metadata"]["name"] == f"ngf-console-{component}"


def test_crds_are_config_crd_bases(render: Render) -> None:
    docs = documents(render().stdout)
    crds = {d["metadata"]["name"]: d for d in docs if d["kind"] == "CustomResourceDefinition"}
    for path in (repo_root() / "config" / "crd" / "bases").glob("*.yaml"):
        source = yaml.safe_load(path.read_text())
        assert crds[source["metadata"]["name"]] == source
    assert len(crds) == 5


def test_operator_defaults_and_flags(render: Render) -> None:
    values = {"operator": {"reconcileInterval": "5m", "leaderElection": {"id": "ngf-lease"}},
              "prometheus": {"url": "http://prom.example:9090"}}  # fmt: skip
    docs = documents(render(values, "ngf-system").stdout)
    operator = find(docs, "Deployment", "-operator")
    assert operator["spec"]["replicas"] == 2
    args = operator["spec"]["template"]["spec"]["containers"][0]["args"]
    for flag in ("--leader-elect", "--lease-name=ngf-lease", "--lease-namespace=ngf-system",
                 "--resync-period=300", "--prometheus-url=http://prom.example:9090"):  # fmt: skip
        assert flag in args
    binding = find(docs, "ClusterRoleBinding", "-operator")
    assert binding["subjects"] == [
        {"kind": "ServiceAccount", "name": "ngf-console-operator", "namespace": "ngf-system"}
    ]


def test_database_values_reach_the_api(render: Render) -> None:
    docs = documents(
        render({"database": {"postgresql": {"host": "db.example", "port": 6543}}}).stdout
    )
    env = find(docs, "Deployment", "-api")["spec"]["template"]["spec"]["containers"][0]["env"]
    url = next(e["value"] for e in env if e["name"] == "NGF_CONSOLE_DATABASE_URL")
    assert url == "postgresql+asyncpg://$(PGUSER):$(PGPASSWORD)@db.example:6543/ngf_console"
    assert not [
        d for d in docs if d["kind"] == "StatefulSet" and "postgresql" in d["metadata"]["name"]
    ]
    sqlite = documents(render({"database": {"type": "sqlite"}, "api": {"replicas": 1}}).stdout)
    config = find(sqlite, "ConfigMap", "-api")["data"]
    assert config["NGF_CONSOLE_SQLITE_PATH"] == "/data/ngf-console.db"


def operator_env(docs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    container = find(docs, "Deployment", "-operator")["spec"]["template"]["spec"]["containers"][0]
    return {e["name"]: e for e in container.get("env", [])}


@pytest.mark.parametrize("edition", ["auto", "oss", "enterprise"])
def test_edition_reaches_the_api_and_the_operator(edition: str, render: Render) -> None:
    docs = documents(
        render({"ngf": {"edition": edition, "controllerNamespace": "ngf-system"}}).stdout
    )
    config = find(docs, "ConfigMap", "-api")["data"]
    assert config["NGF_CONSOLE_EDITION"] == edition
    assert config["NGF_CONSOLE_API_NGF_NAMESPACE"] == "ngf-system"
    env = operator_env(docs)
    assert env["NGF_CONSOLE_EDITION"]["value"] == edition
    assert env["NGF_CONSOLE_NGF_NAMESPACE"]["value"] == "ngf-system"


XC = {"enabled": True, "tenantUrl": XC_URL}
TOKEN = "xc-token-must-stay-secret"  # a test value


def test_xc_off_gives_the_operator_no_credentials(render: Render) -> None:
    docs = documents(render().stdout)
    assert not [name for name in operator_env(docs) if name.startswith("NGF_CONSOLE_XC_")]
    assert not [d for d in docs if d["kind"] == "Secret" and d["metadata"]["name"].endswith("-xc")]


def test_xc_token_given_is_only_in_a_secret(render: Render) -> None:
    proc = render({"xc": {**XC, "apiToken": TOKEN}})
    docs = documents(proc.stdout)
    secret = find(docs, "Secret", "-xc")
    assert base64.b64decode(secret["data"]["token"]).decode() == TOKEN
    assert TOKEN not in proc.stdout  # only its base64 form, only in the Secret
    env = operator_env(docs)
    assert env["NGF_CONSOLE_XC_TENANT_URL"]["value"] == XC_URL
    assert env["NGF_CONSOLE_XC_API_TOKEN"] == {
        "name": "NGF_CONSOLE_XC_API_TOKEN",
        "valueFrom": {"secretKeyRef": {"name": "ngf-console-xc", "key": "token"}},
    }
    encoded = secret["data"]["token"]
    leaks = [d["metadata"]["name"] for d in docs if d is not secret and encoded in yaml.dump(d)]
    assert leaks == []
    annotations = find(docs, "Deployment", "-operator")["spec"]["template"]["metadata"]
    assert "checksum/xc" in annotations["annotations"]


def test_xc_existing_secret(render: Render) -> None:
    docs = documents(render({"xc": {**XC, "apiTokenSecretRef": "xc-credentials"}}).stdout)
    assert not [d for d in docs if d["kind"] == "Secret" and d["metadata"]["name"].endswith("-xc")]
    ref = operator_env(docs)["NGF_CONSOLE_XC_API_TOKEN"]["valueFrom"]["secretKeyRef"]
    assert ref == {"name": "xc-credentials", "key": "token"}


@pytest.mark.parametrize(("backend", "label"), [("keda", "KEDA"), ("hpa", "an HPA")])
def test_scaling_backend_renders_its_admission_policy(
    backend: str, label: str, render: Render
) -> None:
    docs = documents(render({"inference": {"scaling": {"backend": backend}}}).stdout)
    policy = find(docs, "ValidatingAdmissionPolicy", "-autoscaling-backend")
    (validation,) = policy["spec"]["validations"]
    assert f"object.spec.autoscaling.backend == '{backend}'" in validation["expression"]
    assert f"must be {backend}: this cluster autoscales with {label}" in validation["message"]
    binding = find(docs, "ValidatingAdmissionPolicyBinding", "-autoscaling-backend")
    assert binding["spec"] == {
        "policyName": policy["metadata"]["name"],
        "validationActions": ["Deny"],
    }


def test_scaling_backend_any_renders_no_policy(render: Render) -> None:
    docs = documents(render({"inference": {"scaling": {"backend": "any"}}}).stdout)
    assert not [d for d in docs if d["kind"].startswith("ValidatingAdmissionPolicy")]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"database": {"type": "sqlite"}},
         "api.replicas must be 1 with database.type=sqlite"),
        ({"operator": {"leaderElection": {"enabled": False}}},
         "operator.replicas must be 1 when operator.leaderElection.enabled=false"),
        ({"xc": {"enabled": True, "apiToken": "t"}},
         "xc.tenantUrl is required with xc.enabled=true"),
        ({"xc": XC}, "xc.enabled=true needs the API token"),
        ({"xc": {**XC, "apiToken": "t", "apiTokenSecretRef": "s"}},
         "set one of xc.apiTokenSecretRef and xc.apiToken, not both"),
    ],
    ids=["sqlite-two-api-replicas", "no-leader-election-two-operators", "xc-without-tenant",
         "xc-without-token", "xc-two-tokens"],
)  # fmt: skip
def test_impossible_combinations_fail(values: dict[str, Any], message: str, render: Render) -> None:
    proc = render(values)
    assert proc.returncode != 0
    assert message in proc.stderr


@pytest.mark.parametrize(
    ("values", "messages"),
    [
        ({"api": {"replica": 3}}, ["at '/api'", "additional properties 'replica' not allowed"]),
        ({"clickhuose": {"enabled": False}}, ["additional properties 'clickhuose' not allowed"]),
        ({"api": {"replicas": "two"}}, ["at '/api/replicas'", "got string, want integer"]),
        ({"database": {"type": "mysql"}}, ["at '/database/type'", "'postgresql'", "'sqlite'"]),
        ({"operator": {"reconcileInterval": "60"}}, ["at '/operator/reconcileInterval'"]),
        ({"frontend": {"image": {"tag": "latest"}}}, ["at '/frontend/image/tag'"]),
        ({"clickhouse": {"enabled": "yes"}}, ["at '/clickhouse/enabled'", "want boolean"]),
        ({"ngf": {"edition": "plus"}}, ["at '/ngf/edition'", "'auto', 'oss', 'enterprise'"]),
        ({"xc": {"tenantUrl": "http://acme.example"}}, ["at '/xc/tenantUrl'"]),
        ({"inference": {"scaling": {"backend": "both"}}},
         ["at '/inference/scaling/backend'", "'keda', 'hpa', 'any'"]),
        ({"xc": {"apiTokenSecret": "s"}}, ["additional properties 'apiTokenSecret' not allowed"]),
    ],
    ids=["typo-nested", "typo-top-level", "wrong-type", "bad-enum", "bad-duration",
         "latest-tag", "string-for-bool", "bad-edition", "xc-plain-http", "bad-scaling-backend",
         "xc-typo"],
)  # fmt: skip
def test_schema_rejects_with_a_clear_message(
    values: dict[str, Any], messages: list[str], render: Render
) -> None:
    proc = render(values)
    assert proc.returncode != 0
    assert "values don't meet the specifications of the schema(s)" in proc.stderr
    for message in messages:
        assert message in proc.stderr, proc.stderr
