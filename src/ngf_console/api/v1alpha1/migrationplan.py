"""MigrationPlan: move NGINX Ingress Controller (KIC) configuration to Gateway API on NGF.

Spec §2.5.3 and §3.9. The operator analyses `source` and fills `resources` and
`status.analysis`; a user reviews and edits the generated resources, then sets `apply: true`.
Resources are applied one at a time when `strategy.phased` is set; `rollback: true` deletes
what was applied, in reverse order.

Cross-field rule (CEL with a Python mirror): exactly one of source.sourceYAML and
source.sourceCluster.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from ngf_console.api.v1alpha1.base import K8sModel, cel_rule
from ngf_console.api.v1alpha1.common import (
    Conditions,
    ObjectMeta,
    api_version_field,
    conditions_field,
    defaulted,
    kind_field,
    metadata_field,
    observed_generation_field,
    status_field,
)
from ngf_console.api.v1alpha1.types import Duration, Name, NamespaceName

Confidence = Literal["high", "medium", "low"]
KIND = r"^[A-Z][A-Za-z0-9]*$"


class ClusterReference(K8sModel):
    """A source cluster reached through a kubeconfig stored in a Secret."""

    kubeconfig_secret_ref: Name = Field(
        description="Secret (in the plan's namespace) whose `kubeconfig` key reaches the "
        "source cluster."
    )


class MigrationSource(K8sModel):
    """What to migrate: resources given as YAML, or a cluster to scan."""

    type: Literal[
        "ingress", "virtualserver", "transportserver", "policy", "configmap", "nginx-conf"
    ] = Field(
        description="Source format: ingress (Ingress with nginx.org annotations), "
        "virtualserver (VirtualServer/VirtualServerRoute), transportserver, policy (KIC Policy), "
        "configmap (KIC global ConfigMap) or nginx-conf (an exported nginx.conf)."
    )
    source_yaml: str | None = Field(
        default=None,
        alias="sourceYAML",
        max_length=1_048_576,
        description="The source resources as YAML (or nginx.conf text), embedded.",
    )
    source_cluster: ClusterReference | None = Field(
        default=None, description="A source cluster to scan instead of sourceYAML."
    )
    namespaces: list[NamespaceName] = Field(
        default_factory=list,
        max_length=256,
        description="Only migrate resources from these namespaces; all when empty.",
    )

    @cel_rule(
        "has(self.sourceYAML) != has(self.sourceCluster)",
        "exactly one of sourceYAML or sourceCluster must be set",
    )
    def _exactly_one_source(self) -> bool:
        return (self.source_yaml is None) != (self.source_cluster is None)


class MigrationResource(K8sModel):
    """One generated Gateway API resource and where it came from."""

    source_ref: str = Field(
        min_length=1,
        max_length=512,
        description="The source resource, as `Kind/namespace/name`.",
    )
    generated_yaml: str = Field(
        alias="generatedYAML",
        min_length=1,
        max_length=262_144,
        description="The generated resource as YAML; editable before apply.",
    )
    kind: str = Field(
        max_length=63,
        pattern=KIND,
        description="Kind of the generated resource: Gateway, HTTPRoute, RateLimitPolicy, ...",
    )
    confidence: Confidence = Field(
        description="How faithful the translation is: high, medium, low."
    )
    warnings: list[Annotated[str, StringConstraints(max_length=1024)]] = Field(
        default_factory=list, max_length=64, description="Items that need manual review."
    )
    enabled: bool = Field(default=True, description="Whether this resource is migrated.")


class MigrationStrategy(K8sModel):
    """How the plan is applied."""

    phased: bool = Field(default=True, description="Apply one resource at a time, validating each.")
    pause_between: Duration = Field(
        default="0s", description="Pause between resources when phased, e.g. `30s`."
    )
    validate_after_apply: bool = Field(
        default=False, description="Check each resource is accepted and healthy after applying."
    )


class MigrationPlanSpec(K8sModel):
    """Desired state of a MigrationPlan."""

    source: MigrationSource = Field(description="What to migrate.")
    resources: list[MigrationResource] = Field(
        default_factory=list,
        max_length=1000,
        description="Generated Gateway API resources: filled by analysis, editable by the user.",
    )
    strategy: MigrationStrategy = defaulted(MigrationStrategy, "How the plan is applied.")
    apply: bool = Field(default=False, description="Set to true to apply the migration.")
    rollback: bool = Field(
        default=False, description="Set to true to undo the migration (reverse order)."
    )


class MigrationAnalysis(K8sModel):
    """The analysis report of the source."""

    total_source_resources: int = Field(ge=0, description="Source resources found.")
    direct_mappings: int = Field(ge=0, description="Resources with a direct Gateway API mapping.")
    requires_review: int = Field(ge=0, description="Resources that need manual review.")
    unsupported: int = Field(ge=0, description="Features with no Gateway API equivalent.")
    requires_enterprise: int = Field(ge=0, description="Features that need NGINX Plus.")
    overall_confidence: Confidence = Field(description="Overall confidence: high, medium, low.")


class MigrationResourceStatus(K8sModel):
    """Apply progress of one generated resource."""

    source_ref: str = Field(max_length=512, description="The source resource.")
    kind: str = Field(max_length=63, description="Kind of the generated resource.")
    name: str = Field(max_length=253, description="Name of the generated resource.")
    applied: bool = Field(description="Whether the resource was applied.")
    healthy: bool = Field(description="Whether the resource is accepted and healthy.")
    error: str | None = Field(default=None, max_length=4096, description="Why it failed.")


class MigrationPlanStatus(K8sModel):
    """Observed state of a MigrationPlan."""

    phase: (
        Literal[
            "Analyzing", "Reviewed", "Applying", "Applied", "RollingBack", "Completed", "Failed"
        ]
        | None
    ) = Field(
        default=None,
        description="Analyzing, Reviewed, Applying, Applied, RollingBack, Completed or Failed.",
    )
    total_resources: int | None = Field(default=None, ge=0, description="Generated resources.")
    applied_resources: int | None = Field(default=None, ge=0, description="Resources applied.")
    failed_resources: int | None = Field(default=None, ge=0, description="Resources that failed.")
    analysis: MigrationAnalysis | None = Field(
        default=None, description="Analysis report, once the source is processed."
    )
    resource_statuses: list[MigrationResourceStatus] = Field(
        default_factory=list, max_length=1000, description="Progress per generated resource."
    )
    conditions: Conditions = conditions_field()
    observed_generation: int | None = observed_generation_field()


class MigrationPlan(K8sModel):
    """A migration from NGINX Ingress Controller resources to Gateway API resources on NGINX
    Gateway Fabric: analysed, reviewed, then applied phase by phase by the NGF Console
    operator."""

    api_version: Literal["ngf-console.f5.com/v1alpha1"] = api_version_field()
    kind: Literal["MigrationPlan"] = kind_field("MigrationPlan")
    metadata: ObjectMeta = metadata_field()
    spec: MigrationPlanSpec = Field(description="Desired state of the migration plan.")
    status: MigrationPlanStatus | None = status_field()
