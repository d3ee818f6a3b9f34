"""Clients per caller, reused for a short time: one TLS connection per active user.

The API server writes with each caller's own token. Building a client (and its TLS
connection) per request costs more than the request itself, so `ClientPool` keeps one client
per token (keyed by the token's SHA-256) for `ttl` seconds. Invariants: a client is only ever
used with the token it was built for; an expired or evicted client is closed once no request
is using it; at most `max_clients` idle clients are kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

from lightkube import AsyncClient

from ngf_console.kube.connection import KubeConnection


@dataclass
class _Entry:
    client: AsyncClient
    created: float
    users: int = field(default=0)


class ClientPool:
    """Clients of a `KubeConnection` by bearer token (see the module docstring)."""

    def __init__(
        self,
        connection: KubeConnection,
        *,
        ttl: float = 60.0,
        max_clients: int = 128,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._connection = connection
        self._ttl = ttl
        self._max = max_clients
        self._clock = clock
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._retired: list[_Entry] = []

    @contextlib.asynccontextmanager
    async def client(self, token: str) -> AsyncIterator[AsyncClient]:
        """A client acting with `token`, for the duration of the `async with`."""
        key = hashlib.sha256(token.encode()).hexdigest()
        entry = self._entries.get(key)
        if entry is None or self._clock() - entry.created >= self._ttl:
            if entry is not None:
                self._retire(key)
            entry = _Entry(self._connection.client(token=token), self._clock())
            self._entries[key] = entry
        self._entries.move_to_end(key)
        entry.users += 1
        try:
            yield entry.client
        finally:
            entry.users -= 1
            await self._reap()

    def _retire(self, key: str) -> None:
        self._retired.append(self._entries.pop(key))

    async def _reap(self) -> None:
        while len(self._entries) > self._max:
            self._retire(next(iter(self._entries)))
        idle = [e for e in self._retired if e.users == 0]
        self._retired = [e for e in self._retired if e.users > 0]
        for entry in idle:
            await entry.client.close()

    @property
    def size(self) -> int:
        """Clients kept for reuse."""
        return len(self._entries)

    async def close(self) -> None:
        """Close every client (at shutdown)."""
        entries = [*self._entries.values(), *self._retired]
        self._entries.clear()
        self._retired.clear()
        for entry in entries:
            await entry.client.close()
