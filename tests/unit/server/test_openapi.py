"""The committed OpenAPI document is what the app generates, and it documents write-only secrets.

Drift: `openapi/ngf-console.json` must equal a fresh rendering (`make generate` rewrites it).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ngf_console.server.app import create_app
from ngf_console.server.openapi import OPENAPI_PATH, document, main
from ngf_console.store import REDACTED

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return document(create_app())


def test_committed_document_is_current(spec: dict[str, Any]) -> None:
    committed = json.loads((ROOT / OPENAPI_PATH).read_text())
    assert spec == committed, "openapi/ngf-console.json is stale: run `make generate`"


def test_check_mode(tmp_path: Path) -> None:
    stale = tmp_path / "openapi.json"
    stale.write_text("{}\n")
    assert main(["--check", "--output", str(stale)]) == 1
    assert main(["--check", "--output", str(ROOT / OPENAPI_PATH)]) == 0


def test_write_bodies_are_components(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    create = spec["paths"]["/api/v1/inferencestacks"]["post"]["requestBody"]
    assert create["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/InferenceStackCreate"
    }
    assert "resourceVersion" in schemas["UpdateMeta"]["required"]
    assert {"metadata", "spec"} <= set(schemas["InferenceStackCreate"]["required"])


def test_private_keys_admit_the_redaction_placeholder(spec: dict[str, Any]) -> None:
    private_key = spec["components"]["schemas"]["InlineCertSpec"]["properties"]["privateKey"]
    assert {"const": REDACTED} in private_key["anyOf"]
    # Reads carry the placeholder, so the field must not be declared absent from responses.
    assert "writeOnly" not in private_key


def test_every_operation_needs_a_token_but_health(spec: dict[str, Any]) -> None:
    for path, operations in spec["paths"].items():
        for operation in operations.values():
            secured = "security" in operation
            assert secured == (path not in ("/healthz", "/readyz")), path
