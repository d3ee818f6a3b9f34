"""The auth cache refreshes ahead, yet a revoked permission still takes effect within its TTL.

The `api` server caches TokenReview and SubjectAccessReview answers for 2 s and reviews an
answer again in the background once it is past half its life. A caller who keeps making
requests is never denied while allowed, and once their RoleBinding is deleted they are
refused within the TTL (plus the time RBAC takes to see the deletion).
"""

from __future__ import annotations

import time
import uuid

import httpx
import pytest
from lightkube.resources.rbac_authorization_v1 import RoleBinding

from ngf_console.devcluster import process
from tests.integration.server.harness import (
    ServerThread,
    admin_client,
    ensure_namespace,
    make_identity,
)

pytestmark = pytest.mark.integration


def test_revoked_binding_is_refused_within_the_ttl(
    local_cluster: process.Cluster, api: ServerThread, system_namespace: str
) -> None:
    kubeconfig = local_cluster.kubeconfig
    namespace = f"ngfc-auth-{uuid.uuid4().hex[:6]}"
    ensure_namespace(kubeconfig, namespace)
    name = f"u-{uuid.uuid4().hex[:6]}"
    user = make_identity(
        kubeconfig, system_namespace, name, "ngf-console-viewer", only_in=namespace
    )
    path = "/api/v1/inferencestacks"
    with httpx.Client(base_url=api.url, headers=user.headers(), timeout=30) as http:
        until = time.monotonic() + 5.0  # 2.5 TTLs: answers refreshed ahead, never denied
        while time.monotonic() < until:
            response = http.get(path, params={"namespace": namespace})
            assert response.status_code == 200, response.text
            time.sleep(0.1)
        with admin_client(kubeconfig) as client:
            client.delete(RoleBinding, f"{system_namespace}-{name}", namespace=namespace)
        revoked = time.monotonic()
        while http.get(path, params={"namespace": namespace}).status_code == 200:
            assert time.monotonic() - revoked < 6.0, "still allowed 6 s after the revocation"
            time.sleep(0.1)
        assert http.get(path, params={"namespace": namespace}).status_code == 403
