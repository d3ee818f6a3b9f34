"""deploy/docker-compose: the compose file is well-formed and everything it names exists.

No Docker engine runs here, so `docker compose config` cannot; this checks what it would
catch plus our rules. Matrix: top-level keys are the Compose Specification's; every service
has an image with a pinned tag (never `latest`) and builds from a Dockerfile that exists;
`depends_on` names services; every bind-mounted file exists; named volumes are declared;
the ClickHouse init SQL is the generated one; the OTel Collector pipelines use only
components the config defines and forward to the API service.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ngf_console.devcluster import tools
from ngf_console.devcluster.paths import repo_root

COMPOSE_DIR = repo_root() / "deploy" / "docker-compose"
TOP_LEVEL = {"name", "services", "volumes", "networks", "configs", "secrets", "include"}


def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((COMPOSE_DIR / "docker-compose.yaml").read_text())
    return loaded


def test_top_level_and_services() -> None:
    doc = compose()
    assert set(doc) <= TOP_LEVEL, f"unknown top-level keys {set(doc) - TOP_LEVEL}"
    assert {"frontend", "api", "operator", "clickhouse", "otel-collector"} <= set(doc["services"])


def test_images_pinned_and_builds_exist() -> None:
    for name, service in compose()["services"].items():
        image = service["image"]
        assert re.fullmatch(r"[\w./-]+:[\w.-]+", image), f"{name}: pin a tag ({image})"
        assert not image.endswith(":latest"), f"{name}: never latest"
        if "build" in service:
            context = (COMPOSE_DIR / service["build"]["context"]).resolve()
            assert (context / service["build"]["dockerfile"]).is_file(), name


def test_references_resolve() -> None:
    doc = compose()
    declared = set(doc["volumes"])
    for name, service in doc["services"].items():
        for dependency in service.get("depends_on", {}):
            assert dependency in doc["services"], f"{name} depends on unknown {dependency}"
        for volume in service.get("volumes", []):
            source = re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", volume).split(":")[0]
            if source.startswith("."):
                if source.endswith("kubeconfig"):
                    continue  # the user's cluster credentials, supplied at run time
                assert (COMPOSE_DIR / source).is_file(), f"{name}: {source} missing"
            else:
                assert source in declared, f"{name}: volume {source} not declared"


def test_clickhouse_init_sql_is_generated() -> None:
    path = Path("deploy/docker-compose/clickhouse/init.sql")
    assert tools.stale_files({path: tools.clickhouse_init_sql()}) == []
    mounts = compose()["services"]["clickhouse"]["volumes"]
    assert "./clickhouse/init.sql:/docker-entrypoint-initdb.d/init.sql:ro" in mounts


def test_otel_pipelines_use_defined_components() -> None:
    config = yaml.safe_load((COMPOSE_DIR / "otel" / "config.yaml").read_text())
    for pipeline in config["service"]["pipelines"].values():
        for kind in ("receivers", "processors", "exporters"):
            for component in pipeline.get(kind, []):
                assert component in config[kind], f"{component} is not defined"
    assert config["exporters"]["otlphttp/ngf-console"]["endpoint"] == "http://api:8080"
