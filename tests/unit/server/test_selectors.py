"""Label selectors: the API server's grammar, evaluated in the server (table-driven)."""

from __future__ import annotations

import pytest

from ngf_console.server.selectors import parse

LABELS = {"app": "llm", "tier": "gpu", "env": "prod"}


@pytest.mark.parametrize(
    ("selector", "matches"),
    [
        pytest.param(None, True, id="none"),
        pytest.param("", True, id="empty"),
        pytest.param("app=llm", True, id="equals"),
        pytest.param("app==llm", True, id="double-equals"),
        pytest.param("app=web", False, id="equals-other"),
        pytest.param("app!=web", True, id="not-equals"),
        pytest.param("app", True, id="exists"),
        pytest.param("!app", False, id="not-exists"),
        pytest.param("!missing", True, id="not-exists-missing"),
        pytest.param("tier in (gpu,cpu)", True, id="in"),
        pytest.param("tier notin (gpu, cpu)", False, id="notin"),
        pytest.param("app=llm,tier in (cpu)", False, id="and"),
        pytest.param("app=llm, env=prod", True, id="and-spaces"),
    ],
)
def test_match(selector: str | None, matches: bool) -> None:
    assert parse(selector)(LABELS) is matches


@pytest.mark.parametrize("selector", ["a in b(", "=x", "a=b=c", "a in (x", "k!!v"])
def test_malformed(selector: str) -> None:
    with pytest.raises(ValueError, match="invalid label selector"):
        parse(selector)
