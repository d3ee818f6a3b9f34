"""NGF's generated CRDs on the real API server behave like NGF's: served, accepting, refusing.

Matrix: every kind is Established with NGF's names and served in discovery under
gateway.nginx.org at its version; every example → accepted by a server-side dry run and then
created, both equal to the model's manifest form (so the CRD's defaults are the models'), and
the stored object parses with the model; every row of the invalid table (bad Duration, bad
Size, unknown enum values, reject code outside 400-599, tracing ratio above 100, more than 16
or mixed targetRefs, cross-field rules; shared with the unit tier) → 422 with a cause at the
row's field carrying its message; fields NGF 2.6.7 does not have → refused under
fieldValidation=Strict (400, "strict decoding error: unknown field ...", which the API server
answers before schema validation, for any CRD) and pruned without it; a PolicyStatus and a
filter status written through the status subresource read back unchanged and parse with the
models.
"""

from __future__ import annotations

import asyncio
import copy
from pathlib import Path
from typing import Any

import pytest
from lightkube import ApiError, AsyncClient
from lightkube.generic_resource import GenericNamespacedResource, create_namespaced_resource
from lightkube.resources.apiextensions_v1 import CustomResourceDefinition
from lightkube.types import PatchType

from ngf_console.devcluster import crds
from ngf_console.upstream.ngf import GROUP, KINDS, NgfKind, by_kind
from ngf_console.upstream.ngf.examples import all_examples, example
from ngf_console.upstream.ngf.gatewayapi import FilterStatus, PolicyStatus
from tests.conftest import KubeFactory
from tests.unit.upstream.ngf.cases import INVALID, UNKNOWN_FIELDS, Invalid, Unknown

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]

RESOURCES: dict[str, type[GenericNamespacedResource]] = {
    info.kind: create_namespaced_resource(GROUP, info.version, info.kind, info.plural)
    for info in KINDS
}

CONDITION = {
    "type": "Accepted",
    "status": "True",
    "reason": "Accepted",
    "message": "The Policy is accepted",
    "lastTransitionTime": "2026-07-15T12:00:00Z",
    "observedGeneration": 1,
}


def _resource(doc: dict[str, Any], namespace: str) -> GenericNamespacedResource:
    out = copy.deepcopy(doc)
    out["metadata"]["namespace"] = namespace
    return RESOURCES[doc["kind"]](**out)


@pytest.mark.parametrize("info", KINDS, ids=lambda k: k.kind)
async def test_crd_is_established_with_ngf_s_names(kube: KubeFactory, info: NgfKind) -> None:
    crd = await kube().get(CustomResourceDefinition, f"{info.plural}.{GROUP}")

    assert crd.status is not None
    conditions = {c.type: c.status for c in crd.status.conditions or []}
    assert conditions["Established"] == "True"
    assert conditions["NamesAccepted"] == "True"
    names = crd.status.acceptedNames
    assert names is not None
    assert (names.shortNames or []) == list(info.short_names)
    assert names.categories == ["nginx-gateway-fabric"]


async def test_discovery_serves_every_kind_at_its_version(kubeconfig: Path) -> None:
    proc = await asyncio.create_subprocess_exec(
        crds.kubectl(),
        f"--kubeconfig={kubeconfig}",
        "api-resources",
        f"--api-group={GROUP}",
        "--no-headers",
        stdout=asyncio.subprocess.PIPE,
    )
    stdout, _ = await proc.communicate()
    assert proc.returncode == 0
    served = {}
    for line in stdout.decode().splitlines():
        fields = line.split()
        served[fields[0]] = (fields[-3], fields[-1])  # APIVERSION, KIND

    assert served == {info.plural: (info.api_version, info.kind) for info in KINDS}


@pytest.mark.parametrize("doc", all_examples(), ids=lambda d: d["metadata"]["name"])
async def test_example_is_accepted_and_round_trips(
    kube: KubeFactory, namespace: str, doc: dict[str, Any]
) -> None:
    info = by_kind(doc["kind"])
    expected = info.model.from_k8s(doc).to_k8s()["spec"]
    client = kube(namespace=namespace)

    dry_run = await client.create(_resource(doc, namespace), dry_run=True)
    assert dry_run["spec"] == expected

    await client.create(_resource(doc, namespace))
    stored = await client.get(RESOURCES[info.kind], doc["metadata"]["name"])
    assert stored["spec"] == expected
    assert info.model.from_k8s(dict(stored)).to_k8s()["spec"] == expected


