"""Deployment tools (helm, kubeconform, compose-spec) built from Go modules; kubeconform's schemas.

Versions are pinned once, in `hack/tools/go.mod` (its `tool` directives). Each tool is built
into `.cache/tools/bin/<name>` and rebuilt only when `hack/tools/go.mod`, `go.sum` or
`go version` change (a stamp next to the binary records their hash, as
`ngf_console.devcluster.build` does for the control plane).

kubeconform normally downloads its Kubernetes schemas from GitHub; here they are generated:
built-in kinds from the local control plane's OpenAPI v3 (`/openapi/v3/apis/<group>/<version>`,
which is the exact schema the API server validates against), custom resources from the CRDs'
`openAPIV3Schema`. Both are written in kubeconform's `{{.Group}}/{{.ResourceKind}}_
{{.ResourceAPIVersion}}.json` layout (the core group's `{{.Group}}` is `v1`) and loaded with
`-schema-location <dir>/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json`.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ngf_console.devcluster.crds import kubectl
from ngf_console.devcluster.paths import cache_dir, repo_root


class ToolError(RuntimeError):
    """A tool could not be built or run, or a schema could not be generated."""


@dataclass(frozen=True)
class Tool:
    """One pinned tool: its name, Go package and module."""

    name: str
    package: str
    module: str


TOOLS: dict[str, Tool] = {
    "helm": Tool("helm", "helm.sh/helm/v3/cmd/helm", "helm.sh/helm/v3"),
    "kubeconform": Tool(
        "kubeconform",
        "github.com/yannh/kubeconform/cmd/kubeconform",
        "github.com/yannh/kubeconform",
    ),
    # The Compose Specification's own validator (compose-go's cmd): JSON schema, then the
    # loader's interpolation and normalisation, as `docker compose config` does.
    "compose-spec": Tool(
        "compose-spec",
        "github.com/compose-spec/compose-go/v2/cmd",
        "github.com/compose-spec/compose-go/v2",
    ),
}

SCHEMA_LOCATION = "{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json"


@dataclass(frozen=True)
class BuiltTool:
    """What `ensure_tool` did."""

    path: Path
    built: bool
    seconds: float


def tools_module() -> Path:
    """The wrapper module that pins the tools."""
    return repo_root() / "hack" / "tools"


def pinned_version(tool: Tool, go_mod: Path | None = None) -> str:
    """The version of `tool`'s module that `hack/tools/go.mod` requires."""
    text = (go_mod or tools_module() / "go.mod").read_text()
    match = re.search(rf"^\s*(?:require\s+)?{re.escape(tool.module)}\s+(v\S+)", text, re.M)
    if match is None:
        raise ToolError(f"{tool.module} is not required by hack/tools/go.mod")
    return match.group(1)


def _go() -> str:
    go = shutil.which("go")
    if go is None:
        raise ToolError("the Go toolchain is not on PATH: install Go 1.26 (see README)")
    return go


def ldflags(tool: Tool, go_mod: Path | None = None) -> str:
    """Linker flags; helm's carry its version and the Kubernetes version it defaults to.

    Without them helm reports `v3.22` and renders for Kubernetes v1.20 (its Makefile sets
    them from the client-go version: k8s.io/client-go v0.N.x is Kubernetes 1.N).
    """
    flags = ["-s", "-w"]
    if tool.name == "helm":
        text = (go_mod or tools_module() / "go.mod").read_text()
        client_go = re.search(r"^\s*k8s\.io/client-go\s+v0\.(\d+)\.", text, re.M)
        if client_go is None:
            raise ToolError("hack/tools/go.mod does not require k8s.io/client-go")
        minor = client_go.group(1)
        flags.append(f"-X helm.sh/helm/v3/internal/version.version={pinned_version(tool, go_mod)}")
        for pkg in ("helm.sh/helm/v3/pkg/chartutil", "helm.sh/helm/v3/pkg/lint/rules"):
            flags += [f"-X {pkg}.k8sVersionMajor=1", f"-X {pkg}.k8sVersionMinor={minor}"]
    return " ".join(flags)


def stamp_of(module: Path, go_version: str, tool: Tool) -> str:
    """Hash of every input of a tool's build."""
    digest = hashlib.sha256(f"{go_version}\n{tool.package}\n".encode())
    go_mod = module / "go.mod"
    if go_mod.is_file():
        digest.update(ldflags(tool, go_mod).encode())
    for name in ("go.mod", "go.sum"):
        path = module / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()


def tool_path(name: str) -> Path:
    """Where tool `name` is built."""
    return cache_dir() / "tools" / "bin" / name


