"""Builders and fakes shared by the runtime's unit tests.

* `make_configmap(name, ...)` — a ConfigMap with labels, owner, resourceVersion, generation.
* `Stack` — a generic namespaced kind standing in for a CRD parent.
* `FakeListWatch` — an in-memory `ListWatch`: tests mutate objects, push events into the
  open watch, end it, or make the next list/watch fail (e.g. 410 Gone).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Mapping

from lightkube.generic_resource import create_namespaced_resource
from lightkube.models.meta_v1 import ObjectMeta, OwnerReference
from lightkube.resources.core_v1 import ConfigMap

from ngf_console.runtime.keys import ObjectKey, key_of
from ngf_console.runtime.listwatch import EventType, WatchEvent

Stack = create_namespaced_resource(
    "ngf-console.f5.com", "v1alpha1", "InferenceStack", "inferencestacks"
)

_END = object()


def owner_ref(
    name: str,
    *,
    kind: str = "InferenceStack",
    api_version: str = "ngf-console.f5.com/v1alpha1",
    controller: bool | None = True,
) -> OwnerReference:
    """An ownerReference to `name` (a controller reference unless told otherwise)."""
    return OwnerReference(
        apiVersion=api_version, kind=kind, name=name, uid=f"uid-{name}", controller=controller
    )


def make_configmap(
    name: str,
    namespace: str = "ns",
    *,
    labels: Mapping[str, str] | None = None,
    owners: list[OwnerReference] | None = None,
    rv: str = "1",
    generation: int | None = None,
    data: Mapping[str, str] | None = None,
) -> ConfigMap:
    """A ConfigMap as the API server would return it."""
    return ConfigMap(
        metadata=ObjectMeta(
            name=name,
            namespace=namespace,
            labels=dict(labels) if labels else None,
            ownerReferences=owners,
            resourceVersion=rv,
            generation=generation,
        ),
        data=dict(data) if data else None,
    )


def bookmark(rv: str) -> ConfigMap:
    """What a BOOKMARK event carries: only a resourceVersion."""
    return ConfigMap(metadata=ObjectMeta(resourceVersion=rv))


class FakeListWatch:
    """An in-memory API server for one kind."""

    def __init__(self) -> None:
        self.objects: dict[ObjectKey, ConfigMap] = {}
        self.version = 100
        self.lists = 0
        self.watches: list[str] = []
        self.list_errors: list[Exception] = []
        self.watch_errors: list[Exception] = []
        self._stream: asyncio.Queue[object] | None = None

    @property
    def watching(self) -> bool:
        return self._stream is not None

    def _next_rv(self) -> str:
        self.version += 1
        return str(self.version)

    def put(self, obj: ConfigMap, *, emit: bool = True) -> ConfigMap:
        """Create or update `obj` (a new resourceVersion), and send the event if watched."""
        assert obj.metadata is not None
        obj.metadata.resourceVersion = self._next_rv()
        key = key_of(obj)
        event: EventType = "MODIFIED" if key in self.objects else "ADDED"
        self.objects[key] = obj
        if emit:
            self.emit(event, obj)
        return obj

    def delete(self, key: ObjectKey, *, emit: bool = True) -> None:
        """Delete the object, and send the event if watched."""
        obj = self.objects.pop(key)
        assert obj.metadata is not None
        obj.metadata.resourceVersion = self._next_rv()
        if emit:
            self.emit("DELETED", obj)

    def emit(self, event: EventType, obj: ConfigMap) -> None:
        if self._stream is not None:
            self._stream.put_nowait(WatchEvent(event, obj))

    def end_watch(self, error: Exception | None = None) -> None:
        """End the open watch normally, or with `error`."""
        if self._stream is not None:
            self._stream.put_nowait(error if error is not None else _END)

    async def list(self) -> tuple[list[ConfigMap], str]:
        self.lists += 1
        if self.list_errors:
            raise self.list_errors.pop(0)
        return list(self.objects.values()), str(self.version)

    async def watch(self, resource_version: str) -> AsyncGenerator[WatchEvent[ConfigMap], None]:
        self.watches.append(resource_version)
        if self.watch_errors:
            raise self.watch_errors.pop(0)
        stream: asyncio.Queue[object] = asyncio.Queue()
        self._stream = stream
        try:
            while True:
                item = await stream.get()
                if item is _END:
                    return
                if isinstance(item, Exception):
                    raise item
                assert isinstance(item, WatchEvent)
                yield item
        finally:
            if self._stream is stream:
                self._stream = None
