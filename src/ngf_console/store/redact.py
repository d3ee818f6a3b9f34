"""Secret redaction for everything the console stores or shows (audit log, API responses).

`redact(document)` returns a deep copy with every secret value replaced by `REDACTED` and the
RFC 6901 JSON pointers of the values it replaced. The rules, applied at every depth:

1. **Kubernetes Secrets.** In any mapping with `kind: Secret` (core `v1`), every value of its
   `data` and `stringData` is replaced; the keys stay, so a diff still shows which keys exist.
2. **Private keys by content.** Any string containing a PEM private key block
   (`-----BEGIN ... PRIVATE KEY-----`) is replaced, whatever its field is called.
3. **Sensitive field names.** A field is sensitive when the last word of its name (split at
   camelCase, `_`, `-`, `.`; case-insensitive; a plural `s` dropped) ends with `password`,
   `passwd`, `passphrase`, `token`, `secret`, `credential`, `key`, `kubeconfig` or
   `authorization`: `password`, `apiToken`, `clientSecret`, `privateKey`, `X-Api-Key`,
   `DB_PASSWORD`, `tokens`. Every string at or below a sensitive field is replaced (numbers and
   booleans are kept: `maxTokens: 512` is configuration, not a secret). Names whose last word is
   something else are references or settings and are kept: `secretName`, `tokenSecretRef`,
   `keyFile`, `tokenizer`, `tokensPerMinute`.
4. **`key` beside a certificate.** A field named exactly `key` is sensitive only inside a field
   whose name mentions `cert` or `tls` (`inlineCert.key`, `tls.key`); elsewhere `key` names a
   label, taint or ConfigMap key (`matchExpressions[].key`) and is kept.
5. **Name/value pairs.** In a mapping with string `name` and `value` (HTTP header modifiers,
   container `env`), `value` is replaced when `name` is sensitive by rule 3
   (`Authorization`, `X-Api-Key`, `DB_PASSWORD`).
6. **kubectl's last-applied annotation** (`kubectl.kubernetes.io/last-applied-configuration`)
   holds the whole object as JSON text; it is replaced as a whole when that JSON would have
   anything redacted by these rules, or is not JSON.

Known limits: a value equal to `REDACTED` is indistinguishable from a redacted one; a changed
secret no longer shows in a diff (the audit log lists changed secret pointers separately, see
`changed_secrets`).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from ngf_console.store.errors import RedactedValueMissingError

REDACTED = "<redacted>"
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"

_SENSITIVE_SUFFIXES = (
    "password",
    "passwd",
    "passphrase",
    "token",
    "secret",
    "credential",
    "key",
    "kubeconfig",
    "authorization",
)
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+")
_PEM_PRIVATE_KEY = re.compile(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----")

Path = tuple[str | int, ...]


def is_sensitive_name(name: str, parent: str | None = None) -> bool:
    """Rules 3 and 4: does a field called `name` (inside field `parent`) hold a secret?"""
    if name.lower() == "key":
        return parent is not None and ("cert" in parent.lower() or "tls" in parent.lower())
    words: list[str] = _WORD.findall(name)
    if not words:
        return False
    last = words[-1].lower()
    return last.removesuffix("s").endswith(_SENSITIVE_SUFFIXES)


def contains_private_key(text: str) -> bool:
    """Rule 2: does `text` contain a PEM private key block?"""
    return _PEM_PRIVATE_KEY.search(text) is not None


def redact(document: Any) -> tuple[Any, tuple[str, ...]]:
    """A redacted deep copy of `document` and the JSON pointers of the values replaced."""
    replaced: list[Path] = []
    result = _walk(document, (), parent=None, sensitive=False, replaced=replaced)
    return result, tuple(to_pointer(path) for path in replaced)


def _walk(
    value: Any, path: Path, *, parent: str | None, sensitive: bool, replaced: list[Path]
) -> Any:
    if isinstance(value, Mapping):
        return _walk_mapping(value, path, parent=parent, sensitive=sensitive, replaced=replaced)
    if isinstance(value, list):
        return [
            _walk(item, (*path, i), parent=parent, sensitive=sensitive, replaced=replaced)
            for i, item in enumerate(value)
        ]
    if isinstance(value, str) and (sensitive or contains_private_key(value)):
        replaced.append(path)
        return REDACTED
    return value


def _walk_mapping(
    value: Mapping[str, Any],
    path: Path,
    *,
    parent: str | None,
    sensitive: bool,
    replaced: list[Path],
) -> dict[str, Any]:
    secret_object = value.get("kind") == "Secret" and value.get("apiVersion", "v1") == "v1"
    pair_is_sensitive = isinstance(value.get("name"), str) and is_sensitive_name(value["name"])
    out: dict[str, Any] = {}
    for key, item in value.items():
        child = (*path, key)
        if secret_object and key in ("data", "stringData") and isinstance(item, Mapping):
            out[key] = {k: _replace(v, (*child, k), replaced) for k, v in item.items()}
        elif key == "value" and pair_is_sensitive and isinstance(item, str):
            out[key] = _replace(item, child, replaced)
        elif key == LAST_APPLIED and path[-1:] == ("annotations",) and isinstance(item, str):
            out[key] = _redact_last_applied(item, child, replaced)
        else:
            name = str(key)  # JSON keys are strings; be safe with any mapping
            child_sensitive = sensitive or is_sensitive_name(name, parent)
            out[key] = _walk(item, child, parent=name, sensitive=child_sensitive, replaced=replaced)
    return out


def _replace(value: Any, path: Path, replaced: list[Path]) -> Any:
    if value is None:
        return None
    replaced.append(path)
    return REDACTED


def _redact_last_applied(text: str, path: Path, replaced: list[Path]) -> str:
    try:
        parsed = json.loads(text)
    except ValueError:
        return str(_replace(text, path, replaced))
    _, inner = redact(parsed)
    return str(_replace(text, path, replaced)) if inner else text


def to_pointer(path: Path) -> str:
    """An RFC 6901 JSON pointer for `path` (`~` and `/` escaped)."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def redacted_pointers(document: Any) -> tuple[str, ...]:
    """Pointers of the values in `document` that are the `REDACTED` placeholder."""
    return tuple(to_pointer(path) for path in _placeholders(document, ()))


