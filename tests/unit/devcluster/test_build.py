"""The build stamp: rebuild exactly when an input of the Go build changes."""

from __future__ import annotations

from pathlib import Path

from ngf_console.devcluster.build import source_hash


def _module(tmp_path: Path) -> Path:
    (tmp_path / "go.mod").write_text("module x\n")
    (tmp_path / "go.sum").write_text("")
    (tmp_path / "main.go").write_text("package main\n")
    return tmp_path


def test_hash_is_stable_for_unchanged_sources(tmp_path: Path) -> None:
    src = _module(tmp_path)
    assert source_hash(src, "go1.26") == source_hash(src, "go1.26")


def test_hash_changes_when_a_go_file_changes(tmp_path: Path) -> None:
    src = _module(tmp_path)
    before = source_hash(src, "go1.26")
    (src / "main.go").write_text("package main\n\nfunc main() {}\n")
    assert source_hash(src, "go1.26") != before


def test_hash_changes_with_the_go_toolchain(tmp_path: Path) -> None:
    src = _module(tmp_path)
    assert source_hash(src, "go1.26.8") != source_hash(src, "go1.27.3")


def test_hash_ignores_files_that_are_not_build_inputs(tmp_path: Path) -> None:
    src = _module(tmp_path)
    before = source_hash(src, "go1.26")
    (src / "README.md").write_text("notes")
    assert source_hash(src, "go1.26") == before
