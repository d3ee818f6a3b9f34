"""Files `make generate` copies into deploy/ are current, and the drift check can see drift.

Matrix: the chart's five CRDs equal config/crd/bases; the chart's RBAC files equal config/rbac
(the roles the integration tests run the operator and API server with); the ClickHouse init
SQL of the chart and of docker-compose is the analytics migrations; a changed file is reported.
"""

from __future__ import annotations

from pathlib import Path

from ngf_console.analytics.migrate import load_migrations
from ngf_console.devcluster import tools
from ngf_console.devcluster.paths import repo_root


def test_generated_copies_are_current() -> None:
    stale = tools.stale_files(tools.generated_files())
    assert stale == [], f"run `make generate`: stale {[str(p) for p in stale]}"


def test_chart_carries_all_five_crds_and_both_component_roles() -> None:
    files = tools.generated_files()
    crds = sorted(p.name for p in files if p.parent == tools.CHART / "crds")
    assert crds == sorted(p.name for p in (repo_root() / "config/crd/bases").glob("*.yaml"))
    assert len(crds) == 5
    rbac = {p.name for p in files if p.parent == tools.CHART / "files" / "rbac"}
    assert {"api_role.yaml", "operator_role.yaml"} <= rbac


def test_init_sql_holds_every_migration_statement() -> None:
    sql = tools.clickhouse_init_sql()
    assert sql.index("CREATE DATABASE IF NOT EXISTS ngf;") < sql.index("USE ngf;")
    for migration in load_migrations():
        for statement in migration.statements:
            assert f"{statement};" in sql


def test_drift_is_reported() -> None:
    path = tools.CHART / "crds" / "ngf-console.f5.com_gatewaybundles.yaml"
    text = (repo_root() / path).read_text()
    assert tools.stale_files({path: text}) == []
    assert tools.stale_files({path: text + "# edited\n"}) == [path]
    assert tools.stale_files({Path("deploy/missing.yaml"): ""}) == [Path("deploy/missing.yaml")]
