"""`LeaseLock` on a `coordination.k8s.io/v1` Lease through lightkube.

Updates are full replaces carrying the resourceVersion that was read, so a concurrent
writer makes the API server answer 409, reported as `LeaseConflictError`; create of an
existing Lease is a conflict too. Other API failures become `LeaderElectionError`.
"""

from __future__ import annotations

from lightkube import ApiError, AsyncClient
from lightkube.models.coordination_v1 import LeaseSpec
from lightkube.models.meta_v1 import ObjectMeta
from lightkube.resources.coordination_v1 import Lease

from ngf_console.runtime.errors import LeaderElectionError, LeaseConflictError
from ngf_console.runtime.leader import LeaseRecord

NOT_FOUND, CONFLICT = 404, 409


def _record(spec: LeaseSpec | None) -> LeaseRecord:
    spec = spec or LeaseSpec()
    return LeaseRecord(
        holder=spec.holderIdentity or "",
        lease_duration=spec.leaseDurationSeconds or 0,
        acquire_time=spec.acquireTime,
        renew_time=spec.renewTime,
        transitions=spec.leaseTransitions or 0,
    )


def _spec(record: LeaseRecord) -> LeaseSpec:
    return LeaseSpec(
        holderIdentity=record.holder or None,
        leaseDurationSeconds=record.lease_duration,
        acquireTime=record.acquire_time,
        renewTime=record.renew_time,
        leaseTransitions=record.transitions,
    )


def _error(e: ApiError, action: str) -> LeaderElectionError:
    if e.status.code == CONFLICT:
        return LeaseConflictError(f"{action}: {e.status.message}")
    return LeaderElectionError(f"{action}: {e.status.code} {e.status.message}")


class LightkubeLeaseLock:
    """The Lease `namespace/name`."""

    def __init__(self, client: AsyncClient, name: str, namespace: str) -> None:
        self._client = client
        self.name, self.namespace = name, namespace
        self.description = f"{namespace}/{name}"

    async def get(self) -> tuple[LeaseRecord, str] | None:
        try:
            lease = await self._client.get(Lease, self.name, namespace=self.namespace)
        except ApiError as e:
            if e.status.code == NOT_FOUND:
                return None
            raise _error(e, f"get lease {self.description}") from e
        return _record(lease.spec), _version(lease)

    async def create(self, record: LeaseRecord) -> str:
        lease = Lease(
            metadata=ObjectMeta(name=self.name, namespace=self.namespace), spec=_spec(record)
        )
        try:
            created = await self._client.create(lease)
        except ApiError as e:  # 409 AlreadyExists: someone else created it first
            raise _error(e, f"create lease {self.description}") from e
        return _version(created)

    async def update(self, record: LeaseRecord, version: str) -> str:
        meta = ObjectMeta(name=self.name, namespace=self.namespace, resourceVersion=version)
        try:
            replaced = await self._client.replace(Lease(metadata=meta, spec=_spec(record)))
        except ApiError as e:
            raise _error(e, f"update lease {self.description}") from e
        return _version(replaced)


def _version(lease: Lease) -> str:
    return (lease.metadata.resourceVersion if lease.metadata else None) or ""
