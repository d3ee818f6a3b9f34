"""WAFPolicy (short name `wgbpolicy`, NGF 2.6.0+): F5 WAF for NGINX, an Inherited policy.

Label `gateway.networking.k8s.io/policy: inherited`. `targetRefs` name Gateways, HTTPRoutes or
GRPCRoutes, all of the same kind. Policy bundles are compiled outside NGF and fetched over
HTTP(S) (`type: HTTP`), from NGINX Instance Manager (`NIM`) or from NGINX One Console (`N1C`,
authenticated with `Authorization: APIToken <token>`). WAF needs NGINX Plus, a WAF
subscription and NginxProxy `waf.enable`.

Status: ancestors with `ResolvedRefs`/`Programmed` conditions and the reasons `FetchError`,
`IntegrityError`, `StaleBundleWarning` and `BundleUpdated`. Not modelled: the main-branch PLM
source (`type: PLM`, `policyRef.apPolicyRef`, `securityLogs[].logRef.apLogConfRef`). Security
log sources other than HTTP, `policySource.tlsSecret` and log destinations are documented by
name only: their known fields are typed and the rest kept as written.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ngf_console.api.v1alpha1.base import K8sModel, cel_rule
from ngf_console.upstream.ngf.gatewayapi import (
    GATEWAY_AND_ROUTES,
    GATEWAY_GROUP,
    SAME_KIND,
    UNIQUE_KIND_AND_NAME,
    LocalPolicyTargetReference,
    PolicyStatus,
    target_refs_field,
)
from ngf_console.upstream.ngf.meta import (
    ObjectMeta,
    api_version_field,
    kind_field,
    metadata_field,
)
from ngf_console.upstream.ngf.types import (
    Duration,
    FreeForm,
    LocalObjectReference,
    PreservingModel,
)

SourceType = Literal["HTTP", "NIM", "N1C"]


def _exactly_one(*values: object) -> bool:
    return sum(value is not None for value in values) == 1


def _at_most_one(*values: object) -> bool:
    return sum(value is not None for value in values) <= 1


class HTTPSource(K8sModel):
    """A compiled bundle served over HTTP(S)."""

    url: str = Field(min_length=1, description="URL of the compiled bundle (.tgz).")


class NIMSource(K8sModel):
    """A compiled policy bundle in NGINX Instance Manager, by name or UID."""

    url: str = Field(min_length=1, description="Base URL of NGINX Instance Manager.")
    policy_name: str | None = Field(
        default=None, min_length=1, description="Name of the compiled policy."
    )
    policy_uid: str | None = Field(
        default=None,
        alias="policyUID",
        min_length=1,
        description="UID of the policy; pins one version.",
    )

    @cel_rule(
        "has(self.policyName) != has(self.policyUID)",
        "exactly one of policyName or policyUID must be set",
    )
    def _one_policy(self) -> bool:
        return _exactly_one(self.policy_name, self.policy_uid)


class N1CSource(K8sModel):
    """A compiled policy bundle in NGINX One Console, by name or object ID."""

    url: str = Field(min_length=1, description="URL of the NGINX One Console tenant.")
    namespace: str = Field(
        min_length=1, description="NGINX One Console namespace the policy belongs to."
    )
    policy_name: str | None = Field(default=None, min_length=1, description="Name of the policy.")
    policy_object_id: str | None = Field(
        default=None, alias="policyObjectID", min_length=1, description="Object ID of the policy."
    )
    policy_version_id: str | None = Field(
        default=None,
        alias="policyVersionID",
        min_length=1,
        description="Version ID that pins one compiled bundle; the latest is used when unset.",
    )

    @cel_rule(
        "has(self.policyName) != has(self.policyObjectID)",
        "exactly one of policyName or policyObjectID must be set",
    )
    def _one_policy(self) -> bool:
        return _exactly_one(self.policy_name, self.policy_object_id)


class BundleAuth(K8sModel):
    """Credentials for fetching bundles."""

    secret_ref: LocalObjectReference = Field(
        description="Secret in this namespace: username/password or token (NIM), token "
        "(NGINX One Console, sent as APIToken)."
    )


class BundleValidation(K8sModel):
    """Integrity check of a fetched bundle: a pinned checksum or the server's .sha256 file."""

    expected_checksum: str | None = Field(
        default=None, min_length=1, description="Expected SHA-256 of the bundle."
    )
    verify_checksum: bool | None = Field(
        default=None, description="Verify the bundle against the `<url>.sha256` file."
    )

    @cel_rule(
        "!(has(self.expectedChecksum) && has(self.verifyChecksum))",
        "only one of expectedChecksum or verifyChecksum may be set",
    )
    def _one_method(self) -> bool:
        return _at_most_one(self.expected_checksum, self.verify_checksum)


class BundlePolling(K8sModel):
    """Periodic re-fetching of the bundle to pick up changes."""

    enabled: bool | None = Field(default=None, description="Poll for bundle changes.")
    interval: Duration | None = Field(default=None, description="Polling interval.")


