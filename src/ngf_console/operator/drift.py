"""Does a live child still match what we apply? (pure)

We own only the fields we set, so a child matches when every field of the desired
manifest has the same value in the live object; fields the API server defaults or
other managers add are ignored. Lists compare item by item and must have the same
length (a removed or added item of a list we set is drift). Status and most of
metadata are the server's, so only our labels, annotations and ownerReferences count.
"""

from __future__ import annotations

from typing import Any

_OWN_METADATA = ("labels", "annotations", "ownerReferences")


def differences(desired: Any, live: Any, path: str = "") -> list[str]:
    """Paths where `live` does not carry `desired` (empty: no drift)."""
    if isinstance(desired, dict):
        if not isinstance(live, dict):
            return [path or "."]
        found: list[str] = []
        for key, value in desired.items():
            if key not in live:
                found.append(f"{path}.{key}")
            else:
                found += differences(value, live[key], f"{path}.{key}")
        return found
    if isinstance(desired, list):
        if not isinstance(live, list) or len(live) != len(desired):
            return [path]
        found = []
        for i, (d, v) in enumerate(zip(desired, live, strict=True)):
            found += differences(d, v, f"{path}[{i}]")
        return found
    return [] if _same_scalar(desired, live) else [path]


def _same_scalar(desired: Any, live: Any) -> bool:
    if isinstance(desired, bool) or isinstance(live, bool):
        return desired is live
    if isinstance(desired, int | float) and isinstance(live, int | float):
        return float(desired) == float(live)
    return bool(desired == live)


def child_drift(desired: dict[str, Any], live: dict[str, Any]) -> list[str]:
    """Drifted paths of a child: its body and the metadata we own."""
    body = {k: v for k, v in desired.items() if k not in {"apiVersion", "kind", "metadata"}}
    meta = {k: v for k, v in desired.get("metadata", {}).items() if k in _OWN_METADATA}
    return differences(meta, live.get("metadata", {}), ".metadata") + differences(body, live)
