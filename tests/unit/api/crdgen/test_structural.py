"""Conversion of pydantic JSON schemas into Kubernetes structural schemas.

Matrix: `$ref` inlined with the field's description winning and rules from both kept;
`X | None` → X with nullable; other unions, free-form maps without the preserve marker,
constrained map keys and type-less nodes are refused; `title` dropped; exclusive bounds
converted to OpenAPI v3 booleans; `const` → enum; keys sorted.
"""

from __future__ import annotations

from typing import Any

import pytest

from ngf_console.api.crdgen.structural import SchemaError, structural

DEFS: dict[str, Any] = {
    "Ref": {
        "title": "Ref",
        "description": "Model docstring.",
        "type": "object",
        "additionalProperties": False,
        "properties": {"name": {"title": "Name", "type": "string", "maxLength": 3}},
        "required": ["name"],
        "x-kubernetes-validations": [{"rule": "a", "message": "model rule"}],
    }
}


def test_ref_is_inlined_and_the_field_description_wins() -> None:
    node = {
        "$ref": "#/$defs/Ref",
        "description": "Field text.",
        "x-kubernetes-validations": [{"rule": "b", "message": "field rule"}],
    }

    assert structural(node, DEFS) == {
        "description": "Field text.",
        "properties": {"name": {"maxLength": 3, "type": "string"}},
        "required": ["name"],
        "type": "object",
        "x-kubernetes-validations": [
            {"rule": "a", "message": "model rule"},
            {"rule": "b", "message": "field rule"},
        ],
    }


def test_optional_becomes_nullable_without_a_null_default() -> None:
    node = {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}], "default": None}

    assert structural(node, {}) == {"minimum": 1, "nullable": True, "type": "integer"}


def test_exclusive_bounds_and_const() -> None:
    node = {
        "type": "object",
        "properties": {
            "z": {"type": "number", "exclusiveMinimum": 0, "title": "Z"},
            "a": {"const": "only", "type": "string"},
        },
    }

    out = structural(node, {})

    assert list(out["properties"]) == ["a", "z"]
    assert out["properties"]["z"] == {"exclusiveMinimum": True, "minimum": 0, "type": "number"}
    assert out["properties"]["a"] == {"enum": ["only"], "type": "string"}


def test_int_or_string_keeps_its_union() -> None:
    node = {"anyOf": [{"type": "integer"}, {"type": "string"}], "x-kubernetes-int-or-string": True}

    assert structural(node, {}) == node


@pytest.mark.parametrize(
    ("node", "complaint"),
    [
        ({"anyOf": [{"type": "integer"}, {"type": "string"}]}, "unions"),
        ({"type": "object", "additionalProperties": True}, "preserve-unknown-fields"),
        ({"type": "object", "propertyNames": {"maxLength": 3}}, "map keys"),
        ({"description": "no type"}, "needs a type"),
    ],
)
def test_non_structural_constructs_are_refused(node: dict[str, Any], complaint: str) -> None:
    with pytest.raises(SchemaError, match=complaint):
        structural(node, {}, "spec.x")
