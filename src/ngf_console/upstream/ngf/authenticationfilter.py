"""AuthenticationFilter (`authfilter`, NGF 2.4.0+ Basic; 2.5.0+ JWT and OIDC).

Referenced from an HTTPRoute or GRPCRoute rule's `filters[].extensionRef`. `type` selects the
mechanism and exactly the matching block (`basic`, `jwt` or `oidc`) is set. JWT and OIDC need
NGINX Plus: on OSS, NGF marks the filter invalid ("JWT Authentication requires NGINX Plus.").
Status is per controller (`controllers[]`). The main-branch fields `authorization` and
`leeway` are not modelled; `oidc.session` and `oidc.logout` are documented by name only, so
their known fields are typed and others kept as written.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ngf_console.api.v1alpha1.base import K8sModel, cel_rule
from ngf_console.upstream.ngf.gatewayapi import FilterStatus
from ngf_console.upstream.ngf.meta import (
    ObjectMeta,
    api_version_field,
    kind_field,
    metadata_field,
)
from ngf_console.upstream.ngf.types import Duration, LocalObjectReference, PreservingModel

HTTPS_URL = (
    r"^https://[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*"
    r"(:[0-9]{1,5})?(/[a-zA-Z0-9._~:/?@!$&'()*+,;=-]*)?$"
)
PATH_URI = r"^/[A-Za-z0-9._~!$&'()*+,;=@/-]*$"

AuthType = Literal["Basic", "OIDC", "JWT"]


class BasicAuth(K8sModel):
    """HTTP Basic authentication (auth_basic)."""

    secret_ref: LocalObjectReference = Field(
        description="Secret in this namespace holding the htpasswd credentials."
    )
    realm: str = Field(description="Realm of auth_basic, also sent in the WWW-Authenticate header.")


class JWTFileSource(K8sModel):
    """JSON Web Keys read from a Secret."""

    secret_ref: LocalObjectReference = Field(
        description="Secret in this namespace holding the JWKS."
    )


class JWTRemoteSource(K8sModel):
    """JSON Web Keys fetched from a remote JWKS endpoint."""

    uri: str = Field(min_length=1, description="URI of the JWKS endpoint.")
    ca_certificate_refs: list[LocalObjectReference] = Field(
        default_factory=list,
        description="Secrets with CA certificates (PEM, key ca.crt) that verify the endpoint.",
    )


class JWTAuth(K8sModel):
    """JSON Web Token authentication (auth_jwt; NGINX Plus)."""

    source: Literal["File", "Remote"] = Field(
        description="Where the keys come from: File (a Secret) or Remote (a JWKS URI)."
    )
    file: JWTFileSource | None = Field(
        default=None, description="Keys from a Secret; required for source File."
    )
    remote: JWTRemoteSource | None = Field(
        default=None, description="Keys from a JWKS endpoint; required for source Remote."
    )
    key_cache: Duration | None = Field(
        default=None, description="How long fetched keys are cached (auth_jwt_key_cache)."
    )
    realm: str = Field(description="Realm of auth_jwt, also sent in the WWW-Authenticate header.")

    @cel_rule(
        "self.source != 'File' || has(self.file)",
        "source File requires spec.file to be set.",
    )
    def _file_source(self) -> bool:
        return self.source != "File" or self.file is not None

    @cel_rule(
        "self.source != 'Remote' || has(self.remote)",
        "source Remote requires spec.remote to be set.",
    )
    def _remote_source(self) -> bool:
        return self.source != "Remote" or self.remote is not None


class OIDCSession(PreservingModel):
    """Session management of OIDC authentication (documented by name; known fields typed)."""

    cookie_name: str | None = Field(
        default=None, description="Name of the session cookie (NGINX default NGX_OIDC_SESSION)."
    )
    timeout: Duration | None = Field(
        default=None, description="Session timeout (NGINX default 8h)."
    )


class OIDCLogout(PreservingModel):
    """Logout behaviour of OIDC authentication (documented by name; known fields typed)."""

    uri: str | None = Field(default=None, description="URI that starts a logout.")
    post_logout_uri: str | None = Field(
        default=None, alias="postLogoutURI", description="Where the user is sent after logout."
    )
    front_channel_logout_uri: str | None = Field(
        default=None, alias="frontChannelLogoutURI", description="URI of front-channel logout."
    )
    token_hint: bool | None = Field(
        default=None, description="Send id_token_hint to the provider's logout endpoint."
    )


class OIDCAuth(K8sModel):
    """OpenID Connect authentication (the NGINX oidc module; NGINX Plus)."""

    issuer: str = Field(
        pattern=HTTPS_URL,
        description="HTTPS URL of the OpenID Provider; must equal the provider's `issuer`.",
    )
    client_id: str = Field(
        alias="clientID",
        min_length=1,
        description="Client identifier registered with the provider.",
    )
    client_secret_ref: LocalObjectReference = Field(
        description="Secret in this namespace with the client secret (key client-secret)."
    )
    config_url: str | None = Field(
        default=None,
        alias="configURL",
        pattern=HTTPS_URL,
        description="Custom URL of the provider metadata (default "
        "<issuer>/.well-known/openid-configuration).",
    )
    pkce: bool | None = Field(
        default=None,
        description="Use PKCE; when unset NGINX enables it if the provider requires it.",
    )
    redirect_uri: str | None = Field(
        default=None,
        alias="redirectURI",
        pattern=PATH_URI,
        description="Path of the redirect (callback) URI, e.g. /oidc_callback.",
    )
    session: OIDCSession | None = Field(default=None, description="Session management.")
    logout: OIDCLogout | None = Field(default=None, description="Logout behaviour.")
    ca_certificate_refs: list[LocalObjectReference] = Field(
        default_factory=list,
        max_length=1,
        description="Secret with CA certificates (key ca.crt) that verify the provider; at "
        "most one. The system CA bundle is used when unset.",
    )
    crl_secret_ref: LocalObjectReference | None = Field(
        default=None,
        description="Secret with a certificate revocation list (key ca.crl) for the provider.",
    )
    extra_auth_args: dict[str, str] = Field(
        default_factory=dict,
        description="Extra query arguments of the authentication request, e.g. prompt=consent.",
    )


class AuthenticationFilterSpec(K8sModel):
    """Desired state of an NGF AuthenticationFilter: `type` and its matching block."""

    type: AuthType = Field(description="Authentication mechanism: Basic, OIDC or JWT.")
    basic: BasicAuth | None = Field(
        default=None, description="HTTP Basic authentication; required for type Basic."
    )
    jwt: JWTAuth | None = Field(
        default=None, description="JWT authentication (NGINX Plus); required for type JWT."
    )
    oidc: OIDCAuth | None = Field(
        default=None, description="OpenID Connect authentication (NGINX Plus); for type OIDC."
    )

    @cel_rule(
        "(self.type == 'Basic') == has(self.basic)",
        "spec.basic must be set exactly when type is Basic",
    )
    def _basic_block(self) -> bool:
        return (self.type == "Basic") == (self.basic is not None)

    @cel_rule(
        "(self.type == 'JWT') == has(self.jwt)",
        "spec.jwt must be set exactly when type is JWT",
    )
    def _jwt_block(self) -> bool:
        return (self.type == "JWT") == (self.jwt is not None)

    @cel_rule(
        "(self.type == 'OIDC') == has(self.oidc)",
        "spec.oidc must be set exactly when type is OIDC",
    )
    def _oidc_block(self) -> bool:
        return (self.type == "OIDC") == (self.oidc is not None)


class AuthenticationFilter(K8sModel):
    """NGINX Gateway Fabric AuthenticationFilter: request authentication (Basic, JWT or OIDC)
    for the HTTPRoute and GRPCRoute rules that reference it as an extensionRef filter."""

    api_version: Literal["gateway.nginx.org/v1alpha1"] = api_version_field("v1alpha1")
    kind: Literal["AuthenticationFilter"] = kind_field("AuthenticationFilter")
    metadata: ObjectMeta = metadata_field()
    spec: AuthenticationFilterSpec = Field(description="Desired state of the filter.")
    status: FilterStatus | None = Field(
        default=None, description="State of the filter per controller, written by NGF."
    )
