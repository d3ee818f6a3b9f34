"""YAML rendering and unified diffs of Kubernetes configs, as the audit log stores them.

Invariant: rendering is deterministic — keys sorted, block style, no line wrapping — so the
same config always renders to the same text and a diff shows only real changes. A missing
config (before a create, after a delete) renders as empty text and is labelled `/dev/null`,
as `git diff` does.
"""

from __future__ import annotations

import difflib
from typing import Any

import yaml

_NO_WRAP = 1 << 16
DEV_NULL = "/dev/null"


def render_yaml(config: Any) -> str:
    """`config` as YAML with sorted keys; empty text for None."""
    if config is None:
        return ""
    return yaml.safe_dump(
        config, sort_keys=True, default_flow_style=False, allow_unicode=True, width=_NO_WRAP
    )


def unified_diff(before: Any, after: Any, *, before_label: str, after_label: str) -> str:
    """A unified diff (3 lines of context) from `before` to `after`, rendered as YAML.

    Empty text when they render the same. A None side is labelled `/dev/null`.
    """
    lines = difflib.unified_diff(
        render_yaml(before).splitlines(keepends=True),
        render_yaml(after).splitlines(keepends=True),
        fromfile=DEV_NULL if before is None else before_label,
        tofile=DEV_NULL if after is None else after_label,
    )
    return "".join(lines)


def resource_label(kind: str, namespace: str, name: str) -> str:
    """`Kind/namespace/name`, or `Kind/name` for a cluster-scoped resource."""
    return f"{kind}/{namespace}/{name}" if namespace else f"{kind}/{name}"
