"""The reconciler contract: `await reconcile(request) -> Result`, or raise.

A reconciler is level-triggered: it is given only the parent's key (`Request`), reads the
current state from the cache, converges the world to the desired state and returns.
It is never called concurrently for the same key. What happens next:

| outcome | effect |
|---|---|
| `Result()` | done; the key's backoff is forgotten |
| `Result(requeue_after=s)` | backoff forgotten; reconcile again after `s` seconds |
| `Result(requeue=True)` | reconcile again after the key's backoff delay |
| raise `PermanentError` | counted as an error, backoff forgotten, not requeued |
| raise `RetryableError(retry_after=s)` | error; reconcile again after `s` seconds |
| raise anything else | error; reconcile again after the key's backoff delay |

Events and the periodic resync still enqueue the key in every case.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ngf_console.runtime.keys import Request


@dataclass(frozen=True)
class Result:
    """What to do after a successful reconcile."""

    requeue: bool = False
    requeue_after: float | None = None

    def __post_init__(self) -> None:
        if self.requeue_after is not None and self.requeue_after < 0:
            raise ValueError("requeue_after must be >= 0")


class Reconciler(Protocol):
    """Converges one parent object; see the module docstring for results and errors."""

    async def reconcile(self, request: Request) -> Result:
        """Reconcile the parent named by `request`."""
        ...
