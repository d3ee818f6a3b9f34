"""Errors raised by the configuration database layer.

One hierarchy for the store boundary; the API maps each leaf to an HTTP status in its one
exception handler (suggested mapping in brackets)::

    StoreError
    ├── DatabaseURLError          the configured URL names an unsupported database   [500]
    ├── MigrationError            Alembic could not bring the schema to head         [500]
    ├── NotFoundError             no row with that id                                 [404]
    ├── AlreadyExistsError        a unique value (e.g. a user's email) is taken       [409]
    ├── InvalidCursorError        a pagination cursor was not issued by us            [400]
    ├── ResourceMismatchError     two audit versions belong to different resources    [400]
    └── RedactedValueMissingError a redacted secret cannot be restored for a revert   [409]
"""

from __future__ import annotations


class StoreError(Exception):
    """Base class of every error the store raises."""


class DatabaseURLError(StoreError):
    """The database URL is malformed or names a database we do not support."""


class MigrationError(StoreError):
    """Bringing the schema to the head revision failed."""


class NotFoundError(StoreError):
    """No row of `table` has `key`."""

    def __init__(self, table: str, key: object) -> None:
        super().__init__(f"{table}: no row with id {key!r}")
        self.table = table
        self.key = key


class AlreadyExistsError(StoreError):
    """A unique column already holds this value."""

    def __init__(self, table: str, column: str, value: object) -> None:
        super().__init__(f"{table}: {column} {value!r} already exists")
        self.table = table
        self.column = column
        self.value = value


class InvalidCursorError(StoreError):
    """A pagination cursor is malformed (it was not issued by this store)."""


class ResourceMismatchError(StoreError):
    """Two audit entries compared as versions of one resource describe different resources."""


class RedactedValueMissingError(StoreError):
    """A revert needs secrets that were redacted in the audit log and are not in the live object.

    `pointers` are the RFC 6901 JSON pointers whose values the caller must supply.
    """

    def __init__(self, pointers: tuple[str, ...]) -> None:
        joined = ", ".join(pointers)
        super().__init__(
            f"the audit log stores these secrets redacted and the live object does not have "
            f"them, so they must be given again: {joined}"
        )
        self.pointers = pointers
