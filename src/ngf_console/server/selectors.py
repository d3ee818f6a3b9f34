"""Kubernetes label selectors (`?labelSelector=`), parsed and matched in the server.

Lists are served from watch caches, so the selector is evaluated here, with the API server's
grammar: `k=v`, `k==v`, `k!=v`, `k`, `!k`, `k in (a,b)`, `k notin (a,b)`, comma-separated and
ANDed. A malformed selector raises `ValueError` (answered with 400).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

Requirement = Callable[[Mapping[str, str]], bool]

_KEY = r"[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?"
_VALUE = r"([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?"
_SET = re.compile(rf"^({_KEY})\s+(in|notin)\s+\(([^()]*)\)$")
_EQ = re.compile(rf"^({_KEY})\s*(==|=|!=)\s*({_VALUE})$")
_EXISTS = re.compile(rf"^(!?)\s*({_KEY})$")


def _split(selector: str) -> list[str]:
    """Split at commas outside parentheses."""
    parts, depth, current = [], 0, ""
    for char in selector:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [p.strip() for p in parts]


def _requirement(term: str) -> Requirement:
    if found := _SET.match(term):
        key, op, raw = found.group(1), found.group(3), found.group(4)
        values = {v.strip() for v in raw.split(",")}
        if op == "in":
            return lambda labels: labels.get(key) in values
        return lambda labels: labels.get(key) not in values
    if found := _EQ.match(term):
        key, op, value = found.group(1), found.group(3), found.group(4)
        if op == "!=":
            return lambda labels: labels.get(key) != value
        return lambda labels: labels.get(key) == value
    if found := _EXISTS.match(term):
        negate, key = found.group(1) == "!", found.group(2)
        return lambda labels: (key in labels) != negate
    raise ValueError(f"invalid label selector term {term!r}")


def parse(selector: str | None) -> Requirement:
    """A predicate over an object's labels; an empty selector matches everything."""
    if selector is None or not selector.strip():
        return lambda labels: True
    requirements = [_requirement(term) for term in _split(selector)]
    return lambda labels: all(r(labels) for r in requirements)
