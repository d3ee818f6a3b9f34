"""The five parent kinds with their REST names, short names and printer columns.

The CRD generator, the docs generator, the API server's routes and the tests all iterate this
registry, so adding a kind here is enough for it to be generated, documented and tested.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ngf_console.api.v1alpha1.base import K8sModel
from ngf_console.api.v1alpha1.certificatebundle import CertificateBundle
from ngf_console.api.v1alpha1.distributedcloudpublish import DistributedCloudPublish
from ngf_console.api.v1alpha1.gatewaybundle import GatewayBundle
from ngf_console.api.v1alpha1.inferencestack import InferenceStack
from ngf_console.api.v1alpha1.migrationplan import MigrationPlan

CATEGORIES = ("ngf",)


@dataclass(frozen=True)
class PrinterColumn:
    """One `additionalPrinterColumns` entry (a column of `kubectl get`)."""

    name: str
    type: Literal["string", "integer", "number", "boolean", "date"]
    json_path: str
    description: str
    priority: int = 0

    def to_crd(self) -> dict[str, object]:
        """The entry as the CRD spells it."""
        out: dict[str, object] = {
            "description": self.description,
            "jsonPath": self.json_path,
            "name": self.name,
            "type": self.type,
        }
        if self.priority:
            out["priority"] = self.priority
        return out


AGE = PrinterColumn("Age", "date", ".metadata.creationTimestamp", "Time since creation.")
STATUS = PrinterColumn("Status", "string", ".status.phase", "High-level phase.")


@dataclass(frozen=True)
class KindInfo:
    """A parent kind and the names it is served under."""

    model: type[K8sModel]
    plural: str
    short_names: tuple[str, ...]
    printer_columns: tuple[PrinterColumn, ...]

    @property
    def kind(self) -> str:
        """The kind, e.g. InferenceStack."""
        return self.model.__name__

    @property
    def singular(self) -> str:
        """The singular resource name, e.g. inferencestack."""
        return self.kind.lower()


KINDS: tuple[KindInfo, ...] = (
    KindInfo(
        InferenceStack,
        "inferencestacks",
        ("istack",),
        (
            PrinterColumn("Model", "string", ".spec.model.name", "Model served."),
            PrinterColumn("Backend", "string", ".spec.model.backend", "Serving backend."),
            PrinterColumn("Replicas", "integer", ".status.currentReplicas", "Replicas running."),
            STATUS,
            AGE,
        ),
    ),
    KindInfo(
        GatewayBundle,
        "gatewaybundles",
        ("gwb",),
        (
            PrinterColumn("Class", "string", ".spec.gatewayClassName", "GatewayClass."),
            PrinterColumn("Listeners", "integer", ".status.listenerCount", "Listeners."),
            STATUS,
            AGE,
        ),
    ),
    KindInfo(
        MigrationPlan,
        "migrationplans",
        ("mplan",),
        (
            PrinterColumn("Phase", "string", ".status.phase", "Migration phase."),
            PrinterColumn("Resources", "integer", ".status.totalResources", "Generated."),
            PrinterColumn("Applied", "integer", ".status.appliedResources", "Applied."),
            AGE,
        ),
    ),
    KindInfo(
        DistributedCloudPublish,
        "distributedcloudpublishes",
        ("dcp",),
        (
            PrinterColumn(
                "Hostname",
                "string",
                ".spec.distributedCloud.publicHostname",
                "Public hostname.",
            ),
            PrinterColumn("Route", "string", ".spec.httpRouteRef.name", "HTTPRoute published."),
            PrinterColumn(
                "Pool", "string", ".spec.inferencePoolRef.name", "InferencePool published."
            ),
            PrinterColumn("State", "string", ".status.state", "Publication state."),
            PrinterColumn(
                "Endpoint", "string", ".status.publicEndpoint", "Public URL.", priority=1
            ),
            AGE,
        ),
    ),
    KindInfo(
        CertificateBundle,
        "certificatebundles",
        ("cbundle",),
        (
            PrinterColumn("Hostname", "string", ".spec.hostnames[0]", "First hostname covered."),
            PrinterColumn("Expires", "date", ".status.expiresAt", "Expiry of the certificate."),
            STATUS,
            AGE,
        ),
    ),
)


def by_kind(kind: str) -> KindInfo:
    """The registry entry of `kind`; KeyError when it is not a parent kind."""
    for info in KINDS:
        if info.kind == kind:
            return info
    raise KeyError(kind)
