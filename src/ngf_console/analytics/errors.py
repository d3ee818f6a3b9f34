"""Errors raised by the analytics layer (ClickHouse schema, stores, OTLP ingest, queries).

One hierarchy for the analytics boundary; the API maps each leaf to an HTTP status in its one
exception handler (suggested mapping in brackets)::

    AnalyticsError
    ├── StoreUnavailableError     the engine or server cannot be reached / opened    [503]
    ├── QueryError                the engine rejected a statement (code + message)   [500]
    ├── SchemaError               an unknown table/column, a bad identifier          [500]
    ├── MigrationError            the schema cannot be brought to the latest version [500]
    ├── InvalidQueryError         a dashboard query's parameters are invalid          [400]
    ├── OtlpDecodeError           an OTLP request body is malformed (names the field) [400]
    └── IngestBackpressureError   the ingest queue is full; retry after N seconds    [429]
"""

from __future__ import annotations


class AnalyticsError(Exception):
    """Base class of every error the analytics layer raises."""


class StoreUnavailableError(AnalyticsError):
    """The analytics engine cannot be opened or the ClickHouse server cannot be reached."""


class QueryError(AnalyticsError):
    """The engine rejected a statement; `code` is ClickHouse's error code when known."""

    def __init__(self, message: str, *, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code


class SchemaError(AnalyticsError):
    """A table, column or identifier that the schema does not define."""


class MigrationError(AnalyticsError):
    """A migration failed or an applied migration differs from the code's."""


class InvalidQueryError(AnalyticsError):
    """A dashboard query was asked with invalid parameters (`field` names which one)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


class OtlpDecodeError(AnalyticsError):
    """An OTLP/HTTP request body cannot be decoded; `field` is the path of the bad field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field


class IngestBackpressureError(AnalyticsError):
    """The ingest queue is full; the client should retry after `retry_after` seconds."""

    def __init__(self, retry_after: int, message: str) -> None:
        super().__init__(message)
        self.retry_after = retry_after
