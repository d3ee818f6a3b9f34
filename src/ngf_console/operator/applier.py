"""Apply a parent's desired children, touching only those that differ (shared by controllers).

For each desired child: if the live state (cache, or our own newer write) carries every
field we set, nothing is written; otherwise it is server-side applied with the
operator's field manager. When the parent's spec has not changed since its children
were last built (`drift_possible`), such a write is a repair and is reported as drift.
Children of the parent that are no longer desired are deleted.
"""

from __future__ import annotations

import asyncio
from typing import Any

from ngf_console.kube import writes
from ngf_console.kube.resources import resource_for
from ngf_console.operator.children_view import ChildrenView, Ref, ref_of
from ngf_console.operator.drift import child_drift
from ngf_console.operator.observed import Observed

FIELD_MANAGER = "ngf-console-operator"


class ChildApplier:
    """Applies children through one client and one ChildrenView."""

    def __init__(self, client: Any, view: ChildrenView) -> None:
        self._client = client
        self._view = view

    async def apply_one(self, desired: dict[str, Any]) -> tuple[Observed, list[str] | None]:
        """Apply `desired` if needed: (observation, drifted paths; None when it was absent)."""
        live = self._view.live(desired)
        drifted = [] if live is None else child_drift(desired, live)
        if live is not None and not drifted:
            return Observed(desired, live), []
        try:
            stored = await writes.apply(self._client, desired, FIELD_MANAGER)
        except writes.KubeWriteError as e:
            return Observed(desired, live, error=e.reason or str(e)), []
        self._view.record(stored)
        return Observed(desired, stored, applied=True), (None if live is None else drifted)

    async def apply_all(
        self, manifests: list[dict[str, Any]], drift_possible: bool
    ) -> tuple[list[Observed], list[str]]:
        """Apply every child (concurrently: each write waits on the API server's storage,
        not on us); returns observations in manifest order and human-readable repairs."""
        results = await asyncio.gather(*(self.apply_one(desired) for desired in manifests))
        observed: list[Observed] = []
        repairs: list[str] = []
        for desired, (seen, drifted) in zip(manifests, results, strict=True):
            observed.append(seen)
            if seen.applied and drift_possible:
                name = f"{desired['kind']} {desired['metadata']['name']}"
                if drifted is None:
                    repairs.append(f"{name} was deleted; recreated")
                else:
                    repairs.append(f"{name} changed at {', '.join(drifted[:5])}; restored")
        return observed, repairs

    async def delete_stale(
        self,
        kinds: tuple[tuple[str, str], ...],
        namespace: str,
        label: str,
        owner_name: str,
        wanted: set[Ref],
    ) -> list[str]:
        """Delete children labelled `label=owner_name` that are not `wanted`; their names."""
        deleted = []
        for api_version, kind in kinds:
            res = resource_for(api_version, kind)
            for child in self._view.list_owned(res, namespace, label, owner_name):
                if ref_of(child) not in wanted:
                    await writes.delete(self._client, res, namespace, child["metadata"]["name"])
                    deleted.append(f"{kind} {child['metadata']['name']}")
        return deleted
