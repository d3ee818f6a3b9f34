"""One cluster connection that makes clients for the server itself or for a caller.

The API server talks to Kubernetes under two identities: its own ServiceAccount (watch caches,
TokenReview, SubjectAccessReview) and the caller's bearer token (every write, so that
Kubernetes RBAC decides it). `KubeConnection` loads the cluster address and CA once — from an
explicit kubeconfig file, or in a Pod from the mounted ServiceAccount — and `client(token=...)`
builds a client that keeps them and swaps only the credentials.
"""

from __future__ import annotations

from pathlib import Path

from lightkube import AsyncClient, ConfigError
from lightkube.config.kubeconfig import KubeConfig, SingleConfig
from lightkube.config.models import User

from ngf_console.kube.client import FIELD_MANAGER


class KubeConnectionError(RuntimeError):
    """The cluster credentials could not be loaded."""


class KubeConnection:
    """The cluster (address, CA, the server's own credentials) and a client factory."""

    def __init__(self, config: SingleConfig, *, field_manager: str = FIELD_MANAGER) -> None:
        self._config = config
        self._field_manager = field_manager

    @classmethod
    def from_kubeconfig(cls, path: Path, *, field_manager: str = FIELD_MANAGER) -> KubeConnection:
        """The current context of the kubeconfig file `path`."""
        try:
            single = KubeConfig.from_file(path).get()
        except (OSError, ValueError, ConfigError) as e:
            raise KubeConnectionError(f"cannot load kubeconfig {path}: {e}") from e
        if single is None:
            raise KubeConnectionError(f"{path} has no current context: name one in the file")
        return cls(single, field_manager=field_manager)

    @classmethod
    def in_cluster(cls, *, field_manager: str = FIELD_MANAGER) -> KubeConnection:
        """The Pod's mounted ServiceAccount."""
        try:
            single = KubeConfig.from_service_account().get()
        except (OSError, ValueError, ConfigError) as e:
            raise KubeConnectionError(f"cannot load the in-cluster ServiceAccount: {e}") from e
        assert single is not None, "a ServiceAccount config has one context"
        return cls(single, field_manager=field_manager)

    @property
    def server(self) -> str:
        """The API server's URL."""
        return str(self._config.cluster.server)

    def client(self, *, token: str | None = None) -> AsyncClient:
        """A new client: the server's own identity, or the bearer `token` when given.

        The caller closes it (`await client.close()` or `async with`).
        """
        config = self._config
        if token is not None:
            config = config._replace(user=User(token=token))
        return AsyncClient(config=config, field_manager=self._field_manager)
