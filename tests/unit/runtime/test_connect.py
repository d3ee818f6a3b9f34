"""Which cluster the operator talks to: only one that was named.

Matrix: no kubeconfig outside a cluster → ConfigurationError (never ~/.kube/config or
$KUBECONFIG) · KUBERNETES_SERVICE_HOST set without ServiceAccount files → an error, not a
fallback · an unreadable kubeconfig → ConfigurationError · a kubeconfig → a client with the
operator's field manager · identities are unique · the Lease namespace defaults to `default`
outside a cluster.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ngf_console.runtime.connect import (
    FIELD_MANAGER,
    connect,
    default_identity,
    default_lease_namespace,
)
from ngf_console.runtime.errors import ConfigurationError

KUBECONFIG = """\
apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443", insecure-skip-tls-verify: true}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: x, context: {cluster: c, user: u}}]
current-context: x
"""


@pytest.fixture
def user_kubeconfig(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user's default kubeconfig and $KUBECONFIG that must never be picked up."""
    home = tmp_path / "home"
    (home / ".kube").mkdir(parents=True)
    config = home / ".kube" / "config"
    config.write_text(KUBECONFIG)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("KUBECONFIG", str(config))
    monkeypatch.delenv("KUBERNETES_SERVICE_HOST", raising=False)
    return config


@pytest.mark.usefixtures("user_kubeconfig")
def test_no_named_cluster_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="--kubeconfig"):
        connect(None)


@pytest.mark.usefixtures("user_kubeconfig")
def test_in_cluster_without_service_account_files_is_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KUBERNETES_SERVICE_HOST", "10.0.0.1")
    monkeypatch.setenv("KUBERNETES_SERVICE_PORT", "443")
    with pytest.raises(ConfigurationError, match="credentials"):
        connect(None)


def test_an_unreadable_kubeconfig_is_a_configuration_error(tmp_path: Path) -> None:
    broken = tmp_path / "kubeconfig"
    broken.write_text("apiVersion: v1\nkind: Config\nclusters: []\n")
    with pytest.raises(ConfigurationError):
        connect(broken)


@pytest.mark.asyncio
async def test_a_named_kubeconfig_gives_a_client_with_the_operators_field_manager(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kubeconfig"
    path.write_text(KUBECONFIG)
    client = connect(path)
    try:
        assert client._client._field_manager == FIELD_MANAGER
        assert str(client.config.cluster.server) == "https://127.0.0.1:6443"
    finally:
        await client.close()


def test_identities_are_unique_per_process_start() -> None:
    assert default_identity() != default_identity()


@pytest.mark.usefixtures("user_kubeconfig")
def test_the_lease_namespace_outside_a_cluster_is_default() -> None:
    assert default_lease_namespace() == "default"
