"""Readable builders of parent objects for tests, starting from the committed samples."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ngf_console.api.v1alpha1.inferencestack import InferenceStack

SAMPLES = Path(__file__).resolve().parents[1] / "config" / "samples"

Mod = Callable[[dict[str, Any]], None]


def sample(name: str) -> dict[str, Any]:
    """A committed sample manifest as a dict (`name` without `.yaml`)."""
    doc: dict[str, Any] = yaml.safe_load((SAMPLES / f"{name}.yaml").read_text())
    return doc


def make_inference_stack(base: str = "inferencestack_triton", *mods: Mod) -> InferenceStack:
    """A sample InferenceStack with each modifier applied to its manifest, validated."""
    doc = sample(base)
    for mod in mods:
        mod(doc)
    return InferenceStack.from_k8s(doc)


def spec_set(path: str, value: Any) -> Mod:
    """A modifier setting `spec.<dotted.path>` (None deletes the key)."""

    def apply(doc: dict[str, Any]) -> None:
        node = doc["spec"]
        *parents, last = path.split(".")
        for key in parents:
            node = node.setdefault(key, {})
        if value is None:
            node.pop(last, None)
        else:
            node[last] = value

    return apply
