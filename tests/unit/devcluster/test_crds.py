"""The pinned third-party CRD list is complete and well-formed."""

from __future__ import annotations

from ngf_console.devcluster.crds import pinned_modules


def test_every_required_api_group_is_pinned() -> None:
    modules = {m.module: m for m in pinned_modules()}
    assert {
        "sigs.k8s.io/gateway-api",
        "sigs.k8s.io/gateway-api-inference-extension",
        "github.com/kedacore/keda/v2",
        "github.com/cert-manager/cert-manager",
    } <= set(modules)
    for mod in modules.values():
        assert mod.version.startswith("v"), mod
        assert mod.files, mod
