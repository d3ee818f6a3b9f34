"""The parent CRDs on the real API server: samples accepted, invalid specs refused.

Matrix: each CRD is Established with its short names and the `ngf` category; every sample →
accepted by a server-side dry run (`dryRun=All`), then created and read back, both equal to
the model's manifest form (so the server's defaults are the models' defaults), and the
stored object parses with the model; every row of the invalid table (tests/crd_cases.py,
also checked against the models in the unit tier) → 422 with a cause at the row's field
carrying the row's message fragment; a status written from the status model through the
status subresource reads back unchanged.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from lightkube import ApiError
from lightkube.resources.apiextensions_v1 import CustomResourceDefinition
from lightkube.types import PatchType

from ngf_console.api import GROUP
from ngf_console.api.v1alpha1 import KINDS, KindInfo, by_kind
from ngf_console.api.v1alpha1.common import ChildStatus, Condition
from ngf_console.api.v1alpha1.inferencestack import (
    ChildResourceStatuses,
    InferenceStackStatus,
)
from tests.conftest import KubeFactory
from tests.crd_cases import INVALID, Invalid, load_sample, sample_paths
from tests.integration.api.resources import RESOURCES, as_resource

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]

NOON = dt.datetime(2026, 2, 9, 12, tzinfo=dt.UTC)


@pytest.mark.parametrize("info", KINDS, ids=lambda k: k.kind)
async def test_crd_is_established_with_its_names(kube: KubeFactory, info: KindInfo) -> None:
    crd = await kube().get(CustomResourceDefinition, f"{info.plural}.{GROUP}")

    assert crd.status is not None
    conditions = {c.type: c.status for c in crd.status.conditions or []}
    assert conditions["Established"] == "True"
    assert conditions["NamesAccepted"] == "True"
    names = crd.status.acceptedNames
    assert names is not None
    assert names.shortNames == list(info.short_names)
    assert names.categories == ["ngf"]


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
async def test_sample_is_accepted_and_round_trips(
    kube: KubeFactory, namespace: str, path: Path
) -> None:
    doc = load_sample(path.stem)
    info = by_kind(doc["kind"])
    expected = info.model.from_k8s(doc).to_k8s()["spec"]
    client = kube(namespace=namespace)

    dry_run = await client.create(as_resource(doc, namespace), dry_run=True)
    assert dry_run["spec"] == expected

    await client.create(as_resource(doc, namespace))
    stored = await client.get(RESOURCES[info.kind], doc["metadata"]["name"])
    assert stored["spec"] == expected
    assert info.model.from_k8s(dict(stored)).to_k8s()["spec"] == expected


@pytest.mark.parametrize("case", INVALID, ids=lambda c: c.id)
async def test_api_server_rejects_with_a_message_naming_the_field(
    kube: KubeFactory, namespace: str, case: Invalid
) -> None:
    client = kube(namespace=namespace)

    with pytest.raises(ApiError) as info:
        await client.create(as_resource(case.document(), namespace), dry_run=True)

    status = info.value.status
    assert status.code == 422, status.message
    assert status.details is not None
    causes = [(c.field, c.message or "") for c in status.details.causes or []]
    assert any(field == case.field and case.fragment in message for field, message in causes), (
        f"no cause at {case.field} with {case.fragment!r}: {causes}"
    )
    assert case.field in (status.message or "")


async def test_status_from_the_model_round_trips_through_the_subresource(
    kube: KubeFactory, namespace: str
) -> None:
    client = kube(namespace=namespace)
    doc = load_sample("inferencestack_triton")
    await client.create(as_resource(doc, namespace))
    status = InferenceStackStatus(
        phase="Ready",
        current_replicas=3,
        desired_replicas=4,
        observed_generation=1,
        observed_spec_hash="sha256:abc",
        last_reconciled_at=NOON,
        children=ChildResourceStatuses(
            inference_pool=ChildStatus(name="llama3-production-pool", ready=True),
            epp=ChildStatus(name="llama3-production-epp", ready=False, message="0/1 available"),
        ),
        conditions=[
            Condition(
                type="Ready",
                status="True",
                reason="AllChildrenReady",
                message="",
                last_transition_time=NOON,
                observed_generation=1,
            )
        ],
    ).to_k8s()
    resource = RESOURCES["InferenceStack"]

    await client.patch(
        resource.Status, doc["metadata"]["name"], {"status": status}, patch_type=PatchType.MERGE
    )

    stored = await client.get(resource, doc["metadata"]["name"])
    assert stored["status"] == status
    assert InferenceStackStatus.from_k8s(stored["status"]).to_k8s() == status