class PolicySource(K8sModel):
    """Where the compiled WAF policy bundle comes from, and how it is fetched."""

    http_source: HTTPSource | None = Field(
        default=None, description="A bundle served over HTTP(S); for type HTTP."
    )
    nim_source: NIMSource | None = Field(
        default=None, description="A bundle in NGINX Instance Manager; for type NIM."
    )
    n1c_source: N1CSource | None = Field(
        default=None, alias="n1cSource", description="A bundle in NGINX One Console; for type N1C."
    )
    auth: BundleAuth | None = Field(default=None, description="Credentials for the source.")
    tls_secret: FreeForm | None = Field(
        default=None,
        description="TLS settings (CA, client certificate) for the source; documented by "
        "name only, kept as written.",
    )
    validation: BundleValidation | None = Field(
        default=None, description="Integrity check of the fetched bundle."
    )
    polling: BundlePolling | None = Field(default=None, description="Re-fetching for changes.")
    timeout: Duration | None = Field(
        default=None, description="Timeout of each fetch attempt (NGF default 30s)."
    )
    retry_attempts: int | None = Field(
        default=None, ge=0, description="Retries of a failed fetch (NGF default 3)."
    )
    insecure_skip_verify: bool | None = Field(
        default=None, description="Skip TLS verification of the source (testing only)."
    )

    @cel_rule(
        "(has(self.httpSource) ? 1 : 0) + (has(self.nimSource) ? 1 : 0) + "
        "(has(self.n1cSource) ? 1 : 0) <= 1",
        "only one of httpSource, nimSource or n1cSource may be set",
    )
    def _one_source(self) -> bool:
        return _at_most_one(self.http_source, self.nim_source, self.n1c_source)


class LogSource(PreservingModel):
    """The security log profile: a built-in profile or a compiled log bundle (documented by
    name; known fields typed, the rest kept as written)."""

    default_profile: str | None = Field(
        default=None,
        min_length=1,
        description="Built-in log profile, e.g. log_default, log_all, log_illegal, log_blocked.",
    )
    http_source: HTTPSource | None = Field(
        default=None, description="A compiled log profile bundle served over HTTP(S)."
    )
    nim_source: FreeForm | None = Field(
        default=None, description="A log profile in NGINX Instance Manager (url, profileName)."
    )
    n1c_source: FreeForm | None = Field(
        default=None,
        alias="n1cSource",
        description="A log profile in NGINX One Console (url, namespace, profileName or "
        "profileObjectID).",
    )
    auth: BundleAuth | None = Field(default=None, description="Credentials for the source.")
    timeout: Duration | None = Field(default=None, description="Timeout of each fetch attempt.")
    retry_attempts: int | None = Field(default=None, ge=0, description="Retries of a failed fetch.")
    insecure_skip_verify: bool | None = Field(
        default=None, description="Skip TLS verification of the source (testing only)."
    )

    @cel_rule(
        "(has(self.defaultProfile) ? 1 : 0) + (has(self.httpSource) ? 1 : 0) + "
        "(has(self.nimSource) ? 1 : 0) + (has(self.n1cSource) ? 1 : 0) <= 1",
        "only one of defaultProfile, httpSource, nimSource or n1cSource may be set",
    )
    def _one_source(self) -> bool:
        return _at_most_one(
            self.default_profile, self.http_source, self.nim_source, self.n1c_source
        )


class LogDestination(PreservingModel):
    """Where security logs go (documented by name; known fields typed, the rest kept)."""

    type: Literal["stderr", "file", "syslog"] = Field(
        description="Destination type: stderr, file or syslog."
    )
    syslog: FreeForm | None = Field(
        default=None, description="Syslog settings, e.g. `server: host:port`."
    )
    file: FreeForm | None = Field(default=None, description="File settings, e.g. `path`.")


class SecurityLog(K8sModel):
    """One app_protect_security_log: a log profile and a destination."""

    log_source: LogSource | None = Field(default=None, description="The log profile.")
    destination: LogDestination = Field(description="Where the security log goes.")


WAFTargetRefs = Annotated[
    list[LocalPolicyTargetReference],
    GATEWAY_AND_ROUTES,
    GATEWAY_GROUP,
    UNIQUE_KIND_AND_NAME,
    SAME_KIND,
]


class WAFPolicySpec(K8sModel):
    """Desired state of an NGF WAFPolicy."""

    type: SourceType = Field(
        description="Where the bundle comes from: HTTP, NIM (Instance Manager) or N1C "
        "(NGINX One Console)."
    )
    target_refs: WAFTargetRefs = target_refs_field(
        "Gateways, HTTPRoutes or GRPCRoutes (all the same kind) in this namespace; 1-16."
    )
    policy_source: PolicySource = Field(description="The compiled policy bundle and its fetch.")
    security_logs: list[SecurityLog] = Field(
        default_factory=list, description="Security logs (app_protect_security_log)."
    )

    @cel_rule(
        "self.type != 'HTTP' || has(self.policySource.httpSource)",
        "type HTTP requires policySource.httpSource",
    )
    def _http_source(self) -> bool:
        return self.type != "HTTP" or self.policy_source.http_source is not None

    @cel_rule(
        "self.type != 'NIM' || has(self.policySource.nimSource)",
        "type NIM requires policySource.nimSource",
    )
    def _nim_source(self) -> bool:
        return self.type != "NIM" or self.policy_source.nim_source is not None

    @cel_rule(
        "self.type != 'N1C' || has(self.policySource.n1cSource)",
        "type N1C requires policySource.n1cSource",
    )
    def _n1c_source(self) -> bool:
        return self.type != "N1C" or self.policy_source.n1c_source is not None


class WAFPolicy(K8sModel):
    """NGINX Gateway Fabric WAFPolicy: an Inherited policy that protects Gateways and routes
    with a compiled F5 WAF for NGINX policy bundle (NGINX Plus only)."""

    api_version: Literal["gateway.nginx.org/v1alpha1"] = api_version_field("v1alpha1")
    kind: Literal["WAFPolicy"] = kind_field("WAFPolicy")
    metadata: ObjectMeta = metadata_field()
    spec: WAFPolicySpec = Field(description="Desired state of the policy.")
    status: PolicyStatus | None = Field(
        default=None, description="State of the policy per ancestor, written by NGF."
    )
