"""`GET /api/v1/inference/pools`: each InferenceStack with its InferencePool and children.

Joined in the server from the watch caches: the pool is the one the stack's status names
(`status.children.inferencePool.name`), else the pool of the stack's own name in its
namespace. Requires `list` on inferencestacks and inferencepools.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from ngf_console.api.v1alpha1.inferencestack import ChildResourceStatuses, InferenceStack
from ngf_console.server import catalog
from ngf_console.server.deps import ContextDep, GuardDep
from ngf_console.server.errors import ERROR_RESPONSES
from ngf_console.server.routers.params import NamespaceQuery
from ngf_console.server.schemas import KubeObject

router = APIRouter(prefix="/inference", tags=["inference"], responses=ERROR_RESPONSES)
STACKS = catalog.parent("InferenceStack")


class InferencePoolSummary(BaseModel):
    """An InferenceStack joined with its InferencePool."""

    namespace: str = Field(description="Namespace of the stack.")
    name: str = Field(description="Name of the stack.")
    phase: str | None = Field(default=None, description="Phase of the stack.")
    model: str = Field(description="Model served.")
    backend: str = Field(description="Serving backend.")
    current_replicas: int | None = Field(
        default=None, alias="currentReplicas", description="Replicas running."
    )
    desired_replicas: int | None = Field(
        default=None, alias="desiredReplicas", description="Replicas wanted."
    )
    children: ChildResourceStatuses = Field(description="State of each child.")
    stack: InferenceStack = Field(description="The InferenceStack.")
    pool: KubeObject | None = Field(default=None, description="The InferencePool, if found.")


class InferencePoolList(BaseModel):
    """Every pool visible to the caller."""

    items: list[InferencePoolSummary] = Field(description="Stacks and their pools.")


def join(stack: dict[str, Any], pools: dict[tuple[str, str], dict[str, Any]]) -> dict[str, Any]:
    """One summary (as JSON) of `stack` and its pool."""
    meta, spec = stack["metadata"], stack["spec"]
    status = stack.get("status") or {}
    children = status.get("children") or {}
    pool_name = (children.get("inferencePool") or {}).get("name") or meta["name"]
    return {
        "namespace": meta["namespace"],
        "name": meta["name"],
        "phase": status.get("phase"),
        "model": spec["model"]["name"],
        "backend": spec["model"]["backend"],
        "currentReplicas": status.get("currentReplicas"),
        "desiredReplicas": status.get("desiredReplicas"),
        "children": children,
        "stack": stack,
        "pool": pools.get((meta["namespace"], pool_name)),
    }


@router.get("/pools", response_model=InferencePoolList, operation_id="listInferencePools")
async def list_pools(
    context: ContextDep, guard: GuardDep, namespace: NamespaceQuery = None
) -> dict[str, Any]:
    await guard.require("list", STACKS, namespace)
    await guard.require("list", catalog.INFERENCE_POOLS, namespace)
    pools = {
        (p["metadata"]["namespace"], p["metadata"]["name"]): p
        for p in context.cache.view(catalog.INFERENCE_POOLS).all(namespace)
    }
    stacks = context.cache.view(STACKS).all(namespace)
    return {"items": [join(stack, pools) for stack in stacks]}
