"""`GET /api/v1/edition`: NGINX Gateway Fabric OSS or Plus, and how we know.

For now the evidence is NGF's control-plane Deployment (found by its standard
`app.kubernetes.io/name` label, from the watch cache): a container started with
`--nginx-plus` means Plus, one without it OSS. With no such Deployment, or several that
disagree, the edition is `unknown` with the reason. (Full detection — data-plane image,
usage-report Secret, GatewayClass features — is the operator's `edition` work.)
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from ngf_console.server.deps import ContextDep, CurrentUser
from ngf_console.server.errors import ERROR_RESPONSES

router = APIRouter(tags=["edition"], responses=ERROR_RESPONSES)

Edition = Literal["oss", "plus", "unknown"]


class EditionInfo(BaseModel):
    """Which NGF edition runs in the cluster."""

    edition: Edition = Field(description="oss, plus or unknown.")
    source: str | None = Field(
        default=None, description="The Deployment it was read from, `namespace/name`."
    )
    reason: str = Field(description="How the edition was determined, or why it is unknown.")


def _is_controller(container: dict[str, Any]) -> bool:
    args = [*container.get("command", []), *container.get("args", [])]
    return "controller" in args or any(str(a).startswith("--gateway-ctlr-name") for a in args)


def detect(deployments: list[dict[str, Any]]) -> EditionInfo:
    """The edition from NGF control-plane Deployments (see the module docstring)."""
    found: list[tuple[str, Edition]] = []
    for deployment in deployments:
        meta = deployment["metadata"]
        pod = ((deployment.get("spec") or {}).get("template") or {}).get("spec") or {}
        for container in pod.get("containers", []):
            if _is_controller(container):
                args = [*container.get("command", []), *container.get("args", [])]
                plus = any(str(a).split("=")[0] == "--nginx-plus" for a in args)
                found.append((f"{meta.get('namespace')}/{meta['name']}", "plus" if plus else "oss"))
    if not found:
        return EditionInfo(
            edition="unknown",
            reason="no NGINX Gateway Fabric control-plane Deployment found "
            "(label app.kubernetes.io/name=nginx-gateway or nginx-gateway-fabric)",
        )
    editions = {edition for _, edition in found}
    if len(editions) > 1:
        sources = ", ".join(f"{s} ({e})" for s, e in found)
        return EditionInfo(edition="unknown", reason=f"control planes disagree: {sources}")
    source, edition = found[0]
    flag = "with" if edition == "plus" else "without"
    return EditionInfo(
        edition=edition, source=source, reason=f"control plane runs {flag} --nginx-plus"
    )


@router.get("/edition", response_model=EditionInfo, operation_id="getEdition")
async def get_edition(context: ContextDep, _user: CurrentUser) -> EditionInfo:
    """Any authenticated caller may read it: the UI gates features on it."""
    return detect(context.cache.ngf_deployments.all())
