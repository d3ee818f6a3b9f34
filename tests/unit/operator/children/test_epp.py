"""The EndpointPickerConfig follows the strategy and the image; a config change rolls the EPP."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from ngf_console.operator.children import epp
from ngf_console.operator.children.inferencestack import stack_owner
from ngf_console.operator.children.meta import CONFIG_HASH_ANNOTATION
from tests.factories import make_inference_stack, spec_set

GIE = "registry.k8s.io/gateway-api-inference-extension/epp:v1.5.0"
LLMD = "ghcr.io/llm-d/llm-d-inference-scheduler:v0.4.0"


def _profile(config: str) -> dict[str, int]:
    doc: dict[str, Any] = yaml.safe_load(config)
    plugins = doc["schedulingProfiles"][0]["plugins"]
    return {p["pluginRef"]: p["weight"] for p in plugins if "weight" in p}


@pytest.mark.parametrize(
    ("strategy", "expected"),
    [
        ("least_queue", {"queue-scorer": 1}),
        ("best_kv_cache", {"kv-cache-utilization-scorer": 1}),
        ("prefix_affinity", {"prefix-cache-scorer": 1}),
    ],
)
def test_single_strategies_map_to_one_scorer(strategy: str, expected: dict[str, int]) -> None:
    stack = make_inference_stack(
        "inferencestack_triton",
        spec_set("epp.strategy", strategy),
        spec_set("epp.compositeWeights", None),
    )
    assert _profile(epp.render_config(stack, GIE)) == expected


def test_composite_uses_all_three_scorers_with_the_spec_weights() -> None:
    stack = make_inference_stack()  # composite 0.4 / 0.35 / 0.25
    assert _profile(epp.render_config(stack, GIE)) == {
        "queue-scorer": 40,
        "kv-cache-utilization-scorer": 35,
        "prefix-cache-scorer": 25,
    }


def test_a_zero_weight_scorer_is_left_out() -> None:
    stack = make_inference_stack(
        "inferencestack_triton",
        spec_set("epp.compositeWeights", {"queueDepth": 0.5, "kvCache": 0.5, "prefixCache": 0.0}),
    )
    assert set(_profile(epp.render_config(stack, GIE))) == {
        "queue-scorer",
        "kv-cache-utilization-scorer",
    }


@pytest.mark.parametrize(
    ("image", "api_version"),
    [(GIE, "inference.networking.x-k8s.io/v1alpha1"), (LLMD, "llm-d.ai/v1alpha1")],
)
def test_config_api_version_follows_the_image_flavour(image: str, api_version: str) -> None:
    config = yaml.safe_load(epp.render_config(make_inference_stack(), image))
    assert config["apiVersion"] == api_version
    assert config["kind"] == "EndpointPickerConfig"


def test_triton_tells_the_metrics_extractor_its_engine() -> None:
    config = yaml.safe_load(epp.render_config(make_inference_stack(), GIE))
    extractor = next(p for p in config["plugins"] if p["type"] == "core-metrics-extractor")
    assert extractor["parameters"] == {"defaultEngine": "triton-tensorrt-llm"}


def test_a_strategy_change_changes_the_pod_template_hash() -> None:
    before = make_inference_stack()
    after = make_inference_stack(
        "inferencestack_triton",
        spec_set("epp.strategy", "least_queue"),
        spec_set("epp.compositeWeights", None),
    )
    owner = stack_owner(before, "uid-1")
    hashes = []
    for stack in (before, after):
        config = epp.render_config(stack, GIE)
        deployment = epp.build_deployment(stack, owner, GIE, config)
        annotations = deployment["spec"]["template"]["metadata"]["annotations"]
        assert annotations[CONFIG_HASH_ANNOTATION] == epp.config_hash(config)
        hashes.append(annotations[CONFIG_HASH_ANNOTATION])
    assert hashes[0] != hashes[1]


def test_service_exposes_ext_proc_health_and_metrics() -> None:
    stack = make_inference_stack()
    service = epp.build_service(stack, stack_owner(stack, "uid-1"))
    assert {p["port"] for p in service["spec"]["ports"]} == {9002, 9003, 9090}


def test_scrape_interval_reaches_the_epp_flags() -> None:
    stack = make_inference_stack("inferencestack_triton", spec_set("epp.scrapeInterval", "2s"))
    deployment = epp.build_deployment(stack, stack_owner(stack, "u"), GIE, "x")
    args = deployment["spec"]["template"]["spec"]["containers"][0]["args"]
    assert "--refresh-metrics-interval=2000ms" in args
    assert "--pool-name=llama3-production-pool" in args
