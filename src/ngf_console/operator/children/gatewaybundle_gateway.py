"""The bundle's Gateway and the TLS Secrets of its inline certificates (pure).

The Gateway is named after the bundle. Each listener keeps its name, port, protocol and
hostname; `allowedRoutes` (Same/All/Selector with its label selector) applies to every
listener; a terminating listener references its certificate Secret (`certificateRef`, or
the Secret made from `inlineCert`), a passthrough one only sets the mode; the NginxProxy
is referenced through `infrastructure.parametersRef` (NGF merges it over the
GatewayClass's and the Gateway's wins).

An inline certificate becomes Secret `<bundle>-<listener>-tls` only when its PEM parses
and the key matches the certificate; otherwise the listener's `TLSOutcome` carries the
reason and the Secret is not built (see `tls.py`; messages never contain PEM).
"""

from __future__ import annotations

from dataclasses import dataclass

from ngf_console.api.v1alpha1.gatewaybundle import BundleListenerSpec, GatewayBundle
from ngf_console.operator.children import tls
from ngf_console.operator.children.meta import Manifest, Owner, manifest, owned_metadata

GATEWAY_API = "gateway.networking.k8s.io/v1"
NGF_GROUP = "gateway.nginx.org"
TLS_COMPONENT = "tls-secret"


@dataclass(frozen=True)
class TLSOutcome:
    """One inline certificate: its Secret's name and, if unusable, why (reason, message)."""

    listener: str
    secret: str
    reason: str | None = None
    message: str | None = None


def gateway_name(bundle: GatewayBundle) -> str:
    """The Gateway carries the bundle's name."""
    return bundle.metadata.name or ""


def tls_secret_name(bundle: GatewayBundle, listener: str) -> str:
    """`<bundle>-<listener>-tls`."""
    return f"{bundle.metadata.name}-{listener}-tls"


def build_tls_secrets(
    bundle: GatewayBundle, owner: Owner
) -> tuple[list[Manifest], list[TLSOutcome]]:
    """Secrets for the inline certificates that are valid, and an outcome for each."""
    secrets: list[Manifest] = []
    outcomes: list[TLSOutcome] = []
    for listener in bundle.spec.listeners:
        inline = listener.tls.inline_cert if listener.tls else None
        if inline is None:
            continue
        name = tls_secret_name(bundle, listener.name)
        try:
            tls.parse_pair(inline.certificate, inline.private_key)
        except tls.CertificateError as e:
            outcomes.append(TLSOutcome(listener.name, name, e.reason, str(e)))
            continue
        secrets.append(
            tls.tls_secret(owner, name, TLS_COMPONENT, inline.certificate, inline.private_key)
        )
        outcomes.append(TLSOutcome(listener.name, name))
    return secrets, outcomes


def _tls(bundle: GatewayBundle, listener: BundleListenerSpec) -> Manifest | None:
    spec = listener.tls
    if spec is None:
        return None
    if spec.mode == "Passthrough":
        return {"mode": "Passthrough"}
    ref: Manifest = {"kind": "Secret"}
    if spec.certificate_ref is not None:
        ref["name"] = spec.certificate_ref.name
        namespace = spec.certificate_ref.namespace
        if namespace and namespace != bundle.metadata.namespace:
            ref["namespace"] = namespace
    else:
        ref["name"] = tls_secret_name(bundle, listener.name)
    return {"mode": "Terminate", "certificateRefs": [ref]}


def _allowed_routes(bundle: GatewayBundle) -> Manifest | None:
    allowed = bundle.spec.allowed_routes
    if allowed is None:
        return None
    namespaces: Manifest = {"from": allowed.namespaces}
    if allowed.selector is not None:
        namespaces["selector"] = allowed.selector.to_k8s()
    return {"namespaces": namespaces}


def _listener(bundle: GatewayBundle, listener: BundleListenerSpec) -> Manifest:
    out: Manifest = {"name": listener.name, "port": listener.port, "protocol": listener.protocol}
    if listener.hostname is not None:
        out["hostname"] = listener.hostname
    tls_block = _tls(bundle, listener)
    if tls_block is not None:
        out["tls"] = tls_block
    allowed = _allowed_routes(bundle)
    if allowed is not None:
        out["allowedRoutes"] = allowed
    return out


def build_gateway(bundle: GatewayBundle, owner: Owner, nginx_proxy: str | None) -> Manifest:
    """The Gateway; `nginx_proxy` names the NginxProxy to reference (None: no reference)."""
    spec: Manifest = {
        "gatewayClassName": bundle.spec.gateway_class_name,
        "listeners": [_listener(bundle, item) for item in bundle.spec.listeners],
    }
    if nginx_proxy is not None:
        spec["infrastructure"] = {
            "parametersRef": {"group": NGF_GROUP, "kind": "NginxProxy", "name": nginx_proxy}
        }
    return manifest(
        GATEWAY_API, "Gateway", owned_metadata(owner, gateway_name(bundle), "gateway"), spec=spec
    )
