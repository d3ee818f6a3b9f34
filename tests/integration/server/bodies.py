"""Valid Create bodies of every writable kind, from the committed samples and NGF examples."""

from __future__ import annotations

from typing import Any

from ngf_console.server.catalog import ResourceType
from ngf_console.upstream.ngf.examples import example
from tests.factories import sample

Doc = dict[str, Any]

PARENT_SAMPLES = {
    "InferenceStack": "inferencestack_vllm",
    "GatewayBundle": "gatewaybundle_production",
    "MigrationPlan": "migrationplan_kic",
    "DistributedCloudPublish": "distributedcloudpublish_httproute",
    "CertificateBundle": "certificatebundle_inline",
}
_PARENT_REF = {"name": "gateway", "sectionName": "http"}
_BACKEND = {"name": "svc", "port": 8080}
ROUTE_SPECS: dict[str, Doc] = {
    "HTTPRoute": {
        "parentRefs": [_PARENT_REF],
        "hostnames": ["app.example.com"],
        "rules": [
            {"matches": [{"path": {"type": "PathPrefix", "value": "/"}}], "backendRefs": [_BACKEND]}
        ],
    },
    "GRPCRoute": {"parentRefs": [_PARENT_REF], "rules": [{"backendRefs": [_BACKEND]}]},
    "TLSRoute": {
        "parentRefs": [_PARENT_REF],
        "hostnames": ["tls.example.com"],
        "rules": [{"backendRefs": [_BACKEND]}],
    },
    "TCPRoute": {"parentRefs": [_PARENT_REF], "rules": [{"backendRefs": [_BACKEND]}]},
    "UDPRoute": {"parentRefs": [_PARENT_REF], "rules": [{"backendRefs": [_BACKEND]}]},
    "BackendTLSPolicy": {
        "targetRefs": [{"group": "", "kind": "Service", "name": "svc"}],
        "validation": {"hostname": "svc.example.com", "wellKnownCACertificates": "System"},
    },
}


def spec_of(rtype: ResourceType) -> Doc:
    """A valid spec of `rtype`."""
    if rtype.role == "parent":
        spec: Doc = sample(PARENT_SAMPLES[rtype.kind])["spec"]
        return spec
    if rtype.kind in ROUTE_SPECS:
        return dict(ROUTE_SPECS[rtype.kind])
    ngf: Doc = example(rtype.kind)["spec"]
    return ngf


def create_body(rtype: ResourceType, namespace: str, name: str, **labels: str) -> Doc:
    """A Create body of `rtype` named `namespace/name`."""
    return {
        "apiVersion": rtype.api_version,
        "kind": rtype.kind,
        "metadata": {"name": name, "namespace": namespace, "labels": labels},
        "spec": spec_of(rtype),
    }


def update_body(stored: Doc, **spec_changes: Any) -> Doc:
    """An Update body from a stored object (as read), with top-level spec changes."""
    meta = stored["metadata"]
    return {
        "metadata": {
            "resourceVersion": meta["resourceVersion"],
            "labels": meta.get("labels", {}),
            "annotations": meta.get("annotations", {}),
        },
        "spec": {**stored["spec"], **spec_changes},
    }
