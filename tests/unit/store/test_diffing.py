"""YAML rendering and unified diffs (`ngf_console.store.diffing`).

Matrix: key order never matters; None renders empty; nothing wraps; identical configs give
no diff; create/update/delete labels (`/dev/null` for the missing side); cluster-scoped labels.
"""

from __future__ import annotations

from ngf_console.store.diffing import render_yaml, resource_label, unified_diff


def test_render_yaml_sorts_keys_at_every_depth() -> None:
    one = {"spec": {"b": 1, "a": [{"y": 2, "x": 1}]}, "kind": "K"}
    two = {"kind": "K", "spec": {"a": [{"x": 1, "y": 2}], "b": 1}}

    assert (
        render_yaml(one) == render_yaml(two) == "kind: K\nspec:\n  a:\n  - x: 1\n    y: 2\n  b: 1\n"
    )


def test_render_yaml_of_none_is_empty() -> None:
    assert render_yaml(None) == ""


def test_render_yaml_does_not_wrap_long_strings() -> None:
    long = "word " * 100

    assert render_yaml({"annotation": long}).count("\n") == 1


def test_render_yaml_keeps_unicode_readable() -> None:
    assert render_yaml({"description": "modèle 模型"}) == "description: modèle 模型\n"


def test_identical_configs_have_no_diff() -> None:
    config = {"spec": {"replicas": 2}}

    assert unified_diff(config, dict(config), before_label="a/x", after_label="b/x") == ""


def test_update_diff_shows_only_the_change_with_context() -> None:
    before = {"spec": {"a": 1, "b": 2, "c": 3}}
    after = {"spec": {"a": 1, "b": 20, "c": 3}}

    diff = unified_diff(before, after, before_label="a/K/ns/n", after_label="b/K/ns/n")

    assert diff == (
        "--- a/K/ns/n\n+++ b/K/ns/n\n@@ -1,4 +1,4 @@\n spec:\n   a: 1\n-  b: 2\n+  b: 20\n   c: 3\n"
    )


def test_create_and_delete_use_dev_null() -> None:
    config = {"kind": "K"}

    create = unified_diff(None, config, before_label="a/K/n", after_label="b/K/n")
    delete = unified_diff(config, None, before_label="a/K/n", after_label="b/K/n")

    assert create == "--- /dev/null\n+++ b/K/n\n@@ -0,0 +1 @@\n+kind: K\n"
    assert delete == "--- a/K/n\n+++ /dev/null\n@@ -1 +0,0 @@\n-kind: K\n"


def test_resource_label() -> None:
    assert resource_label("InferenceStack", "team-a", "chat") == "InferenceStack/team-a/chat"
    assert resource_label("GatewayClass", "", "nginx") == "GatewayClass/nginx"
