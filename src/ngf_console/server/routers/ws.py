"""Live updates over WebSockets.

```
WS /api/v1/ws/crd-status/{namespace}/{name}[?kind=InferenceStack]   status of a parent
WS /api/v1/ws/events[?namespace=&kind=&name=&type=&all=true]        Kubernetes events
```

Authentication: the bearer token as the query parameter `access_token`, or as the
subprotocol `base64url.bearer.authorization.k8s.io.<token, base64url without padding>`
(Kubernetes' own convention; browsers cannot set an Authorization header on a WebSocket).
Authorization: `watch` on the kind (events) in the namespace, by SubjectAccessReview. A
refused handshake is answered 401/403 with the usual error body.

crd-status sends the current state of each matching parent first, then one message per
status change: `{type: "status", kind, namespace, name, resourceVersion, generation,
status}` (`type: "deleted"` when it goes). events sends `{type: "event", event}` for each
new or updated Event; by default only events about NGF-related objects (parent kinds,
Gateway API, NGF, InferencePool, KEDA); `all=true` sends every event.
Each client has a bounded queue; a client that falls behind is closed with code 4008.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect

from ngf_console.kube.reviews import AccessRequest
from ngf_console.server import catalog
from ngf_console.server.auth import Principal
from ngf_console.server.context import AppContext
from ngf_console.server.deps import authenticate
from ngf_console.server.errors import ForbiddenError, ServerError, error_response
from ngf_console.server.hub import CLOSE_TOO_SLOW, TEXT, Message, Subscriber
from ngf_console.server.views import Manifest, ObjectView

router = APIRouter(prefix="/ws", tags=["websocket"])
SUBPROTOCOL_PREFIX = "base64url.bearer.authorization.k8s.io."
NGF_GROUPS = frozenset(
    {
        "ngf-console.f5.com",
        "gateway.networking.k8s.io",
        "gateway.nginx.org",
        "inference.networking.k8s.io",
        "keda.sh",
    }
)


def _token(websocket: WebSocket) -> tuple[str | None, str | None]:
    """The token and the subprotocol to echo (None when it came as a query parameter)."""
    for protocol in websocket.scope.get("subprotocols", []):
        if protocol.startswith(SUBPROTOCOL_PREFIX):
            raw = protocol.removeprefix(SUBPROTOCOL_PREFIX)
            padded = raw + "=" * (-len(raw) % 4)
            with contextlib.suppress(ValueError):
                return base64.urlsafe_b64decode(padded).decode(), protocol
    return websocket.query_params.get("access_token"), None


async def admit(
    websocket: WebSocket, requests: list[AccessRequest]
) -> tuple[Principal, list[AccessRequest], str | None] | None:
    """Authenticate and authorize; the allowed requests, or None after a denial."""
    context: AppContext = websocket.app.state.context
    token, protocol = _token(websocket)
    try:
        principal = await authenticate(context, token)
        allowed = [
            r for r in requests if (await context.authorizer.authorize(principal, r)).allowed
        ]
        if not allowed:
            raise ForbiddenError(f"{principal.username} cannot watch these resources")
    except ServerError as e:
        response = error_response(websocket, e.status, e.reason, e.message)
        await websocket.send_denial_response(response)
        return None
    return principal, allowed, protocol


async def pump(websocket: WebSocket, subscriber: Subscriber) -> None:
    """Send queued messages (pre-encoded `TEXT` ones as is) until the client leaves or lags."""

    async def drain_client() -> None:
        with contextlib.suppress(WebSocketDisconnect):
            while True:
                await websocket.receive_text()

    reader = asyncio.create_task(drain_client())
    try:
        while not reader.done():
            getter = asyncio.create_task(subscriber.next())
            await asyncio.wait({getter, reader}, return_when=asyncio.FIRST_COMPLETED)
            if not getter.done():
                getter.cancel()
                break
            message = getter.result()
            if message is None:
                await websocket.close(CLOSE_TOO_SLOW, "client too slow; reconnect")
                break
            if not await _send(websocket, subscriber, message):
                break  # it stopped reading and overflowed: abandon it (uvicorn closes it)
    except (WebSocketDisconnect, RuntimeError):
        pass
    finally:
        reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reader


async def _send(websocket: WebSocket, subscriber: Subscriber, message: Message) -> bool:
    """Send `message`; False when the client overflowed while the send waited on it."""
    if TEXT in message:
        sending = asyncio.ensure_future(websocket.send_text(message[TEXT]))
    else:
        sending = asyncio.ensure_future(websocket.send_json(message))
    if not sending.done():
        dropped = asyncio.ensure_future(subscriber.dropped.wait())
        await asyncio.wait({sending, dropped}, return_when=asyncio.FIRST_COMPLETED)
        dropped.cancel()
        if not sending.done():  # still waiting for the client to read: give up on it
            sending.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sending
            return False
    sending.result()  # its error, if any
    return True


def status_message(manifest: Manifest) -> Message:
    meta = manifest["metadata"]
    return {
        "type": "status",
        "kind": manifest["kind"],
        "namespace": meta.get("namespace", ""),
        "name": meta["name"],
        "resourceVersion": meta.get("resourceVersion"),
        "generation": meta.get("generation"),
        "status": manifest.get("status"),
    }


async def _serve(
    websocket: WebSocket,
    protocol: str | None,
    views: list[ObjectView],
    listener: Callable[[Subscriber], Callable[[Manifest | None, Manifest | None], None]],
    initial: list[Message],
) -> None:
    context: AppContext = websocket.app.state.context
    subscriber = context.hub.subscribe()
    on_change = listener(subscriber)
    for view in views:
        view.add_listener(on_change)
    try:
        await websocket.accept(subprotocol=protocol)
        for message in initial:
            subscriber.offer(message)
        await pump(websocket, subscriber)
    finally:
        for view in views:
            view.remove_listener(on_change)
        context.hub.unsubscribe(subscriber)


@router.websocket("/crd-status/{namespace}/{name}")
async def crd_status(
    websocket: WebSocket,
    namespace: str,
    name: str,
    kind: Annotated[str | None, Query(max_length=63)] = None,
) -> None:
    context: AppContext = websocket.app.state.context
    rtypes = [r for r in catalog.PARENTS if kind is None or r.kind == kind]
    if not rtypes:
        message = f"{kind} is not a parent kind"
        await websocket.send_denial_response(error_response(websocket, 400, "BadRequest", message))
        return
    requests = [AccessRequest("watch", r.group, r.plural, namespace, name) for r in rtypes]
    admitted = await admit(websocket, requests)
    if admitted is None:
        return
    _, allowed, protocol = admitted
    plurals = {r.resource for r in allowed}
    views = [context.cache.views[r.kind] for r in rtypes if r.plural in plurals]

    def listener(subscriber: Subscriber) -> Callable[[Manifest | None, Manifest | None], None]:
        def on_change(old: Manifest | None, new: Manifest | None) -> None:
            latest = new or old
            assert latest is not None
            meta = latest["metadata"]
            if meta.get("namespace") != namespace or meta["name"] != name:
                return
            if new is None:
                subscriber.offer({**status_message(latest), "type": "deleted"})
            elif old is None or old.get("status") != new.get("status"):
                subscriber.offer(status_message(new))

        return on_change

    initial = [status_message(m) for v in views if (m := v.get(namespace, name)) is not None]
    await _serve(websocket, protocol, views, listener, initial)


def _related(event: Manifest) -> bool:
    api_version = str((event.get("involvedObject") or {}).get("apiVersion", ""))
    return api_version.rpartition("/")[0] in NGF_GROUPS


@router.websocket("/events")
async def events(
    websocket: WebSocket,
    *,
    namespace: Annotated[str | None, Query(max_length=63)] = None,
    kind: Annotated[str | None, Query(max_length=63)] = None,
    name: Annotated[str | None, Query(max_length=253)] = None,
    event_type: Annotated[str | None, Query(alias="type", max_length=16)] = None,
    every: Annotated[bool, Query(alias="all")] = False,
) -> None:
    context: AppContext = websocket.app.state.context
    rtype = catalog.EVENTS
    request = AccessRequest("watch", rtype.group, rtype.plural, namespace or "")
    admitted = await admit(websocket, [request])
    if admitted is None:
        return
    _, _, protocol = admitted

    def wanted(event: Manifest) -> bool:
        involved: dict[str, Any] = event.get("involvedObject") or {}
        return (
            (namespace is None or event["metadata"].get("namespace") == namespace)
            and (kind is None or involved.get("kind") == kind)
            and (name is None or involved.get("name") == name)
            and (event_type is None or event.get("type") == event_type)
            and (every or _related(event))
        )

    def listener(subscriber: Subscriber) -> Callable[[Manifest | None, Manifest | None], None]:
        def on_change(old: Manifest | None, new: Manifest | None) -> None:
            if new is not None and wanted(new):
                subscriber.offer({"type": "event", "event": new})

        return on_change

    await _serve(websocket, protocol, [context.cache.views[rtype.kind]], listener, [])
