"""The bundle's NginxProxy (`gateway.nginx.org/v1alpha2`, NGF 2.6.7's API) (pure).

Mapping from the GatewayBundle spec onto the real NginxProxy fields:

| bundle | NginxProxy |
|---|---|
| `nginxProxy.workerConnections` | `spec.workerConnections` |
| `nginxProxy.workerProcesses` | none in NGF 2.6 (main branch only): not applied, reported |
| `nginxProxy.additionalConfig` | merged into `spec` as written |
| `infrastructure.replicas` | `spec.kubernetes.deployment.replicas` |
| `infrastructure.resources` | `spec.kubernetes.deployment.container.resources` |
| `waf` (when WAF is available) | `spec.waf.enable: true` (runs the WAF sidecars) |

A field set both by a mapped field and by `additionalConfig` with different values is a
conflict, reported instead of guessing. Without NGINX Plus, the Plus-only settings
(`nginxPlus`, `waf`, `logging.errorLogFormat: json`, a custom `serverTokens`) are left
out and reported, because NGF OSS would mark the whole NginxProxy invalid or deploy Plus
sidecars. The result is validated against the NginxProxy model (the CRD's schema and
rules); a rejected NginxProxy is not built and the rejection is the error.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from ngf_console.api.v1alpha1.gatewaybundle import GatewayBundle
from ngf_console.edition import Edition
from ngf_console.operator.children.gatewaybundle_validate import rejection
from ngf_console.operator.children.meta import Manifest, Owner, manifest, owned_metadata
from ngf_console.upstream.ngf.nginxproxy import NginxProxy

API_VERSION = "gateway.nginx.org/v1alpha2"
SERVER_TOKENS_OSS = {"on", "off", "build"}
SOURCES = {
    "workerConnections": "nginxProxy.workerConnections",
    "kubernetes.deployment.replicas": "infrastructure.replicas",
    "kubernetes.deployment.container.resources": "infrastructure.resources",
    "waf.enable": "waf",
}
WORKER_PROCESSES_WHY = (
    "NGF 2.6's NginxProxy has no workerProcesses field (only NGF's main branch has it); "
    "NGINX keeps worker_processes auto"
)


@dataclass(frozen=True)
class Gap:
    """A requested feature that is not applied, and why."""

    feature: str
    why: str


@dataclass(frozen=True)
class NginxProxyPlan:
    """The NginxProxy to apply (None if wanted but rejected), its name, what is left out."""

    name: str | None
    manifest: Manifest | None = None
    error: str | None = None
    unavailable: list[Gap] = field(default_factory=list)
    unsupported: list[Gap] = field(default_factory=list)


def nginx_proxy_name(bundle: GatewayBundle) -> str:
    """`<bundle>-proxy-config` (after the Helm chart's `<release>-proxy-config`)."""
    return f"{bundle.metadata.name}-proxy-config"


def _mapped(bundle: GatewayBundle, waf: bool) -> Manifest:
    out: Manifest = {}
    proxy, infra = bundle.spec.nginx_proxy, bundle.spec.infrastructure
    if proxy is not None and proxy.worker_connections is not None:
        out["workerConnections"] = proxy.worker_connections
    deployment: Manifest = {}
    if infra is not None and infra.replicas is not None:
        deployment["replicas"] = infra.replicas
    resources = infra.resources.to_k8s() if infra is not None else {}
    if resources:
        deployment["container"] = {"resources": resources}
    if deployment:
        out["kubernetes"] = {"deployment": deployment}
    if waf:
        out["waf"] = {"enable": True}
    return out


def _merge(into: Manifest, mapped: Manifest, path: str = "") -> list[str]:
    """Merge `mapped` into `into` (additionalConfig); the paths that conflict."""
    conflicts = []
    for key, value in mapped.items():
        here = f"{path}.{key}" if path else key
        if key not in into:
            into[key] = copy.deepcopy(value)
        elif isinstance(value, dict) and isinstance(into[key], dict):
            conflicts += _merge(into[key], value, here)
        elif into[key] != value:
            source = SOURCES.get(here, "the bundle")
            conflicts.append(
                f"nginxProxy.additionalConfig.{here} conflicts with {source}: set it in one place"
            )
    return conflicts


def _plus_only(spec: Manifest) -> list[tuple[str, str]]:
    """(path, feature) of the Plus-only settings in `spec`."""
    found = []
    if "nginxPlus" in spec:
        found.append(("nginxPlus", "NGINX Plus API access (nginxPlus)"))
    if "waf" in spec:
        found.append(("waf", "F5 WAF for NGINX (waf)"))
    if (spec.get("logging") or {}).get("errorLogFormat") == "json":
        found.append(("logging.errorLogFormat", "JSON error log (logging.errorLogFormat: json)"))
    tokens = spec.get("serverTokens")
    if tokens is not None and tokens not in SERVER_TOKENS_OSS:
        found.append(("serverTokens", "a custom serverTokens string"))
    return found


def _drop(spec: Manifest, path: str) -> None:
    *parents, last = path.split(".")
    node: Any = spec
    for key in parents:
        node = node[key]
    del node[last]


def build_nginx_proxy(
    bundle: GatewayBundle, owner: Owner, edition: Edition, waf: bool
) -> NginxProxyPlan:
    """The NginxProxy plan (see the module docstring); `waf` turns on `waf.enable`."""
    spec_in = bundle.spec
    if spec_in.nginx_proxy is None and spec_in.infrastructure is None and not waf:
        return NginxProxyPlan(name=None)
    name = nginx_proxy_name(bundle)
    unsupported = []
    if spec_in.nginx_proxy is not None and spec_in.nginx_proxy.worker_processes is not None:
        unsupported.append(Gap("nginxProxy.workerProcesses", WORKER_PROCESSES_WHY))
    extra = spec_in.nginx_proxy.additional_config if spec_in.nginx_proxy else {}
    spec: Manifest = copy.deepcopy(dict(extra))
    conflicts = _merge(spec, _mapped(bundle, waf))
    if conflicts:
        return NginxProxyPlan(name, error="; ".join(conflicts), unsupported=unsupported)
    unavailable = []
    why = edition.why_unavailable("plus")
    if why is not None:
        for path, feature in _plus_only(spec):
            _drop(spec, path)
            unavailable.append(Gap(f"nginxProxy {feature}", f"{why}; left out of {name}"))
    doc = manifest(API_VERSION, "NginxProxy", owned_metadata(owner, name, "nginx-proxy"), spec=spec)
    error = rejection(NginxProxy, doc)
    return NginxProxyPlan(
        name, None if error else doc, error, unavailable=unavailable, unsupported=unsupported
    )
