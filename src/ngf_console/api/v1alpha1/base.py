"""The base of every API type, and CEL rules written once for both sides.

Every model derives from `K8sModel`:

* unknown fields are rejected (`extra="forbid"`);
* Python attributes are snake_case, wire names camelCase (an alias generator, with explicit
  aliases where the spec spells a name differently, e.g. `sourceYAML`); constructors take the
  Python names, `from_k8s` parses manifests by wire names only, as the API server does;
* `to_k8s()` gives the manifest form: wire names, JSON types, and no null, `[]` or `{}` field
  (Go's `omitempty`), so what a client writes equals what the API server stores.

A cross-field check is declared once with `@cel_rule(rule, message)` on a method that returns
True when the object is valid. The CRD generator copies the rule into the schema as
`x-kubernetes-validations`; after pydantic validation the method runs and raises the same
message, so client-side and server-side validation agree. `Cel` does the same for a field type
(`Annotated[str, Cel(...)]`).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Self, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    model_validator,
)
from pydantic.alias_generators import to_camel
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from ngf_console.api import GROUP

VERSION = "v1alpha1"
API_VERSION = f"{GROUP}/{VERSION}"
_RULE_ATTR = "__cel_rule__"
_Check = TypeVar("_Check", bound=Callable[..., bool])


@dataclass(frozen=True)
class Rule:
    """One `x-kubernetes-validations` entry: the CEL expression and the message on failure."""

    rule: str
    message: str
    field_path: str | None = None

    def to_schema(self) -> dict[str, str]:
        """The entry as the CRD schema spells it."""
        out = {"message": self.message, "rule": self.rule}
        if self.field_path is not None:
            out["fieldPath"] = self.field_path
        return out


def cel_rule(
    rule: str, message: str, *, field_path: str | None = None
) -> Callable[[_Check], _Check]:
    """Mark a model method `(self) -> bool` as the Python mirror of a CEL rule on that model."""

    def mark(check: _Check) -> _Check:
        check.__dict__[_RULE_ATTR] = Rule(rule, message, field_path)
        return check

    return mark


@dataclass(frozen=True)
class Cel:
    """A CEL rule on a field's type, with its Python mirror: `Annotated[T, Cel(...)]`."""

    rule: str
    message: str
    check: Callable[[Any], bool]

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self._validate, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        rules = json_schema.setdefault("x-kubernetes-validations", [])
        rules.append(Rule(self.rule, self.message).to_schema())
        return json_schema

    def _validate(self, value: Any) -> Any:
        if not self.check(value):
            raise ValueError(self.message)
        return value


class K8sModel(BaseModel):
    """Base of the API types (see the module docstring)."""

    model_config = ConfigDict(
        extra="forbid",
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
    )

    __cel_rules__: ClassVar[tuple[tuple[Rule, Callable[[Any], bool]], ...]] = ()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        found: dict[str, tuple[Rule, Callable[[Any], bool]]] = {}
        for klass in reversed(cls.__mro__):
            for name, value in vars(klass).items():
                rule = getattr(value, _RULE_ATTR, None)
                if isinstance(rule, Rule):
                    found[name] = (rule, value)
        cls.__cel_rules__ = tuple(found.values())

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = super().__get_pydantic_json_schema__(schema, handler)
        if cls.__cel_rules__:
            target = handler.resolve_ref_schema(json_schema)
            target["x-kubernetes-validations"] = [rule.to_schema() for rule, _ in cls.__cel_rules__]
        return json_schema

    @model_validator(mode="after")
    def _check_cel_rules(self) -> Self:
        failed = [rule.message for rule, check in type(self).__cel_rules__ if not check(self)]
        if failed:
            raise ValueError("; ".join(failed))
        return self

    @classmethod
    def from_k8s(cls, document: Any) -> Self:
        """Parse a manifest (wire names only, like the API server)."""
        return cls.model_validate(document, by_alias=True, by_name=False)

    def to_k8s(self) -> dict[str, Any]:
        """The manifest form: wire names, JSON types, no null/empty fields (`omitempty`)."""
        return _prune(type(self), self.model_dump(mode="json", by_alias=True, exclude_none=True))


def _prune(model: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    """Drop empty optional fields of `model` in `data`, recursing into nested models only.

    Free-form maps (e.g. `additionalConfig`) are kept exactly as written.
    """
    for name, field in model.model_fields.items():
        key = field.alias or name
        if key not in data:
            continue
        nested = _model_of(field.annotation)
        if nested is not None:
            value = data[key]
            if isinstance(value, list):
                data[key] = [_prune(nested, item) for item in value]
            elif isinstance(value, dict):
                data[key] = _prune(nested, value)
        if data[key] in ([], {}) and not field.is_required():
            del data[key]
    return data


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model inside `M`, `M | None` or `list[M]`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _model_of(arg)
            if found is not None:
                return found
    return None
