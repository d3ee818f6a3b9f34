"""The kubelet and Deployment controller stand-in for the local control plane.

The local control plane runs no kubelet, scheduler or ReplicaSet controller, so nothing would
ever run a Deployment's pods. `SimKubelet` does, as a reconciler on the project's runtime
(wired in `sim.kubelet_runtime`): it reconciles Deployments (see `sim.roles` for which ones),
and Pods it labelled, InferencePools and InferenceStacks lead back to them.

One reconcile of a Deployment:

1. **Classify** it (`roles.classify`); a Deployment that is not simulated and has no pods here
   is left alone (its status is never written). A model Deployment's fleet follows its
   stack (`SimNode.configure`: a new strategy re-picks at once).
2. **Reap**: a pod whose Pod object was deleted (or is being deleted) stops; a Pod of this
   node owned by the Deployment that this process does not run (left by an earlier run)
   is deleted, and replaced like any missing replica.
3. **Plan** (`rollout.plan_pods`) against `spec.replicas` (0 once no longer simulated) and
   the template hash, delete, then create: POST the Pod (`pods.pod_manifest`), start its
   simulators on the `SimNode`, PUT its status (Running, `podIP`, Ready) through the
   status subresource. A Pod the API server refuses — typically the ServiceAccount
   admission plugin in a namespace whose `default` ServiceAccount the serviceaccount
   controller has not created yet — is retried after `retry_after` seconds.
4. **Repair** the status of running pods whose stored status lost a write.
5. **Report** the Deployment's status (`rollout.deployment_status`) through `/status` when
   the fields it owns changed; fields it does not own are kept.

`shutdown()` deletes every Pod this process runs and reports the Deployments at zero, so
that stacks do not stay Ready while nothing serves them.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import structlog

from ngf_console.kube import objects, writes
from ngf_console.kube.errors import KubeApiError
from ngf_console.kube.resources import InferencePool, InferenceStack, resource_for, to_dict
from ngf_console.kube.writes import KubeWriteError
from ngf_console.runtime import Cache, Result, RetryableError
from ngf_console.runtime.keys import ObjectKey, Request
from ngf_console.sim.node import SimNode
from ngf_console.sim.pods import (
    SIM_NODE_LABEL,
    is_ready,
    pod_manifest,
    pod_name,
    running_status,
    template_hash,
)
from ngf_console.sim.roles import ModelRole, Role, classify
from ngf_console.sim.rollout import PodView, deployment_status, desired_replicas, plan_pods

log = structlog.get_logger(__name__)

Manifest = dict[str, Any]
Deployment = resource_for("apps/v1", "Deployment")
Pod = resource_for("v1", "Pod")
STATUS_FIELDS = (
    "observedGeneration", "replicas", "updatedReplicas", "readyReplicas",
    "availableReplicas", "unavailableReplicas", "conditions",
)  # fmt: skip


def utc_now() -> str:
    """RFC 3339 in whole seconds, as Kubernetes writes timestamps."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class _Tracked:
    """A pod this process runs."""

    template_hash: str
    ip: str
    ready: bool
    message: str | None
    started_at: str
    confirmed: bool = False  # its Pod object has been seen in the cache