def ensure_tool(name: str, log: Callable[[str], None] = print) -> BuiltTool:
    """Return tool `name`, building it first when it is missing or its pin changed."""
    tool = TOOLS[name]
    go = _go()
    module = tools_module()
    version = subprocess.run(
        [go, "version"], check=True, capture_output=True, text=True
    ).stdout.strip()
    want = stamp_of(module, version, tool)
    out = tool_path(name)
    stamp = out.with_suffix(".sha256")
    if out.is_file() and stamp.is_file() and stamp.read_text().strip() == want:
        return BuiltTool(out, built=False, seconds=0.0)
    out.parent.mkdir(parents=True, exist_ok=True)
    log(f"building {name} {pinned_version(tool)} from Go modules (first time takes minutes)...")
    started = time.monotonic()
    proc = subprocess.run(
        [go, "build", "-trimpath", f"-ldflags={ldflags(tool)}", "-o", str(out), tool.package],
        cwd=module,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise ToolError(f"go build {tool.package} failed:\n{proc.stderr[-4000:]}")
    stamp.write_text(want + "\n")
    seconds = time.monotonic() - started
    log(f"built {out} in {seconds:.0f}s")
    return BuiltTool(out, built=True, seconds=seconds)


# ------------------------------------------------------------------ schemas ----


def _children(node: dict[str, Any], fn: Callable[[Any], Any]) -> dict[str, Any]:
    """`node` with `fn` applied to each sub-schema (and only those: `properties` names,
    `default`, `enum` and `x-` extensions are data, never walked as schemas)."""
    out = dict(node)
    if isinstance(out.get("properties"), dict):
        out["properties"] = {key: fn(value) for key, value in out["properties"].items()}
    for key in ("items", "additionalProperties", "not"):
        if isinstance(out.get(key), dict):
            out[key] = fn(out[key])
    for key in ("allOf", "anyOf", "oneOf"):
        if isinstance(out.get(key), list):
            out[key] = [fn(item) for item in out[key]]
    return out


def _strictify(node: Any) -> Any:
    """Close every object schema that lists properties (kubeconform `-strict` semantics).

    Objects with `properties` and no `additionalProperties` get `additionalProperties: false`,
    so a misspelled field is an error; `x-kubernetes-preserve-unknown-fields` stays open.
    """
    if not isinstance(node, dict):
        return node
    out = _children(node, _strictify)
    if (
        "properties" in out
        and "additionalProperties" not in out
        and not out.get("x-kubernetes-preserve-unknown-fields")
    ):
        out["additionalProperties"] = False
    return out


def _nullable(node: Any) -> Any:
    """OpenAPI `nullable: true` → JSON-schema type lists (kubeconform uses draft 4 rules)."""
    if not isinstance(node, dict):
        return node
    out = _children(node, _nullable)
    if out.pop("nullable", False) and isinstance(out.get("type"), str):
        out["type"] = [out["type"], "null"]
    return out


def _write(root: Path, group: str, kind: str, version: str, schema: dict[str, Any]) -> Path:
    # kubeconform's {{.Group}} is apiVersion's first part: `v1` for the core group
    path = root / (group or version) / f"{kind.lower()}_{version}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(schema, indent=1, sort_keys=True) + "\n")
    return path


def crd_schemas(crd_files: Iterable[Path], root: Path) -> list[Path]:
    """One JSON schema per served version of every CRD in `crd_files`."""
    written: list[Path] = []
    for path in crd_files:
        for doc in yaml.safe_load_all(path.read_text()):
            if not doc or doc.get("kind") != "CustomResourceDefinition":
                continue
            spec = doc["spec"]
            for version in spec["versions"]:
                schema = version.get("schema", {}).get("openAPIV3Schema")
                if schema is None:
                    continue
                schema = _nullable(_strictify(schema))
                kind = spec["names"]["kind"]
                written.append(_write(root, spec["group"], kind, version["name"], schema))
    return written


def _resolve(node: Any, components: dict[str, Any], stack: tuple[str, ...] = ()) -> Any:
    """Inline `$ref`s to `#/components/schemas/...` (kubeconform reads one file per kind).

    A reference to a schema already being inlined (the recursive `JSONSchemaProps`) is left
    open (`{}`), as kubeconform's own published schemas do.
    """
    if not isinstance(node, dict):
        return node
    if isinstance(node.get("$ref"), str):
        name = node["$ref"].rsplit("/", 1)[-1]
        if name in stack:
            return {}
        return _resolve(components[name], components, (*stack, name))
    out = _children(node, lambda child: _resolve(child, components, stack))
    if isinstance(out.get("allOf"), list) and len(out["allOf"]) == 1:
        only = out.pop("allOf")[0]
        out = {**only, **out}
    return out


def builtin_schemas(kubeconfig: Path, group_versions: Iterable[str], root: Path) -> list[Path]:
    """JSON schemas of every top-level kind the control plane serves in `group_versions`.

    `group_versions` are OpenAPI v3 paths below `/openapi/v3/`, e.g. `api/v1`, `apis/apps/v1`.
    """
    written: list[Path] = []
    for gv in group_versions:
        proc = subprocess.run(
            [kubectl(), f"--kubeconfig={kubeconfig}", "get", "--raw", f"/openapi/v3/{gv}"],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            raise ToolError(f"reading /openapi/v3/{gv} failed: {proc.stderr[-2000:]}")
        components = json.loads(proc.stdout)["components"]["schemas"]
        for schema in components.values():
            for gvk in schema.get("x-kubernetes-group-version-kind", []):
                if "metadata" not in schema.get("properties", {}):
                    continue
                resolved = _nullable(_strictify(_resolve(schema, components)))
                resolved.pop("x-kubernetes-group-version-kind", None)
                written.append(_write(root, gvk["group"], gvk["kind"], gvk["version"], resolved))
    return written


# --------------------------------------------------------- generated files ----

CHART = Path("deploy/helm/ngf-console")
INSTALL_MANIFEST = Path("deploy/manifests/install.yaml")
INSTALL_VALUES = Path("deploy/manifests/values.yaml")
INSTALL_NAMESPACE = "ngf-console"
RBAC_FILES = (
    "api_role.yaml",
    "operator_role.yaml",
    "admin_role.yaml",
    "operator_user_role.yaml",
    "viewer_role.yaml",
)


def clickhouse_init_sql() -> str:
    """The analytics migrations as one script for ClickHouse's `docker-entrypoint-initdb.d`."""
    from ngf_console.analytics.migrate import load_migrations  # noqa: PLC0415 - generator only

    parts = [
        "-- Generated by `make generate` from src/ngf_console/analytics/migrations. DO NOT EDIT.",
        "-- Run once on an empty server; the API server's migration runner then records the",
        "-- same versions (every statement is IF NOT EXISTS).",
        "CREATE DATABASE IF NOT EXISTS ngf;",
        "USE ngf;",
    ]
    for migration in load_migrations():
        parts.append(f"\n-- {migration.version:04d}_{migration.name}")
        parts.extend(f"{statement};" for statement in migration.statements)
    return "\n".join(parts) + "\n"


def generated_files() -> dict[Path, str]:
    """Every file `make generate` copies into deploy/ (repo-relative path → content)."""
    root = repo_root()
    out: dict[Path, str] = {}
    for crd in sorted((root / "config" / "crd" / "bases").glob("*.yaml")):
        out[CHART / "crds" / crd.name] = crd.read_text()
    for name in RBAC_FILES:
        out[CHART / "files" / "rbac" / name] = (root / "config" / "rbac" / name).read_text()
    init_sql = clickhouse_init_sql()
    out[CHART / "files" / "clickhouse" / "init.sql"] = init_sql
    out[Path("deploy/docker-compose/clickhouse/init.sql")] = init_sql
    return out


def stale_files(expected: dict[Path, str]) -> list[Path]:
    """Paths whose committed content differs from `expected` (missing ones included)."""
    root = repo_root()
    return [
        path
        for path, text in expected.items()
        if not (root / path).is_file() or (root / path).read_text() != text
    ]


def write_files(files: dict[Path, str]) -> list[Path]:
    """Write the files that changed; returns them."""
    root = repo_root()
    changed = stale_files(files)
    for path in changed:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(files[path])
    return changed


def helm_template(*args: str, chart: Path | None = None) -> str:
    """`helm template` of the chart with extra arguments; raises `ToolError` on failure."""
    helm = ensure_tool("helm").path
    proc = subprocess.run(
        [str(helm), "template", "ngf-console", str(chart or repo_root() / CHART), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise ToolError(f"helm template failed:\n{proc.stderr[-4000:]}")
    return proc.stdout


def install_manifest() -> dict[Path, str]:
    """`deploy/manifests/install.yaml`: the namespace, then the chart (with its CRDs)."""
    values = repo_root() / INSTALL_VALUES
    rendered = helm_template(
        "--namespace", INSTALL_NAMESPACE, "--include-crds", "--values", str(values)
    )
    header = (
        "# Generated by `make generate-manifests` from deploy/helm/ngf-console with\n"
        f"# {INSTALL_VALUES}. DO NOT EDIT: change the chart or those values.\n"
        "---\napiVersion: v1\nkind: Namespace\nmetadata:\n"
        f"  name: {INSTALL_NAMESPACE}\n"
    )
    return {INSTALL_MANIFEST: header + rendered}


def main(argv: list[str] | None = None) -> int:
    """`python -m ngf_console.devcluster.tools build [NAME...] | sync | manifests`."""
    args = argv if argv is not None else sys.argv[1:]
    command, names = (args[0], args[1:]) if args else ("build", [])
    if command == "sync":
        for path in write_files(generated_files()):
            sys.stdout.write(f"wrote {path}" + "\n")
        return 0
    if command == "manifests":
        for path in write_files(install_manifest()):
            sys.stdout.write(f"wrote {path}" + "\n")
        return 0
    if command != "build":
        sys.stderr.write(
            "usage: python -m ngf_console.devcluster.tools build|sync|manifests" + "\n"
        )
        return 2
    for name in names or list(TOOLS):
        if name not in TOOLS:
            sys.stderr.write(f"unknown tool {name!r}; known: {', '.join(TOOLS)}" + "\n")
            return 2
        result = ensure_tool(name)
        if not result.built:
            sys.stdout.write(
                f"{name} {pinned_version(TOOLS[name])} is current: {result.path}" + "\n"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
