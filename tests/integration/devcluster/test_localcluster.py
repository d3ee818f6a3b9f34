"""The local control plane behaves like a real cluster.

Matrix: discovery of every third-party API the product uses; owner-reference
garbage collection (background and foreground); namespace deletion; RBAC with a
ServiceAccount token (TokenRequest, TokenReview, SubjectAccessReview, 403);
server-side CEL validation of a Gateway API CRD (422); Lease create + renew,
with a stale resourceVersion refused (409).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest
from lightkube import ApiError
from lightkube.generic_resource import create_namespaced_resource
from lightkube.models.authentication_v1 import TokenRequestSpec, TokenReviewSpec
from lightkube.models.authorization_v1 import ResourceAttributes, SubjectAccessReviewSpec
from lightkube.models.coordination_v1 import LeaseSpec
from lightkube.models.meta_v1 import ObjectMeta, OwnerReference
from lightkube.models.rbac_v1 import PolicyRule, RoleRef, Subject
from lightkube.resources.authentication_v1 import TokenReview
from lightkube.resources.authorization_v1 import SubjectAccessReview
from lightkube.resources.coordination_v1 import Lease
from lightkube.resources.core_v1 import ConfigMap, Namespace, ServiceAccount
from lightkube.resources.rbac_authorization_v1 import Role, RoleBinding
from lightkube.types import CascadeType

from ngf_console.devcluster import crds
from tests.conftest import KubeFactory
from tests.waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]

HTTPRoute = create_namespaced_resource("gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes")


@pytest.mark.parametrize(
    ("group", "resources"),
    [
        (
            "gateway.networking.k8s.io",
            {"gateways", "httproutes", "grpcroutes", "referencegrants", "backendtlspolicies"},
        ),
        ("inference.networking.k8s.io", {"inferencepools"}),
        ("keda.sh", {"scaledobjects", "triggerauthentications"}),
        ("cert-manager.io", {"certificates", "issuers", "clusterissuers"}),
        (
            "gateway.nginx.org",
            {
                "nginxproxies",
                "nginxgateways",
                "clientsettingspolicies",
                "observabilitypolicies",
                "upstreamsettingspolicies",
                "snippetsfilters",
                "snippetspolicies",
                "proxysettingspolicies",
                "ratelimitpolicies",
                "authenticationfilters",
                "wafpolicies",
            },
        ),
    ],
)
async def test_discovery_lists_third_party_apis(
    kubeconfig: Path, group: str, resources: set[str]
) -> None:
    proc = await asyncio.create_subprocess_exec(
        crds.kubectl(),
        f"--kubeconfig={kubeconfig}",
        "api-resources",
        f"--api-group={group}",
        "-o",
        "name",
        stdout=asyncio.subprocess.PIPE,
    )
    stdout, _ = await proc.communicate()
    assert proc.returncode == 0
    out = stdout.decode()
    served = {line.split(".", 1)[0] for line in out.split()}
    assert resources <= served, f"{group} serves {sorted(served)}"


def _owned_by(owner: ConfigMap, name: str) -> ConfigMap:
    assert owner.metadata is not None
    assert owner.metadata.name is not None
    assert owner.metadata.uid is not None
    return ConfigMap(
        metadata=ObjectMeta(
            name=name,
            ownerReferences=[
                OwnerReference(
                    apiVersion="v1",
                    kind="ConfigMap",
                    name=owner.metadata.name,
                    uid=owner.metadata.uid,
                    controller=True,
                    blockOwnerDeletion=True,
                )
            ],
        ),
        data={"k": "v"},
    )


@pytest.mark.parametrize("cascade", [CascadeType.BACKGROUND, CascadeType.FOREGROUND])
async def test_garbage_collector_deletes_dependents(
    kube: KubeFactory, namespace: str, cascade: CascadeType
) -> None:
    client = kube(namespace=namespace)
    owner = await client.create(ConfigMap(metadata=ObjectMeta(name="owner"), data={}))
    await client.create(_owned_by(owner, "dependent"))

    await client.delete(ConfigMap, "owner", cascade=cascade)

    async def both_gone() -> bool:
        names = {cm.metadata.name async for cm in client.list(ConfigMap) if cm.metadata}
        return not names & {"owner", "dependent"}

    await eventually(both_gone, what=f"{cascade.value} deletion of owner and dependent")


async def test_namespace_deletion_completes(kube: KubeFactory) -> None:
    client = kube()
    await client.create(Namespace(metadata=ObjectMeta(name="doomed-ns")))
    await client.create(
        ConfigMap(metadata=ObjectMeta(name="content", namespace="doomed-ns"), data={"a": "b"})
    )
    await client.delete(Namespace, "doomed-ns")

    async def gone() -> bool:
        try:
            await client.get(Namespace, "doomed-ns")
        except ApiError as e:
            return e.status.code == 404
        return False

    await eventually(gone, within=60, what="namespace doomed-ns removal")


async def _reader_token(client: object, namespace: str) -> str:
    from lightkube import AsyncClient  # noqa: PLC0415 - typed narrowing for the helper

    assert isinstance(client, AsyncClient)
    await client.create(ServiceAccount(metadata=ObjectMeta(name="reader")))
    await client.create(
        Role(
            metadata=ObjectMeta(name="configmap-reader"),
            rules=[PolicyRule(apiGroups=[""], resources=["configmaps"], verbs=["get", "list"])],
        )
    )
    await client.create(
        RoleBinding(
            metadata=ObjectMeta(name="reader-binding"),
            roleRef=RoleRef(
                apiGroup="rbac.authorization.k8s.io", kind="Role", name="configmap-reader"
            ),
            subjects=[Subject(kind="ServiceAccount", name="reader", namespace=namespace)],
        )
    )
    request = ServiceAccount.Token(
        metadata=ObjectMeta(), spec=TokenRequestSpec(audiences=[], expirationSeconds=600)
    )
    issued = await client.create(request, name="reader")
    assert issued.status is not None
    assert issued.status.token
    return issued.status.token


async def test_rbac_denies_writes_to_a_read_only_serviceaccount(
    kube: KubeFactory, namespace: str
) -> None:
    admin = kube(namespace=namespace)
    token = await _reader_token(admin, namespace)
    reader = kube(token=token, namespace=namespace)

    await admin.create(ConfigMap(metadata=ObjectMeta(name="visible"), data={}))
    assert "visible" in {cm.metadata.name async for cm in reader.list(ConfigMap) if cm.metadata}
    with pytest.raises(ApiError) as denied:
        await reader.create(ConfigMap(metadata=ObjectMeta(name="nope"), data={}))
    assert denied.value.status.code == 403

    review = await admin.create(TokenReview(spec=TokenReviewSpec(token=token)))
    assert review.status is not None
    assert review.status.authenticated
    assert review.status.user is not None
    assert review.status.user.username == f"system:serviceaccount:{namespace}:reader"


@pytest.mark.parametrize(("verb", "allowed"), [("list", True), ("create", False)])
async def test_subject_access_review_answers(
    kube: KubeFactory, namespace: str, verb: str, allowed: bool
) -> None:
    admin = kube(namespace=namespace)
    await _reader_token(admin, namespace)
    review = await admin.create(
        SubjectAccessReview(
            spec=SubjectAccessReviewSpec(
                user=f"system:serviceaccount:{namespace}:reader",
                resourceAttributes=ResourceAttributes(
                    namespace=namespace, verb=verb, resource="configmaps"
                ),
            )
        )
    )
    assert review.status is not None
    assert review.status.allowed is allowed


async def test_httproute_breaking_a_cel_rule_is_rejected(kube: KubeFactory, namespace: str) -> None:
    client = kube(namespace=namespace)
    route = HTTPRoute.from_dict(
        {
            "apiVersion": "gateway.networking.k8s.io/v1",
            "kind": "HTTPRoute",
            "metadata": {"name": "bad-path"},
            "spec": {"rules": [{"matches": [{"path": {"type": "PathPrefix", "value": "api"}}]}]},
        }
    )
    with pytest.raises(ApiError) as rejected:
        await client.create(route)
    assert rejected.value.status.code == 422
    assert "path" in (rejected.value.status.message or "")


async def test_lease_create_and_renew(kube: KubeFactory, namespace: str) -> None:
    client = kube(namespace=namespace)
    now = dt.datetime.now(dt.UTC)
    lease = await client.create(
        Lease(
            metadata=ObjectMeta(name="leader"),
            spec=LeaseSpec(holderIdentity="a", leaseDurationSeconds=15, renewTime=now),
        )
    )
    assert lease.spec is not None
    assert lease.metadata is not None
    stale_version = lease.metadata.resourceVersion
    lease.spec.renewTime = now + dt.timedelta(seconds=5)
    renewed = await client.replace(lease)
    assert renewed.spec is not None
    assert renewed.spec.renewTime == now + dt.timedelta(seconds=5)

    lease.metadata.resourceVersion = stale_version
    lease.spec.holderIdentity = "b"
    with pytest.raises(ApiError) as conflict:
        await client.replace(lease)
    assert conflict.value.status.code == 409
