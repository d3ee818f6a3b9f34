"""`ngf-console api`: run the API server (uvicorn) against a cluster named explicitly.

Options override `NGF_CONSOLE_API_*` environment variables; the configuration database comes
from `NGF_CONSOLE_DATABASE_URL` (else the SQLite file). Exits 2 on a configuration error.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

import typer
import uvicorn
from pydantic import ValidationError
from rich.console import Console

from ngf_console.devcluster.paths import repo_root
from ngf_console.kube import identities
from ngf_console.runtime.logs import LogFormat, configure_logging
from ngf_console.server.app import create_app
from ngf_console.server.settings import ServerSettings

console = Console(stderr=True)


def api_cmd(
    *,
    kubeconfig: Annotated[
        Path | None,
        typer.Option(
            "--kubeconfig",
            exists=True,
            dir_okay=False,
            help="Kubeconfig of the cluster (its current context). Required outside a "
            "cluster; ~/.kube/config is never used implicitly.",
        ),
    ] = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (default 8080).")] = None,
    static_dir: Annotated[
        Path | None, typer.Option(help="Built SPA to serve at / (default frontend/dist).")
    ] = None,
    log_level: Annotated[str, typer.Option(help="debug, info, warning or error.")] = "info",
    log_format: Annotated[
        LogFormat, typer.Option(help="auto is JSON unless stderr is a terminal.")
    ] = LogFormat.AUTO,
) -> None:
    """Run the API server: REST, WebSockets and the web UI."""
    configure_logging(log_level, log_format)
    overrides: dict[str, Any] = {
        k: v
        for k, v in {
            "kubeconfig": kubeconfig,
            "host": host,
            "port": port,
            "static_dir": static_dir,
        }.items()
        if v is not None
    }
    try:
        settings = ServerSettings(**overrides)
    except ValidationError as e:
        messages = "; ".join(str(err["msg"]).removeprefix("Value error, ") for err in e.errors())
        console.print(f"[red]error:[/red] {messages}")
        raise typer.Exit(code=2) from e
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level=log_level,
        access_log=False,
        ws="websockets-sansio",
        # no permessage-deflate: the EPP feed sends every client the same ~0.5 MB each second,
        # and compressing it per connection cost more CPU than the rest of the server
        ws_per_message_deflate=False,
    )


API_SERVICE_ACCOUNT = "ngf-console-api"
ADMIN_SERVICE_ACCOUNT = "ngf-console-admin"
TOKEN_SECONDS = 86400


def prepare_local_access(kubeconfig: Path, namespace: str, run_dir: Path) -> tuple[Path, str]:
    """For `ngf-console run`: the API server's own kubeconfig and an admin token.

    Applies the shipped ClusterRoles (`config/rbac/`), makes ServiceAccount
    `ngf-console-api` (narrow `ngf-console-api` role) and `ngf-console-admin` (the Admin
    persona) in `namespace`, and writes the API server's kubeconfig under `run_dir`.
    """
    rbac = repo_root() / "config" / "rbac"
    roles = ["api_role.yaml", "admin_role.yaml", "operator_user_role.yaml", "viewer_role.yaml"]
    identities.apply_cluster_roles(kubeconfig, [rbac / name for name in roles])
    api_token = identities.service_account_token(
        kubeconfig, namespace, API_SERVICE_ACCOUNT, "ngf-console-api", seconds=TOKEN_SECONDS
    )
    api_kubeconfig = identities.write_token_kubeconfig(
        kubeconfig, api_token, run_dir / "api-kubeconfig.yaml"
    )
    admin_token = identities.service_account_token(
        kubeconfig, namespace, ADMIN_SERVICE_ACCOUNT, "ngf-console-admin", seconds=TOKEN_SECONDS
    )
    return api_kubeconfig, admin_token


def write_access_file(path: Path, *, url: str, token: str, namespace: str) -> None:
    """`.cache/run/access.json`: where the console is and the admin token (mode 0600)."""
    expires = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=TOKEN_SECONDS)
    document = {
        "url": url,
        "token": token,
        "username": f"system:serviceaccount:{namespace}:{ADMIN_SERVICE_ACCOUNT}",
        "role": "ngf-console-admin",
        "expiresAt": expires.replace(microsecond=0).isoformat(),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    path.write_text(json.dumps(document, indent=2) + "\n")