class SimKubelet:
    """Runs the pods of Deployments on a `SimNode`; see the module docstring."""

    def __init__(
        self,
        client: Any,
        cache: Cache,
        node: SimNode,
        *,
        namespace: str | None = None,
        rng: random.Random | None = None,
        now: Callable[[], str] = utc_now,
        retry_after: float = 0.5,
    ) -> None:
        self._client = client
        self._cache = cache
        self.node = node
        self.namespace = namespace
        self._rng = rng or random.Random()  # noqa: S311 - pod name suffixes
        self._now = now
        self._retry_after = retry_after
        self._tracked: dict[ObjectKey, dict[str, _Tracked]] = {}
        self._uids: dict[ObjectKey, str] = {}

    # ---------------------------------------------------------------- gather --
    def _store(self, kind: Any) -> Any:
        return self._cache.informer(kind, namespace=self.namespace).store

    def deployment(self, key: ObjectKey) -> Manifest | None:
        obj = self._store(Deployment).get(key)
        return None if obj is None else to_dict(obj)

    def _pods_of(self, deployment: Manifest) -> dict[str, Manifest]:
        meta = deployment["metadata"]
        store = self._cache.informer(Pod, namespace=self.namespace, labels=self.pod_labels).store
        found: dict[str, Manifest] = {}
        for obj in store.list(namespace=meta["namespace"]):
            pod = to_dict(obj)
            refs = pod["metadata"].get("ownerReferences") or []
            if any(r.get("uid") == meta["uid"] for r in refs):
                found[pod["metadata"]["name"]] = pod
        return found

    @property
    def pod_labels(self) -> dict[str, str]:
        """The label every Pod of this node carries (the Pod watch selects on it)."""
        return {SIM_NODE_LABEL: self.node.name}

    def _role(self, deployment: Manifest) -> Role | None:
        ns = deployment["metadata"]["namespace"]
        pools = [to_dict(p) for p in self._store(InferencePool).list(namespace=ns)]
        stacks = {
            doc["metadata"]["name"]: doc
            for doc in (to_dict(s) for s in self._store(InferenceStack).list(namespace=ns))
        }
        return classify(deployment, pools, stacks, self.node.name)

    def running(self, key: ObjectKey) -> dict[str, str]:
        """Pod name → IP of the pods this process runs for Deployment `key`."""
        return {name: t.ip for name, t in self._tracked.get(key, {}).items()}

    # ------------------------------------------------------------- reconcile --
    async def reconcile(self, request: Request) -> Result:
        deployment = self.deployment(request)
        if deployment is None:
            await self._forget(request)
            return Result()
        if self._uids.get(request) not in (None, deployment["metadata"]["uid"]):
            await self._forget(request)  # deleted and created again under the same name
        self._uids[request] = deployment["metadata"]["uid"]
        tracked = self._tracked.setdefault(request, {})
        role = self._role(deployment)
        live = self._pods_of(deployment)
        if role is None and not tracked and not live:
            return Result()
        if isinstance(role, ModelRole):
            self.node.configure(role)  # the stack may have changed its strategy
        await self._reap(request.namespace, tracked, live)
        replicas = desired_replicas(deployment) if role is not None else 0
        hash_ = template_hash(deployment["spec"]["template"])
        views = [PodView(n, t.template_hash, t.ready) for n, t in tracked.items()]
        plan = plan_pods(replicas, hash_, views)
        for name in plan.delete:
            await self._delete_pod(request.namespace, name, tracked)
        for _ in range(plan.create if role is not None else 0):
            assert role is not None
            await self._create_pod(deployment, hash_, role, tracked)
        await self._repair(tracked, live)
        return await self._report(deployment, hash_, tracked)

    async def _reap(
        self, namespace: str, tracked: dict[str, _Tracked], live: dict[str, Manifest]
    ) -> None:
        for name, pod in list(tracked.items()):
            obj = live.get(name)
            if (obj is None and pod.confirmed) or (
                obj and obj["metadata"].get("deletionTimestamp")
            ):
                log.info("simulated pod deleted, stopping it", pod=f"{namespace}/{name}")
                await self.node.stop_pod(namespace, name)
                del tracked[name]
            elif obj is not None:
                pod.confirmed = True
        for name in live.keys() - tracked.keys():
            log.info("deleting a pod this process does not run", pod=f"{namespace}/{name}")
            await writes.delete(self._client, Pod, namespace, name)

    async def _create_pod(
        self, deployment: Manifest, hash_: str, role: Role, tracked: dict[str, _Tracked]
    ) -> None:
        meta = deployment["metadata"]
        name = pod_name(meta["name"], hash_, self._rng)
        manifest = pod_manifest(deployment, name, hash_, self.node.name)
        try:
            stored = await objects.create(self._client, manifest)
        except KubeApiError as e:
            raise RetryableError(
                f"the API server refused Pod {meta['namespace']}/{name}: {e}",
                retry_after=self._retry_after,
            ) from e
        started = await self.node.start_pod(meta["namespace"], name, role)
        pod = _Tracked(hash_, started.ip, started.ready, started.message, self._now())
        tracked[name] = pod
        await self._write_pod_status(stored, pod)

    async def _write_pod_status(self, stored: Manifest, pod: _Tracked) -> None:
        status = running_status(
            stored,
            ip=pod.ip,
            host_ip=self.node.host_ip,
            started_at=pod.started_at,
            ready=pod.ready,
            message=pod.message,
        )
        try:
            await writes.replace_status(self._client, {**stored, "status": status})
        except KubeWriteError as e:  # stale or gone: the next reconcile repairs or reaps it
            log.info("pod status not written", pod=stored["metadata"]["name"], error=str(e))

    async def _repair(self, tracked: dict[str, _Tracked], live: dict[str, Manifest]) -> None:
        for name, pod in tracked.items():
            obj = live.get(name)
            if obj is None:
                continue
            status = obj.get("status") or {}
            if status.get("podIP") != pod.ip or is_ready(obj) != pod.ready:
                await self._write_pod_status(obj, pod)

    async def _delete_pod(self, namespace: str, name: str, tracked: dict[str, _Tracked]) -> None:
        await self.node.stop_pod(namespace, name)
        tracked.pop(name, None)
        await writes.delete(self._client, Pod, namespace, name)

    async def _report(
        self, deployment: Manifest, hash_: str, tracked: dict[str, _Tracked]
    ) -> Result:
        views = [PodView(n, t.template_hash, t.ready) for n, t in tracked.items()]
        status = deployment_status(deployment, hash_, views, self._now())
        live = deployment.get("status") or {}
        if all(live.get(k) == status.get(k) for k in STATUS_FIELDS):
            return Result()
        kept = {k: v for k, v in live.items() if k not in STATUS_FIELDS}
        try:
            await writes.replace_status(self._client, {**deployment, "status": kept | status})
        except KubeWriteError as e:
            if e.conflict or e.not_found:  # a newer version is on its way to the cache
                return Result(requeue=True)
            raise
        return Result()

    # ------------------------------------------------------------- teardown --
    async def _forget(self, key: ObjectKey) -> None:
        """The Deployment is gone: stop its pods (their objects go by garbage collection)."""
        for name in self._tracked.pop(key, {}):
            await self.node.stop_pod(key.namespace, name)
        self._uids.pop(key, None)

    async def shutdown(self) -> None:
        """Delete every Pod this process runs and report their Deployments at zero.

        Best effort: a refused write is logged and the rest goes on.
        """
        for key, tracked in list(self._tracked.items()):
            for name in list(tracked):
                try:
                    await self._delete_pod(key.namespace, name, tracked)
                except KubeWriteError as e:
                    log.warning("pod not deleted", pod=f"{key.namespace}/{name}", error=str(e))
            await self._report_zero(key)
        self._tracked.clear()

    async def _report_zero(self, key: ObjectKey) -> None:
        deployment = self.deployment(key)
        for _ in range(3):  # the cached copy may be stale: then read it afresh
            if deployment is None:
                return
            hash_ = template_hash(deployment["spec"]["template"])
            try:
                if not (await self._report(deployment, hash_, {})).requeue:
                    return
                deployment = await objects.get(
                    self._client, "apps/v1", "Deployment", key.namespace, key.name
                )
            except KubeWriteError as e:
                log.warning("deployment status not reset", deployment=str(key), error=str(e))
                return
        log.warning("deployment status not reset: it kept changing", deployment=str(key))
