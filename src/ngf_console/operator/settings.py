"""Operator-wide settings that shape the children it builds (images, endpoints)."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_EPP_IMAGE = "registry.k8s.io/gateway-api-inference-extension/epp:v1.5.0"
DEFAULT_DCGM_IMAGE = "nvcr.io/nvidia/k8s/dcgm-exporter:4.4.1-4.6.0-ubuntu22.04"


@dataclass(frozen=True)
class OperatorSettings:
    """Inputs to the child builders that do not come from a parent's spec."""

    epp_image: str = DEFAULT_EPP_IMAGE
    dcgm_image: str = DEFAULT_DCGM_IMAGE
    prometheus_url: str = "http://prometheus.monitoring.svc:9090"
    system_namespace: str = "ngf-console-system"
    gateway_class: str = "nginx"
    ngf_namespace: str = "nginx-gateway"
    """Where NGF's control plane runs (edition detection reads its Deployment there)."""
    waf_bundle_url: str = "http://waf-bundles.ngf-console-system.svc/bundles"
    """Base URL serving compiled F5 WAF bundles as `<policy>.tgz` (WAFPolicy type HTTP)."""
