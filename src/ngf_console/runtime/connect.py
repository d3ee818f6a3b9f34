"""Connect the operator to a cluster that was named explicitly.

Either a kubeconfig file given on the command line (its own current context), or — only
when `KUBERNETES_SERVICE_HOST` is set, i.e. inside a Pod — the in-cluster ServiceAccount.
Never the user's `~/.kube/config` or `$KUBECONFIG` implicitly: an operator pointed at the
wrong cluster by accident would reconcile someone else's resources.
"""

from __future__ import annotations

import os
import socket
import uuid
from pathlib import Path

from lightkube import AsyncClient, ConfigError
from lightkube.config.kubeconfig import KubeConfig

from ngf_console.kube.client import async_client
from ngf_console.runtime.errors import ConfigurationError

FIELD_MANAGER = "ngf-console-operator"
SERVICE_ACCOUNT_NAMESPACE = Path("/var/run/secrets/kubernetes.io/serviceaccount/namespace")


def in_cluster() -> bool:
    """True inside a Pod (the kubelet sets KUBERNETES_SERVICE_HOST)."""
    return bool(os.environ.get("KUBERNETES_SERVICE_HOST"))


def connect(kubeconfig: Path | None, *, field_manager: str = FIELD_MANAGER) -> AsyncClient:
    """A client for `kubeconfig`, or in-cluster; `ConfigurationError` if neither applies."""
    if kubeconfig is None and not in_cluster():
        raise ConfigurationError(
            "no cluster named: pass --kubeconfig (outside a cluster the current context "
            "of ~/.kube/config is never used implicitly)"
        )
    source = str(kubeconfig) if kubeconfig is not None else "the in-cluster ServiceAccount"
    try:
        if kubeconfig is not None:
            return async_client(kubeconfig, field_manager=field_manager)
        config = KubeConfig.from_service_account()
        return AsyncClient(config=config, field_manager=field_manager)
    except (OSError, ValueError, KeyError, ConfigError) as e:  # lightkube: KeyError on gaps
        detail = f"missing {e}" if isinstance(e, KeyError) else str(e)
        raise ConfigurationError(f"cannot load cluster credentials from {source}: {detail}") from e


def default_lease_namespace() -> str:
    """The Pod's namespace in a cluster, else `default`."""
    if in_cluster() and SERVICE_ACCOUNT_NAMESPACE.is_file():
        return SERVICE_ACCOUNT_NAMESPACE.read_text().strip()
    return "default"


def default_identity() -> str:
    """`<hostname>_<uuid>`, like client-go: unique even for two processes on one host."""
    return f"{socket.gethostname()}_{uuid.uuid4()}"
