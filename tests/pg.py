"""A real PostgreSQL server for tests, run from the Debian package's binaries.

`start()` finds `/usr/lib/postgresql/<version>/bin` (the newest version installed), runs
`initdb` into a fresh temporary directory and `pg_ctl start` on a free port on 127.0.0.1 with
password (SCRAM) authentication and no Unix socket; `stop()` shuts it down (fast mode) and
deletes the directory. `initdb` refuses to run as root, so as root every server command runs as
the `postgres` system user (created by the Debian package) through `runuser`, in a directory
that user owns. Durability is off (`fsync`, `synchronous_commit`): the data is thrown away.

Missing binaries raise `PostgresHarnessError` telling the user to run `make setup`, which
installs the Debian package `postgresql`.
"""

from __future__ import annotations

import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL

PG_ROOT = Path("/usr/lib/postgresql")
SUPERUSER = "ngf"
_START_ATTEMPTS = 3
_TIMEOUT_S = 60


class PostgresHarnessError(RuntimeError):
    """PostgreSQL could not be found, started or stopped."""


@dataclass(frozen=True)
class PostgresServer:
    """A running test server: connect as `SUPERUSER` with `password` to 127.0.0.1:`port`."""

    bin_dir: Path
    base_dir: Path
    port: int
    password: str
    run_as: str | None

    @property
    def data_dir(self) -> Path:
        return self.base_dir / "data"

    @property
    def log_file(self) -> Path:
        return self.base_dir / "postgres.log"

    def url(self, database: str = "postgres") -> URL:
        """An asyncpg URL of `database` on this server."""
        return URL.create(
            "postgresql+asyncpg",
            username=SUPERUSER,
            password=self.password,
            host="127.0.0.1",
            port=self.port,
            database=database,
        )

    def create_database(self, name: str) -> URL:
        """Create an empty database `name` and return its URL."""
        self._client("createdb", name)
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop database `name`, closing any connection still open to it."""
        self._client("dropdb", "--force", name)

    def _client(self, program: str, *args: str) -> None:
        argv = [str(self.bin_dir / program), "-h", "127.0.0.1", "-p", str(self.port)]
        _run([*argv, "-U", SUPERUSER, *args], env={"PGPASSWORD": self.password})


def find_bin_dir(root: Path = PG_ROOT) -> Path:
    """The `bin` directory of the newest PostgreSQL installed from Debian packages."""
    found = [p.parent for p in root.glob("*/bin/initdb") if (p.parent / "pg_ctl").exists()]
    versions = [p for p in found if re.fullmatch(r"\d+", p.parent.name)]
    if not versions:
        raise PostgresHarnessError(
            f"PostgreSQL server binaries not found ({root}/<version>/bin/initdb and pg_ctl): "
            "run `make setup` (it installs the Debian package `postgresql`)"
        )
    return max(versions, key=lambda p: int(p.parent.name))


def start() -> PostgresServer:
    """initdb + pg_ctl start in a new temporary directory; see the module docstring."""
    bin_dir = find_bin_dir()
    run_as = _server_user()
    base_dir = Path(tempfile.mkdtemp(prefix="ngf-console-pg-"))
    try:
        password = secrets.token_urlsafe(24)
        _chown(base_dir, run_as)
        _initdb(bin_dir, base_dir, password, run_as)
        for _ in range(_START_ATTEMPTS):
            server = PostgresServer(bin_dir, base_dir, _free_port(), password, run_as)
            if _try_start(server):
                return server
        raise PostgresHarnessError(
            f"postgres did not start in {_START_ATTEMPTS} attempts; log:\n{_tail(server.log_file)}"
        )
    except BaseException:
        shutil.rmtree(base_dir, ignore_errors=True)
        raise


def stop(server: PostgresServer) -> None:
    """Stop the server (fast shutdown: open sessions are ended) and delete its directory."""
    try:
        pg_ctl = str(server.bin_dir / "pg_ctl")
        argv = [pg_ctl, "-D", str(server.data_dir), "-m", "fast", "-w", "-t", str(_TIMEOUT_S)]
        _run(_as(server.run_as, [*argv, "stop"]), cwd=server.base_dir)
    finally:
        shutil.rmtree(server.base_dir, ignore_errors=True)


def _server_user() -> str | None:
    """None: run the server as ourselves. As root: the `postgres` system user."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError as e:
        raise PostgresHarnessError(
            "running as root and there is no `postgres` user to run initdb as: run `make setup` "
            "(the Debian package `postgresql` creates it) or run the tests as a non-root user"
        ) from e
    return "postgres"


def _initdb(bin_dir: Path, base_dir: Path, password: str, run_as: str | None) -> None:
    pwfile = base_dir / "pwfile"
    pwfile.write_text(password + "\n")
    _chown(pwfile, run_as)
    argv = [
        str(bin_dir / "initdb"),
        f"--pgdata={base_dir / 'data'}",
        f"--username={SUPERUSER}",
        f"--pwfile={pwfile}",
        "--auth-host=scram-sha-256",
        "--auth-local=scram-sha-256",
        "--encoding=UTF8",
        "--locale=C",
        "--no-sync",
        "--no-instructions",
    ]
    try:
        _run(_as(run_as, argv), cwd=base_dir)
    finally:
        pwfile.unlink()


def _try_start(server: PostgresServer) -> bool:
    settings = {
        "listen_addresses": "'127.0.0.1'",
        "port": str(server.port),
        "unix_socket_directories": "''",
        "fsync": "off",
        "synchronous_commit": "off",
        "full_page_writes": "off",
        "max_connections": "200",
    }
    conf = "".join(f"{key} = {value}\n" for key, value in settings.items())
    (server.data_dir / "postgresql.auto.conf").write_text(conf)
    pg_ctl = str(server.bin_dir / "pg_ctl")
    argv = [pg_ctl, "-D", str(server.data_dir), "-l", str(server.log_file), "-w"]
    try:
        _run(_as(server.run_as, [*argv, "-t", str(_TIMEOUT_S), "start"]), cwd=server.base_dir)
    except PostgresHarnessError:
        if "could not bind" in _tail(server.log_file):
            return False  # lost the race for the port: try another
        raise
    return True


def _as(user: str | None, argv: list[str]) -> list[str]:
    if user is None:
        return argv
    runuser = shutil.which("runuser")
    if runuser is None:
        raise PostgresHarnessError(
            "running as root needs `runuser` (util-linux) to drop to postgres"
        )
    return [runuser, "-u", user, "--", *argv]


def _run(argv: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
    full_env = {**os.environ, **(env or {})}
    result = subprocess.run(  # noqa: S603 - fixed argv of the PostgreSQL binaries, no shell
        argv, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=_TIMEOUT_S, check=False
    )
    if result.returncode != 0:
        raise PostgresHarnessError(
            f"{Path(argv[0]).name} {' '.join(argv[1:])} exited {result.returncode}:\n"
            f"{result.stdout}{result.stderr}"
        )


def _chown(path: Path, user: str | None) -> None:
    if user is not None:
        shutil.chown(path, user=user, group=None)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"
