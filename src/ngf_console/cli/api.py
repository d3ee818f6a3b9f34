"""`ngf-console api`: run the API server (uvicorn) against a cluster named explicitly.

Options override `NGF_CONSOLE_API_*` environment variables; the configuration database comes
from `NGF_CONSOLE_DATABASE_URL` (else the SQLite file). Exits 2 on a configuration error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
import uvicorn
from pydantic import ValidationError
from rich.console import Console

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
    )
