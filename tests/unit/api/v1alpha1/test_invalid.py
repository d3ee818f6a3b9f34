"""The invalid-spec table, client side: the pydantic models reject every row.

Matrix: every row of `tests.crd_cases.INVALID` (each CEL rule, bound, enum, pattern and
list rule of the five kinds) → a ValidationError located at the field, or at the object
holding it with the field's name in the message, carrying the row's message fragment. The
same table runs against the real API server in tests/integration/api. A meta-test checks
that every CEL rule of the generated CRDs is exercised by some row.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import ValidationError

from ngf_console.api.crdgen.crd import open_api_schema
from ngf_console.api.v1alpha1 import KINDS, by_kind
from tests.crd_cases import INVALID, Invalid, k8s_path, leaf, names_field


@pytest.mark.parametrize("case", INVALID, ids=lambda c: c.id)
def test_model_rejects_with_an_error_naming_the_field(case: Invalid) -> None:
    doc = case.document()
    with pytest.raises(ValidationError) as info:
        by_kind(doc["kind"]).model.from_k8s(doc)

    errors = [(k8s_path(tuple(e["loc"])), e["msg"]) for e in info.value.errors()]
    assert any(
        case.fragment in message
        and names_field(path, case.field)
        and leaf(case.field) in f"{path} {message}"
        for path, message in errors
    ), f"no error at {case.field} with {case.fragment!r}: {errors}"


def test_the_table_has_at_least_30_rows_with_unique_ids() -> None:
    assert len(INVALID) >= 30
    assert len({case.id for case in INVALID}) == len(INVALID)


def _rule_messages(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for rule in node.get("x-kubernetes-validations", []):
            yield rule["message"]
        for value in node.values():
            yield from _rule_messages(value)
    elif isinstance(node, list):
        for value in node:
            yield from _rule_messages(value)


@pytest.mark.parametrize("info", KINDS, ids=lambda k: k.kind)
def test_every_cel_rule_is_exercised_by_the_table(info: Any) -> None:
    messages = set(_rule_messages(open_api_schema(info)))
    assert messages, f"{info.kind} has no CEL rules"
    untested = {m for m in messages if not any(case.fragment in m for case in INVALID)}
    assert not untested
