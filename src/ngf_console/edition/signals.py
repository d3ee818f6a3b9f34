"""Pure extraction of detection signals from Kubernetes objects (plain manifests).

* The control plane is the Deployment in NGF's namespace with a container named
  `nginx-gateway` (the Helm chart's name) or running NGF's control-plane image
  (`…/nginx-gateway-fabric:<tag>`, not the data plane's `…/nginx-gateway-fabric/nginx`).
* The GatewayClass is the one the control plane serves (`--gatewayclass`), else any class
  with NGF's controllerName (`--gateway-ctlr-name`, default
  `gateway.nginx.org/nginx-gateway-controller`), the first by name.
* The data-plane image is what that class's NginxProxy (`spec.parametersRef`) sets in
  `kubernetes.deployment|daemonSet.container.image`.
* `supportedFeatures` is read in both shapes Gateway API has used: strings and `{name}`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ngf_console.edition.model import NGF_CONTROLLER_NAME, ControlPlane, GatewayClassInfo

Doc = dict[str, Any]
CONTAINER_NAME = "nginx-gateway"
CONTROL_PLANE_REPOSITORY = "nginx-gateway-fabric"
NGINX_PROXY_GROUP = "gateway.nginx.org"


def image_repository(image: str) -> str:
    """`reg/path/name:tag@sha256:…` → `reg/path/name` (a registry port is kept)."""
    image = image.partition("@")[0]
    slash = image.rfind("/")
    colon = image.rfind(":")
    return image[:colon] if colon > slash else image


def image_tag(image: str) -> str | None:
    """The tag of an image reference; None for a digest-only or untagged reference."""
    if "@" in image:
        return None
    repository = image_repository(image)
    if len(image) == len(repository):
        return None
    return image[len(repository) + 1 :] or None


def is_plus_image(image: str) -> bool:
    """An NGINX Plus data-plane image: `…/nginx-plus` or `…/nginx-plus-f5waf`."""
    return image_repository(image).rsplit("/", 1)[-1].startswith("nginx-plus")


def version_from_image(image: str) -> str | None:
    """NGF's version from the control-plane image tag (`2.6.7`, `v2.6.7` → `2.6.7`)."""
    tag = image_tag(image)
    if tag is None:
        return None
    return tag[1:] if tag[:1] == "v" and tag[1:2].isdigit() else tag


def _containers(deployment: Doc) -> list[Doc]:
    spec = (deployment.get("spec") or {}).get("template", {}).get("spec") or {}
    return list(spec.get("containers") or [])


def _is_control_plane(container: Doc) -> bool:
    repository = image_repository(container.get("image") or "")
    return container.get("name") == CONTAINER_NAME or repository.rsplit("/", 1)[-1] == (
        CONTROL_PLANE_REPOSITORY
    )


def control_plane(deployments: Iterable[Doc]) -> ControlPlane | None:
    """NGF's control plane among `deployments` (first by name), if any."""
    for deployment in sorted(deployments, key=lambda d: d["metadata"]["name"]):
        for container in _containers(deployment):
            if _is_control_plane(container):
                meta = deployment["metadata"]
                argv = [*(container.get("command") or []), *(container.get("args") or [])]
                return ControlPlane(
                    namespace=meta.get("namespace", ""),
                    name=meta["name"],
                    image=container.get("image") or "",
                    args=tuple(str(a) for a in argv),
                )
    return None


def _feature_names(status: Doc) -> tuple[str, ...]:
    names = []
    for item in status.get("supportedFeatures") or []:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str):
            names.append(name)
    return tuple(sorted(names))


def gateway_class(
    classes: Iterable[Doc], plane: ControlPlane | None, default_controller: str
) -> Doc | None:
    """The GatewayClass NGF serves (see the module docstring), as a manifest."""
    controller = (plane.value("gateway-ctlr-name") if plane else None) or default_controller
    wanted = plane.value("gatewayclass") if plane else None
    ours = [c for c in classes if (c.get("spec") or {}).get("controllerName") == controller]
    ours.sort(key=lambda c: c["metadata"]["name"])
    if wanted is not None:
        return next((c for c in ours if c["metadata"]["name"] == wanted), None)
    return ours[0] if ours else None


def gateway_class_info(doc: Doc) -> GatewayClassInfo:
    """Name, controller and supportedFeatures of a GatewayClass."""
    return GatewayClassInfo(
        name=doc["metadata"]["name"],
        controller_name=(doc.get("spec") or {}).get("controllerName", NGF_CONTROLLER_NAME),
        supported_features=_feature_names(doc.get("status") or {}),
    )


def nginx_proxy_ref(doc: Doc) -> tuple[str, str] | None:
    """(namespace, name) of the NginxProxy a GatewayClass's parametersRef names."""
    ref = (doc.get("spec") or {}).get("parametersRef") or {}
    if ref.get("group") != NGINX_PROXY_GROUP or ref.get("kind") != "NginxProxy":
        return None
    namespace = ref.get("namespace")
    return (namespace, ref["name"]) if namespace and ref.get("name") else None


def data_plane_image(nginx_proxy: Doc) -> str | None:
    """The NGINX image an NginxProxy sets (`repository[:tag]`), if any."""
    kubernetes = (nginx_proxy.get("spec") or {}).get("kubernetes") or {}
    workload = kubernetes.get("deployment") or kubernetes.get("daemonSet") or {}
    image = (workload.get("container") or {}).get("image") or {}
    repository = image.get("repository")
    if not repository:
        return None
    tag = image.get("tag")
    return f"{repository}:{tag}" if tag else str(repository)
