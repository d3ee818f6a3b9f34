"""Structured logging: JSON lines when stderr is not a terminal (in a cluster), else pretty.

Every runtime module logs through `structlog.get_logger(__name__)` with key/value context
(`controller`, `key`, `informer`, `lease`…); `configure_logging()` is called once by the
entry point. Logs go to stderr.
"""

from __future__ import annotations

import logging
import sys
from enum import StrEnum

import structlog


class LogFormat(StrEnum):
    """How log lines are rendered."""

    AUTO = "auto"
    """JSON unless stderr is a terminal."""
    JSON = "json"
    CONSOLE = "console"


def configure_logging(level: str = "info", fmt: LogFormat = LogFormat.AUTO) -> None:
    """Configure structlog for the process."""
    as_json = fmt is LogFormat.JSON or (fmt is LogFormat.AUTO and not sys.stderr.isatty())
    renderer: structlog.typing.Processor = (
        structlog.processors.JSONRenderer() if as_json else structlog.dev.ConsoleRenderer()
    )
    processors: list[structlog.typing.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    if as_json:
        processors.append(structlog.processors.dict_tracebacks)
    processors.append(renderer)
    structlog.configure(
        processors=processors,
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=True,
    )
