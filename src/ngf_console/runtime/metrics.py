"""Prometheus metrics of the runtime, on a registry of the manager's own.

Names follow controller-runtime and client-go's workqueue where one exists, so existing
dashboards and alerts apply:

| metric | type | labels |
|---|---|---|
| `controller_runtime_reconcile_total` | counter | controller, result ¹ |
| `controller_runtime_reconcile_errors_total` | counter | controller |
| `controller_runtime_reconcile_time_seconds` | histogram | controller |
| `workqueue_depth` | gauge | name (the controller) |
| `workqueue_retries_total` | counter | name |
| `ngf_console_watch_restarts_total` | counter | kind, reason ² |
| `leader_election_master_status` | gauge (1 leading, 0 not) | name (the Lease) |

¹ success, error, requeue, requeue_after. ² closed, inactive, expired, error.

Each `Manager` has its own `CollectorRegistry`, so several managers can live in one process
(tests) without clashing, and `/metrics` shows exactly one manager's series.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

RECONCILE_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


class RuntimeMetrics:
    """Every metric the runtime exports."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry if registry is not None else CollectorRegistry()
        r = self.registry
        self.reconcile_total = Counter(
            "controller_runtime_reconcile_total",
            "Reconciliations per controller and result.",
            ["controller", "result"],
            registry=r,
        )
        self.reconcile_errors = Counter(
            "controller_runtime_reconcile_errors_total",
            "Reconciliations that raised, per controller.",
            ["controller"],
            registry=r,
        )
        self.reconcile_time = Histogram(
            "controller_runtime_reconcile_time_seconds",
            "Duration of one reconciliation, per controller.",
            ["controller"],
            buckets=RECONCILE_BUCKETS,
            registry=r,
        )
        self.queue_depth = Gauge(
            "workqueue_depth", "Keys waiting in a controller's queue.", ["name"], registry=r
        )
        self.queue_retries = Counter(
            "workqueue_retries_total",
            "Keys requeued with backoff, per controller.",
            ["name"],
            registry=r,
        )
        self.watch_restarts = Counter(
            "ngf_console_watch_restarts_total",
            "Watch requests restarted, per kind and reason.",
            ["kind", "reason"],
            registry=r,
        )
        self.leader = Gauge(
            "leader_election_master_status",
            "1 while this process holds the Lease, 0 otherwise.",
            ["name"],
            registry=r,
        )

    def exposition(self) -> bytes:
        """The registry in the Prometheus text format."""
        return generate_latest(self.registry)
