"""The edition package is importable by the API server: it imports neither the operator nor
the server, and reaches lightkube only through the kube/runtime adapters (checked on the
real import graph, as import-linter does; the same rules as an import-linter contract)."""

from __future__ import annotations

import grimp
import pytest

GRAPH = grimp.build_graph("ngf_console", include_external_packages=True)
EDITION = [
    m for m in GRAPH.modules if m == "ngf_console.edition" or m.startswith("ngf_console.edition.")
]


@pytest.mark.parametrize("forbidden", ["ngf_console.operator", "ngf_console.server"])
def test_edition_never_reaches_the_operator_or_the_server(forbidden: str) -> None:
    chains = GRAPH.find_shortest_chains(importer="ngf_console.edition", imported=forbidden)
    assert chains == set()


def test_edition_imports_lightkube_only_through_adapters() -> None:
    direct = {
        module
        for module in EDITION
        for imported in GRAPH.find_modules_directly_imported_by(module)
        if imported == "lightkube" or imported.startswith("lightkube.")
    }
    assert EDITION
    assert direct == set()
