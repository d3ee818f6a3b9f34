"""A small controller runtime on lightkube's AsyncClient, after controller-runtime.

```
 API server ──list+watch──▶ Informer ──Change──▶ mapper ──ObjectKey──▶ WorkQueue ──▶ workers
 (label selectors,          (Store, 410 → re-list,  (self, controller     (dedup,          │
  bookmarks)                 inactivity restart)     owner, label)        backoff)         ▼
                                                                              Reconciler.reconcile
```

Modules, one concept each:

* `keys` — `ObjectKey`/`Request`, typed metadata access for built-in and generic kinds.
* `store`, `listwatch`, `informer`, `cache` — list+watch caches shared by controllers.
* `queue`, `backoff` — the de-duplicating, rate-limited work queue.
* `mappers` — child → parent mapping (controller ownerReference, label) and update filters.
* `reconcile`, `controller`, `builder` — the Reconciler contract and controller wiring.
* `leader`, `leaselock` — Lease leader election (client-go's algorithm and timings).
* `metrics`, `health` — Prometheus metrics and `/healthz`, `/readyz`, `/metrics`.
* `manager`, `signals`, `connect`, `logs` — running it all as one process.
* `clock` — injectable time (`FakeClock` for tests), `errors` — the error tree.

The public API is re-exported here; see `docs/operator-runtime.md` for a guide.
"""

from ngf_console.runtime.builder import ControllerBuilder
from ngf_console.runtime.cache import Cache
from ngf_console.runtime.clock import SYSTEM_CLOCK, Clock, FakeClock, SystemClock
from ngf_console.runtime.controller import Controller, ControllerOptions
from ngf_console.runtime.errors import (
    ConfigurationError,
    ControllerRuntimeError,
    LeaderElectionError,
    LeaseConflictError,
    PermanentError,
    ReconcileError,
    ResourceExpiredError,
    RetryableError,
    WatchError,
)
from ngf_console.runtime.informer import Informer, WatchOptions
from ngf_console.runtime.keys import ObjectKey, Request, key_of, meta
from ngf_console.runtime.leader import LeaderElector, LeaseRecord, LeaseTimings
from ngf_console.runtime.manager import Manager, ManagerOptions
from ngf_console.runtime.mappers import (
    Mapper,
    UpdateFilter,
    any_change,
    generation_changed,
    label_mapper,
    owner_mapper,
    self_key,
    union,
)
from ngf_console.runtime.queue import WorkQueue
from ngf_console.runtime.reconcile import Reconciler, Result
from ngf_console.runtime.store import Change, Store

__all__ = [
    "SYSTEM_CLOCK",
    "Cache",
    "Change",
    "Clock",
    "ConfigurationError",
    "Controller",
    "ControllerBuilder",
    "ControllerOptions",
    "ControllerRuntimeError",
    "FakeClock",
    "Informer",
    "LeaderElectionError",
    "LeaderElector",
    "LeaseConflictError",
    "LeaseRecord",
    "LeaseTimings",
    "Manager",
    "ManagerOptions",
    "Mapper",
    "ObjectKey",
    "PermanentError",
    "ReconcileError",
    "Reconciler",
    "Request",
    "ResourceExpiredError",
    "Result",
    "RetryableError",
    "Store",
    "SystemClock",
    "UpdateFilter",
    "WatchError",
    "WatchOptions",
    "WorkQueue",
    "any_change",
    "generation_changed",
    "key_of",
    "label_mapper",
    "meta",
    "owner_mapper",
    "self_key",
    "union",
]
