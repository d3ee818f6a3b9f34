"""The informer's store.

Matrix: watch events (add, update, delete, replayed delete) · re-list diff: new objects are
adds, changed resourceVersions updates, unchanged objects nothing, missing objects deletes ·
list by namespace and labels.
"""

from __future__ import annotations

from lightkube.resources.core_v1 import ConfigMap

from ngf_console.runtime.keys import ObjectKey
from ngf_console.runtime.store import Store
from tests.unit.runtime.builders import make_configmap


def test_watch_events_add_update_and_delete() -> None:
    store: Store[ConfigMap] = Store()
    added = store.apply("ADDED", make_configmap("a", rv="1"))
    updated = store.apply("MODIFIED", make_configmap("a", rv="2"))
    deleted = store.apply("DELETED", make_configmap("a", rv="3"))
    assert [c.type if c else None for c in (added, updated, deleted)] == ["add", "update", "delete"]
    assert updated is not None
    assert updated.old is not None
    assert updated.old.metadata is not None
    assert updated.old.metadata.resourceVersion == "1"
    assert len(store) == 0


def test_a_delete_of_an_unknown_object_changes_nothing() -> None:
    store: Store[ConfigMap] = Store()
    assert store.apply("DELETED", make_configmap("ghost")) is None


def test_a_modified_event_for_an_unknown_object_is_an_add() -> None:
    store: Store[ConfigMap] = Store()
    change = store.apply("MODIFIED", make_configmap("a"))
    assert change is not None
    assert change.type == "add"


def test_relist_reports_exactly_what_changed_while_the_watch_was_down() -> None:
    store: Store[ConfigMap] = Store()
    for name in ("same", "changed", "gone"):
        store.apply("ADDED", make_configmap(name, rv="1"))
    changes = store.replace(
        [make_configmap("same", rv="1"), make_configmap("changed", rv="5"), make_configmap("new")]
    )
    summary = sorted((c.type, c.obj.metadata.name if c.obj.metadata else "") for c in changes)
    assert summary == [("add", "new"), ("delete", "gone"), ("update", "changed")]
    assert sorted(k.name for k in store.list_keys()) == ["changed", "new", "same"]


def test_list_filters_by_namespace_and_labels() -> None:
    store: Store[ConfigMap] = Store()
    store.apply("ADDED", make_configmap("a", "ns1", labels={"app": "x", "tier": "1"}))
    store.apply("ADDED", make_configmap("b", "ns1", labels={"app": "y"}))
    store.apply("ADDED", make_configmap("c", "ns2", labels={"app": "x"}))

    def names(objs: list[ConfigMap]) -> list[str]:
        return sorted(o.metadata.name or "" for o in objs if o.metadata)

    assert names(store.list(namespace="ns1")) == ["a", "b"]
    assert names(store.list(labels={"app": "x"})) == ["a", "c"]
    assert names(store.list(namespace="ns1", labels={"app": "x"})) == ["a"]
    assert store.get(ObjectKey("ns2", "c")) is not None
    assert ObjectKey("ns2", "c") in store
