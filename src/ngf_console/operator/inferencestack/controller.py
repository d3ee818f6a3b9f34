"""The InferenceStack reconciler: gather → decide (pure builders) → act → status.

1. Read the stack from the cache; a vanished stack only triggers the DCGM check.
2. Deleting: release the shared DCGM exporter if no other stack needs it, then drop
   our finalizer (owned children follow through garbage collection).
3. Ensure the finalizer; gather facts (replicas to keep, what the autoscaler scales,
   whether a referenced Gateway exists); build the desired children.
4. Apply only children that differ from the live state (server-side apply, field
   manager `ngf-console-operator`); delete owned children no longer desired. A repair of
   a child the current spec already produced is drift: DriftDetected and an Event.
5. Compute the status; write it only when it changed. Problems requeue with backoff.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from typing import Any

import structlog
from pydantic import ValidationError

from ngf_console.api.v1alpha1.inferencestack import InferenceStack, InferenceStackStatus
from ngf_console.kube import writes
from ngf_console.kube.resources import Gateway, resource_for, to_dict
from ngf_console.kube.resources import InferenceStack as StackKind
from ngf_console.operator.applier import ChildApplier
from ngf_console.operator.children.dcgm import build_dcgm_daemonset
from ngf_console.operator.children.inferencestack import StackFacts, desired_children
from ngf_console.operator.children.meta import STACK_LABEL
from ngf_console.operator.children.pool import model_name, pod_selector
from ngf_console.operator.children_view import ChildrenView, ref_of
from ngf_console.operator.inferencestack.status import Outcome, compute_status
from ngf_console.operator.observed import Observed
from ngf_console.operator.settings import OperatorSettings
from ngf_console.runtime import Cache, PermanentError, Result
from ngf_console.runtime.keys import ObjectKey, Request

log = structlog.get_logger(__name__)

FINALIZER = "ngf-console.f5.com/inferencestack-finalizer"
OWNED_KINDS = (
    ("v1", "ConfigMap"), ("v1", "Service"), ("v1", "ServiceAccount"),
    ("rbac.authorization.k8s.io/v1", "Role"), ("rbac.authorization.k8s.io/v1", "RoleBinding"),
    ("apps/v1", "Deployment"), ("inference.networking.k8s.io/v1", "InferencePool"),
    ("gateway.networking.k8s.io/v1", "Gateway"), ("gateway.networking.k8s.io/v1", "HTTPRoute"),
    ("gateway.nginx.org/v1alpha1", "ProxySettingsPolicy"), ("keda.sh/v1alpha1", "ScaledObject"),
    ("autoscaling/v2", "HorizontalPodAutoscaler"),
    ("ngf-console.f5.com/v1alpha1", "DistributedCloudPublish"),
)  # fmt: skip


def spec_hash(doc: dict[str, Any]) -> str:
    """Stable hash of a stack's spec."""
    return hashlib.sha256(json.dumps(doc.get("spec", {}), sort_keys=True).encode()).hexdigest()[:16]


