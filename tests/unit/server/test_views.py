"""ObjectView lists: order, namespace, selector and paging stay right as objects come and go.

The view keeps its sorted keys between lists; these tests add and delete objects between
lists and check every list reflects the change (the informer is replaced by the handler it
registers; objects are real lightkube ConfigMaps).
"""

from __future__ import annotations

import json
from typing import Any

from lightkube.models.meta_v1 import ObjectMeta
from lightkube.resources.core_v1 import ConfigMap

from ngf_console.runtime import Change
from ngf_console.server import catalog
from ngf_console.server.views import ObjectView


class Source:
    """What ObjectView needs of an informer: it registers its handler."""

    has_synced = True

    def __init__(self) -> None:
        self.handler: Any = None

    def add_handler(self, handler: Any) -> None:
        self.handler = handler


def _cm(namespace: str, name: str, **labels: str) -> ConfigMap:
    return ConfigMap(metadata=ObjectMeta(name=name, namespace=namespace, labels=labels))


def _names(view: ObjectView, **query: Any) -> list[str]:
    body = json.loads(view.page(**query).body())
    return [f"{i['metadata']['namespace']}/{i['metadata']['name']}" for i in body["items"]]


def test_lists_follow_adds_and_deletes() -> None:
    source = Source()
    view = ObjectView(catalog.ALL[0], source)  # type: ignore[arg-type]
    for ns, name in (("b", "x"), ("a", "y"), ("a", "x")):
        source.handler(Change("add", None, _cm(ns, name, tier="web" if name == "x" else "db")))
    assert _names(view) == ["a/x", "a/y", "b/x"]
    assert _names(view, namespace="a") == ["a/x", "a/y"]
    assert _names(view, selector="tier=web") == ["a/x", "b/x"]
    source.handler(Change("add", None, _cm("a", "w")))
    source.handler(Change("delete", _cm("b", "x"), None))
    assert _names(view) == ["a/w", "a/x", "a/y"]
    assert _names(view, namespace="a") == ["a/w", "a/x", "a/y"]
    assert _names(view, namespace="b") == []
    assert _names(view, selector="tier=web") == ["a/x"]


def test_pages_and_updates() -> None:
    source = Source()
    view = ObjectView(catalog.ALL[0], source)  # type: ignore[arg-type]
    for i in range(5):
        source.handler(Change("add", None, _cm("n", f"o{i}")))
    first = view.page(limit=2)
    assert first.continue_token is not None
    source.handler(Change("update", _cm("n", "o3"), _cm("n", "o3", v="2")))
    rest = view.page(limit=10, continue_token=first.continue_token)
    assert [m["metadata"]["name"] for m in rest.items] == ["o2", "o3", "o4"]
    assert rest.items[1]["metadata"]["labels"] == {"v": "2"}
    assert rest.continue_token is None
