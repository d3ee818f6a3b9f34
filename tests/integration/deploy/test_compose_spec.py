"""deploy/docker-compose validated by the Compose Specification's own loader.

`compose-spec` is compose-go's validator (pinned in hack/tools/go.mod): it checks the file
against the Compose Specification JSON schema, interpolates `${VAR:-default}`, resolves
paths and normalises the model, as `docker compose config` does — no Docker engine needed.
Matrix: our compose file loads; every service the guide names is in the normalised model;
every file it bind-mounts exists once the loader has resolved its path (the kubeconfig is
the user's, supplied at run time); a misspelled key and a wrong type are refused with a
message that names the field.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from ngf_console.devcluster.paths import repo_root

pytestmark = [pytest.mark.integration]

COMPOSE_DIR = repo_root() / "deploy" / "docker-compose"


def load(compose_spec: Path, path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COMPOSE_", "KUBECONFIG"))}
    return subprocess.run(
        [str(compose_spec), "--format", "json", str(path)],
        cwd=path.parent, env=env, capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip


def test_compose_file_loads(compose_spec: Path) -> None:
    proc = load(compose_spec, COMPOSE_DIR / "docker-compose.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    model: dict[str, Any] = json.loads(proc.stdout)
    assert model["name"] == "ngf-console"
    services = model["services"]
    assert set(services) == {"frontend", "api", "operator", "clickhouse", "otel-collector"}
    assert services["api"]["build"]["context"] == str(repo_root())
    binds = [
        Path(volume["source"])
        for service in services.values()
        for volume in service.get("volumes", [])
        if volume["type"] == "bind"
    ]
    assert COMPOSE_DIR / "clickhouse" / "init.sql" in binds
    missing = [p for p in binds if p.name != "kubeconfig" and not p.is_file()]
    assert missing == []


@pytest.mark.parametrize(
    ("service", "messages"),
    [
        ({"image": "a:1", "prots": ["80:80"]}, ["services.a.prots"]),
        ({"image": "a:1", "read_only": "maybe"}, ["services.a.read_only", "boolean"]),
        ({"image": "a:1", "depends_on": {"b": {"condition": "ready"}}},
         ["services.a.depends_on.b.condition"]),
    ],
    ids=["typo", "wrong-type", "bad-enum"],
)  # fmt: skip
def test_invalid_compose_is_refused(
    service: dict[str, Any], messages: list[str], compose_spec: Path, tmp_path: Path
) -> None:
    path = tmp_path / "docker-compose.yaml"
    path.write_text(json.dumps({"services": {"a": service, "b": {"image": "b:1"}}}))
    proc = load(compose_spec, path)
    assert proc.returncode != 0
    for message in messages:
        assert message in proc.stdout + proc.stderr, proc.stdout + proc.stderr
