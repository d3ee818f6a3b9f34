"""Query parameters in ClickHouse's text form, and identifier checks.

ClickHouse binds `{name:Type}` placeholders from text: the HTTP interface reads `param_name`
values, chDB reads its `params` dict — both parse the text as the declared type, top-level
strings *unquoted* with backslash escapes, nested values (array elements) as SQL literals.
`format_param` produces exactly that text; clickhouse-connect does the same for the server
adapter (the contract tests run tricky values through both).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from ngf_console.analytics.errors import SchemaError
from ngf_console.analytics.store import Param

_ESCAPES = {"\\": "\\\\", "'": "\\'", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\0": "\\0"}
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")


def format_param(value: Param) -> str:
    """The text ClickHouse parses as the parameter's value."""
    if isinstance(value, str):
        return _escape(value)
    if isinstance(value, bool | int | float):
        return _scalar(value)
    if isinstance(value, Sequence):
        return "[" + ",".join(_literal(v) for v in value) + "]"
    raise TypeError(f"unsupported parameter type {type(value).__name__}")


def _escape(text: str) -> str:
    return "".join(_ESCAPES.get(c, c) for c in text)


def _scalar(value: bool | int | float) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    return repr(value)


def _literal(value: object) -> str:
    if isinstance(value, str):
        return "'" + _escape(value) + "'"
    if isinstance(value, bool | int | float):
        return _scalar(value)
    raise TypeError(f"unsupported array element type {type(value).__name__}")


def identifier(name: str) -> str:
    """`name` when it is a plain identifier (database/table/column), else SchemaError."""
    if not _IDENTIFIER.match(name):
        raise SchemaError(f"not a plain identifier: {name!r}")
    return name
