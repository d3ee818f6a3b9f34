"""The PostgreSQL test harness (`tests.pg`) finds the newest server and fails helpfully.

The integration tests depend on this: with no PostgreSQL binaries the session must fail with
the fix (`make setup`), never skip.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import pg


def _install(root: Path, version: str, *programs: str) -> Path:
    bin_dir = root / version / "bin"
    bin_dir.mkdir(parents=True)
    for program in programs:
        (bin_dir / program).touch()
    return bin_dir


def test_the_newest_version_wins(tmp_path: Path) -> None:
    _install(tmp_path, "9", "initdb", "pg_ctl")
    newest = _install(tmp_path, "16", "initdb", "pg_ctl")
    _install(tmp_path, "15", "initdb", "pg_ctl")

    assert pg.find_bin_dir(tmp_path) == newest


def test_incomplete_and_odd_installs_are_ignored(tmp_path: Path) -> None:
    usable = _install(tmp_path, "14", "initdb", "pg_ctl")
    _install(tmp_path, "17", "initdb")  # client only: no pg_ctl
    _install(tmp_path, "common", "initdb", "pg_ctl")

    assert pg.find_bin_dir(tmp_path) == usable


def test_missing_binaries_tell_the_user_to_run_make_setup(tmp_path: Path) -> None:
    with pytest.raises(pg.PostgresHarnessError, match=r"run `make setup`.*`postgresql`"):
        pg.find_bin_dir(tmp_path)
