"""The OpenAPI document, and `python -m ngf_console.server.openapi [--check]`.

FastAPI builds the document from the routes; two things are added here:

* the Create/Update body models, which the server validates itself (after restoring
  redacted secrets), are added to `components.schemas` (routes refer to them by `$ref`);
* every string field whose name marks it as a secret (`store.redact` rules, e.g.
  `privateKey`) also admits the placeholder `<redacted>`: reads return the placeholder, and
  an update may send it back to keep the stored value. (Not `writeOnly`: the field is in
  every read, as the placeholder, and a response validator must accept it there.)

The command writes the document to `openapi/ngf-console.json` (what `make generate` runs)
or, with `--check`, exits 1 when the committed file differs from a fresh one.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

from ngf_console.server import catalog
from ngf_console.server.schemas import create_body, update_body
from ngf_console.store import REDACTED
from ngf_console.store.redact import is_sensitive_name

OPENAPI_PATH = Path("openapi/ngf-console.json")
REF_TEMPLATE = "#/components/schemas/{model}"


def body_models() -> list[type[BaseModel]]:
    """The write bodies of every writable kind."""
    kinds = [r for r in catalog.ALL if r.writable]
    return [factory(r) for r in kinds for factory in (create_body, update_body)]


def _add_models(schemas: dict[str, Any], models: list[type[BaseModel]]) -> None:
    for model in models:
        schema = model.model_json_schema(by_alias=True, ref_template=REF_TEMPLATE)
        for name, definition in schema.pop("$defs", {}).items():
            schemas.setdefault(name, definition)
        schemas.setdefault(model.__name__, schema)


def _relax_secrets(node: Any, parent: str | None = None) -> None:
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict):
            for name, prop in properties.items():
                if is_sensitive_name(name, parent) and prop.get("type") == "string":
                    description = prop.pop("description", None)
                    properties[name] = {
                        "anyOf": [prop, {"const": REDACTED}],
                        **({"description": description} if description else {}),
                    }
        for key, value in node.items():
            _relax_secrets(value, key if key != "properties" else parent)
    elif isinstance(node, list):
        for item in node:
            _relax_secrets(item, parent)


def _plain_body_refs(paths: dict[str, Any]) -> None:
    """A request body given as a `$ref` is just that reference (FastAPI adds a title)."""
    for operations in paths.values():
        for operation in operations.values():
            content = operation.get("requestBody", {}).get("content", {})
            for media in content.values():
                if "$ref" in media.get("schema", {}):
                    media["schema"] = {"$ref": media["schema"]["$ref"]}


def document(app: FastAPI) -> dict[str, Any]:
    """The complete OpenAPI document of `app`."""
    spec = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
        separate_input_output_schemas=False,
    )
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    _add_models(schemas, body_models())
    _relax_secrets(schemas)
    _plain_body_refs(spec["paths"])
    spec["components"]["schemas"] = dict(sorted(schemas.items()))
    return spec


def render(app: FastAPI) -> str:
    """The document as the committed file spells it."""
    return json.dumps(document(app), indent=2, sort_keys=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    from ngf_console.server.app import create_app  # noqa: PLC0415  # the app imports us

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is stale")
    parser.add_argument("--output", type=Path, default=OPENAPI_PATH)
    args = parser.parse_args(argv)
    text = render(create_app())
    if args.check:
        current = args.output.read_text() if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is stale: run `make generate`", file=sys.stderr)  # noqa: T201
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text)
    print(f"wrote {args.output}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