@pytest.mark.parametrize("case", INVALID, ids=lambda c: c.id)
async def test_api_server_rejects_with_422_naming_the_field(
    kube: KubeFactory, namespace: str, case: Invalid
) -> None:
    client = kube(namespace=namespace)

    with pytest.raises(ApiError) as info:
        await client.create(_resource(case.document(), namespace), dry_run=True)

    status = info.value.status
    assert status.code == 422, status.message
    assert status.details is not None
    causes = [(c.field, c.message or "") for c in status.details.causes or []]
    assert any(field == case.field and case.fragment in message for field, message in causes), (
        f"no cause at {case.field} with {case.fragment!r}: {causes}"
    )


async def _strict_dry_run(client: AsyncClient, obj: GenericNamespacedResource) -> Any:
    # lightkube's create() has no fieldValidation parameter; its request layer passes params
    # through unchanged, which is what `kubectl create --validate=strict` sends.
    return await client._client.request(
        "post", obj=obj, params={"fieldValidation": "Strict", "dryRun": "All"}
    )


@pytest.mark.parametrize("case", UNKNOWN_FIELDS, ids=lambda c: c.id)
async def test_fields_ngf_2_6_7_does_not_have_are_refused_under_strict_validation(
    kube: KubeFactory, namespace: str, case: Unknown
) -> None:
    client = kube(namespace=namespace)
    doc = case.document()

    with pytest.raises(ApiError) as info:
        await _strict_dry_run(client, _resource(doc, namespace))
    status = info.value.status
    # Strict decoding fails before schema validation: 400 BadRequest, for any CRD (NGF's too).
    assert status.code == 400, (status.code, status.message)
    assert f'strict decoding error: unknown field "{case.path}"' in (status.message or "")

    pruned = await client.create(_resource(doc, namespace), dry_run=True)
    assert pruned["spec"] == by_kind(case.kind).model.from_k8s(example(case.kind)).to_k8s()["spec"]


async def test_policy_status_round_trips_through_the_subresource(
    kube: KubeFactory, namespace: str
) -> None:
    client = kube(namespace=namespace)
    doc = example("RateLimitPolicy")
    await client.create(_resource(doc, namespace))
    status = PolicyStatus.from_k8s(
        {
            "ancestors": [
                {
                    "ancestorRef": {"name": "gateway", "namespace": namespace},
                    "controllerName": "gateway.nginx.org/nginx-gateway-controller",
                    "conditions": [CONDITION],
                }
            ]
        }
    ).to_k8s()
    resource = RESOURCES["RateLimitPolicy"]

    await client.patch(
        resource.Status, doc["metadata"]["name"], {"status": status}, patch_type=PatchType.MERGE
    )

    stored = await client.get(resource, doc["metadata"]["name"])
    assert stored["status"] == status
    assert stored["status"]["ancestors"][0]["ancestorRef"]["group"] == "gateway.networking.k8s.io"
    assert PolicyStatus.from_k8s(stored["status"]).to_k8s() == status


async def test_filter_status_round_trips_and_empty_conditions_are_refused(
    kube: KubeFactory, namespace: str
) -> None:
    client = kube(namespace=namespace)
    doc = example("SnippetsFilter")
    await client.create(_resource(doc, namespace))
    resource = RESOURCES["SnippetsFilter"]
    status = FilterStatus.from_k8s(
        {
            "controllers": [
                {
                    "controllerName": "gateway.nginx.org/nginx-gateway-controller",
                    "conditions": [{**CONDITION, "message": "SnippetsFilter is accepted"}],
                }
            ]
        }
    ).to_k8s()

    await client.patch(
        resource.Status, doc["metadata"]["name"], {"status": status}, patch_type=PatchType.MERGE
    )
    stored = await client.get(resource, doc["metadata"]["name"])
    assert stored["status"] == status
    assert FilterStatus.from_k8s(stored["status"]).to_k8s() == status

    empty = {"controllers": [{**status["controllers"][0], "conditions": []}]}
    with pytest.raises(ApiError) as info:
        await client.patch(
            resource.Status, doc["metadata"]["name"], {"status": empty}, patch_type=PatchType.MERGE
        )
    assert info.value.status.code == 422
