"""Schemathesis over the API server's own OpenAPI document, against the real server.

The document is the app's own (`openapi.document(create_app())`, loaded at collection so
each operation is a test item of its own; `test_served_document_is_this_one` checks that the
running server serves the same one at `/api/v1/openapi.json`). The server runs as
its narrow ServiceAccount on the local control plane (fixture `api`) and every request
carries the admin persona's token, so the requests get past authorization and exercise the
handlers, the validation and the Kubernetes write path. Every operation of the document is
tested with a bounded number of generated cases (`MAX_EXAMPLES`), positive and negative.
Checks, on every response:

* no 5xx (`not_a_server_error`);
* the status code is one the operation documents (`status_code_conformance`);
* the content type is the documented one (`content_type_conformance`);
* the body matches the documented schema (`response_schema_conformance`).

Nothing in the document is excluded. Not in the document and therefore not run here: the
WebSocket endpoints (`/api/v1/ws/...`; OpenAPI 3.1 cannot describe them, FastAPI does not
list them; `test_websocket.py` and the authorization matrix cover them) and the built UI at
`/` (not served in these tests, `static_dir=None`).

Generated writes land in one namespace of this module: a generated namespace that exists in
the cluster (e.g. `default`, or another test's) is replaced by it, so the fuzzer never
changes what other tests made; namespaces that do not exist are sent as generated (the
server must answer them with a documented 404). The namespace is deleted at the end.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from lightkube.models.meta_v1 import ObjectMeta
from lightkube.resources.core_v1 import Namespace
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ngf_console.devcluster import process
from ngf_console.server.app import create_app
from ngf_console.server.openapi import document
from tests.integration.server.conftest import Personas
from tests.integration.server.harness import ServerThread, admin_client

pytestmark = pytest.mark.integration

# Bounded for `make test`: Hypothesis-generated cases per operation, positive and negative,
# plus the document's examples — about 1,300 requests, 4.5 min at load average 8 on 2 cores.
# Schemathesis' coverage phase (systematic boundary and negative values, ~750 cases for an
# InferenceStack create alone) is off by default and on with NGFC_SCHEMATHESIS_COVERAGE=1,
# for a deeper run by hand (it passed over every operation: 10 min at load average 10).
MAX_EXAMPLES = int(os.environ.get("NGFC_SCHEMATHESIS_EXAMPLES", "12"))
COVERAGE = os.environ.get("NGFC_SCHEMATHESIS_COVERAGE", "") == "1"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def fuzz_namespace(local_cluster: process.Cluster) -> Iterator[str]:
    name = f"ngfc-fuzz-{uuid.uuid4().hex[:6]}"
    with admin_client(local_cluster.kubeconfig) as client:
        client.create(Namespace(metadata=ObjectMeta(name=name)))
        try:
            yield name
        finally:
            client.delete(Namespace, name)


@pytest.fixture(scope="module")
def existing_namespaces(local_cluster: process.Cluster, fuzz_namespace: str) -> frozenset[str]:
    with admin_client(local_cluster.kubeconfig) as client:
        return frozenset(
            ns.metadata.name for ns in client.list(Namespace) if ns.metadata and ns.metadata.name
        )


DOCUMENT = document(create_app())
schema = schemathesis.openapi.from_dict(
    DOCUMENT,
    config=SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": COVERAGE}}}),
)


def test_served_document_is_this_one(http: httpx.Client) -> None:
    assert http.get("/api/v1/openapi.json").json() == DOCUMENT


def confine(case: Any, existing: frozenset[str], namespace: str) -> None:
    """Point a generated namespace that exists in the cluster at the fuzzing namespace."""
    body = case.body if isinstance(case.body, dict) else {}
    metadata = body.get("metadata")
    for place in (case.path_parameters, case.query, metadata):
        if isinstance(place, dict) and str(place.get("namespace")) in existing:
            place["namespace"] = namespace


CALLS: dict[str, list[float]] = {}


@pytest.fixture(scope="module", autouse=True)
def call_report() -> Iterator[None]:
    """Print how many cases each operation got and how long they took (`-s` shows it)."""
    yield
    for label, times in sorted(CALLS.items(), key=lambda kv: -sum(kv[1])):
        print(f"{label}: {len(times)} cases, {sum(times):.1f}s")  # noqa: T201


# Schemathesis' negative generation calls `random` inside its strategies, which Hypothesis
# reports with a deprecation warning (an error under our `filterwarnings = error`); the
# warning concerns the generator, not the server.
@pytest.mark.filterwarnings(
    "ignore:Do not use the `random` module inside strategies"
    ":hypothesis.errors.HypothesisDeprecationWarning"
)
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_document(
    case: Any,
    api: ServerThread,
    personas: Personas,
    fuzz_namespace: str,
    existing_namespaces: frozenset[str],
) -> None:
    confine(case, existing_namespaces, fuzz_namespace)
    started = time.perf_counter()
    try:
        case.call_and_validate(
            base_url=api.url, headers=personas.admin.headers(), checks=CHECKS, timeout=30
        )
    finally:
        label = f"{case.operation.method.upper()} {case.operation.path}"
        CALLS.setdefault(label, []).append(time.perf_counter() - started)
