"""Watch lines decode for every kind — including BOOKMARKs, which the API server sends as a
skeleton of the kind whose required fields are null (a Deployment's `spec.selector`, a
CRD's `spec.versions`); decoding them as full objects broke the watch about once a minute.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from lightkube.resources.apiextensions_v1 import CustomResourceDefinition
from lightkube.resources.apps_v1 import Deployment
from lightkube.resources.core_v1 import ConfigMap

from ngf_console.kube.resources import InferenceStack
from ngf_console.runtime.listwatch import LightkubeListWatch


def _source(kind: Any) -> LightkubeListWatch[Any]:
    return LightkubeListWatch(None, kind)  # type: ignore[arg-type]  # decoding needs no client


@pytest.mark.parametrize(
    ("kind", "skeleton"),
    [
        (Deployment, {"spec": {"selector": None, "template": {"metadata": {}, "spec": None}}}),
        (CustomResourceDefinition, {"spec": {"versions": None, "names": None}}),
        (InferenceStack, {"spec": None}),
        (ConfigMap, {}),
    ],
    ids=["deployment", "crd", "generic", "configmap"],
)
def test_bookmarks_decode_to_their_resource_version(kind: Any, skeleton: dict[str, Any]) -> None:
    line = json.dumps(
        {"type": "BOOKMARK", "object": {"metadata": {"resourceVersion": "4242"}, **skeleton}}
    )
    event = _source(kind)._decode(line)
    assert event.type == "BOOKMARK"
    assert event.obj.metadata.resourceVersion == "4242"


def test_a_real_object_still_decodes_fully() -> None:
    obj = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "d", "resourceVersion": "7"},
        "spec": {"selector": {"matchLabels": {"a": "b"}}, "template": {"metadata": {}}},
    }
    event = _source(Deployment)._decode(json.dumps({"type": "ADDED", "object": obj}))
    assert event.obj.spec.selector.matchLabels == {"a": "b"}
