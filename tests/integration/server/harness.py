"""The API server under test: identities, a kubeconfig per identity, uvicorn in a thread.

* `Identity` — a ServiceAccount bound to one ClusterRole (ClusterRoleBinding, or a
  RoleBinding in one namespace) with a TokenRequest token; `make_identity` creates them
  with the admin kubeconfig. The roles come from `config/rbac/*.yaml`, the files we ship.
* `token_kubeconfig` — a copy of a kubeconfig whose user is a bearer token: the API server
  under test runs as its own ServiceAccount bound to `config/rbac/api_role.yaml`.
* `ServerThread` — `create_app(settings)` served by uvicorn on a free port in a thread with
  its own event loop, so synchronous tests (httpx, websockets) talk to it over real sockets.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import httpx
import uvicorn
import yaml
from lightkube import Client
from lightkube.config.kubeconfig import KubeConfig
from lightkube.models.authentication_v1 import TokenRequestSpec
from lightkube.models.meta_v1 import ObjectMeta
from lightkube.models.rbac_v1 import RoleRef, Subject
from lightkube.resources.core_v1 import Namespace, ServiceAccount
from lightkube.resources.rbac_authorization_v1 import ClusterRole, ClusterRoleBinding, RoleBinding

from ngf_console.server.app import create_app
from ngf_console.server.settings import ServerSettings

RBAC = Path(__file__).resolve().parents[3] / "config" / "rbac"
ROLE_FILES = {
    "ngf-console-api": "api_role.yaml",
    "ngf-console-admin": "admin_role.yaml",
    "ngf-console-operator-user": "operator_user_role.yaml",
    "ngf-console-viewer": "viewer_role.yaml",
}


@dataclass(frozen=True)
class Identity:
    """A ServiceAccount, what it is bound to, and its token."""

    name: str
    namespace: str
    token: str = field(repr=False)  # never in test reports

    @property
    def username(self) -> str:
        return f"system:serviceaccount:{self.namespace}:{self.name}"

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def admin_client(kubeconfig: Path) -> Client:
    return Client(config=KubeConfig.from_file(kubeconfig), field_manager="test-setup")


def apply_roles(kubeconfig: Path) -> None:
    """Apply every shipped ClusterRole the tests bind."""
    with admin_client(kubeconfig) as client:
        for file in ROLE_FILES.values():
            role = yaml.safe_load((RBAC / file).read_text())
            client.apply(cast(ClusterRole, ClusterRole.from_dict(role)), force=True)


def ensure_namespace(kubeconfig: Path, name: str) -> None:
    with admin_client(kubeconfig) as client:
        client.apply(Namespace(metadata=ObjectMeta(name=name)), force=True)


def make_identity(
    kubeconfig: Path, namespace: str, name: str, role: str, *, only_in: str | None = None
) -> Identity:
    """ServiceAccount `namespace/name` bound to ClusterRole `role` (in `only_in`, or everywhere)."""
    subject = Subject(kind="ServiceAccount", name=name, namespace=namespace)
    ref = RoleRef(apiGroup="rbac.authorization.k8s.io", kind="ClusterRole", name=role)
    with admin_client(kubeconfig) as client:
        client.create(ServiceAccount(metadata=ObjectMeta(name=name, namespace=namespace)))
        if only_in is None:
            binding_name = f"{namespace}-{name}"
            client.create(
                ClusterRoleBinding(
                    metadata=ObjectMeta(name=binding_name), roleRef=ref, subjects=[subject]
                )
            )
        else:
            client.create(
                RoleBinding(
                    metadata=ObjectMeta(name=f"{namespace}-{name}", namespace=only_in),
                    roleRef=ref,
                    subjects=[subject],
                )
            )
        issued = client.create(
            ServiceAccount.Token(
                metadata=ObjectMeta(), spec=TokenRequestSpec(expirationSeconds=7200)
            ),
            name=name,
            namespace=namespace,
        )
    assert issued.status is not None
    assert issued.status.token
    return Identity(name, namespace, issued.status.token)


def token_kubeconfig(kubeconfig: Path, token: str, path: Path) -> Path:
    """A copy of `kubeconfig` whose current user authenticates with `token`."""
    doc: dict[str, Any] = yaml.safe_load(kubeconfig.read_text())
    current = next(c for c in doc["contexts"] if c["name"] == doc["current-context"])
    user = current["context"]["user"]
    doc["users"] = [{"name": user, "user": {"token": token}}]
    path.write_text(yaml.safe_dump(doc))
    return path


class ServerThread:
    """uvicorn serving the app on 127.0.0.1:<free port> in a background thread."""

    def __init__(self, settings: ServerSettings) -> None:
        config = uvicorn.Config(
            create_app(settings),
            host="127.0.0.1",
            port=0,
            log_level="warning",
            ws="websockets-sansio",
            lifespan="on",
        )
        self.server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self.server.run, name="api-server", daemon=True)
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90.0) -> None:
        """Start and wait until `/readyz` answers 200."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the API server did not start")
            time.sleep(0.05)
        self.port = self.server.servers[0].sockets[0].getsockname()[1]
        with httpx.Client(base_url=self.url) as client:
            while client.get("/readyz").status_code != 200:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"not ready: {client.get('/readyz').text}")
                time.sleep(0.1)

    def stop(self) -> None:
        self.server.should_exit = True
        self._thread.join(timeout=30)


def wait_until(check: Callable[[], bool], *, within: float = 10.0, what: str = "condition") -> None:
    """Call `check()` every 0.1 s until it is True; fail after `within` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what} did not hold within {within:.0f}s")
