"""Turn a pydantic JSON schema into a Kubernetes structural schema.

Structural means (apiextensions.k8s.io/v1): no `$ref` (the `$defs` are inlined), no unions
(`X | None` becomes X with `nullable: true`), a `type` on every node except int-or-string
quantities, and no JSON-Schema keywords Kubernetes does not know (`title`, `const`,
`propertyNames`, numeric `exclusiveMinimum`). Keys are sorted, so the output depends only on
the models, and every node is a fresh object (no YAML anchors in the output). Descriptions
are collapsed to single spaces (docstrings wrap lines).

Enums need no `maxLength`: the API server bounds an enum string by its longest value when it
estimates the cost of CEL rules (and a `maxLength` would only repeat the enum's error).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

Schema = dict[str, Any]

_ONLY_FIELD_KEYS = ("description", "default", "x-kubernetes-validations")


class SchemaError(ValueError):
    """The models use a construct that has no structural-schema equivalent."""


def structural(node: Mapping[str, Any], defs: Mapping[str, Any], path: str = "") -> Schema:
    """The structural form of `node`, a part of a pydantic `model_json_schema(by_alias=True)`
    result whose `$ref`s point into `defs`; `path` prefixes error messages."""
    return _node(node, defs, path)


def _node(node: Mapping[str, Any], defs: Mapping[str, Any], path: str) -> Schema:
    out: Schema = {}
    for key, value in _resolve(node, defs, path).items():
        handler = _HANDLERS.get(key)
        out.update(handler(value, defs, path) if handler else {key: copy.deepcopy(value)})
    _require_type(out, path)
    return dict(sorted(out.items()))


def _properties(value: Any, defs: Mapping[str, Any], path: str) -> Schema:
    return {
        "properties": {
            name: _node(sub, defs, f"{path}.{name}") for name, sub in sorted(value.items())
        }
    }


def _additional_properties(value: Any, defs: Mapping[str, Any], path: str) -> Schema:
    if isinstance(value, Mapping):
        return {"additionalProperties": _node(value, defs, f"{path}{{}}")}
    if value is not False:
        raise SchemaError(f"{path}: free-form maps need x-kubernetes-preserve-unknown-fields")
    return {}


def _exclusive(bound: str) -> Callable[[Any, Mapping[str, Any], str], Schema]:
    def convert(value: Any, _defs: Mapping[str, Any], _path: str) -> Schema:
        if isinstance(value, bool):
            return {f"exclusive{bound}": value}
        return {bound.lower(): value, f"exclusive{bound}": True}

    return convert


def _reject(what: str) -> Callable[[Any, Mapping[str, Any], str], Schema]:
    def reject(_value: Any, _defs: Mapping[str, Any], path: str) -> Schema:
        raise SchemaError(f"{path}: {what} are not structural")

    return reject


_HANDLERS: dict[str, Callable[[Any, Mapping[str, Any], str], Schema]] = {
    "$defs": lambda _v, _d, _p: {},
    "title": lambda _v, _d, _p: {},
    "default": lambda v, _d, _p: {} if v is None else {"default": v},
    "description": lambda v, _d, _p: {"description": " ".join(str(v).split())},
    "const": lambda v, _d, _p: {"enum": [v]},
    "required": lambda v, _d, _p: {"required": sorted(v)},
    "properties": _properties,
    "items": lambda v, d, p: {"items": _node(v, d, f"{p}[]")},
    "additionalProperties": _additional_properties,
    "exclusiveMinimum": _exclusive("Minimum"),
    "exclusiveMaximum": _exclusive("Maximum"),
    "propertyNames": _reject("constrained map keys"),
}


def _resolve(node: Mapping[str, Any], defs: Mapping[str, Any], path: str) -> Mapping[str, Any]:
    """Inline a `$ref` and unwrap `X | None`; the field's own keys win over the definition's."""
    if "$ref" in node:
        target = defs[str(node["$ref"]).rsplit("/", 1)[-1]]
        return _resolve(_merge(target, node, "$ref"), defs, path)
    if "allOf" in node and len(node["allOf"]) == 1:
        return _resolve(_merge(node["allOf"][0], node, "allOf"), defs, path)
    if "anyOf" in node and not node.get("x-kubernetes-int-or-string"):
        variants = [v for v in node["anyOf"] if v.get("type") != "null"]
        if len(variants) != 1:
            raise SchemaError(f"{path}: unions other than `X | None` are not structural")
        merged = dict(_merge(_resolve(variants[0], defs, path), node, "anyOf"))
        if len(variants) < len(node["anyOf"]):
            merged["nullable"] = True
        return merged
    return node


def _merge(base: Mapping[str, Any], field: Mapping[str, Any], drop: str) -> Mapping[str, Any]:
    merged = dict(base)
    for key, value in field.items():
        if key == drop:
            continue
        if key == "x-kubernetes-validations":
            merged[key] = [*base.get(key, []), *value]
        elif key in _ONLY_FIELD_KEYS or key not in merged:
            merged[key] = value
    return merged


def _require_type(out: Schema, path: str) -> None:
    if "type" not in out and not out.get("x-kubernetes-int-or-string"):
        raise SchemaError(f"{path or '<root>'}: every structural schema node needs a type")
