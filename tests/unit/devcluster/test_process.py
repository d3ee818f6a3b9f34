"""Starting the control plane fails loudly, with the log, when the binary dies."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from ngf_console.devcluster import process


def _script(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "fake-localcluster"
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def test_start_reports_exit_code_and_log_tail(tmp_path: Path) -> None:
    binary = _script(tmp_path, 'echo "etcd: address already in use" >&2; exit 3')
    with pytest.raises(process.ClusterError) as err:
        process.start(binary, tmp_path / "data", timeout=10)
    assert "exited with code 3" in str(err.value)
    assert "address already in use" in str(err.value)


def test_start_times_out_and_stops_a_binary_that_never_gets_ready(tmp_path: Path) -> None:
    binary = _script(tmp_path, "exec sleep 60")
    with pytest.raises(process.ClusterError, match="not ready after 1s"):
        process.start(binary, tmp_path / "data", timeout=1)
    assert process.running(tmp_path / "data") is None


def test_start_returns_the_server_from_the_ready_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    binary = _script(tmp_path, f'echo https://127.0.0.1:6443 > "{data}/ready"; exec sleep 60')
    cluster = process.start(binary, data, timeout=10)
    try:
        assert cluster.server == "https://127.0.0.1:6443"
        assert process.running(data) == cluster
    finally:
        assert process.stop(data)
    assert process.running(data) is None


def test_start_waits_for_the_whole_line_of_a_ready_file_written_slowly(tmp_path: Path) -> None:
    data = tmp_path / "data"
    body = (
        f': > "{data}/ready"; sleep 0.5; printf https://127.0.0.1 >> "{data}/ready"; '
        f'sleep 0.5; echo :6443 >> "{data}/ready"; exec sleep 60'
    )
    cluster = process.start(_script(tmp_path, body), data, timeout=10)
    try:
        assert cluster.server == "https://127.0.0.1:6443"
    finally:
        assert process.stop(data)
