"""Readable builders for GatewayBundle/CertificateBundle unit tests, and editions to gate on."""

from __future__ import annotations

from typing import Any

from ngf_console.api.v1alpha1.certificatebundle import CertificateBundle
from ngf_console.api.v1alpha1.gatewaybundle import GatewayBundle
from ngf_console.edition import Edition
from ngf_console.operator.children.meta import Owner
from tests.factories import Mod, sample

PLUS = Edition(
    "plus",
    "control plane ngf/ngf runs with --nginx-plus",
    waf_crd=True,
    snippets=True,
    control_plane="ngf/ngf",
    version="2.6.7",
)
OSS = Edition(
    "oss",
    "control plane ngf/ngf runs without --nginx-plus",
    waf_crd=True,
    snippets=True,
    control_plane="ngf/ngf",
    version="2.6.7",
)
UNKNOWN = Edition("unknown", "no NGF control-plane Deployment in namespace nginx-gateway")
OWNER = Owner("GatewayBundle", "gw", "ns", "uid-1", "ngf-console.f5.com/gatewaybundle")


def gateway_bundle(base: str = "gatewaybundle_production", *mods: Mod) -> GatewayBundle:
    """A sample GatewayBundle named `gw` in `ns`, each modifier applied, validated."""
    doc = sample(base)
    doc["metadata"] = {"name": "gw", "namespace": "ns"}
    for mod in mods:
        mod(doc)
    return GatewayBundle.from_k8s(doc)


def certificate_bundle(base: str = "certificatebundle_inline", *mods: Mod) -> CertificateBundle:
    """A sample CertificateBundle named `cb` in `ns`, each modifier applied, validated."""
    doc = sample(base)
    doc["metadata"] = {"name": "cb", "namespace": "ns"}
    for mod in mods:
        mod(doc)
    return CertificateBundle.from_k8s(doc)


def listener(name: str, port: int, protocol: str, **extra: Any) -> Mod:
    """A modifier appending a listener."""

    def apply(doc: dict[str, Any]) -> None:
        doc["spec"]["listeners"].append({"name": name, "port": port, "protocol": protocol, **extra})

    return apply
