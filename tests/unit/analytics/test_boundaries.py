"""Import boundaries: chdb and clickhouse_connect only in their adapter modules.

The project's import-linter contract keeps them out of the API, CLI, server and operator;
this test keeps them inside `analytics.chdb_store` and `analytics.clickhouse_store` across
the whole package, and checks that importing `ngf_console.analytics` loads neither engine.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import ngf_console

SRC = Path(ngf_console.__file__).parent
ALLOWED = {
    "chdb": {"analytics/chdb_store.py"},
    "clickhouse_connect": {"analytics/clickhouse_store.py"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_engine_clients_are_imported_only_by_their_adapters() -> None:
    offenders = {
        (str(path.relative_to(SRC)), module)
        for path in SRC.rglob("*.py")
        for module in _imports(path) & set(ALLOWED)
        if str(path.relative_to(SRC)) not in ALLOWED[module]
    }
    assert offenders == set()


def test_importing_the_package_loads_no_engine() -> None:
    code = (
        "import sys, ngf_console.analytics; "
        "print('chdb' in sys.modules, 'clickhouse_connect' in sys.modules)"
    )
    # this interpreter, a fixed program: nothing untrusted
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "False"]
