"""Authentication and authorization of API callers.

Two small protocols are the seam: an `Authenticator` turns a bearer token into a `Principal`
and an `Authorizer` answers whether a principal may perform an `AccessRequest`. The
Kubernetes implementation (`kubernetes.KubernetesAuth`) does both with TokenReview and
SubjectAccessReview, so Kubernetes RBAC decides; an OIDC authenticator (a later issue) only
has to produce a `Principal` whose `kube_token` the API server accepts, or be paired with an
impersonating client factory.
"""

from ngf_console.server.auth.principal import (
    AccessDecision,
    AccessRequest,
    Authenticator,
    Authorizer,
    Principal,
)

__all__ = ["AccessDecision", "AccessRequest", "Authenticator", "Authorizer", "Principal"]
