"""`python -m ngf_console.upstream.ngf.crdgen [--check] [--root DIR]`.

Writes `hack/crds/ngf/gateway.nginx.org_<plural>.yaml` for every kind in the registry,
relative to the repository root (the current directory unless `--root` is given), and removes
stale files of that name pattern. With `--check`, writes nothing and exits 1 naming each file
that is missing, differs or is stale.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ngf_console.api.crdgen.cli import differences, write
from ngf_console.upstream.ngf.crdgen.crd import file_name, render_crd
from ngf_console.upstream.ngf.meta import GROUP
from ngf_console.upstream.ngf.registry import KINDS

CRD_DIR = Path("hack/crds/ngf")
STALE_GLOB = f"{GROUP}_*.yaml"


def generated_files() -> dict[Path, str]:
    """Every generated file: path relative to the repository root → content."""
    return {CRD_DIR / file_name(info): render_crd(info) for info in KINDS}


def main(argv: Sequence[str] | None = None) -> int:
    """Generate (or with --check, verify) NGF's CRDs; 1 when --check finds drift."""
    parser = argparse.ArgumentParser(prog="python -m ngf_console.upstream.ngf.crdgen")
    parser.add_argument("--check", action="store_true", help="verify only; exit 1 on drift")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root")
    args = parser.parse_args(argv)
    root: Path = args.root
    files = generated_files()
    if args.check:
        problems = differences(root, files, crd_dir=CRD_DIR, stale_glob=STALE_GLOB)
        for problem in problems:
            sys.stderr.write(f"{problem}\n")
        if problems:
            sys.stderr.write(
                "run `python -m ngf_console.upstream.ngf.crdgen` and commit the result\n"
            )
        return 1 if problems else 0
    for change in write(root, files, crd_dir=CRD_DIR, stale_glob=STALE_GLOB):
        sys.stdout.write(f"updated {change.split(':', 1)[0]}\n")
    return 0
