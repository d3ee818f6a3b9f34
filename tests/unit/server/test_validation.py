"""Write bodies → manifests: model checks with field paths, and write-only secrets restored."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from ngf_console.server import catalog, validation
from ngf_console.server.errors import InvalidError
from ngf_console.store import REDACTED
from tests.factories import sample

BUNDLES = catalog.parent("CertificateBundle")
STACKS = catalog.parent("InferenceStack")


def body(name: str, **meta: Any) -> dict[str, Any]:
    doc = sample(name)
    return {"metadata": {"name": "x", "namespace": "ns", **meta}, "spec": doc["spec"]}


def test_create_builds_the_manifest() -> None:
    manifest = validation.for_create(STACKS, body("inferencestack_vllm", labels={"a": "b"}))
    assert manifest["apiVersion"] == "ngf-console.f5.com/v1alpha1"
    assert manifest["kind"] == "InferenceStack"
    assert manifest["metadata"] == {"name": "x", "namespace": "ns", "labels": {"a": "b"}}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        pytest.param({"metadata": {"name": "x"}}, "metadata.namespace", id="no-namespace"),
        pytest.param({"status": {}}, "status", id="status-not-allowed"),
        pytest.param({"kind": "GatewayBundle"}, "kind", id="wrong-kind"),
    ],
)
def test_create_rejects(change: dict[str, Any], field: str) -> None:
    document = {**body("inferencestack_vllm"), **change}
    with pytest.raises(InvalidError) as invalid:
        validation.for_create(STACKS, document)
    assert field in [c.field for c in invalid.value.causes]


def _live() -> dict[str, Any]:
    doc = sample("certificatebundle_inline")
    doc["metadata"].update(namespace="ns", name="x", resourceVersion="7", uid="u")
    return doc


def test_update_restores_redacted_secrets() -> None:
    live = _live()
    sent = copy.deepcopy(live)
    sent["spec"]["source"]["inline"]["privateKey"] = REDACTED
    sent["spec"]["hostnames"] = ["app.example.com"]
    manifest = validation.for_update(BUNDLES, sent, namespace="ns", name="x", live=live)
    key = manifest["spec"]["source"]["inline"]["privateKey"]
    assert key == live["spec"]["source"]["inline"]["privateKey"]
    assert manifest["spec"]["hostnames"] == ["app.example.com"]
    assert (manifest["metadata"]["resourceVersion"], manifest["metadata"]["uid"]) == ("7", "u")


def test_update_needs_resource_version_and_matching_path() -> None:
    live = _live()
    sent = {"metadata": {}, "spec": live["spec"]}
    with pytest.raises(InvalidError) as invalid:
        validation.for_update(BUNDLES, sent, namespace="ns", name="x", live=live)
    assert "metadata.resourceVersion" in [c.field for c in invalid.value.causes]
    sent["metadata"] = {"resourceVersion": "7", "namespace": "other"}
    with pytest.raises(InvalidError, match="does not match the path"):
        validation.for_update(BUNDLES, sent, namespace="ns", name="x", live=live)
