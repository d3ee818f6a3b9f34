"""The live GPU metrics stream: every pod's DCGM and serving state, pushed periodically.

One poller serves every client: while anyone listens, every `interval` seconds it reads each
pod's state from Prometheus (`PromReader.pod_states`) once and offers the message to each
client's bounded queue (slow clients are dropped by their senders). A client subscribing
with a namespace gets only that namespace's pods.

Message: `{type: "gpu", at, available, error, pods: [{namespace, …PodState}]}` — `available`
is false without Prometheus, `error` says why a poll failed (the stream continues).
"""

from __future__ import annotations

import asyncio
import contextlib
import time

from ngf_console.server.errors import UnavailableError
from ngf_console.server.hub import Message, Subscriber
from ngf_console.server.inference_prom import PromReader


class GpuStream:
    """Polls while subscribed (see the module docstring)."""

    def __init__(self, prom: PromReader | None, interval: float = 5.0) -> None:
        self._prom = prom
        self.interval = interval
        self._subscribers: dict[Subscriber, str | None] = {}
        self._task: asyncio.Task[None] | None = None

    def subscribe(self, subscriber: Subscriber, namespace: str | None) -> None:
        self._subscribers[subscriber] = namespace
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="gpu-stream")

    def unsubscribe(self, subscriber: Subscriber) -> None:
        self._subscribers.pop(subscriber, None)

    async def poll(self) -> list[Message]:
        """Read once; the message of each subscribed namespace filter (None: all)."""
        base: Message = {"type": "gpu", "at": time.time(), "available": self._prom is not None,
                         "error": None, "pods": []}  # fmt: skip
        pods: list[Message] = []
        if self._prom is not None:
            try:
                states = await self._prom.pod_states({})
            except UnavailableError as e:
                base["error"] = e.message
            else:
                for state in states:
                    namespace, _, pod = state.pod.partition("/")
                    entry = state.model_dump(mode="json", by_alias=True)
                    pods.append({**entry, "pod": pod, "namespace": namespace})
        return [{**base, "pods": pods}]

    async def _run(self) -> None:
        while self._subscribers:
            (message,) = await self.poll()
            for subscriber, namespace in list(self._subscribers.items()):
                if namespace is None:
                    subscriber.offer(message)
                else:
                    mine = [p for p in message["pods"] if p["namespace"] == namespace]
                    subscriber.offer({**message, "pods": mine})
            await asyncio.sleep(self.interval)

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
