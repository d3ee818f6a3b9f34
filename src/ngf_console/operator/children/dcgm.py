"""The DCGM exporter DaemonSet: one per cluster, shared by every stack that wants GPU metrics.

It is never owned by a stack (an ownerReference would tie it to one stack's
lifetime); the InferenceStack controller creates it when the first stack with
`epp.dcgmEnabled` needs it and deletes it when the last such stack is gone.
"""

from __future__ import annotations

from ngf_console.operator.children.meta import (
    COMPONENT_LABEL,
    MANAGED_BY,
    MANAGED_BY_VALUE,
    Manifest,
    manifest,
)
from ngf_console.operator.settings import OperatorSettings

NAME = "ngf-console-dcgm-exporter"
PORT = 9400
SHARED_LABEL = "ngf-console.f5.com/shared"


def build_dcgm_daemonset(settings: OperatorSettings) -> Manifest:
    """DaemonSet `ngf-console-dcgm-exporter` on GPU nodes, metrics on :9400."""
    labels = {
        MANAGED_BY: MANAGED_BY_VALUE,
        COMPONENT_LABEL: "dcgm-exporter",
        SHARED_LABEL: "dcgm-exporter",
    }
    selector = {"app": NAME}
    container = {
        "name": "dcgm-exporter",
        "image": settings.dcgm_image,
        "ports": [{"name": "metrics", "containerPort": PORT}],
        "env": [{"name": "DCGM_EXPORTER_KUBERNETES", "value": "true"}],
        "securityContext": {"capabilities": {"add": ["SYS_ADMIN"]}},
        "volumeMounts": [
            {
                "name": "pod-resources",
                "mountPath": "/var/lib/kubelet/pod-resources",
                "readOnly": True,
            }
        ],
    }
    pod_spec = {
        "nodeSelector": {"nvidia.com/gpu.present": "true"},
        "tolerations": [{"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}],
        "containers": [container],
        "volumes": [
            {"name": "pod-resources", "hostPath": {"path": "/var/lib/kubelet/pod-resources"}}
        ],
    }
    meta = {"name": NAME, "namespace": settings.system_namespace, "labels": labels}
    spec = {
        "selector": {"matchLabels": selector},
        "template": {
            "metadata": {
                "labels": {**labels, **selector},
                "annotations": {"prometheus.io/scrape": "true", "prometheus.io/port": str(PORT)},
            },
            "spec": pod_spec,
        },
    }
    return manifest("apps/v1", "DaemonSet", meta, spec=spec)
