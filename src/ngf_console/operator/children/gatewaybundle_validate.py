"""Check a child manifest against the typed model of its upstream CRD before applying it.

The models in `ngf_console.upstream.ngf` mirror NGF's CRDs (schemas and CEL rules), so a
manifest they refuse is one the API server would refuse. Validation is strict (no type
coercion, like the API server: `"8192"` is not an integer) and the message names the
field path and the rule, never the value (a value may be a snippet or key material);
`describe` does the same for any validation error, e.g. a parent that fails its schema.
"""

from __future__ import annotations

from pydantic import ValidationError

from ngf_console.api.v1alpha1.base import K8sModel
from ngf_console.operator.children.meta import Manifest


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(object)"


def describe(error: ValidationError) -> str:
    """Field paths and rules of a validation error, without the input values."""
    return "; ".join(
        f"{_path(tuple(err['loc']))}: {err['msg'].removeprefix('Value error, ')}"
        for err in error.errors(include_input=False, include_url=False)
    )


def rejection(model: type[K8sModel], manifest: Manifest) -> str | None:
    """None when `model` accepts `manifest`; otherwise why, field by field."""
    try:
        model.model_validate(manifest, strict=True, by_alias=True, by_name=False)
    except ValidationError as e:
        kind = manifest.get("kind", model.__name__)
        return f"{kind} ({manifest.get('apiVersion')}) would be rejected: {describe(e)}"
    return None
