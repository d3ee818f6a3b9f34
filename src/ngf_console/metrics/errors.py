"""Errors of the Prometheus boundary.

One hierarchy; the API maps each leaf to an HTTP status in its one handler (suggested)::

    PrometheusError
    ├── PrometheusUnavailableError  Prometheus cannot be reached, timed out, or answered 5xx  [503]
    ├── PrometheusQueryError        Prometheus rejected the query (bad_data, execution, …)   [400]
    └── PrometheusResponseError     an answer that is not the documented API shape          [502]
"""

from __future__ import annotations


class PrometheusError(Exception):
    """Base class of every error the metrics client raises."""


class PrometheusUnavailableError(PrometheusError):
    """Prometheus is unreachable, too slow, or failing (5xx other than query errors)."""


class PrometheusQueryError(PrometheusError):
    """Prometheus refused the query; `error_type` is its `errorType` (e.g. `bad_data`)."""

    def __init__(self, error_type: str, message: str, query: str) -> None:
        super().__init__(f"{error_type}: {message} (query: {query})")
        self.error_type = error_type
        self.query = query


class PrometheusResponseError(PrometheusError):
    """The answer does not have the shape the HTTP API documents."""
