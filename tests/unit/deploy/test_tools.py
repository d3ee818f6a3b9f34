"""Tool pins and kubeconform schema generation (pure parts of ngf_console.devcluster.tools).

Matrix: versions read from hack/tools/go.mod (and a missing module is an error); the build
stamp changes with go.mod, the Go version and the package; CRD schemas are written in
kubeconform's layout, closed against unknown fields (except preserve-unknown-fields), with
`nullable` as a type list.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ngf_console.devcluster import tools

GO_MOD = """module x

go 1.26.0

tool helm.sh/helm/v3/cmd/helm

require (
\tgithub.com/yannh/kubeconform v0.8.0 // indirect
\thelm.sh/helm/v3 v3.22.0 // indirect
\tk8s.io/client-go v0.37.0 // indirect
)
"""


def test_pinned_versions_come_from_go_mod(tmp_path: Path) -> None:
    go_mod = tmp_path / "go.mod"
    go_mod.write_text(GO_MOD)
    assert tools.pinned_version(tools.TOOLS["helm"], go_mod) == "v3.22.0"
    assert tools.pinned_version(tools.TOOLS["kubeconform"], go_mod) == "v0.8.0"
    go_mod.write_text("module x\n")
    with pytest.raises(tools.ToolError, match=r"helm\.sh/helm/v3 is not required"):
        tools.pinned_version(tools.TOOLS["helm"], go_mod)


def test_the_repository_pins_both_tools() -> None:
    assert tools.pinned_version(tools.TOOLS["helm"]).startswith("v3.")
    assert tools.pinned_version(tools.TOOLS["kubeconform"]).startswith("v0.")


def test_helm_is_linked_with_its_version_and_kubernetes_version(tmp_path: Path) -> None:
    go_mod = tmp_path / "go.mod"
    go_mod.write_text(GO_MOD)
    flags = tools.ldflags(tools.TOOLS["helm"], go_mod)
    assert "-X helm.sh/helm/v3/internal/version.version=v3.22.0" in flags
    assert "-X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=37" in flags
    assert tools.ldflags(tools.TOOLS["kubeconform"], go_mod) == "-s -w"
    go_mod.write_text(GO_MOD.replace("k8s.io/client-go", "k8s.io/other"))
    with pytest.raises(tools.ToolError, match="client-go"):
        tools.ldflags(tools.TOOLS["helm"], go_mod)


def test_stamp_changes_with_every_input(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text(GO_MOD)
    helm, kubeconform = tools.TOOLS["helm"], tools.TOOLS["kubeconform"]
    first = tools.stamp_of(tmp_path, "go1.26.8", helm)
    assert first == tools.stamp_of(tmp_path, "go1.26.8", helm)
    assert first != tools.stamp_of(tmp_path, "go1.26.9", helm)
    assert first != tools.stamp_of(tmp_path, "go1.26.8", kubeconform)
    (tmp_path / "go.mod").write_text(GO_MOD.replace("v3.22.0", "v3.21.4"))
    assert first != tools.stamp_of(tmp_path, "go1.26.8", helm)


CRD = """apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1beta1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: {type: integer, nullable: true}
                extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
"""


def test_crd_schemas_in_kubeconform_layout(tmp_path: Path) -> None:
    crd = tmp_path / "crd.yaml"
    crd.write_text(CRD)
    written = tools.crd_schemas([crd], tmp_path / "schemas")
    assert written == [tmp_path / "schemas" / "example.com" / "widget_v1beta1.json"]
    schema = json.loads(written[0].read_text())
    spec = schema["properties"]["spec"]
    assert schema["additionalProperties"] is False
    assert spec["additionalProperties"] is False
    assert spec["properties"]["size"]["type"] == ["integer", "null"]
    assert "additionalProperties" not in spec["properties"]["extra"]
