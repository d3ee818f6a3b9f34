"""REST schemas: Create, Update and public (read) models per kind, lists, and their docs.

Parent kinds reuse their `ngf_console.api.v1alpha1` model: its `spec` type is the spec of the
Create and Update bodies, and the model itself is the public schema. Lightweight kinds (routes,
policies) have a free-form `spec` that the API server validates against its CRD.

* Create: `metadata.name` and `metadata.namespace` required; no status.
* Update: `metadata.resourceVersion` required (a stale one gives 409); name and namespace come
  from the path; what was read may be sent back whole (server-managed metadata and `status`
  are ignored). A `<redacted>` value is taken from the stored object (write-only secrets).
* Public: what reads return; secrets appear as `<redacted>`.

Write bodies are validated by the server itself (after restoring redacted values), so their
models are published in the OpenAPI document by `body_schema()` rather than by FastAPI.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from ngf_console.api.v1alpha1 import K8sModel
from ngf_console.api.v1alpha1.common import ObjectMeta
from ngf_console.api.v1alpha1.types import Name, NamespaceName
from ngf_console.server.catalog import ResourceType


class CreateMeta(K8sModel):
    """Metadata of an object to create."""

    name: Name = Field(description="Name of the object.")
    namespace: NamespaceName = Field(description="Namespace of the object.")
    labels: dict[str, str] = Field(default_factory=dict, description="Labels of the object.")
    annotations: dict[str, str] = Field(
        default_factory=dict, description="Annotations of the object."
    )


class UpdateMeta(K8sModel):
    """Metadata of an update: the resourceVersion read last, and the new labels/annotations.

    Other metadata the server manages (uid, creationTimestamp, ...) may be sent back as read
    and is ignored.
    """

    model_config = ConfigDict(extra="ignore")

    name: Name | None = Field(default=None, description="Must equal the name in the path.")
    namespace: NamespaceName | None = Field(
        default=None, description="Must equal the namespace in the path."
    )
    resource_version: str = Field(
        min_length=1,
        max_length=64,
        description="The resourceVersion this update is based on; a stale one gives 409.",
    )
    labels: dict[str, str] = Field(default_factory=dict, description="Labels of the object.")
    annotations: dict[str, str] = Field(
        default_factory=dict, description="Annotations of the object."
    )


class KubeObject(BaseModel):
    """A Kubernetes object as stored (routes, policies and read-only kinds)."""

    model_config = ConfigDict(extra="allow")

    api_version: str = Field(alias="apiVersion", description="API group and version.")
    kind: str = Field(description="Kind of the object.")
    metadata: ObjectMeta = Field(description="Standard object metadata.")


def _spec_type(rtype: ResourceType) -> Any:
    if rtype.role == "parent" and rtype.model is not None:
        return rtype.model.model_fields["spec"].annotation
    return dict[str, Any]


def _body(rtype: ResourceType, suffix: str, meta: type[K8sModel]) -> type[K8sModel]:
    extra: dict[str, Any] = {}
    if suffix == "Update":
        extra["status"] = (
            dict[str, Any] | None,
            Field(default=None, description="Ignored: the operator owns the status."),
        )
    spec_doc = "Desired state." if rtype.role == "parent" else "Desired state (the CRD's spec)."
    version_type: Any = Literal[rtype.api_version] | None
    kind_type: Any = Literal[rtype.kind] | None
    model: type[K8sModel] = create_model(
        f"{rtype.kind}{suffix}",
        __base__=K8sModel,
        __doc__=f"{suffix} body of a {rtype.kind}.",
        api_version=(
            version_type,
            Field(default=None, description=f"`{rtype.api_version}` when given."),
        ),
        kind=(
            kind_type,
            Field(default=None, description=f"`{rtype.kind}` when given."),
        ),
        metadata=(meta, Field(description="Object metadata.")),
        spec=(_spec_type(rtype), Field(description=spec_doc)),
        **extra,
    )
    return model


@cache
def create_body(rtype: ResourceType) -> type[K8sModel]:
    """The Create body model of `rtype`."""
    return _body(rtype, "Create", CreateMeta)


@cache
def update_body(rtype: ResourceType) -> type[K8sModel]:
    """The Update body model of `rtype`."""
    return _body(rtype, "Update", UpdateMeta)


def public_model(rtype: ResourceType) -> type[BaseModel]:
    """The schema of what reads of `rtype` return."""
    if rtype.role == "parent" and rtype.model is not None:
        return rtype.model
    return KubeObject


@cache
def list_model(rtype: ResourceType) -> type[BaseModel]:
    """`{items, continue}`: one page of a list."""
    item = public_model(rtype)
    name = f"{rtype.kind}List" if item is not KubeObject else "KubeObjectList"
    return _list_of(name, item)


@cache
def _list_of(name: str, item: type[BaseModel]) -> type[BaseModel]:
    model: type[BaseModel] = create_model(
        name,
        __doc__=f"A page of {item.__name__} objects.",
        items=(list[item], Field(description="The objects, ordered by namespace and name.")),  # type: ignore[valid-type]
        continue_=(
            str | None,
            Field(
                default=None,
                alias="continue",
                description="Pass as `continue` to get the next page; absent on the last page.",
            ),
        ),
    )
    return model


def body_schema(model: type[BaseModel]) -> dict[str, Any]:
    """`openapi_extra` naming `model` as the JSON request body (see `openapi.register`)."""
    ref = {"$ref": f"#/components/schemas/{model.__name__}"}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": ref}}}}
