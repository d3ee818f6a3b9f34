"""The CertificateBundle reconciler: gather → decide (pure) → act → status.

1. Read the bundle from the cache. Deleting: revert its listener attachments (through the
   GatewayBundles), then drop our finalizer; the Secret/Certificate follow by GC.
2. Ensure the finalizer; build the children (`children/certificatebundle.py`) and apply
   what differs; delete owned children no longer desired (cert-manager's Secret is kept).
3. Read the certificate actually stored in `<bundle>-tls` (our Secret, or cert-manager's,
   which carries our labels through `secretTemplate`) and classify it.
4. Plan attachments (`children/certificatebundle_attach.py`) and apply GatewayBundle edits.
5. Write the status when it changed and requeue for the moment the phase will change
   (`Result(requeue_after=…)`), not on a polling interval.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from ngf_console.api.v1alpha1.certificatebundle import CertificateBundle, CertificateBundleStatus
from ngf_console.kube import writes
from ngf_console.kube.resources import CertificateBundle as CertKind
from ngf_console.kube.resources import Gateway, resource_for, to_dict
from ngf_console.operator.applier import ChildApplier
from ngf_console.operator.certificatebundle import attach
from ngf_console.operator.certificatebundle.status import CertOutcome, compute_status
from ngf_console.operator.children import tls
from ngf_console.operator.children.certificatebundle import (
    CERT_LABEL,
    desired_children,
    secret_name,
    threshold,
)
from ngf_console.operator.children.certificatebundle_attach import plan_attachments
from ngf_console.operator.children.gatewaybundle_validate import describe
from ngf_console.operator.children_view import ChildrenView, ref_of
from ngf_console.runtime import Cache, PermanentError, Result, RetryableError
from ngf_console.runtime.keys import Request

FINALIZER = "ngf-console.f5.com/certificatebundle-finalizer"
OWNED_KINDS = (("v1", "Secret"), ("cert-manager.io/v1", "Certificate"))
Secret = resource_for("v1", "Secret")


def _me(doc: dict[str, Any]) -> str:
    return f"{doc['metadata'].get('namespace', '')}/{doc['metadata']['name']}"


class CertificateBundleReconciler:
    """Reconciles CertificateBundles; see the module docstring."""

    def __init__(
        self,
        client: Any,
        cache: Cache,
        view: ChildrenView,
        *,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC).replace(microsecond=0),
    ) -> None:
        self._client = client
        self._cache = cache
        self._view = view
        self._applier = ChildApplier(client, view)
        self._now = now

    async def reconcile(self, request: Request) -> Result:
        obj = self._cache.informer(CertKind).store.get(request)
        if obj is None:
            return Result()
        doc = to_dict(obj)
        finalizers = doc["metadata"].get("finalizers") or []
        if doc["metadata"].get("deletionTimestamp"):
            if FINALIZER in finalizers:
                await self._detach_all(doc)
                kept = [f for f in finalizers if f != FINALIZER]
                await writes.set_finalizers(self._client, doc, kept)
            return Result()
        if FINALIZER not in finalizers:
            doc = await writes.set_finalizers(self._client, doc, [*finalizers, FINALIZER])
        try:
            bundle = CertificateBundle.from_k8s(doc)
        except ValidationError as e:
            raise PermanentError(
                f"CertificateBundle {request} does not match the schema: {describe(e)}"
            ) from None  # not chained: the error's inputs may hold a private key
        return await self._converge(doc, bundle)

    async def _converge(self, doc: dict[str, Any], bundle: CertificateBundle) -> Result:
        ns = bundle.metadata.namespace or ""
        plan = desired_children(bundle, doc["metadata"]["uid"])
        prev = _previous_status(doc)
        generation = doc["metadata"].get("generation")
        spec_changed = prev is None or prev.observed_generation != generation
        observed, repairs = await self._applier.apply_all(plan.manifests, not spec_changed)
        await self._applier.delete_stale(
            OWNED_KINDS, ns, CERT_LABEL, bundle.metadata.name or "",
            {ref_of(m) for m in plan.manifests} | plan.kept,
        )  # fmt: skip
        stored, failure = self._stored(bundle, observed, plan.failure)
        outcome = CertOutcome(
            secret=f"{ns}/{secret_name(bundle)}",
            threshold=threshold(bundle),
            observed=observed,
            failure=failure,
            stored=stored,
            repairs=repairs,
            spec_changed=spec_changed,
            generation=generation,
        )
        outcome = await self._attach(doc, bundle, outcome)
        now = self._now()
        status, change = compute_status(prev, outcome, now)
        await self._write_status(doc, prev, status)
        for repair in repairs:
            await writes.emit_event(
                self._client, doc, reason="DriftRepaired", message=repair, warning=True
            )
        if any(o.error for o in observed) or outcome.attach_errors:
            return Result(requeue=True)
        if change is None:
            return Result()
        return Result(requeue_after=max((change - now).total_seconds(), 0.0) + 1.0)

    def _stored(
        self, bundle: CertificateBundle, observed: list[Any], failure: tuple[str, str] | None
    ) -> tuple[tls.CertificateInfo | None, tuple[str, str] | None]:
        """The stored leaf certificate, and the failure (plan's, or an unparsable store)."""
        if failure is not None:
            return None, failure
        name = secret_name(bundle)
        live = next(
            (o.live for o in observed if o.desired["kind"] == "Secret" and o.live is not None),
            None,
        ) or self._view.cached(Secret, bundle.metadata.namespace or "", name)
        pem = tls.stored_certificate(live) if live is not None else None
        if pem is None:
            return None, None
        try:
            return tls.parse_certificate(pem), None
        except tls.CertificateError as e:
            return None, (e.reason, f"the certificate stored in Secret {name}: {e}")

    async def _attach(
        self, doc: dict[str, Any], bundle: CertificateBundle, outcome: CertOutcome
    ) -> CertOutcome:
        ns = bundle.metadata.namespace or ""
        usable = outcome.stored is not None and outcome.failure is None
        edits, results = plan_attachments(
            _me(doc),
            (ns, secret_name(bundle)),
            attach.targets(doc),
            attach.gateway_bundles(self._cache),
            self._gateways(),
            may_attach=usable,
        )
        errors = await attach.apply_edits(self._client, edits)
        return dataclasses.replace(outcome, attach=results, attach_errors=errors)

    async def _detach_all(self, doc: dict[str, Any]) -> None:
        edits, _ = plan_attachments(
            _me(doc), ("", ""), [], attach.gateway_bundles(self._cache), set(), may_attach=False
        )
        errors = await attach.apply_edits(self._client, edits)
        if errors:
            raise RetryableError("cannot revert attachments: " + "; ".join(errors))

    def _gateways(self) -> set[tuple[str, str]]:
        return {
            (to_dict(g)["metadata"].get("namespace", ""), to_dict(g)["metadata"]["name"])
            for g in self._cache.informer(Gateway).store
        }

    async def _write_status(
        self,
        doc: dict[str, Any],
        prev: CertificateBundleStatus | None,
        status: CertificateBundleStatus,
    ) -> None:
        if prev is not None and status == prev:
            return
        try:
            await writes.replace_status(self._client, {**doc, "status": status.to_k8s()})
        except writes.KubeWriteError as e:
            if e.conflict:  # the bundle changed meanwhile: its watch event reconciles again
                return
            raise


def _previous_status(doc: dict[str, Any]) -> CertificateBundleStatus | None:
    raw = doc.get("status")
    if not raw:
        return None
    try:
        return CertificateBundleStatus.from_k8s(raw)
    except ValidationError:
        return None
