"""Every child the builders produce is accepted by the real API server (server-side dry run).

Matrix: the Triton sample (gatewayRef, KEDA, XC) and the vLLM sample (selector,
createListener, HPA) — each child applied with server-side apply and dryRun=All, so
schemas, CEL rules and admission of the real CRDs (Gateway API, InferencePool, KEDA,
NGF, ours) judge them.
"""

from __future__ import annotations

from typing import Any, cast

import pytest
from lightkube import ApiError

from ngf_console.kube.resources import to_object
from ngf_console.operator.children.inferencestack import StackFacts, desired_children
from ngf_console.operator.settings import OperatorSettings
from tests.conftest import KubeFactory
from tests.factories import make_inference_stack

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]


@pytest.mark.parametrize(
    ("sample", "target"),
    [("inferencestack_triton", "llama3-production-model"), ("inferencestack_vllm", "qwen3-vllm")],
)
async def test_every_child_passes_server_side_dry_run(
    kube: KubeFactory, namespace: str, sample: str, target: str
) -> None:
    stack = make_inference_stack(sample, lambda d: d["metadata"].update(namespace=namespace))
    desired = desired_children(stack, OperatorSettings(), StackFacts("0000-uid", 2, target))
    client = kube(namespace=namespace)
    rejected: dict[str, str] = {}
    for m in desired.manifests:
        try:
            await client.apply(
                cast(Any, to_object(m)),
                field_manager="ngf-console-operator",
                dry_run=True,
                force=True,
            )
        except ApiError as e:
            rejected[f"{m['kind']}/{m['metadata']['name']}"] = e.status.message or ""
    assert rejected == {}
