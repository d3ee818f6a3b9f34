"""Signals from Kubernetes objects (pure): which Deployment is NGF's control plane, which
GatewayClass is NGF's, the data-plane image of its NginxProxy, flags, image references.

Matrix: control plane found by container name and by image (data-plane Deployments and
other apps ignored; command + args both read); flags `--x`, `--x=true`, `--x value`;
GatewayClass chosen by `--gatewayclass`, by controllerName, or none; supportedFeatures
as strings and as `{name}`; NginxProxy image with and without tag; parametersRef to
something else; image repository/tag parsing and Plus image names.
"""

from __future__ import annotations

from typing import Any

import pytest

from ngf_console.edition import ControlPlane
from ngf_console.edition import signals as s

NGF = "gateway.nginx.org/nginx-gateway-controller"


def deployment(name: str, *containers: dict[str, Any], ns: str = "nginx-gateway") -> Any:
    return {
        "metadata": {"name": name, "namespace": ns},
        "spec": {"template": {"spec": {"containers": list(containers)}}},
    }


def gateway_class(name: str, controller: str = NGF, **extra: Any) -> dict[str, Any]:
    return {"metadata": {"name": name}, "spec": {"controllerName": controller}, **extra}


def test_control_plane_by_container_name() -> None:
    found = s.control_plane(
        [
            deployment("other", {"name": "app", "image": "busybox"}),
            deployment(
                "ngf",
                {"name": "nginx-gateway", "image": "my.registry/ngf:1", "args": ["--nginx-plus"]},
            ),
        ]
    )
    assert found == ControlPlane("nginx-gateway", "ngf", "my.registry/ngf:1", ("--nginx-plus",))


def test_control_plane_by_image_not_the_data_plane() -> None:
    data_plane = deployment(
        "gw-nginx", {"name": "nginx", "image": "ghcr.io/nginx/nginx-gateway-fabric/nginx:2.6.7"}
    )
    control = deployment(
        "ctl",
        {
            "name": "controller",
            "image": "ghcr.io/nginx/nginx-gateway-fabric:2.6.7",
            "command": ["/usr/bin/gateway"],
            "args": ["controller", "--snippets"],
        },
    )
    assert s.control_plane([data_plane]) is None
    found = s.control_plane([data_plane, control])
    assert found is not None
    assert found.name == "ctl"
    assert found.args == ("/usr/bin/gateway", "controller", "--snippets")


@pytest.mark.parametrize(
    ("args", "flag", "value"),
    [
        pytest.param(("--gatewayclass=nginx",), False, "nginx", id="equals"),
        pytest.param(("--gatewayclass", "nginx"), True, "nginx", id="separate"),
        pytest.param(("--gatewayclass", "--other"), True, None, id="flag-then-flag"),
        pytest.param(("--gatewayclass=true",), True, "true", id="true"),
        pytest.param((), False, None, id="absent"),
    ],
)
def test_flags_and_values(args: tuple[str, ...], flag: bool, value: str | None) -> None:
    plane = ControlPlane("ns", "n", "i", args)
    assert (plane.flag("gatewayclass"), plane.value("gatewayclass")) == (flag, value)


def test_gateway_class_named_by_the_control_plane() -> None:
    plane = ControlPlane("ns", "n", "i", ("--gatewayclass=b",))
    classes = [gateway_class("a"), gateway_class("b"), gateway_class("c", "other/controller")]
    found = s.gateway_class(classes, plane, NGF)
    assert found is not None
    assert found["metadata"]["name"] == "b"
    assert s.gateway_class([gateway_class("a")], plane, NGF) is None


def test_gateway_class_by_controller_without_control_plane() -> None:
    classes = [gateway_class("z"), gateway_class("a"), gateway_class("m", "other/controller")]
    found = s.gateway_class(classes, None, NGF)
    assert found is not None
    assert found["metadata"]["name"] == "a"
    assert s.gateway_class([gateway_class("m", "other/controller")], None, NGF) is None


def test_gateway_class_controller_from_flag() -> None:
    plane = ControlPlane("ns", "n", "i", ("--gateway-ctlr-name=example.com/ngf",))
    found = s.gateway_class([gateway_class("x", "example.com/ngf"), gateway_class("y")], plane, NGF)
    assert found is not None
    assert found["metadata"]["name"] == "x"


@pytest.mark.parametrize(
    "features",
    [
        pytest.param(["HTTPRouteCORS", "Gateway"], id="strings"),
        pytest.param([{"name": "HTTPRouteCORS"}, {"name": "Gateway"}], id="objects"),
    ],
)
def test_supported_features(features: list[Any]) -> None:
    doc = gateway_class("nginx", status={"supportedFeatures": features})
    info = s.gateway_class_info(doc)
    assert info.supported_features == ("Gateway", "HTTPRouteCORS")


def test_nginx_proxy_ref_and_image() -> None:
    doc = gateway_class(
        "nginx",
        spec={
            "controllerName": NGF,
            "parametersRef": {
                "group": "gateway.nginx.org",
                "kind": "NginxProxy",
                "name": "ngf-proxy-config",
                "namespace": "nginx-gateway",
            },
        },
    )
    assert s.nginx_proxy_ref(doc) == ("nginx-gateway", "ngf-proxy-config")
    other = gateway_class("x", spec={"parametersRef": {"group": "", "kind": "ConfigMap"}})
    assert s.nginx_proxy_ref(other) is None
    image = {"repository": "private-registry.nginx.com/nginx-gateway-fabric/nginx-plus"}
    proxy = {"spec": {"kubernetes": {"deployment": {"container": {"image": image}}}}}
    assert s.data_plane_image(proxy) == image["repository"]
    image["tag"] = "2.6.7"
    assert s.data_plane_image(proxy) == f"{image['repository']}:2.6.7"
    assert s.data_plane_image({"spec": {}}) is None


@pytest.mark.parametrize(
    ("image", "repository", "tag", "plus"),
    [
        pytest.param("a/nginx-plus:1", "a/nginx-plus", "1", True, id="plus"),
        pytest.param("a/nginx-plus-f5waf:1", "a/nginx-plus-f5waf", "1", True, id="plus-waf"),
        pytest.param("a/nginx:1", "a/nginx", "1", False, id="oss"),
        pytest.param("host:5000/nginx-plus", "host:5000/nginx-plus", None, True, id="port"),
        pytest.param("a/nginx@sha256:ff", "a/nginx", None, False, id="digest"),
    ],
)
def test_image_parts(image: str, repository: str, tag: str | None, plus: bool) -> None:
    assert (s.image_repository(image), s.image_tag(image), s.is_plus_image(image)) == (
        repository,
        tag,
        plus,
    )
