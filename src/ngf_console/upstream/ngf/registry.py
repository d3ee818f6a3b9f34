"""The NGF kinds with the names they are served under, as NGF 2.6.7 serves them.

Every kind is namespaced, in the category `nginx-gateway-fabric`, has one served and stored
version and an Age printer column. Policies carry the CRD label
`gateway.networking.k8s.io/policy: direct|inherited` (Gateway API's policy attachment
convention). The CRD generator and the tests iterate `KINDS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ngf_console.api.v1alpha1.base import K8sModel
from ngf_console.upstream.ngf.authenticationfilter import AuthenticationFilter
from ngf_console.upstream.ngf.clientsettingspolicy import ClientSettingsPolicy
from ngf_console.upstream.ngf.meta import V1ALPHA1, V1ALPHA2
from ngf_console.upstream.ngf.nginxgateway import NginxGateway
from ngf_console.upstream.ngf.nginxproxy import NginxProxy
from ngf_console.upstream.ngf.observabilitypolicy import ObservabilityPolicy
from ngf_console.upstream.ngf.proxysettingspolicy import ProxySettingsPolicy
from ngf_console.upstream.ngf.ratelimitpolicy import RateLimitPolicy
from ngf_console.upstream.ngf.snippetsfilter import SnippetsFilter
from ngf_console.upstream.ngf.snippetspolicy import SnippetsPolicy
from ngf_console.upstream.ngf.upstreamsettingspolicy import UpstreamSettingsPolicy
from ngf_console.upstream.ngf.wafpolicy import WAFPolicy

CATEGORY = "nginx-gateway-fabric"
POLICY_LABEL = "gateway.networking.k8s.io/policy"

PolicyKind = Literal["direct", "inherited"]


@dataclass(frozen=True)
class NgfKind:
    """An NGF kind: its model, version, REST names and, for policies, its attachment type."""

    model: type[K8sModel]
    version: str
    plural: str
    short_names: tuple[str, ...] = ()
    policy: PolicyKind | None = None

    @property
    def kind(self) -> str:
        """The kind, e.g. NginxProxy."""
        return self.model.__name__

    @property
    def singular(self) -> str:
        """The singular resource name, e.g. nginxproxy."""
        return self.kind.lower()

    @property
    def api_version(self) -> str:
        """`gateway.nginx.org/<version>`."""
        return f"gateway.nginx.org/{self.version}"

    @property
    def has_status(self) -> bool:
        """Whether NGF writes a status for the kind (all but NginxProxy)."""
        return "status" in self.model.model_fields


KINDS: tuple[NgfKind, ...] = (
    NgfKind(NginxProxy, V1ALPHA2, "nginxproxies"),
    NgfKind(NginxGateway, V1ALPHA1, "nginxgateways"),
    NgfKind(ClientSettingsPolicy, V1ALPHA1, "clientsettingspolicies", ("cspolicy",), "inherited"),
    NgfKind(ObservabilityPolicy, V1ALPHA2, "observabilitypolicies", (), "direct"),
    NgfKind(UpstreamSettingsPolicy, V1ALPHA1, "upstreamsettingspolicies", ("uspolicy",), "direct"),
    NgfKind(SnippetsFilter, V1ALPHA1, "snippetsfilters"),
    NgfKind(SnippetsPolicy, V1ALPHA1, "snippetspolicies", ("snippetspolicy",), "direct"),
    NgfKind(ProxySettingsPolicy, V1ALPHA1, "proxysettingspolicies", ("pspolicy",), "inherited"),
    NgfKind(RateLimitPolicy, V1ALPHA1, "ratelimitpolicies", ("rlpolicy",), "inherited"),
    NgfKind(AuthenticationFilter, V1ALPHA1, "authenticationfilters", ("authfilter",)),
    NgfKind(WAFPolicy, V1ALPHA1, "wafpolicies", ("wgbpolicy",), "inherited"),
)


def by_kind(kind: str) -> NgfKind:
    """The entry of `kind`; KeyError when NGF has no such kind here."""
    for info in KINDS:
        if info.kind == kind:
            return info
    raise KeyError(kind)