def _placeholders(value: Any, path: Path) -> Iterator[Path]:
    if value == REDACTED:
        yield path
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _placeholders(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _placeholders(item, (*path, i))


_MISSING = object()


def _lookup(document: Any, path: Path, *, like: Any = _MISSING) -> Any:
    """The value at `path` in `document`, or `_MISSING`.

    With `like` (a document of the same shape), a list item that is a mapping with a `name`
    in `like` is found by that name in `document`, not by position, so reordered lists
    (container env, listeners, header modifiers) still line up.
    """
    for part in path:
        if isinstance(document, Mapping) and isinstance(part, str) and part in document:
            document = document[part]
            like = like[part] if isinstance(like, Mapping) and part in like else _MISSING
        elif isinstance(document, list) and isinstance(part, int):
            document, like = _list_item(document, part, like)
        else:
            return _MISSING
        if document is _MISSING:
            return _MISSING
    return document


def _list_item(items: list[Any], index: int, like: Any) -> tuple[Any, Any]:
    reference = like[index] if isinstance(like, list) and index < len(like) else _MISSING
    name = reference.get("name") if isinstance(reference, Mapping) else None
    if isinstance(name, str):
        for item in items:
            if isinstance(item, Mapping) and item.get("name") == name:
                return item, reference
        return _MISSING, reference
    return (items[index] if index < len(items) else _MISSING), reference


def changed_secrets(before: Any, after: Any) -> tuple[str, ...]:
    """Pointers of values redacted in `before` or `after` whose raw values differ.

    A pointer is where the value sits in `after` (in `before` for a secret that was removed);
    list items with a `name` are matched by name, so reordering a list is not a change.
    """
    changed: set[str] = set()
    for path in _secret_paths(after):
        if _lookup(after, path) != _lookup(before, path, like=after):
            changed.add(to_pointer(path))
    for path in _secret_paths(before):
        if _lookup(after, path, like=before) is _MISSING:
            changed.add(to_pointer(path))
    return tuple(sorted(changed))


def _secret_paths(document: Any) -> list[Path]:
    found: list[Path] = []
    _walk(document, (), parent=None, sensitive=False, replaced=found)
    return found


def restore_redacted(stored: Any, live: Any) -> Any:
    """`stored` with each `REDACTED` placeholder filled from the same place in `live`.

    A revert re-applies a redacted audit copy; its secrets come from the live object. Raises
    `RedactedValueMissingError` listing the pointers `live` cannot supply.
    """
    result = copy.deepcopy(stored)
    missing: list[str] = []
    for path in list(_placeholders(stored, ())):
        value = _lookup(live, path, like=stored)
        if value is _MISSING or value == REDACTED:
            missing.append(to_pointer(path))
        elif path:
            parent = _lookup(result, path[:-1])
            parent[path[-1]] = copy.deepcopy(value)
        else:
            result = copy.deepcopy(value)
    if missing:
        raise RedactedValueMissingError(tuple(missing))
    return result
