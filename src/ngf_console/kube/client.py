"""Build lightkube clients from an explicit kubeconfig file.

The product never falls back to the user's current context implicitly: callers
pass the kubeconfig they mean.
"""

from __future__ import annotations

from pathlib import Path

from lightkube import AsyncClient
from lightkube.config.kubeconfig import KubeConfig
from lightkube.config.models import User

FIELD_MANAGER = "ngf-console"


def async_client(
    kubeconfig: Path,
    *,
    field_manager: str = FIELD_MANAGER,
    namespace: str | None = None,
    token: str | None = None,
) -> AsyncClient:
    """An async client for the kubeconfig's current context.

    `token` replaces the kubeconfig user's credentials with a bearer token (used to
    act as a ServiceAccount); the cluster address and CA stay the same.
    """
    config = KubeConfig.from_file(kubeconfig)
    single = config.get()
    if single is None:
        raise ValueError(f"{kubeconfig} has no current context: name one in the file")
    if token is not None:
        single = single._replace(user=User(token=token))
    return AsyncClient(config=single, namespace=namespace, field_manager=field_manager)
