"""Every sample in config/samples is a valid object of its kind.

Matrix: each sample file → parsed by its kind's model, and the manifest form (`to_k8s`) parses
back to an equal model; each kind has a sample and the spec's examples are all there; omitted
fields take the spec's defaults; the spec's DistributedCloudPublish status example (completed
with the metav1.Condition fields) fits the status model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from ngf_console.api.v1alpha1 import KINDS, DistributedCloudPublish, InferenceStack, by_kind
from ngf_console.api.v1alpha1.distributedcloudpublish import DistributedCloudPublishStatus
from tests.crd_cases import load_sample, sample_paths


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_sample_validates_and_round_trips(path: Path) -> None:
    doc = yaml.safe_load(path.read_text())
    model = by_kind(doc["kind"]).model

    parsed = model.from_k8s(doc)

    assert model.from_k8s(parsed.to_k8s()) == parsed
    assert_written_is_kept(doc["spec"], parsed.to_k8s()["spec"], "spec")


def assert_written_is_kept(written: Any, manifest: Any, path: str) -> None:
    """Everything the sample writes is in the manifest form, unchanged (defaults may be added)."""
    if isinstance(written, dict):
        assert isinstance(manifest, dict), path
        for key, value in written.items():
            if value in ([], {}) and key not in manifest:
                continue
            assert key in manifest, f"{path}.{key} was dropped"
            assert_written_is_kept(value, manifest[key], f"{path}.{key}")
    elif isinstance(written, list):
        assert isinstance(manifest, list), path
        assert len(written) == len(manifest), path
        for index, (a, b) in enumerate(zip(written, manifest, strict=True)):
            assert_written_is_kept(a, b, f"{path}[{index}]")
    else:
        assert written == manifest, f"{path}: {written!r} became {manifest!r}"


def test_every_kind_has_a_sample_and_the_spec_examples_are_there() -> None:
    by_name = {
        (doc["kind"], doc["metadata"]["name"])
        for doc in (yaml.safe_load(p.read_text()) for p in sample_paths())
    }
    assert {info.kind for info in KINDS} == {kind for kind, _ in by_name}
    assert {
        ("InferenceStack", "llama3-production"),
        ("InferenceStack", "qwen3-vllm"),
        ("GatewayBundle", "production-gateway"),
        ("MigrationPlan", "kic-cafe"),
        ("DistributedCloudPublish", "my-app-xc"),
        ("DistributedCloudPublish", "llm-inference-xc"),
        ("CertificateBundle", "app-example-com"),
        ("CertificateBundle", "wildcard-example-com"),
    } <= by_name


def test_omitted_fields_take_the_spec_defaults() -> None:
    spec = InferenceStack.from_k8s(load_sample("inferencestack_vllm")).to_k8s()["spec"]

    assert spec["epp"]["metricsPath"] == "/metrics"
    assert spec["epp"]["dcgmEnabled"] is True
    assert spec["autoscaling"]["cooldownPeriod"] == "300s"
    assert spec["gateway"]["route"] == {
        "pathPrefix": "/v1",
        "timeout": "300s",
        "streamingEnabled": True,
    }


def test_xc_defaults_fill_tls_and_origin_pool() -> None:
    spec = DistributedCloudPublish.from_k8s(load_sample("distributedcloudpublish_llm")).to_k8s()[
        "spec"
    ]

    assert spec["distributedCloud"]["tls"] == {"mode": "managed"}
    assert spec["distributedCloud"]["originPool"] == {
        "autoDetect": True,
        "port": 443,
        "useTLS": True,
    }
    assert spec["distributedCloud"]["botDefense"] == {"enabled": True, "profile": "standard"}


def test_spec_status_example_fits_the_status_model() -> None:
    status = DistributedCloudPublishStatus.from_k8s(
        {
            "state": "Published",
            "xcHttpLoadBalancerName": "ves-io-http-lb-my-app-xc",
            "xcOriginPoolName": "ves-io-op-my-app-xc",
            "publicEndpoint": "https://app.example.com",
            "lastSyncTime": "2026-02-09T12:00:00Z",
            "conditions": [
                {
                    "type": "Synced",
                    "status": "True",
                    "reason": "Published",
                    "lastTransitionTime": "2026-02-09T12:00:00Z",
                    "message": "XC HTTP Load Balancer is active",
                }
            ],
        }
    )

    assert status.to_k8s()["lastSyncTime"] == "2026-02-09T12:00:00Z"
    assert status.conditions[0].type == "Synced"
