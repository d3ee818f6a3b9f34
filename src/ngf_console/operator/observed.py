"""What the act step saw of one child (input to every status computation)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Observed:
    """One child after the act step: desired manifest, live object, error, applied now."""

    desired: dict[str, Any]
    live: dict[str, Any] | None
    error: str | None = None
    applied: bool = False
