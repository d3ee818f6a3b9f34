"""Turn a write body into the manifest sent to Kubernetes, validating it first.

The order of checks a write goes through:

1. the body's shape and, for parent kinds, the CRD model with its CEL mirrors (pydantic);
   for NGF policies the upstream NGF model — failures are 422 with dotted field paths;
2. the API server's own validation (structural schema, CEL), with `?dryRun=true` too — its
   422 is passed on with its field causes.

For an update, `<redacted>` values are first filled in from the stored object, so a client
can send back what it read without knowing the secret.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ngf_console.server.catalog import ResourceType
from ngf_console.server.errors import InvalidError, validation_causes
from ngf_console.server.schemas import create_body, update_body
from ngf_console.store import RedactedValueMissingError, restore_redacted

Manifest = dict[str, Any]


def _validate(model: Any, document: Any) -> Any:
    try:
        return model.from_k8s(document)
    except ValidationError as e:
        causes = validation_causes(e.errors())
        summary = "; ".join(f"{c.field}: {c.message}" for c in causes[:5])
        raise InvalidError(summary or "invalid object", causes=causes) from e


def _manifest(rtype: ResourceType, body: Any, metadata: dict[str, Any]) -> Manifest:
    manifest: Manifest = {
        "apiVersion": rtype.api_version,
        "kind": rtype.kind,
        "metadata": metadata,
        "spec": body.spec.to_k8s() if rtype.role == "parent" else body.spec,
    }
    if rtype.model is not None:
        _validate(rtype.model, manifest)  # the whole object: the kind's own rules
    return manifest


def for_create(rtype: ResourceType, document: Any) -> Manifest:
    """The manifest to create from a Create body."""
    body = _validate(create_body(rtype), document)
    meta = body.metadata.to_k8s()
    return _manifest(rtype, body, meta)


def for_update(
    rtype: ResourceType, document: Any, *, namespace: str, name: str, live: Manifest
) -> Manifest:
    """The manifest to PUT from an Update body; `live` is the stored object."""
    if not isinstance(document, dict):
        raise InvalidError("the body must be a JSON object")
    try:
        document = restore_redacted(document, live)
    except RedactedValueMissingError as e:
        raise InvalidError(str(e)) from e
    body = _validate(update_body(rtype), document)
    meta = body.metadata
    for field, want in (("name", name), ("namespace", namespace)):
        got = getattr(meta, field)
        if got is not None and got != want:
            raise InvalidError(
                f"metadata.{field} {got!r} does not match the path ({want!r})",
                causes=[],
            )
    live_meta = dict(live.get("metadata") or {})
    live_meta.pop("managedFields", None)
    live_meta.update(
        name=name,
        namespace=namespace,
        resourceVersion=meta.resource_version,
        labels=meta.labels,
        annotations=meta.annotations,
    )
    manifest = _manifest(rtype, body, live_meta)
    if "status" in live:
        manifest["status"] = live["status"]  # ignored by PUT with a status subresource
    return manifest
