"""Wire a controller the controller-runtime way (`Manager.controller(name)` returns a builder).

```python
(
    manager.controller("inferencestack")
    .for_(InferenceStack, update_filter=generation_changed)
    .owns(Deployment, ConfigMap, Service, labels={MANAGED_BY: "ngf-console"},
          parent_label="ngf-console.f5.com/stack")
    .watches(DaemonSet, map_dcgm_to_stacks, labels={"app": "dcgm-exporter"})
    .with_options(workers=2)
    .complete(InferenceStackReconciler(...))
)
```

* `for_(Parent)` — the kind reconciled; its events enqueue the object itself. Exactly once.
* `owns(*Children)` — child events enqueue the parent named by the controller
  ownerReference and, with `parent_label`, by that label too. Give `labels` so the watch
  is filtered on the server: only labelled children are listed, watched and cached.
* `watches(Kind, mapper)` — any other kind, with an arbitrary object → parent keys mapper.
* `namespace=` restricts any watch to one namespace (default: all).

`complete(reconciler)` creates (or shares) the informers in the manager's cache, registers
the handlers and the controller with the manager, and returns the `Controller`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Self

from lightkube.core.resource import Resource

from ngf_console.runtime.cache import Cache
from ngf_console.runtime.clock import SYSTEM_CLOCK, Clock
from ngf_console.runtime.controller import Controller, ControllerOptions
from ngf_console.runtime.errors import ConfigurationError
from ngf_console.runtime.listwatch import Labels
from ngf_console.runtime.mappers import (
    Mapper,
    UpdateFilter,
    any_change,
    label_mapper,
    owner_mapper,
    self_key,
    union,
)
from ngf_console.runtime.metrics import RuntimeMetrics
from ngf_console.runtime.reconcile import Reconciler


@dataclass(frozen=True)
class _Watch:
    kind: type[Resource]
    namespace: str | None
    labels: Labels | None
    mapper: Callable[[type[Resource]], Mapper]
    update_filter: UpdateFilter


class ControllerBuilder:
    """Collects what a controller watches; `complete()` wires it."""

    def __init__(
        self,
        name: str,
        *,
        cache: Cache,
        metrics: RuntimeMetrics,
        register: Callable[[Controller], None],
        options: ControllerOptions | None = None,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        self._name = name
        self._cache = cache
        self._metrics = metrics
        self._register = register
        self._options = options or ControllerOptions()
        self._clock = clock
        self._parent: _Watch | None = None
        self._watches: list[_Watch] = []

    def for_(
        self,
        kind: type[Resource],
        *,
        namespace: str | None = None,
        labels: Labels | None = None,
        update_filter: UpdateFilter = any_change,
    ) -> Self:
        """Reconcile objects of `kind`."""
        if self._parent is not None:
            raise ConfigurationError(f"controller {self._name}: for_() was already called")
        self._parent = _Watch(kind, namespace, labels, lambda _: self_key, update_filter)
        return self

    def owns(
        self,
        *kinds: type[Resource],
        namespace: str | None = None,
        labels: Labels | None = None,
        parent_label: str | None = None,
        update_filter: UpdateFilter = any_change,
    ) -> Self:
        """Reconcile the parent of every changed child of `kinds`."""

        def mapper(parent: type[Resource]) -> Mapper:
            by_owner = owner_mapper(parent)
            return union(by_owner, label_mapper(parent_label, parent)) if parent_label else by_owner

        for kind in kinds:
            self._watches.append(_Watch(kind, namespace, labels, mapper, update_filter))
        return self

    def watches(
        self,
        kind: type[Resource],
        mapper: Mapper,
        *,
        namespace: str | None = None,
        labels: Labels | None = None,
        update_filter: UpdateFilter = any_change,
    ) -> Self:
        """Reconcile `mapper(obj)` for every changed object of `kind`."""
        self._watches.append(_Watch(kind, namespace, labels, lambda _: mapper, update_filter))
        return self

    def with_options(
        self,
        *,
        workers: int | None = None,
        resync_period: float | None = None,
        backoff_base: float | None = None,
        backoff_cap: float | None = None,
    ) -> Self:
        """Override the manager's defaults for this controller (see `ControllerOptions`)."""
        o = self._options
        self._options = ControllerOptions(
            workers=o.workers if workers is None else workers,
            resync_period=o.resync_period if resync_period is None else resync_period,
            backoff_base=o.backoff_base if backoff_base is None else backoff_base,
            backoff_cap=o.backoff_cap if backoff_cap is None else backoff_cap,
        )
        return self

    def complete(self, reconciler: Reconciler) -> Controller:
        """Create the informers and handlers, register the controller, return it."""
        parent = self._parent
        if parent is None:
            raise ConfigurationError(f"controller {self._name}: call for_() before complete()")
        informer = self._cache.informer(
            parent.kind, namespace=parent.namespace, labels=parent.labels
        )
        controller = Controller(
            self._name,
            reconciler,
            informer,
            metrics=self._metrics,
            options=self._options,
            clock=self._clock,
        )
        for w in [parent, *self._watches]:
            source = self._cache.informer(w.kind, namespace=w.namespace, labels=w.labels)
            controller.watch(source, w.mapper(parent.kind), w.update_filter)
        self._register(controller)
        return controller
