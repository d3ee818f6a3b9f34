"""Child → parent mapping and update filters.

Matrix (owner_mapper): controller reference of the parent kind maps to the parent in the
child's namespace · a non-controller reference, another kind, another group map to nothing ·
another version of the same group maps · of several references only the controller one
counts · a cluster-scoped parent gets namespace "". label_mapper: label present / absent.
union: deduplicates. generation_changed: spec change vs status-only change.
"""

from __future__ import annotations

import pytest
from lightkube.models.meta_v1 import OwnerReference
from lightkube.resources.core_v1 import Namespace

from ngf_console.runtime.keys import ObjectKey
from ngf_console.runtime.mappers import (
    generation_changed,
    label_mapper,
    owner_mapper,
    self_key,
    union,
)
from tests.unit.runtime.builders import Stack, make_configmap, owner_ref

STACK_LABEL = "ngf-console.f5.com/stack"


@pytest.mark.parametrize(
    ("owners", "expected"),
    [
        pytest.param([owner_ref("llama")], [ObjectKey("ns", "llama")], id="controller-owner"),
        pytest.param([owner_ref("llama", controller=None)], [], id="not-controller"),
        pytest.param([owner_ref("llama", controller=False)], [], id="controller-false"),
        pytest.param([owner_ref("llama", kind="GatewayBundle")], [], id="other-kind"),
        pytest.param(
            [owner_ref("llama", api_version="other.example.com/v1alpha1")], [], id="other-group"
        ),
        pytest.param(
            [owner_ref("llama", api_version="ngf-console.f5.com/v1")],
            [ObjectKey("ns", "llama")],
            id="other-version",
        ),
        pytest.param(
            [owner_ref("a", controller=False), owner_ref("b")],
            [ObjectKey("ns", "b")],
            id="only-the-controller-reference",
        ),
        pytest.param(None, [], id="no-owners"),
    ],
)
def test_owner_mapper(owners: list[OwnerReference] | None, expected: list[ObjectKey]) -> None:
    child = make_configmap("llama-epp", owners=owners)
    assert list(owner_mapper(Stack)(child)) == expected


def test_a_cluster_scoped_parent_has_no_namespace() -> None:
    child = make_configmap("c", owners=[owner_ref("team-a", kind="Namespace", api_version="v1")])
    assert list(owner_mapper(Namespace)(child)) == [ObjectKey("", "team-a")]


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        pytest.param({STACK_LABEL: "llama"}, [ObjectKey("ns", "llama")], id="labelled"),
        pytest.param({"app": "other"}, [], id="unlabelled"),
        pytest.param({STACK_LABEL: ""}, [], id="empty-value"),
    ],
)
def test_label_mapper(labels: dict[str, str], expected: list[ObjectKey]) -> None:
    child = make_configmap("llama-epp", labels=labels)
    assert list(label_mapper(STACK_LABEL, Stack)(child)) == expected


def test_union_deduplicates_keys_from_owner_and_label() -> None:
    child = make_configmap("x", labels={STACK_LABEL: "llama"}, owners=[owner_ref("llama")])
    both = union(owner_mapper(Stack), label_mapper(STACK_LABEL, Stack))
    assert list(both(child)) == [ObjectKey("ns", "llama")]


def test_union_maps_an_orphaned_labelled_child_by_its_label() -> None:
    child = make_configmap("x", labels={STACK_LABEL: "llama"})
    both = union(owner_mapper(Stack), label_mapper(STACK_LABEL, Stack))
    assert list(both(child)) == [ObjectKey("ns", "llama")]


def test_self_key() -> None:
    assert self_key(make_configmap("a", "ns1")) == [ObjectKey("ns1", "a")]


@pytest.mark.parametrize(
    ("old", "new", "changed"),
    [
        pytest.param(1, 2, True, id="spec-changed"),
        pytest.param(3, 3, False, id="status-only"),
        pytest.param(None, None, True, id="kind-without-generation"),
    ],
)
def test_generation_changed(old: int | None, new: int | None, changed: bool) -> None:
    before = make_configmap("a", generation=old)
    after = make_configmap("a", generation=new, rv="2")
    assert generation_changed(before, after) is changed