class InferenceStackReconciler:
    """Reconciles InferenceStacks; see the module docstring."""

    def __init__(
        self,
        client: Any,
        cache: Cache,
        view: ChildrenView,
        settings: OperatorSettings,
        *,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC).replace(microsecond=0),
    ) -> None:
        self._client = client
        self._cache = cache
        self._view = view
        self._applier = ChildApplier(client, view)
        self._settings = settings
        self._now = now

    # ---------------------------------------------------------------- gather --
    def _stacks(self) -> Iterator[dict[str, Any]]:
        return (to_dict(o) for o in self._cache.informer(StackKind).store)

    def _stack(self, request: Request) -> dict[str, Any] | None:
        obj = self._cache.informer(StackKind).store.get(request)
        return None if obj is None else to_dict(obj)

    async def _scale_target(self, stack: InferenceStack) -> dict[str, Any] | None:
        ns = stack.metadata.namespace or ""
        if stack.spec.pool.selector is None:
            return self._view.cached(resource_for("apps/v1", "Deployment"), ns, model_name(stack))
        selector = pod_selector(stack).items()
        kind = resource_for("apps/v1", "Deployment")
        for deployment in await writes.list_dicts(self._client, kind, ns):
            labels = deployment["spec"]["template"]["metadata"].get("labels", {})
            if selector <= labels.items():
                return deployment
        return None

    def _missing_gateway(self, stack: InferenceStack) -> str | None:
        ref = stack.spec.gateway.gateway_ref
        if ref is None:
            return None
        ns = ref.namespace or stack.metadata.namespace or ""
        if self._cache.informer(Gateway).store.get(ObjectKey(ns, ref.name)) is not None:
            return None
        return (
            f"Gateway {ns}/{ref.name} not found: create it (for example with a GatewayBundle) "
            "or point spec.gateway.gatewayRef at an existing Gateway"
        )

    # ------------------------------------------------------------- reconcile --
    async def reconcile(self, request: Request) -> Result:
        doc = self._stack(request)
        if doc is None:
            await self._sync_dcgm(exclude=None)
            return Result()
        if doc["metadata"].get("deletionTimestamp"):
            await self._finalize(doc)
            return Result()
        finalizers = doc["metadata"].get("finalizers") or []
        if FINALIZER not in finalizers:
            doc = await writes.set_finalizers(self._client, doc, [*finalizers, FINALIZER])
        try:
            stack = InferenceStack.from_k8s(doc)
        except ValidationError as e:
            raise PermanentError(f"InferenceStack {request} does not match the schema: {e}") from e
        return await self._converge(doc, stack)

    async def _converge(self, doc: dict[str, Any], stack: InferenceStack) -> Result:
        target = await self._scale_target(stack)
        replicas = stack.spec.pool.replicas
        if stack.spec.autoscaling is not None and target is not None:
            replicas = target["spec"].get("replicas", replicas)
        target_name = target["metadata"]["name"] if target is not None else None
        if stack.spec.pool.selector is None:
            target_name = model_name(stack)
        facts = StackFacts(doc["metadata"]["uid"], replicas, target_name)
        desired = desired_children(stack, self._settings, facts)
        problems = dict(desired.problems)
        missing = self._missing_gateway(stack)
        if missing is not None:
            problems["http_route"] = missing
        prev = _previous_status(doc)
        hash_now = spec_hash(doc)
        drift_possible = prev is not None and prev.observed_spec_hash == hash_now
        observed, repairs = await self._applier.apply_all(desired.manifests, drift_possible)
        await self._applier.delete_stale(
            OWNED_KINDS,
            stack.metadata.namespace or "",
            STACK_LABEL,
            stack.metadata.name or "",
            {ref_of(m) for m in desired.manifests},
        )
        observed += await self._sync_dcgm(exclude=None, stack_doc=doc)
        model = (
            target
            if stack.spec.pool.selector is not None
            else self._view.cached(
                resource_for("apps/v1", "Deployment"),
                stack.metadata.namespace or "",
                model_name(stack),
            )
        )
        outcome = Outcome(
            observed=observed,
            problems=problems,
            repairs=repairs,
            spec_hash=hash_now,
            generation=doc["metadata"].get("generation"),
            current_replicas=None
            if model is None
            else model.get("status", {}).get("readyReplicas", 0),
            desired_replicas=None if model is None else model["spec"].get("replicas"),
        )
        await self._write_status(doc, prev, outcome)
        for repair in repairs:
            await writes.emit_event(
                self._client, doc, reason="DriftRepaired", message=repair, warning=True
            )
        failed = problems or any(o.error for o in observed)
        return Result(requeue=True) if failed else Result()

    # ----------------------------------------------------------------- DCGM --
    async def _sync_dcgm(
        self, *, exclude: str | None, stack_doc: dict[str, Any] | None = None
    ) -> list[Observed]:
        """Create the shared exporter when a stack wants it; delete it when none does."""
        wanted = any(
            _wants_dcgm(s)
            and not s["metadata"].get("deletionTimestamp")
            and s["metadata"].get("uid") != exclude
            for s in self._stacks()
        )
        desired = build_dcgm_daemonset(self._settings)
        kind = resource_for("apps/v1", "DaemonSet")
        live = self._view.live(desired)
        if not wanted:
            if live is not None:
                await writes.delete(
                    self._client, kind, self._settings.system_namespace, desired["metadata"]["name"]
                )
            return []
        seen, _ = await self._applier.apply_one(desired)
        return [seen] if stack_doc is not None and _wants_dcgm(stack_doc) else []

    # ------------------------------------------------------------ finalize --
    async def _finalize(self, doc: dict[str, Any]) -> None:
        finalizers = doc["metadata"].get("finalizers") or []
        if FINALIZER not in finalizers:
            return
        await self._sync_dcgm(exclude=doc["metadata"].get("uid"))
        await writes.set_finalizers(self._client, doc, [f for f in finalizers if f != FINALIZER])

    # --------------------------------------------------------------- status --
    async def _write_status(
        self, doc: dict[str, Any], prev: InferenceStackStatus | None, outcome: Outcome
    ) -> None:
        status = compute_status(prev, outcome, self._now())
        if prev is not None and status == prev:
            return
        doc = {**doc, "status": status.to_k8s()}
        try:
            await writes.replace_status(self._client, doc)
        except writes.KubeWriteError as e:
            if e.conflict:  # the stack changed meanwhile: its watch event reconciles again
                return
            raise


def _wants_dcgm(stack: dict[str, Any]) -> bool:
    return bool((stack.get("spec", {}).get("epp") or {}).get("dcgmEnabled", True))


def _previous_status(doc: dict[str, Any]) -> InferenceStackStatus | None:
    raw = doc.get("status")
    if not raw:
        return None
    try:
        return InferenceStackStatus.from_k8s(raw)
    except ValidationError:
        return None
