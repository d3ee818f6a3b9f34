"""What the API serves of one watched kind: plain manifests, kept current by an informer.

An `ObjectView` subscribes to an informer and keeps, per object, the manifest the API
returns — `metadata.managedFields` dropped and every secret redacted (`store.redact`) — and
its JSON encoding, so a list is a filter, a slice and a byte join with no conversion or
encoding per request. Lists are ordered by
(namespace, name) and paged with `limit` and an opaque `continue` token (the last key). The
sorted keys (all, and per namespace asked for) are kept until an object is added or
removed, so a list without a label selector does no per-object work but the byte join.
Listeners (the WebSocket hub) get `(old, new)` manifest pairs on every change.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import bisect
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ngf_console.kube.resources import to_dict
from ngf_console.runtime import Change, Informer
from ngf_console.server.catalog import ResourceType
from ngf_console.server.selectors import parse
from ngf_console.store import redact

Manifest = dict[str, Any]
Key = tuple[str, str]
Listener = Callable[[Manifest | None, Manifest | None], None]
MAX_SORTED = 256
"""Sorted key lists kept at most (namespaces asked for, and all)."""


def public(manifest: Mapping[str, Any]) -> Manifest:
    """The manifest as the API returns it: no managedFields, secrets redacted."""
    data = dict(manifest)
    meta = dict(data.get("metadata") or {})
    meta.pop("managedFields", None)
    data["metadata"] = meta
    redacted: Manifest = redact(data)[0]
    return redacted


def encode_continue(key: Key) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode()


def decode_continue(token: str) -> Key:
    """The key a continue token names; `ValueError` if it is not one of ours."""
    try:
        namespace, name = json.loads(base64.urlsafe_b64decode(token.encode()))
    except (ValueError, TypeError, binascii.Error) as e:
        raise ValueError("invalid continue token") from e
    if not isinstance(namespace, str) or not isinstance(name, str):
        raise ValueError("invalid continue token")
    return namespace, name


def encode(manifest: Manifest) -> bytes:
    """Compact JSON, as every response body is sent."""
    return json.dumps(manifest, separators=(",", ":"), ensure_ascii=False).encode()


@dataclass(frozen=True)
class Page:
    """One page of a list; `continue_token` is None on the last page."""

    items: list[Manifest]
    encoded: list[bytes]
    continue_token: str | None

    def body(self) -> bytes:
        """`{"items": [...], "continue": ...}` from the pre-encoded items."""
        tail = b""
        if self.continue_token is not None:
            tail = b',"continue":' + json.dumps(self.continue_token).encode()
        return b'{"items":[' + b",".join(self.encoded) + b"]" + tail + b"}"


class ObjectView:
    """Manifests of one kind from an informer (see the module docstring)."""

    def __init__(self, rtype: ResourceType, informer: Informer[Any]) -> None:
        self.rtype = rtype
        self.informer = informer
        self._items: dict[Key, Manifest] = {}
        self._encoded: dict[Key, bytes] = {}
        self._listeners: list[Listener] = []
        self._sorted: dict[str | None, list[Key]] = {}
        self._changed = asyncio.Event()
        informer.add_handler(self._on_change)

    @property
    def synced(self) -> bool:
        return self.informer.has_synced

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _on_change(self, change: Change[Any]) -> None:
        manifest = public(to_dict(change.obj))
        manifest.setdefault("apiVersion", self.rtype.api_version)
        manifest.setdefault("kind", self.rtype.kind)
        meta = manifest["metadata"]
        key = (meta.get("namespace") or "", meta["name"])
        old = self._items.get(key)
        if change.type == "delete":
            self._items.pop(key, None)
            self._encoded.pop(key, None)
            new = None
        else:
            self._items[key] = new = manifest
            self._encoded[key] = encode(manifest)
        if (old is None) != (new is None):
            self._sorted.clear()  # the set of keys changed
        for listener in list(self._listeners):
            listener(old, new)
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    def get(self, namespace: str, name: str) -> Manifest | None:
        return self._items.get((namespace, name))

    def get_encoded(self, namespace: str, name: str) -> bytes | None:
        """The object's JSON encoding, if cached."""
        return self._encoded.get((namespace, name))

    def all(self, namespace: str | None = None) -> list[Manifest]:
        """Every object (in `namespace`), ordered by key."""
        return [self._items[k] for k in self._sorted_keys(namespace)]

    def page(
        self,
        *,
        namespace: str | None = None,
        selector: str | None = None,
        limit: int | None = None,
        continue_token: str | None = None,
    ) -> Page:
        """A page of the objects matching (see the module docstring)."""
        keys = self._sorted_keys(namespace)
        if selector is not None and selector.strip():
            matches = parse(selector)
            keys = [k for k in keys if matches(self._items[k]["metadata"].get("labels") or {})]
        start = 0
        if continue_token:
            start = bisect.bisect_right(keys, decode_continue(continue_token))
        end = len(keys) if limit is None else min(len(keys), start + limit)
        chosen = keys[start:end]
        token = encode_continue(chosen[-1]) if end < len(keys) and chosen else None
        return Page([self._items[k] for k in chosen], [self._encoded[k] for k in chosen], token)

    def _sorted_keys(self, namespace: str | None) -> list[Key]:
        """The keys (in `namespace`) in order; kept until the set of keys changes."""
        keys = self._sorted.get(namespace)
        if keys is None:
            keys = sorted(k for k in self._items if namespace is None or k[0] == namespace)
            if len(self._sorted) >= MAX_SORTED:  # callers may name any namespace
                self._sorted.clear()
            self._sorted[namespace] = keys
        return keys

    async def wait_for(
        self, namespace: str, name: str, done: Callable[[Manifest | None], bool]
    ) -> Manifest | None:
        """Wait until `done(object)` holds (bound it with `asyncio.timeout`); the object then."""
        while not done(self.get(namespace, name)):
            await self._changed.wait()
        return self.get(namespace, name)
