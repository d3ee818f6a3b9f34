"""Drift = a field we set has another value (or is gone) in the live object."""

from __future__ import annotations

from typing import Any

import pytest

from ngf_console.operator.drift import child_drift, differences

DESIRED: dict[str, Any] = {
    "apiVersion": "v1",
    "kind": "ConfigMap",
    "metadata": {"name": "x", "labels": {"a": "1"}},
    "data": {"k": "v"},
}


def _live(**changes: Any) -> dict[str, Any]:
    live: dict[str, Any] = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {
            "name": "x",
            "labels": {"a": "1", "added-by-someone": "y"},
            "resourceVersion": "12",
            "managedFields": [{"manager": "ngf-console-operator"}],
        },
        "data": {"k": "v"},
    }
    live.update(changes)
    return live


def test_server_and_foreign_fields_are_not_drift() -> None:
    assert child_drift(DESIRED, _live()) == []


def test_a_changed_value_is_drift_at_its_path() -> None:
    assert child_drift(DESIRED, _live(data={"k": "edited"})) == [".data.k"]


def test_a_removed_label_we_set_is_drift() -> None:
    live = _live()
    live["metadata"]["labels"] = {}
    assert child_drift(DESIRED, live) == [".metadata.labels.a"]


@pytest.mark.parametrize(
    ("desired", "live", "expected"),
    [
        ({"l": [1, 2]}, {"l": [1, 2, 3]}, [".l"]),
        ({"l": [{"a": 1}]}, {"l": [{"a": 1, "default": True}]}, []),
        ({"l": [{"a": 1}]}, {"l": [{"a": 2}]}, [".l[0].a"]),
        ({"n": 3}, {"n": 3.0}, []),
        ({"b": True}, {"b": 1}, [".b"]),
        ({"d": {"x": 1}}, {"d": "text"}, [".d"]),
    ],
    ids=["list-grew", "defaulted-item-field", "item-changed", "int-float", "bool-int", "type"],
)
def test_differences(desired: Any, live: Any, expected: list[str]) -> None:
    assert differences(desired, live) == expected
