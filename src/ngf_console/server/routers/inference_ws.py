"""Live inference streams over WebSockets (authentication as in `routers.ws`).

```
WS /api/v1/ws/inference/epp/{namespace}/{name}       EPP decisions of a stack's pool, 1 s batches
WS /api/v1/ws/inference/gpu-metrics[?namespace=]     every pod's GPU and serving state
```

Authorization: `watch` on the InferenceStack (epp) or on inferencestacks in the namespace,
cluster-wide without one (gpu-metrics). The decisions are those the OTLP receiver stored
(`inference_feed`): `{type: "decisions", namespace, name, pool, sentAt, decisions: [...]}`,
each decision shaped as `EppDecision` of the REST API with `candidates: []` (one decision in
full: the REST API). GPU messages: `inference_gpu`. A client that falls behind is closed with
code 4008 (the EPP feed: `inference_feed.QUEUE_BATCHES` batches behind).
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Query, WebSocket

from ngf_console.api.v1alpha1.types import DNS_LABEL
from ngf_console.kube.reviews import AccessRequest
from ngf_console.server import catalog
from ngf_console.server.context import AppContext
from ngf_console.server.errors import error_response
from ngf_console.server.inference_feed import QUEUE_BATCHES
from ngf_console.server.inference_services import services_of
from ngf_console.server.routers.inference_params import pool_of
from ngf_console.server.routers.ws import admit, pump

router = APIRouter(prefix="/ws/inference", tags=["websocket"])
STACKS = catalog.parent("InferenceStack")


def _watch(namespace: str | None, name: str = "") -> AccessRequest:
    return AccessRequest("watch", STACKS.group, STACKS.plural, namespace or "", name)


@router.websocket("/epp/{namespace}/{name}")
async def epp_decisions(websocket: WebSocket, namespace: str, name: str) -> None:
    admitted = await admit(websocket, [_watch(namespace, name)])
    if admitted is None:
        return
    _, _, protocol = admitted
    context: AppContext = websocket.app.state.context
    services = services_of(websocket)
    pool = pool_of(context, STACKS, namespace, name)
    subscriber = context.hub.subscribe(QUEUE_BATCHES + 1)  # + the "subscribed" message
    services.feed.subscribe(namespace, pool, name, subscriber)
    try:
        await websocket.accept(subprotocol=protocol)
        subscriber.offer({"type": "subscribed", "namespace": namespace, "name": name,
                          "pool": pool, "intervalSeconds": services.feed.interval})  # fmt: skip
        await pump(websocket, subscriber)
    finally:
        services.feed.unsubscribe(namespace, pool, name, subscriber)
        context.hub.unsubscribe(subscriber)


@router.websocket("/gpu-metrics")
async def gpu_metrics(
    websocket: WebSocket,
    namespace: Annotated[str | None, Query(max_length=63)] = None,
) -> None:
    if namespace is not None and not re.match(DNS_LABEL, namespace):
        response = error_response(websocket, 400, "BadRequest", "namespace is not a DNS label")
        await websocket.send_denial_response(response)
        return
    admitted = await admit(websocket, [_watch(namespace)])
    if admitted is None:
        return
    _, _, protocol = admitted
    context: AppContext = websocket.app.state.context
    services = services_of(websocket)
    subscriber = context.hub.subscribe()
    services.gpu.subscribe(subscriber, namespace)
    try:
        await websocket.accept(subprotocol=protocol)
        await pump(websocket, subscriber)
    finally:
        services.gpu.unsubscribe(subscriber)
        context.hub.unsubscribe(subscriber)
