"""NginxProxy `kubernetes`: the NGINX Deployment or DaemonSet and Service NGF provisions.

NGF's documentation enumerates the fields of `deployment`/`daemonSet` and `service`; those are
typed and unknown fields there are rejected. It names `container` with "..." and does not
detail `pod`, `autoscaling`, `podDisruptionBudget`, `wafContainers`, `resources` or
`patches`: the container's named fields are typed and the rest kept as written, and the
others are free-form objects (`x-kubernetes-preserve-unknown-fields`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ngf_console.api.v1alpha1.base import K8sModel, cel_rule
from ngf_console.upstream.ngf.types import FreeForm, PreservingModel


class ContainerSpec(PreservingModel):
    """The NGINX container (documented: image, resources, readinessProbe, hostPorts, ...)."""

    image: FreeForm | None = Field(
        default=None, description="NGINX image: repository, tag and pullPolicy."
    )
    resources: FreeForm | None = Field(
        default=None, description="Compute resources (corev1.ResourceRequirements)."
    )
    readiness_probe: FreeForm | None = Field(
        default=None, description="Readiness probe of NGINX: port, path, initialDelaySeconds."
    )
    host_ports: list[FreeForm] = Field(
        default_factory=list,
        description="Ports exposed on the host: port and containerPort.",
    )


class DeploymentSpec(K8sModel):
    """The NGINX Deployment (the default)."""

    replicas: int | None = Field(default=None, description="Number of NGINX pods.")
    autoscaling: FreeForm | None = Field(
        default=None, description="Horizontal Pod Autoscaling of NGINX (free-form)."
    )
    pod_disruption_budget: FreeForm | None = Field(
        default=None, description="PodDisruptionBudget of the NGINX pods (free-form)."
    )
    pod: FreeForm | None = Field(
        default=None,
        description="Pod fields, e.g. affinity, nodeSelector, tolerations (free-form).",
    )
    container: ContainerSpec | None = Field(default=None, description="The NGINX container.")
    waf_containers: FreeForm | None = Field(
        default=None, description="The WAF sidecar containers, when WAF is enabled (free-form)."
    )
    patches: list[FreeForm] = Field(
        default_factory=list, description="Patches applied to the Deployment (free-form)."
    )


class DaemonSetSpec(K8sModel):
    """The NGINX DaemonSet, instead of a Deployment."""

    pod_disruption_budget: FreeForm | None = Field(
        default=None, description="PodDisruptionBudget of the NGINX pods (free-form)."
    )
    pod: FreeForm | None = Field(
        default=None,
        description="Pod fields, e.g. affinity, nodeSelector, tolerations (free-form).",
    )
    container: ContainerSpec | None = Field(default=None, description="The NGINX container.")
    waf_containers: FreeForm | None = Field(
        default=None, description="The WAF sidecar containers, when WAF is enabled (free-form)."
    )
    patches: list[FreeForm] = Field(
        default_factory=list, description="Patches applied to the DaemonSet (free-form)."
    )


class ServiceSpec(K8sModel):
    """The Service in front of NGINX."""

    type: Literal["ClusterIP", "LoadBalancer", "NodePort"] = Field(
        default="LoadBalancer", description="Service type: ClusterIP, LoadBalancer or NodePort."
    )
    external_traffic_policy: Literal["Cluster", "Local"] = Field(
        default="Local", description="How nodes route external traffic: Cluster or Local."
    )
    load_balancer_ip: str | None = Field(
        default=None, alias="loadBalancerIP", description="Static IP of the load balancer."
    )
    load_balancer_class: str | None = Field(
        default=None, description="Load balancer implementation class."
    )
    load_balancer_source_ranges: list[str] = Field(
        default_factory=list, description="CIDRs allowed to reach the load balancer."
    )
    node_ports: list[FreeForm] = Field(
        default_factory=list,
        description="NodePorts per Gateway listener: port and listenerPort.",
    )
    patches: list[FreeForm] = Field(
        default_factory=list, description="Patches applied to the Service (free-form)."
    )


class KubernetesSpec(K8sModel):
    """The Kubernetes objects NGF provisions for NGINX: a Deployment or a DaemonSet, and a
    Service."""

    deployment: DeploymentSpec | None = Field(
        default=None, description="The NGINX Deployment (the default)."
    )
    daemon_set: DaemonSetSpec | None = Field(
        default=None, description="The NGINX DaemonSet, instead of a Deployment."
    )
    service: ServiceSpec | None = Field(default=None, description="The NGINX Service.")

    @cel_rule(
        "!(has(self.deployment) && has(self.daemonSet))",
        "only one of deployment or daemonSet can be set",
    )
    def _deployment_or_daemon_set(self) -> bool:
        return self.deployment is None or self.daemon_set is None


__all__ = ["ContainerSpec", "DaemonSetSpec", "DeploymentSpec", "KubernetesSpec"]
