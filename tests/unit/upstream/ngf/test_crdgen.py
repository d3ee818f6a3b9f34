"""NGF's generated CRDs: committed, current, deterministic, structural and named as NGF names them.

Matrix: the committed files under hack/crds/ngf equal a fresh generation byte for byte, in
this process and in processes with other hash seeds; `--check` names missing, changed and
stale files and exits 1, and a write run repairs them; each file has the header saying why it
is generated; every CRD is namespaced in group gateway.nginx.org and category
nginx-gateway-fabric with the version, plural and short names NGF 2.6.7 serves, the policy
label for policies and a status subresource for every kind NGF writes status for; every
schema node is structural, without `nullable`, and every field has a description; the
free-form parts are exactly the ones NGF's documentation names without detailing; our own
CRD generation is unaffected (`python -m ngf_console.api.crdgen --check`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from ngf_console.upstream.ngf import KINDS, NgfKind
from ngf_console.upstream.ngf.crdgen import CRD_DIR, file_name, generated_files, main

ROOT = Path(__file__).resolve().parents[4]

SERVED = {
    "NginxProxy": ("v1alpha2", "nginxproxies", [], None),
    "NginxGateway": ("v1alpha1", "nginxgateways", [], None),
    "ClientSettingsPolicy": ("v1alpha1", "clientsettingspolicies", ["cspolicy"], "inherited"),
    "ObservabilityPolicy": ("v1alpha2", "observabilitypolicies", [], "direct"),
    "UpstreamSettingsPolicy": ("v1alpha1", "upstreamsettingspolicies", ["uspolicy"], "direct"),
    "SnippetsFilter": ("v1alpha1", "snippetsfilters", [], None),
    "SnippetsPolicy": ("v1alpha1", "snippetspolicies", ["snippetspolicy"], "direct"),
    "ProxySettingsPolicy": ("v1alpha1", "proxysettingspolicies", ["pspolicy"], "inherited"),
    "RateLimitPolicy": ("v1alpha1", "ratelimitpolicies", ["rlpolicy"], "inherited"),
    "AuthenticationFilter": ("v1alpha1", "authenticationfilters", ["authfilter"], None),
    "WAFPolicy": ("v1alpha1", "wafpolicies", ["wgbpolicy"], "inherited"),
}

FREE_FORM = [
    "AuthenticationFilter.spec.oidc.logout",
    "AuthenticationFilter.spec.oidc.session",
    "NginxProxy.spec.dnsResolver",
    "NginxProxy.spec.dnsResolver.addresses[]",
    *(
        f"NginxProxy.spec.kubernetes.{workload}.{part}"
        for workload, parts in (
            (
                "daemonSet",
                (
                    "container",
                    "container.hostPorts[]",
                    "container.image",
                    "container.readinessProbe",
                    "container.resources",
                    "patches[]",
                    "pod",
                    "podDisruptionBudget",
                    "wafContainers",
                ),
            ),
            (
                "deployment",
                (
                    "autoscaling",
                    "container",
                    "container.hostPorts[]",
                    "container.image",
                    "container.readinessProbe",
                    "container.resources",
                    "patches[]",
                    "pod",
                    "podDisruptionBudget",
                    "wafContainers",
                ),
            ),
        )
        for part in parts
    ),
    "NginxProxy.spec.kubernetes.service.nodePorts[]",
    "NginxProxy.spec.kubernetes.service.patches[]",
    "WAFPolicy.spec.policySource.tlsSecret",
    "WAFPolicy.spec.securityLogs[].destination",
    "WAFPolicy.spec.securityLogs[].destination.file",
    "WAFPolicy.spec.securityLogs[].destination.syslog",
    "WAFPolicy.spec.securityLogs[].logSource",
    "WAFPolicy.spec.securityLogs[].logSource.n1cSource",
    "WAFPolicy.spec.securityLogs[].logSource.nimSource",
]


def test_committed_files_equal_a_fresh_generation_byte_for_byte() -> None:
    files = generated_files()
    assert sorted(files) == sorted(path.relative_to(ROOT) for path in (ROOT / CRD_DIR).iterdir())
    for rel, text in files.items():
        assert (ROOT / rel).read_bytes() == text.encode("utf-8"), (
            f"{rel} is stale: run `python -m ngf_console.upstream.ngf.crdgen` and commit"
        )
    assert main(["--check", "--root", str(ROOT)]) == 0


def test_two_runs_are_byte_identical_and_have_no_yaml_anchors() -> None:
    first, second = generated_files(), generated_files()
    assert first == second
    for rel, text in first.items():
        assert "&id" not in text, rel
        assert "*id" not in text, rel


@pytest.mark.parametrize("module", ["ngf_console.upstream.ngf.crdgen", "ngf_console.api.crdgen"])
def test_other_processes_and_hash_seeds_generate_the_same_bytes(module: str) -> None:
    for seed in ("1", "4242"):
        proc = subprocess.run(  # noqa: S603 - this interpreter on our own module
            [sys.executable, "-m", module, "--check", "--root", str(ROOT)],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert proc.returncode == 0, proc.stderr


def test_check_names_the_files_that_would_change_and_write_repairs_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(tmp_path)]) == 0
    changed = tmp_path / CRD_DIR / file_name(KINDS[0])
    changed.write_text(changed.read_text() + "# edited\n")
    missing = tmp_path / CRD_DIR / file_name(KINDS[1])
    missing.unlink()
    stale = tmp_path / CRD_DIR / "gateway.nginx.org_externalloadbalancers.yaml"
    stale.write_text("kind: CustomResourceDefinition\n")
    capsys.readouterr()

    assert main(["--check", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{CRD_DIR / file_name(KINDS[0])}: differs" in err
    assert f"{CRD_DIR / file_name(KINDS[1])}: missing" in err
    assert "gateway.nginx.org_externalloadbalancers.yaml: stale" in err

    assert main(["--root", str(tmp_path)]) == 0
    assert not stale.exists()
    assert main(["--check", "--root", str(tmp_path)]) == 0


def _crd(info: NgfKind) -> dict[str, Any]:
    text = (ROOT / CRD_DIR / file_name(info)).read_text()
    assert "NGINX Gateway Fabric's Go module is not served by the Go module proxy" in text
    assert "NGF 2.6.7" in text
    doc = yaml.safe_load(text)
    assert isinstance(doc, dict)
    return doc


def test_the_registry_is_the_served_table() -> None:
    assert [info.kind for info in KINDS] == list(SERVED)


@pytest.mark.parametrize("info", KINDS, ids=lambda k: k.kind)
def test_crd_names_version_labels_and_subresource(info: NgfKind) -> None:
    crd = _crd(info)
    spec = crd["spec"]
    version, plural, short_names, policy = SERVED[info.kind]
    served = spec["versions"]

    assert crd["metadata"]["name"] == f"{plural}.gateway.nginx.org"
    assert crd["metadata"].get("labels") == (
        {"gateway.networking.k8s.io/policy": policy} if policy else None
    )
    assert spec["group"] == "gateway.nginx.org"
    assert spec["scope"] == "Namespaced"
    assert spec["names"]["kind"] == info.kind
    assert spec["names"]["plural"] == plural
    assert spec["names"].get("shortNames", []) == short_names
    assert spec["names"]["categories"] == ["nginx-gateway-fabric"]
    assert [(v["name"], v["served"], v["storage"]) for v in served] == [(version, True, True)]
    assert served[0]["additionalPrinterColumns"][-1]["name"] == "Age"
    has_status = info.kind != "NginxProxy"
    assert ("subresources" in served[0]) is has_status
    assert ("status" in served[0]["schema"]["openAPIV3Schema"]["properties"]) is has_status


def _nodes(node: dict[str, Any], path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    yield path, node
    for name, sub in node.get("properties", {}).items():
        yield from _nodes(sub, f"{path}.{name}")
    if "items" in node:
        yield from _nodes(node["items"], f"{path}[]")
    if isinstance(node.get("additionalProperties"), dict):
        yield from _nodes(node["additionalProperties"], f"{path}{{}}")


def _schema_nodes() -> Iterator[tuple[str, dict[str, Any]]]:
    for info in KINDS:
        root = _crd(info)["spec"]["versions"][0]["schema"]["openAPIV3Schema"]
        for part in ("spec", "status"):
            if part in root["properties"]:
                yield from _nodes(root["properties"][part], f"{info.kind}.{part}")


def test_every_node_is_structural_without_nullable() -> None:
    for path, node in _schema_nodes():
        assert not {"$ref", "$defs", "title", "const", "allOf", "oneOf", "anyOf"} & node.keys()
        assert "nullable" not in node, path
        assert "type" in node, path


def test_every_field_has_a_description() -> None:
    for path, node in _schema_nodes():
        for name, sub in node.get("properties", {}).items():
            assert sub.get("description"), f"{path}.{name}"


def test_free_form_parts_are_the_ones_the_documentation_does_not_detail() -> None:
    free = sorted(
        path for path, node in _schema_nodes() if node.get("x-kubernetes-preserve-unknown-fields")
    )

    assert free == sorted(FREE_FORM)


def test_target_refs_are_bounded_to_16_wherever_a_policy_has_them() -> None:
    found = [path for path, _ in _schema_nodes() if path.endswith(".targetRefs")]

    assert len(found) == 6
    for path, node in _schema_nodes():
        if path.endswith(".targetRefs"):
            assert (node["minItems"], node["maxItems"]) == (1, 16), path
            assert node["x-kubernetes-validations"], path
