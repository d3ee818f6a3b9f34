"""ServiceAccounts with ClusterRoles and short-lived tokens, for `make run`.

`ngf-console run` gives the API server its own ServiceAccount bound to the narrow
`ngf-console-api` ClusterRole, and the person at the keyboard an admin token
(`ngf-console-admin`). These helpers apply the shipped ClusterRole files, create a
ServiceAccount with a ClusterRoleBinding (idempotently), issue a TokenRequest token and
write a kubeconfig that authenticates with a token. They use the admin kubeconfig of the
local control plane only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import yaml
from lightkube import ApiError, Client
from lightkube.config.kubeconfig import KubeConfig
from lightkube.models.authentication_v1 import TokenRequestSpec
from lightkube.models.meta_v1 import ObjectMeta
from lightkube.models.rbac_v1 import RoleRef, Subject
from lightkube.resources.core_v1 import ServiceAccount
from lightkube.resources.rbac_authorization_v1 import ClusterRole, ClusterRoleBinding

FIELD_MANAGER = "ngf-console-run"


def _client(kubeconfig: Path) -> Client:
    return Client(config=KubeConfig.from_file(kubeconfig), field_manager=FIELD_MANAGER)


def apply_cluster_roles(kubeconfig: Path, files: list[Path]) -> None:
    """Server-side apply each ClusterRole file."""
    with _client(kubeconfig) as client:
        for path in files:
            role = cast(ClusterRole, ClusterRole.from_dict(yaml.safe_load(path.read_text())))
            client.apply(role, force=True)


def service_account_token(
    kubeconfig: Path, namespace: str, name: str, cluster_role: str, *, seconds: int = 86400
) -> str:
    """A token of ServiceAccount `namespace/name`, bound (cluster-wide) to `cluster_role`."""
    subject = Subject(kind="ServiceAccount", name=name, namespace=namespace)
    binding = ClusterRoleBinding(
        metadata=ObjectMeta(name=f"{name}-{namespace}"),
        roleRef=RoleRef(
            apiGroup="rbac.authorization.k8s.io", kind="ClusterRole", name=cluster_role
        ),
        subjects=[subject],
    )
    with _client(kubeconfig) as client:
        client.apply(ServiceAccount(metadata=ObjectMeta(name=name, namespace=namespace)))
        client.apply(binding, force=True)
        try:
            issued = client.create(
                ServiceAccount.Token(
                    metadata=ObjectMeta(), spec=TokenRequestSpec(expirationSeconds=seconds)
                ),
                name=name,
                namespace=namespace,
            )
        except ApiError as e:
            raise RuntimeError(f"token for {namespace}/{name}: {e.status.message}") from e
    token = issued.status.token if issued.status is not None else None
    if not token:
        raise RuntimeError(f"the API server issued no token for {namespace}/{name}")
    return token


def write_token_kubeconfig(kubeconfig: Path, token: str, path: Path) -> Path:
    """A copy of `kubeconfig` whose current user authenticates with the bearer `token`."""
    doc: dict[str, Any] = yaml.safe_load(kubeconfig.read_text())
    current = next(c for c in doc["contexts"] if c["name"] == doc["current-context"])
    doc["users"] = [{"name": current["context"]["user"], "user": {"token": token}}]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(doc))
    path.chmod(0o600)
    return path
