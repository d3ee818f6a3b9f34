"""The generated CRDs and reference: committed, current, deterministic and structural.

Matrix: the committed files equal a fresh in-memory generation byte for byte (the drift check
`make test` runs); two generations, and generations in processes with different hash seeds,
are identical; `--check` names missing, changed and stale files and exits 1, and a write run
repairs them; every CRD has the registry's names, `categories: [ngf]`, a status subresource,
printer columns ending with Age; every schema node is structural and bounded (types,
descriptions, maxLength/maxItems/maxProperties), and every CEL rule has a message and a
fieldPath that exists; the reference documents every field.
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

from ngf_console.api.crdgen import generated_files, main
from ngf_console.api.crdgen.cli import CRD_DIR, REFERENCE
from ngf_console.api.crdgen.crd import file_name
from ngf_console.api.v1alpha1 import KINDS, KindInfo

ROOT = Path(__file__).resolve().parents[3]


def test_committed_files_equal_a_fresh_generation_byte_for_byte() -> None:
    for rel, text in generated_files().items():
        assert (ROOT / rel).read_bytes() == text.encode("utf-8"), (
            f"{rel} is stale: run `make generate-crds` and commit the result"
        )
    assert main(["--check", "--root", str(ROOT)]) == 0


def test_two_runs_are_byte_identical() -> None:
    assert generated_files() == generated_files()


def test_crd_yaml_has_no_anchors_or_aliases() -> None:
    for rel, text in generated_files().items():
        assert "&id" not in text, rel
        assert "*id" not in text, rel


def test_other_processes_and_hash_seeds_generate_the_same_bytes() -> None:
    for seed in ("1", "4242"):
        proc = subprocess.run(  # noqa: S603 - this interpreter on our own module
            [sys.executable, "-m", "ngf_console.api.crdgen", "--check", "--root", str(ROOT)],
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
    (tmp_path / REFERENCE).unlink()
    stale = tmp_path / CRD_DIR / "ngf-console.f5.com_oldkinds.yaml"
    stale.write_text("kind: CustomResourceDefinition\n")
    capsys.readouterr()

    assert main(["--check", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{CRD_DIR / file_name(KINDS[0])}: differs" in err
    assert f"{REFERENCE}: missing" in err
    assert "ngf-console.f5.com_oldkinds.yaml: stale" in err

    assert main(["--root", str(tmp_path)]) == 0
    assert not stale.exists()
    assert main(["--check", "--root", str(tmp_path)]) == 0


def _crd(info: KindInfo) -> dict[str, Any]:
    doc = yaml.safe_load((ROOT / CRD_DIR / file_name(info)).read_text())
    assert isinstance(doc, dict)
    return doc


@pytest.mark.parametrize("info", KINDS, ids=lambda k: k.kind)
def test_crd_names_subresource_and_printer_columns(info: KindInfo) -> None:
    spec = _crd(info)["spec"]
    version = spec["versions"][0]

    assert spec["group"] == "ngf-console.f5.com"
    assert spec["scope"] == "Namespaced"
    assert spec["names"]["kind"] == info.kind
    assert spec["names"]["plural"] == info.plural
    assert spec["names"]["shortNames"] == list(info.short_names)
    assert spec["names"]["categories"] == ["ngf"]
    assert version["name"] == "v1alpha1"
    assert version["subresources"] == {"status": {}}
    assert version["additionalPrinterColumns"][-1]["name"] == "Age"


def test_inference_stack_short_name_and_spec_columns() -> None:
    names = _crd(KINDS[0])["spec"]["names"]
    columns = _crd(KINDS[0])["spec"]["versions"][0]["additionalPrinterColumns"]

    assert names["shortNames"] == ["istack"]
    assert [(c["name"], c["jsonPath"]) for c in columns] == [
        ("Model", ".spec.model.name"),
        ("Backend", ".spec.model.backend"),
        ("Replicas", ".status.currentReplicas"),
        ("Status", ".status.phase"),
        ("Age", ".metadata.creationTimestamp"),
    ]


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
            yield from _nodes(root["properties"][part], f"{info.kind}.{part}")


def test_every_node_is_structural() -> None:
    for path, node in _schema_nodes():
        assert not {"$ref", "$defs", "title", "const", "allOf", "oneOf"} & node.keys(), path
        if node.get("x-kubernetes-int-or-string"):
            assert node["anyOf"] == [{"type": "integer"}, {"type": "string"}], path
        else:
            assert "anyOf" not in node, path
            assert "type" in node, path


def test_every_field_has_a_description() -> None:
    for path, node in _schema_nodes():
        for name, sub in node.get("properties", {}).items():
            assert sub.get("description"), f"{path}.{name}"


def test_every_string_list_and_map_is_bounded() -> None:
    for path, node in _schema_nodes():
        kind = node.get("type")
        if kind == "string" and "enum" not in node and node.get("format") != "date-time":
            assert "maxLength" in node, path
        elif kind == "array":
            assert "maxItems" in node, path
        elif kind == "object" and "additionalProperties" in node:
            assert "maxProperties" in node, path


def test_every_rule_has_a_message_and_an_existing_field_path() -> None:
    for path, node in _schema_nodes():
        for rule in node.get("x-kubernetes-validations", []):
            assert rule["message"], path
            target = node
            for name in rule.get("fieldPath", "").split(".")[1:]:
                target = target["properties"][name]


def test_free_form_fields_are_only_the_spec_free_form_maps() -> None:
    free = [
        path for path, node in _schema_nodes() if "x-kubernetes-preserve-unknown-fields" in node
    ]

    assert free == ["GatewayBundle.spec.nginxProxy.additionalConfig"]


def test_reference_documents_every_field_of_every_kind() -> None:
    text = (ROOT / REFERENCE).read_text()
    for path, node in _schema_nodes():
        _kind, dotted = path.split(".", 1)
        for name in node.get("properties", {}):
            assert f"### `.{dotted}`" in text, path
            assert f"| `{name}` |" in text, f"{path}.{name}"
    for info in KINDS:
        assert f"## {info.kind}" in text
