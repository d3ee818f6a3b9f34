"""Edition from NGF control-plane Deployments: the `--nginx-plus` flag decides."""

from __future__ import annotations

from typing import Any

from ngf_console.server.routers.edition import detect


def deployment(name: str, args: list[str]) -> dict[str, Any]:
    container = {"name": "nginx-gateway", "args": args}
    return {
        "metadata": {"name": name, "namespace": "nginx-gateway"},
        "spec": {"template": {"spec": {"containers": [container]}}},
    }


CONTROLLER = ["controller", "--gateway-ctlr-name=gateway.nginx.org/nginx-gateway-controller"]


def test_none_is_unknown() -> None:
    info = detect([])
    assert (info.edition, info.source) == ("unknown", None)
    assert "no NGINX Gateway Fabric control-plane Deployment" in info.reason


def test_plus_and_oss() -> None:
    assert detect([deployment("ngf", [*CONTROLLER, "--nginx-plus"])]).edition == "plus"
    assert detect([deployment("ngf", [*CONTROLLER, "--nginx-plus=true"])]).edition == "plus"
    oss = detect([deployment("ngf", CONTROLLER)])
    assert (oss.edition, oss.source) == ("oss", "nginx-gateway/ngf")


def test_other_containers_do_not_count() -> None:
    assert detect([deployment("nginx", ["nginx", "-g", "daemon off;"])]).edition == "unknown"


def test_disagreement_is_unknown() -> None:
    info = detect([deployment("a", [*CONTROLLER, "--nginx-plus"]), deployment("b", CONTROLLER)])
    assert info.edition == "unknown"
    assert "disagree" in info.reason
