"""Query parameters in ClickHouse's text form and identifier checks (`analytics.params`).

Matrix: strings with quotes, backslashes, tabs, newlines and NUL; integers; floats incl.
NaN and ±inf; booleans; arrays of strings and numbers; unsupported types; identifiers
accepted and refused.
"""

from __future__ import annotations

import math

import pytest

from ngf_console.analytics.errors import SchemaError
from ngf_console.analytics.params import format_param, identifier
from ngf_console.analytics.store import Param


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("plain", "plain"),
        ("it's", "it\\'s"),
        ("back\\slash", "back\\\\slash"),
        ("tab\there", "tab\\there"),
        ("line\nbreak", "line\\nbreak"),
        ("nul\0", "nul\\0"),
        ("ünïcode ✓", "ünïcode ✓"),
        (42, "42"),
        (-7, "-7"),
        (2.5, "2.5"),
        (math.nan, "nan"),
        (math.inf, "inf"),
        (-math.inf, "-inf"),
        (True, "true"),
        (False, "false"),
        (["a", "b'c"], "['a','b\\'c']"),
        ([1, 2], "[1,2]"),
        ([0.5, math.nan], "[0.5,nan]"),
        ([], "[]"),
    ],
    ids=lambda v: repr(v)[:20],
)
def test_format_param(value: Param, text: str) -> None:
    assert format_param(value) == text


def test_unsupported_parameter_types_are_refused() -> None:
    with pytest.raises(TypeError, match="unsupported parameter type"):
        format_param(object())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="unsupported array element"):
        format_param([object()])  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["ngf", "t_0123abcd", "_private", "A" * 64])
def test_identifiers_accepted(name: str) -> None:
    assert identifier(name) == name


@pytest.mark.parametrize("name", ["", "1st", "a-b", "a b", "x;DROP", "a.b", "A" * 65, "ä"])
def test_identifiers_refused(name: str) -> None:
    with pytest.raises(SchemaError, match="not a plain identifier"):
        identifier(name)
