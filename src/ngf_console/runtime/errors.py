"""The controller runtime's errors: one hierarchy, documented as a tree.

```
ControllerRuntimeError            every error the runtime raises or interprets
├── ReconcileError                raised by a Reconciler to steer the retry
│   ├── RetryableError            transient (API conflict, dependency not ready): requeue
│   │                             with the key's exponential backoff, or after `retry_after`
│   └── PermanentError            retrying cannot help (invalid spec, forbidden): counted and
│                                 logged, the key's backoff is forgotten and it is not requeued;
│                                 the next watch event or periodic resync tries again
├── WatchError                    a list or watch request failed (the informer backs off)
│   └── ResourceExpiredError      410 Gone: the resourceVersion left the server's window;
│                                 the informer re-lists instead of backing off
├── LeaderElectionError           the Lease could not be read or written
│   └── LeaseConflictError        someone else wrote the Lease first (optimistic concurrency)
└── ConfigurationError            wiring mistakes: no `for_()`, no kubeconfig outside a cluster
```

Any other exception escaping a reconciler is treated like `RetryableError`: an unexpected
failure is assumed transient, as controller-runtime does. Chain causes with `raise … from e`.
"""

from __future__ import annotations


class ControllerRuntimeError(Exception):
    """Base of every error of the controller runtime."""


class ReconcileError(ControllerRuntimeError):
    """Raised by a reconciler to say how the failed request should be retried."""


class RetryableError(ReconcileError):
    """A transient failure: requeue with backoff (or after `retry_after` seconds)."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PermanentError(ReconcileError):
    """Retrying will not help until the object changes; do not requeue."""


class WatchError(ControllerRuntimeError):
    """A list or watch request failed."""


class ResourceExpiredError(WatchError):
    """The watch's resourceVersion is too old (HTTP 410 Gone): re-list."""


class LeaderElectionError(ControllerRuntimeError):
    """The Lease could not be read or written."""


class LeaseConflictError(LeaderElectionError):
    """The Lease changed since it was read, or already exists on create."""


class ConfigurationError(ControllerRuntimeError):
    """The runtime was wired or configured incorrectly."""
