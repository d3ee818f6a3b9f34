"""List and watch one kind on the API server: the informer's only I/O.

`ListWatch` is the seam (unit tests use an in-memory one); `LightkubeListWatch` is the real
one. Listing uses lightkube's public `AsyncClient.list` (paged). Watching sends one watch
request per call and yields its events, because lightkube's own `watch()` cannot ask for
bookmarks (`allowWatchBookmarks`), retries forever on its own and hides 410 Gone — the
informer must see each of those to resume, re-list and count restarts. It therefore reuses
lightkube's request builder and transport (`AsyncClient._client`: `prepare_request`,
`build_adapter_request`, `send`, `_watch_timeout`), pinned with lightkube==1.0.1 and
exercised by the integration tests; nothing else in the runtime touches lightkube internals.

A watch `ERROR` event (or HTTP error) with code 410 raises `ResourceExpiredError`; any other
raises `WatchError`. `BOOKMARK` events carry only `metadata.resourceVersion`.
"""

from __future__ import annotations

import json
import random
from collections.abc import AsyncGenerator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Literal, Protocol, cast

from lightkube import ALL_NS, AsyncClient
from lightkube.core import decoders
from lightkube.core.client import LabelValue
from lightkube.core.resource import NamespacedResource
from lightkube.core.selector import build_selector
from lightkube.models.meta_v1 import ObjectMeta

from ngf_console.runtime.errors import ResourceExpiredError, WatchError
from ngf_console.runtime.keys import R

EventType = Literal["ADDED", "MODIFIED", "DELETED", "BOOKMARK"]
Labels = Mapping[str, LabelValue]
"""A label selector: `{"app": "x"}` (equals), `{"k": None}` (exists), lightkube operators."""
GONE = 410


@dataclass(frozen=True)
class WatchEvent(Generic[R]):
    """One watch event; for `BOOKMARK`, `obj` only carries a resourceVersion."""

    type: EventType
    obj: R


class ListWatch(Protocol[R]):
    """Lists and watches one kind with one selector."""

    async def list(self) -> tuple[list[R], str]:
        """Every matching object and the list's resourceVersion."""
        ...

    def watch(self, resource_version: str) -> AsyncGenerator[WatchEvent[R], None]:
        """Events after `resource_version`, until the server ends the watch."""
        ...


def selector_string(labels: Labels | None) -> str | None:
    """The labelSelector query value, with keys sorted so equal selectors compare equal."""
    if not labels:
        return None
    return build_selector(dict(sorted(labels.items())))


class LightkubeListWatch(Generic[R]):
    """`ListWatch` over a lightkube `AsyncClient`, for built-in and generic (CRD) kinds."""

    def __init__(
        self,
        client: AsyncClient,
        kind: type[R],
        *,
        namespace: str | None = None,
        labels: Labels | None = None,
        server_timeout: int = 300,
        page_size: int = 500,
    ) -> None:
        self._client = client
        self._kind = kind
        namespaced = issubclass(kind, NamespacedResource)
        self._namespace = (namespace or ALL_NS) if namespaced else None
        self._labels = dict(labels) if labels else None
        self._selector = selector_string(labels)
        self._server_timeout = server_timeout
        self._page_size = page_size

    async def list(self) -> tuple[list[R], str]:
        kind: Any = self._kind  # AsyncClient.list is overloaded per scope; R covers both
        result = self._client.list(
            kind, namespace=self._namespace, labels=self._labels, chunk_size=self._page_size
        )
        items: list[R] = [item async for item in result]
        return items, result.resourceVersion

    async def watch(self, resource_version: str) -> AsyncGenerator[WatchEvent[R], None]:
        transport: Any = self._client._client  # see the module docstring
        # client-go's reflector: a server timeout between 1x and 2x the minimum, so that
        # many watches do not all end at once.
        timeout = int(self._server_timeout * (1 + random.random()))  # noqa: S311  # jitter
        request = transport.prepare_request(
            "list",
            res=self._kind,
            namespace=self._namespace,
            watch=True,
            params={
                "resourceVersion": resource_version,
                "allowWatchBookmarks": "true",
                "timeoutSeconds": timeout,
                "labelSelector": self._selector,
            },
        )
        request.timeout = transport._watch_timeout  # no read timeout
        response = await transport.send(transport.build_adapter_request(request), stream=True)
        try:
            if response.status_code >= 400:
                await response.aread()
                raise _status_error(response.status_code, response.text)
            async for line in response.aiter_lines():
                if line:
                    yield self._decode(line)
        finally:
            await response.aclose()

    def _decode(self, line: str) -> WatchEvent[R]:
        event = decoders.decode_watch_event(line.encode())
        if event.type == "ERROR":
            status = decoders.decode_status(event.object)
            raise _error(status.code or 0, status.message or status.reason or "watch error")
        if event.type not in ("ADDED", "MODIFIED", "DELETED", "BOOKMARK"):
            raise WatchError(f"unexpected watch event type {event.type!r}")
        if event.type == "BOOKMARK":
            # A bookmark is a skeleton of the kind (required fields null): decode only the
            # resourceVersion, which is all the informer reads from it.
            return WatchEvent("BOOKMARK", self._bookmark(event.object))
        obj: R = decoders.decode_object(event.object, self._kind)
        return WatchEvent(event.type, obj)  # type: ignore[arg-type]  # checked just above

    def _bookmark(self, data: bytes) -> R:
        rv = (json.loads(bytes(data)).get("metadata") or {}).get("resourceVersion")
        kind: Any = self._kind
        fields = getattr(kind, "__struct_fields__", None)
        if fields is None:  # a generic (dict-based) resource
            return cast(R, kind({"metadata": {"resourceVersion": rv}}))
        others = dict.fromkeys((f for f in fields if f != "metadata"), None)
        return cast(R, kind(**others, metadata=ObjectMeta(resourceVersion=rv)))


def _error(code: int, message: str) -> WatchError:
    if code == GONE:
        return ResourceExpiredError(message)
    return WatchError(f"watch failed ({code}): {message}")


def _status_error(code: int, body: str) -> WatchError:
    try:
        message = str(json.loads(body).get("message", body))
    except ValueError:
        message = body
    return _error(code, message[:500])
