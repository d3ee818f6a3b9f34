"""The parent CRDs through kubectl: documentation, printer columns, short names, category.

Matrix: `kubectl explain inferencestack.spec.epp.strategy` prints the model's description;
`kubectl get istack` shows the spec's columns (Model, Backend, Replicas, Status, Age) filled
from spec and status; `kubectl get ngf` lists one object of every kind.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
import yaml

from ngf_console.api.v1alpha1 import KINDS
from ngf_console.api.v1alpha1.inferencestack import EPPSpec
from ngf_console.devcluster import crds
from tests.crd_cases import load_sample
from tests.integration.api.resources import in_namespace

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]


async def kubectl(kubeconfig: Path, *args: str, stdin: str | None = None) -> str:
    """Run the project's kubectl; fail the test with its stderr when it fails."""
    proc = await asyncio.create_subprocess_exec(
        crds.kubectl(),
        f"--kubeconfig={kubeconfig}",
        *args,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate(stdin.encode() if stdin is not None else None)
    assert proc.returncode == 0, f"kubectl {' '.join(args)}: {err.decode()}"
    return out.decode()


def _words(text: str) -> str:
    return " ".join(text.split())


async def test_explain_prints_the_model_description(kubeconfig: Path) -> None:
    description = EPPSpec.model_fields["strategy"].description
    assert description is not None

    out = await kubectl(kubeconfig, "explain", "inferencestack.spec.epp.strategy")

    assert "FIELD: strategy <string>" in _words(out)
    assert _words(description) in _words(out)


async def test_get_istack_shows_the_spec_printer_columns(kubeconfig: Path, namespace: str) -> None:
    doc = in_namespace(load_sample("inferencestack_triton"), namespace)
    await kubectl(kubeconfig, "apply", "-f", "-", stdin=yaml.safe_dump(doc))
    status = {"status": {"phase": "Ready", "currentReplicas": 3}}
    await kubectl(
        kubeconfig, "-n", namespace, "patch", "istack", "llama3-production",
        "--subresource=status", "--type=merge", "-p", json.dumps(status),
    )  # fmt: skip

    out = await kubectl(kubeconfig, "-n", namespace, "get", "istack")

    header, row = out.splitlines()
    assert header.split() == ["NAME", "MODEL", "BACKEND", "REPLICAS", "STATUS", "AGE"]
    assert row.split()[:5] == ["llama3-production", "llama-3-70b", "triton", "3", "Ready"]


async def test_get_ngf_lists_every_kind(kubeconfig: Path, namespace: str) -> None:
    samples = [
        "inferencestack_vllm",
        "gatewaybundle_production",
        "migrationplan_kic",
        "distributedcloudpublish_llm",
        "certificatebundle_certmanager",
    ]
    docs = [in_namespace(load_sample(name), namespace) for name in samples]
    await kubectl(kubeconfig, "apply", "-f", "-", stdin=yaml.safe_dump_all(docs))

    out = await kubectl(kubeconfig, "-n", namespace, "get", "ngf", "-o", "name")

    kinds = {line.split("/", 1)[0].split(".", 1)[0] for line in out.split()}
    assert kinds == {info.singular for info in KINDS}
