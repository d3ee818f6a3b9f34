"""Everything one GatewayBundle should own, in the spec's apply order (pure).

`desired_children(bundle, uid, edition, settings)` returns a `BundlePlan`:

1. TLS Secrets from inline certificates (must exist before the Gateway references them);
2. the Gateway (listeners, allowedRoutes, certificateRefs, `infrastructure.parametersRef`);
3. the NginxProxy;
4. the WAFPolicy — only when WAF is available (NGINX Plus and the WAFPolicy CRD);
5. the SnippetsPolicy (http/server snippets) and SnippetsFilter (location snippet) — only
   when NGF runs with `--snippets` (and, for SnippetsPolicy, is 2.4.0 or newer).

A feature the connected NGF lacks is not built; it is listed in `unavailable` (feature and
why) and the rest of the bundle is built as usual. A field NGF's API cannot express is in
`unsupported`. A child that cannot be built (a bad key pair, a rejected NginxProxy) is a `Failure`;
its previously applied version is `kept` (not deleted as stale).
`gating` fingerprints the edition facts the plan depends on, so that a change of NGF
edition is a spec change for the controller, not drift.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ngf_console.api.v1alpha1.gatewaybundle import GatewayBundle
from ngf_console.edition import Edition, Feature
from ngf_console.operator.children import gatewaybundle_policies as policies
from ngf_console.operator.children.gatewaybundle_gateway import (
    TLSOutcome,
    build_gateway,
    build_tls_secrets,
)
from ngf_console.operator.children.gatewaybundle_nginxproxy import Gap, build_nginx_proxy
from ngf_console.operator.children.meta import GROUP, Manifest, Owner
from ngf_console.operator.settings import OperatorSettings

BUNDLE_LABEL = f"{GROUP}/gatewaybundle"
GATING_FEATURES: tuple[Feature, ...] = ("plus", "waf", "snippets", "snippets-policy")

Ref = tuple[str, str, str]
"""(kind, namespace, name)."""


@dataclass(frozen=True)
class Failure:
    """A child that could not be built this time: which, and why."""

    kind: str
    name: str
    message: str
    reason: str = "Invalid"


@dataclass
class BundlePlan:
    """The children to apply and what could not be built or is not available."""

    namespace: str = ""
    manifests: list[Manifest] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    tls: list[TLSOutcome] = field(default_factory=list)
    unavailable: list[Gap] = field(default_factory=list)
    unsupported: list[Gap] = field(default_factory=list)
    gating: str = ""

    @property
    def kept(self) -> set[Ref]:
        """Children not rebuilt this time: what was applied before stays."""
        return {(f.kind, self.namespace, f.name) for f in self.failures}

    def add(self, kind: str, name: str, built: tuple[Manifest | None, str | None]) -> None:
        """Record one built child, or why it could not be built."""
        doc, error = built
        if doc is not None:
            self.manifests.append(doc)
        elif error is not None:
            self.failures.append(Failure(kind, name, error))


def bundle_owner(bundle: GatewayBundle, uid: str) -> Owner:
    """The bundle as the owner of its children."""
    meta = bundle.metadata
    return Owner("GatewayBundle", meta.name or "", meta.namespace or "", uid, BUNDLE_LABEL)


def gating(edition: Edition) -> str:
    """Which gated features are available (changes only when the plan could change)."""
    return ",".join(f"{f}={edition.why_unavailable(f) is None}" for f in GATING_FEATURES)


def _tls(plan: BundlePlan, bundle: GatewayBundle, owner: Owner) -> None:
    secrets, outcomes = build_tls_secrets(bundle, owner)
    plan.manifests += secrets
    plan.tls = outcomes
    for outcome in outcomes:
        if outcome.reason is not None:
            message = f"listener {outcome.listener}: {outcome.message}"
            plan.failures.append(Failure("Secret", outcome.secret, message, outcome.reason))


def _snippets(plan: BundlePlan, bundle: GatewayBundle, owner: Owner, edition: Edition) -> None:
    contexts = {s.context for s in bundle.spec.snippets}
    if contexts & {"http", "server"}:
        name = policies.snippets_policy_name(bundle)
        why = edition.why_unavailable("snippets-policy")
        if why is None:
            plan.add("SnippetsPolicy", name, policies.build_snippets_policy(bundle, owner))
        else:
            plan.unavailable.append(
                Gap("snippets (http, server)", f"{why}; SnippetsPolicy {name} not created")
            )
    if "location" in contexts:
        name = policies.snippets_filter_name(bundle)
        why = edition.why_unavailable("snippets")
        if why is None:
            built = policies.build_snippets_filter(bundle, owner)
            plan.add("SnippetsFilter", name, built)
        else:
            plan.unavailable.append(
                Gap("snippets (location)", f"{why}; SnippetsFilter {name} not created")
            )


def desired_children(
    bundle: GatewayBundle, uid: str, edition: Edition, settings: OperatorSettings
) -> BundlePlan:
    """Every child the bundle should own now (see the module docstring)."""
    owner = bundle_owner(bundle, uid)
    plan = BundlePlan(namespace=owner.namespace, gating=gating(edition))
    _tls(plan, bundle, owner)
    waf = bundle.spec.waf
    waf_why = edition.why_unavailable("waf") if waf is not None else None
    proxy = build_nginx_proxy(bundle, owner, edition, waf is not None and waf_why is None)
    plan.manifests.append(build_gateway(bundle, owner, proxy.name))
    if proxy.name is not None:
        plan.add("NginxProxy", proxy.name, (proxy.manifest, proxy.error))
    plan.unavailable += proxy.unavailable
    plan.unsupported += proxy.unsupported
    if waf is not None:
        name = policies.waf_policy_name(bundle)
        if waf_why is None:
            built = policies.build_waf_policy(bundle, waf, owner, settings.waf_bundle_url)
            plan.add("WAFPolicy", name, built)
        else:
            plan.unavailable.insert(0, Gap("waf", f"{waf_why}; WAFPolicy {name} not created"))
    _snippets(plan, bundle, owner, edition)
    return plan
