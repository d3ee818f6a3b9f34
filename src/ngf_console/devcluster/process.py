"""Start and stop the local control plane as a child process.

The binary writes `<data-dir>/kubeconfig` before it starts and `<data-dir>/ready`
once `/readyz` is ok and the `default` namespace exists. A background cluster
(`make cluster-up`) records its pid in `<data-dir>/pid`.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

# Children started by this process, kept so they are reaped (and not reported
# as leaked) when stopped; a cluster started by another process is stopped by pid.
_children: dict[int, subprocess.Popen[bytes]] = {}


class ClusterError(RuntimeError):
    """The local control plane failed to start or stop."""


@dataclass(frozen=True)
class Cluster:
    """A running local control plane."""

    data_dir: Path
    server: str
    pid: int

    @property
    def kubeconfig(self) -> Path:
        """The admin kubeconfig the binary wrote (certificates embedded)."""
        return self.data_dir / "kubeconfig"

    @property
    def log_file(self) -> Path:
        """The control plane's own log (etcd, kube-apiserver, controllers)."""
        return self.data_dir / "localcluster.log"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"


def _server_in(ready: Path) -> str | None:
    """The server URL in the ready file, once the whole line is written."""
    try:
        text = ready.read_text()
    except FileNotFoundError:
        return None
    # The binary renames a finished file into place; a writer that does not
    # (a script, an older build) may be caught between create and write.
    return text.strip() if text.endswith("\n") else None


def start(
    binary: Path,
    data_dir: Path,
    *,
    port: int = 0,
    timeout: float = 240.0,
    extra_apiserver_args: tuple[str, ...] = (),
) -> Cluster:
    """Start the binary detached from our process group and wait until it is ready."""
    data_dir.mkdir(parents=True, exist_ok=True)
    ready = data_dir / "ready"
    ready.unlink(missing_ok=True)
    args = [str(binary), f"--data-dir={data_dir}", f"--port={port or free_port()}"]
    args += [f"--apiserver-arg={a}" for a in extra_apiserver_args]
    log_path = data_dir / "localcluster.log"
    with log_path.open("ab") as log:
        proc = subprocess.Popen(
            args, stdout=log, stderr=log, stdin=subprocess.DEVNULL, start_new_session=True
        )
    _children[proc.pid] = proc
    (data_dir / "pid").write_text(f"{proc.pid}\n")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        server = _server_in(ready)
        if server is not None:
            return Cluster(data_dir, server, proc.pid)
        code = proc.poll()
        if code is not None:
            raise ClusterError(
                f"the local control plane exited with code {code}; last log lines "
                f"({log_path}):\n{_tail(log_path)}"
            )
        time.sleep(0.2)
    stop_pid(proc.pid)
    raise ClusterError(
        f"the local control plane was not ready after {timeout:.0f}s; last log lines "
        f"({log_path}):\n{_tail(log_path)}"
    )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(ChildProcessError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    return True


def stop_pid(pid: int, timeout: float = 30.0) -> bool:
    """SIGTERM, wait for a clean exit, SIGKILL after `timeout`. True if it exited cleanly."""
    child = _children.pop(pid, None)
    if child is not None:
        child.terminate()
        try:
            return child.wait(timeout) == 0
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
            return False
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return True
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    return False


def running(data_dir: Path) -> Cluster | None:
    """The background cluster recorded in `data_dir`, if it is still up."""
    pid_file = data_dir / "pid"
    server = _server_in(data_dir / "ready")
    if server is None or not pid_file.is_file():
        return None
    pid = int(pid_file.read_text().strip())
    if not _alive(pid):
        return None
    return Cluster(data_dir, server, pid)


def stop(data_dir: Path) -> bool:
    """Stop the background cluster in `data_dir`; False if none was running."""
    cluster = running(data_dir)
    if cluster is None:
        return False
    stop_pid(cluster.pid)
    (data_dir / "pid").unlink(missing_ok=True)
    return True
