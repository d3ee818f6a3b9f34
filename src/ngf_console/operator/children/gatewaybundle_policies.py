"""The bundle's WAFPolicy and snippets (pure), each validated against NGF's model.

**WAF** (the spec's "APPolicy" is NGF's WAFPolicy, `gateway.nginx.org/v1alpha1`). NGF
compiles nothing in the cluster: it fetches a compiled F5 WAF bundle. Enforcement mode,
violation-rating threshold and bot defense are settings *inside* a compiled policy, so
the operator selects a bundle by name from the bundle server in the operator settings
(`waf_bundle_url`, type HTTP): `policyRef` when given, otherwise
`default-<mode>[-vr<threshold>][-bot]` (e.g. `default-enforce-vr3-bot`). The WAFPolicy
targets the Gateway and also records the three settings as annotations.

**Snippets.** `http` and `server` snippets go into one SnippetsPolicy targeting the Gateway
(contexts `http`, `http.server`); a `location` snippet cannot attach to a Gateway, so it
goes into a SnippetsFilter (`http.server.location`) that routes reference as an
`extensionRef` filter.
"""

from __future__ import annotations

from ngf_console.api.v1alpha1.gatewaybundle import GatewayBundle, WAFPolicySpec
from ngf_console.operator.children.gatewaybundle_gateway import gateway_name
from ngf_console.operator.children.gatewaybundle_validate import rejection
from ngf_console.operator.children.meta import (
    GROUP,
    Manifest,
    Owner,
    manifest,
    owned_metadata,
)
from ngf_console.upstream.ngf.snippetsfilter import SnippetsFilter
from ngf_console.upstream.ngf.snippetspolicy import SnippetsPolicy
from ngf_console.upstream.ngf.wafpolicy import WAFPolicy

NGF_V1ALPHA1 = "gateway.nginx.org/v1alpha1"
GATEWAY_GROUP = "gateway.networking.k8s.io"
NGINX_CONTEXT = {"http": "http", "server": "http.server", "location": "http.server.location"}


def _gateway_target(bundle: GatewayBundle) -> Manifest:
    return {"group": GATEWAY_GROUP, "kind": "Gateway", "name": gateway_name(bundle)}


def waf_policy_name(bundle: GatewayBundle) -> str:
    """`<bundle>-waf`."""
    return f"{bundle.metadata.name}-waf"


def waf_bundle(waf: WAFPolicySpec) -> str:
    """The compiled bundle to use: policyRef, else one named by the settings."""
    if waf.policy_ref:
        return waf.policy_ref
    name = f"default-{waf.mode}"
    if waf.violation_rating_threshold is not None:
        name += f"-vr{waf.violation_rating_threshold}"
    return name + ("-bot" if waf.bot_defense else "")


def build_waf_policy(
    bundle: GatewayBundle, waf: WAFPolicySpec, owner: Owner, bundle_url: str
) -> tuple[Manifest | None, str | None]:
    """(WAFPolicy for `waf`, None) or (None, why NGF's CRD would reject it)."""
    annotations = {
        f"{GROUP}/waf-mode": waf.mode,
        f"{GROUP}/waf-bot-defense": str(waf.bot_defense).lower(),
    }
    if waf.violation_rating_threshold is not None:
        annotations[f"{GROUP}/waf-violation-rating-threshold"] = str(waf.violation_rating_threshold)
    meta = owned_metadata(owner, waf_policy_name(bundle), "waf-policy", annotations=annotations)
    url = f"{bundle_url.rstrip('/')}/{waf_bundle(waf)}.tgz"
    doc = manifest(
        NGF_V1ALPHA1,
        "WAFPolicy",
        meta,
        spec={
            "type": "HTTP",
            "targetRefs": [_gateway_target(bundle)],
            "policySource": {"httpSource": {"url": url}},
        },
    )
    error = rejection(WAFPolicy, doc)
    return (None, error) if error else (doc, None)


def snippets_policy_name(bundle: GatewayBundle) -> str:
    """`<bundle>-snippets`."""
    return f"{bundle.metadata.name}-snippets"


def snippets_filter_name(bundle: GatewayBundle) -> str:
    """`<bundle>-location-snippets`."""
    return f"{bundle.metadata.name}-location-snippets"


def _snippets(bundle: GatewayBundle, contexts: set[str]) -> list[Manifest]:
    return [
        {"context": NGINX_CONTEXT[s.context], "value": s.content}
        for s in bundle.spec.snippets
        if s.context in contexts
    ]


def build_snippets_policy(
    bundle: GatewayBundle, owner: Owner
) -> tuple[Manifest | None, str | None]:
    """SnippetsPolicy for the http/server snippets (None, None when there are none)."""
    snippets = _snippets(bundle, {"http", "server"})
    if not snippets:
        return None, None
    meta = owned_metadata(owner, snippets_policy_name(bundle), "snippets")
    spec = {"snippets": snippets, "targetRefs": [_gateway_target(bundle)]}
    doc = manifest(NGF_V1ALPHA1, "SnippetsPolicy", meta, spec=spec)
    error = rejection(SnippetsPolicy, doc)
    return (None, error) if error else (doc, None)


def build_snippets_filter(
    bundle: GatewayBundle, owner: Owner
) -> tuple[Manifest | None, str | None]:
    """SnippetsFilter for the location snippet (None, None when there is none)."""
    snippets = _snippets(bundle, {"location"})
    if not snippets:
        return None, None
    meta = owned_metadata(owner, snippets_filter_name(bundle), "snippets")
    doc = manifest(NGF_V1ALPHA1, "SnippetsFilter", meta, spec={"snippets": snippets})
    error = rejection(SnippetsFilter, doc)
    return (None, error) if error else (doc, None)
