"""One RBAC source: the roles the tests run the operator and the API server with are the
roles the chart ships.

Matrix: the in-process operator's ClusterRole (`tests/operator_fixture.ROLE`) and the API
server harness's roles (`tests/integration/server/harness`: its own identity and the three
personas) are files in config/rbac; each is one of the files `make generate` copies into
the chart (`tools.RBAC_FILES`) and the chart's copy is byte-equal; no chart template
carries RBAC rules of its own (every ClusterRole is rendered from files/rbac).
(tests/integration/deploy/test_chart.py checks the rendered roles' rules equal the sources.)
"""

from __future__ import annotations

from pathlib import Path

from ngf_console.devcluster import tools
from ngf_console.devcluster.paths import repo_root
from tests import operator_fixture
from tests.integration.server import harness

CONFIG_RBAC = repo_root() / "config" / "rbac"
CHART_RBAC = repo_root() / tools.CHART / "files" / "rbac"


def roles_the_tests_run_with() -> list[Path]:
    return [operator_fixture.ROLE, *(harness.RBAC / name for name in harness.ROLE_FILES.values())]


def test_tests_use_config_rbac_files_the_chart_ships() -> None:
    used = roles_the_tests_run_with()
    assert {p.name for p in used} == set(tools.RBAC_FILES)
    for path in used:
        assert path.resolve().parent == CONFIG_RBAC.resolve(), path
        assert (CHART_RBAC / path.name).read_bytes() == path.read_bytes(), path.name


def test_no_template_has_rules_of_its_own() -> None:
    templates = (repo_root() / tools.CHART / "templates").rglob("*.yaml")
    inline = [
        p.name for p in templates if "verbs:" in p.read_text() or "kind: Role" in p.read_text()
    ]
    assert inline == []
    roles = [p for p in (repo_root() / tools.CHART / "templates").glob("clusterrole-*.yaml")]
    assert roles
    for path in roles:
        assert "ngf-console.clusterRoleFrom" in path.read_text(), path.name
