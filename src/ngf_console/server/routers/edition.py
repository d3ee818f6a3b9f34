"""`GET /api/v1/edition`: NGINX Gateway Fabric OSS or Plus, what it can do, and how we know.

Detection is `ngf_console.edition` (shared with the operator), read from the server's watch
cache: NGF's control-plane Deployment (`--nginx-plus`, `--snippets`, image version), its
GatewayClass (`status.supportedFeatures`), the data-plane image of its NginxProxy and whether
the WAFPolicy CRD is installed. `features` answers, per gated feature, why it is unavailable
(null when it is available) — the UI greys out controls with that text.
"""

from __future__ import annotations

from typing import get_args

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from ngf_console.edition import Edition, EditionName, Feature
from ngf_console.server.deps import ContextDep, CurrentUser
from ngf_console.server.errors import ERROR_RESPONSES

router = APIRouter(tags=["edition"], responses=ERROR_RESPONSES)


class EditionInfo(BaseModel):
    """Which NGF edition runs in the cluster and what it can do."""

    model_config = ConfigDict(alias_generator=to_camel, validate_by_name=True)

    edition: EditionName = Field(description="plus, oss or unknown.")
    reason: str = Field(description="How the edition was determined, or why it is unknown.")
    evidence: list[str] = Field(description="The signals seen, strongest first.")
    version: str | None = Field(description="NGF version from the control-plane image.")
    control_plane: str | None = Field(description="The control-plane Deployment, ns/name.")
    gateway_class: str | None = Field(description="NGF's GatewayClass.")
    supported_features: list[str] = Field(description="The GatewayClass's supportedFeatures.")
    snippets: bool = Field(description="NGF runs with snippets enabled.")
    waf_crd: bool = Field(description="The WAFPolicy CRD is installed.")
    features: dict[Feature, str | None] = Field(
        description="Per gated feature: why it is unavailable, or null when available."
    )

    @classmethod
    def of(cls, edition: Edition) -> EditionInfo:
        return cls(
            edition=edition.name,
            reason=edition.reason,
            evidence=list(edition.evidence),
            version=edition.version,
            control_plane=edition.control_plane,
            gateway_class=edition.gateway_class,
            supported_features=list(edition.supported_features),
            snippets=edition.snippets,
            waf_crd=edition.waf_crd,
            features={f: edition.why_unavailable(f) for f in get_args(Feature)},
        )


@router.get(
    "/edition", response_model=EditionInfo, response_model_by_alias=True, operation_id="getEdition"
)
async def get_edition(context: ContextDep, _user: CurrentUser) -> EditionInfo:
    """Any authenticated caller may read it: the UI gates features on it."""
    return EditionInfo.of(context.cache.edition.current())
