"""`docs/analytics.md` keeps up with the code it documents.

Matrix: every table, every column and every attribute key the ingest reads is in the
attribute tables; every rollup family is described; every metric name of the compatibility
catalogue is in the names table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ngf_console.analytics.schema.ddl import TABLES
from ngf_console.analytics.schema.model import Table
from ngf_console.analytics.schema.rollups import ROLLUPS
from ngf_console.metrics.signals import SIGNALS

DOC = (Path(__file__).resolve().parents[3] / "docs" / "analytics.md").read_text()


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_every_column_and_attribute_is_documented(table: Table) -> None:
    assert f"`{table.name}` — event `{table.event}`" in DOC
    for column in table.columns:
        assert f"| `{column.name}` | `{column.type}` |" in DOC, column.name
        for source in column.sources:
            assert f"`{source.key}`" in DOC, source.key


def test_every_rollup_and_metric_name_is_documented() -> None:
    for rollup in ROLLUPS:
        assert f"`{rollup.prefix}_{{1m,1h,1d}}`" in DOC, rollup.prefix
    for signal in SIGNALS:
        for variant in signal.variants:
            assert f"`{variant.metric}" in DOC, variant.metric
