"""Build the control-plane binary once; rebuild only when its sources change.

The stamp next to the binary records a hash of `hack/localcluster` (go.mod,
go.sum, *.go) and of `go version`; a matching stamp means the binary is current.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ngf_console.devcluster.paths import binary_path, repo_root


class BuildError(RuntimeError):
    """The Go toolchain failed to build hack/localcluster."""


@dataclass(frozen=True)
class BuildResult:
    """What `ensure_built` did."""

    path: Path
    built: bool
    seconds: float
    size_bytes: int


def source_hash(src: Path, go_version: str) -> str:
    """Hash every input of the build, in a stable order."""
    digest = hashlib.sha256(go_version.encode())
    files = sorted(p for p in src.iterdir() if p.suffix == ".go" or p.name in {"go.mod", "go.sum"})
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _go() -> str:
    go = shutil.which("go")
    if go is None:
        raise BuildError("the Go toolchain is not on PATH: install Go 1.26 (see README)")
    return go


def ensure_built(log: Callable[[str], None] = print) -> BuildResult:
    """Return the binary, building it first when it is missing or stale."""
    src = repo_root() / "hack" / "localcluster"
    out = binary_path()
    go = _go()
    version = subprocess.run(
        [go, "version"], check=True, capture_output=True, text=True
    ).stdout.strip()
    want = source_hash(src, version)
    stamp = out.with_suffix(".sha256")
    if out.is_file() and stamp.is_file() and stamp.read_text().strip() == want:
        return BuildResult(out, built=False, seconds=0.0, size_bytes=out.stat().st_size)
    out.parent.mkdir(parents=True, exist_ok=True)
    log(
        "building the local control plane (kube-apiserver + etcd + controllers) "
        "from Go modules; the first build takes several minutes..."
    )
    started = time.monotonic()
    proc = subprocess.run(
        [go, "build", "-trimpath", "-ldflags=-s -w", "-o", str(out), "."],
        cwd=src,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise BuildError(f"go build in {src} failed:\n{proc.stderr[-4000:]}")
    stamp.write_text(want + "\n")
    seconds = time.monotonic() - started
    size = out.stat().st_size
    log(f"built {out} in {seconds:.0f}s ({size / 1e6:.0f} MB)")
    return BuildResult(out, built=True, seconds=seconds, size_bytes=size)
