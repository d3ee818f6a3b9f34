"""`python -m ngf_console.api.crdgen [--check] [--root DIR]`.

Writes every generated file (the CRDs under `config/crd/bases` and `docs/crd-reference.md`)
relative to the repository root (the current directory unless `--root` is given). With
`--check`, writes nothing and exits 1 naming each file that is missing, differs or is stale
(a generated-looking CRD file no kind produces any more).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ngf_console.api import GROUP
from ngf_console.api.crdgen.crd import file_name, render_crd
from ngf_console.api.crdgen.reference import render_reference
from ngf_console.api.v1alpha1.registry import KINDS

CRD_DIR = Path("config/crd/bases")
REFERENCE = Path("docs/crd-reference.md")
_STALE = f"{GROUP}_*.yaml"


def generated_files() -> dict[Path, str]:
    """Every generated file: path relative to the repository root → content."""
    files = {CRD_DIR / file_name(info): render_crd(info) for info in KINDS}
    files[REFERENCE] = render_reference()
    return files


def differences(
    root: Path, files: dict[Path, str], *, crd_dir: Path = CRD_DIR, stale_glob: str = _STALE
) -> list[str]:
    """What `--check` reports: files that would be written or removed.

    A file under `crd_dir` matching `stale_glob` that `files` does not produce is stale.
    """
    problems = []
    for rel, text in files.items():
        path = root / rel
        if not path.is_file():
            problems.append(f"{rel}: missing")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{rel}: differs from the models")
    for path in sorted((root / crd_dir).glob(stale_glob)):
        if path.relative_to(root) not in files:
            problems.append(f"{path.relative_to(root)}: stale (no kind generates it)")
    return problems


def write(
    root: Path, files: dict[Path, str], *, crd_dir: Path = CRD_DIR, stale_glob: str = _STALE
) -> list[str]:
    """Write changed files and remove stale ones; return what changed."""
    changed = differences(root, files, crd_dir=crd_dir, stale_glob=stale_glob)
    for rel, text in files.items():
        path = root / rel
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for path in sorted((root / crd_dir).glob(stale_glob)):
        if path.relative_to(root) not in files:
            path.unlink()
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    """Generate (or with --check, verify) the CRDs and the reference; 1 when --check fails."""
    parser = argparse.ArgumentParser(prog="python -m ngf_console.api.crdgen")
    parser.add_argument("--check", action="store_true", help="verify only; exit 1 on drift")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root")
    args = parser.parse_args(argv)
    root: Path = args.root
    files = generated_files()
    if args.check:
        problems = differences(root, files)
        for problem in problems:
            sys.stderr.write(f"{problem}\n")
        if problems:
            sys.stderr.write("run `make generate-crds` and commit the result\n")
        return 1 if problems else 0
    for change in write(root, files):
        sys.stdout.write(f"updated {change.split(':', 1)[0]}\n")
    return 0
