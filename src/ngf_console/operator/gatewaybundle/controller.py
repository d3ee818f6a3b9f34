"""The GatewayBundle reconciler: gather → decide (pure builders) → act → status.

1. Read the bundle from the cache (gone or being deleted: nothing to do — the children
   carry controller ownerReferences and garbage collection removes them).
2. Read the current NGF edition (`EditionWatcher`, cached) and build the plan: children in
   the spec's order, failures, features left out (`children/gatewaybundle.py`).
3. Apply only children that differ from the live state (server-side apply, field manager
   `ngf-console-operator`); delete owned children no longer desired, except those kept
   because they could not be rebuilt. A repair of a child the current spec and edition
   already produced is drift: DriftDetected and a `DriftRepaired` Event. The spec hash
   covers the spec and the edition facts the plan depends on, so an edition change
   (e.g. OSS → Plus) is a change, not drift.
4. Compute the status; write it only when it changed. Failures requeue with backoff.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from typing import Any

import structlog
from pydantic import ValidationError

from ngf_console.api.v1alpha1.gatewaybundle import GatewayBundle, GatewayBundleStatus
from ngf_console.edition import EditionWatcher
from ngf_console.kube import writes
from ngf_console.kube.resources import GatewayBundle as BundleKind
from ngf_console.kube.resources import to_dict
from ngf_console.operator.applier import ChildApplier
from ngf_console.operator.children.gatewaybundle import BUNDLE_LABEL, desired_children
from ngf_console.operator.children.gatewaybundle_validate import describe
from ngf_console.operator.children_view import ChildrenView, ref_of
from ngf_console.operator.gatewaybundle.status import BundleOutcome, compute_status
from ngf_console.operator.settings import OperatorSettings
from ngf_console.runtime import Cache, PermanentError, Result
from ngf_console.runtime.keys import Request

log = structlog.get_logger(__name__)

OWNED_KINDS = (
    ("v1", "Secret"),
    ("gateway.networking.k8s.io/v1", "Gateway"),
    ("gateway.nginx.org/v1alpha2", "NginxProxy"),
    ("gateway.nginx.org/v1alpha1", "WAFPolicy"),
    ("gateway.nginx.org/v1alpha1", "SnippetsPolicy"),
    ("gateway.nginx.org/v1alpha1", "SnippetsFilter"),
)


def spec_hash(doc: dict[str, Any], gating: str) -> str:
    """Stable hash of a bundle's spec and the edition facts its children depend on."""
    data = json.dumps({"spec": doc.get("spec", {}), "gating": gating}, sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()[:16]


class GatewayBundleReconciler:
    """Reconciles GatewayBundles; see the module docstring."""

    def __init__(
        self,
        client: Any,
        cache: Cache,
        view: ChildrenView,
        edition: EditionWatcher,
        settings: OperatorSettings,
        *,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC).replace(microsecond=0),
    ) -> None:
        self._client = client
        self._cache = cache
        self._applier = ChildApplier(client, view)
        self._edition = edition
        self._settings = settings
        self._now = now

    async def reconcile(self, request: Request) -> Result:
        obj = self._cache.informer(BundleKind).store.get(request)
        if obj is None:
            return Result()
        doc = to_dict(obj)
        if doc["metadata"].get("deletionTimestamp"):
            return Result()
        try:
            bundle = GatewayBundle.from_k8s(doc)
        except ValidationError as e:
            raise PermanentError(
                f"GatewayBundle {request} does not match the schema: {describe(e)}"
            ) from None  # not chained: the error's inputs may hold a private key
        return await self._converge(doc, bundle)

    async def _converge(self, doc: dict[str, Any], bundle: GatewayBundle) -> Result:
        edition = self._edition.current()
        plan = desired_children(bundle, doc["metadata"]["uid"], edition, self._settings)
        prev = _previous_status(doc)
        hash_now = spec_hash(doc, plan.gating)
        drift_possible = prev is not None and prev.observed_spec_hash == hash_now
        observed, repairs = await self._applier.apply_all(plan.manifests, drift_possible)
        deleted = await self._applier.delete_stale(
            OWNED_KINDS,
            plan.namespace,
            BUNDLE_LABEL,
            bundle.metadata.name or "",
            {ref_of(m) for m in plan.manifests} | plan.kept,
        )
        if deleted:
            log.info("deleted children no longer desired", bundle=str(doc["metadata"]["name"]))
        outcome = BundleOutcome(
            plan=plan,
            observed=observed,
            repairs=repairs,
            spec_hash=hash_now,
            generation=doc["metadata"].get("generation"),
        )
        await self._write_status(doc, prev, outcome)
        for repair in repairs:
            await writes.emit_event(
                self._client, doc, reason="DriftRepaired", message=repair, warning=True
            )
        failed = plan.failures or any(o.error for o in observed)
        return Result(requeue=True) if failed else Result()

    async def _write_status(
        self, doc: dict[str, Any], prev: GatewayBundleStatus | None, outcome: BundleOutcome
    ) -> None:
        status = compute_status(prev, outcome, self._now())
        if prev is not None and status == prev:
            return
        try:
            await writes.replace_status(self._client, {**doc, "status": status.to_k8s()})
        except writes.KubeWriteError as e:
            if e.conflict:  # the bundle changed meanwhile: its watch event reconciles again
                return
            raise


def _previous_status(doc: dict[str, Any]) -> GatewayBundleStatus | None:
    raw = doc.get("status")
    if not raw:
        return None
    try:
        return GatewayBundleStatus.from_k8s(raw)
    except ValidationError:
        return None
