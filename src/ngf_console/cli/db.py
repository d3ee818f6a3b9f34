"""`ngf-console db ...`: the configuration database (schema migrations).

The store (SQLAlchemy, Alembic) is imported inside the commands: importing it costs seconds,
and every other `ngf-console` command would pay for it at startup.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

db_app = typer.Typer(help="The configuration database: migrations.", no_args_is_help=True)
console = Console(stderr=True, soft_wrap=True)

DatabaseURL = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="SQLAlchemy URL (default: NGF_CONSOLE_DATABASE_URL, else the SQLite file "
        "NGF_CONSOLE_SQLITE_PATH, default .cache/run/ngf-console.db).",
        show_default=False,
    ),
]


def _url(database_url: str | None) -> URL:
    from ngf_console.store import StoreError, StoreSettings  # noqa: PLC0415 - see module doc

    settings = StoreSettings()
    if database_url is not None:
        settings = settings.model_copy(update={"database_url": database_url})
    try:
        return settings.url()
    except StoreError as e:
        raise _fail(str(e)) from e


def _fail(message: str) -> typer.Exit:
    console.print(f"[red]error:[/red] {message}")
    return typer.Exit(code=1)


@db_app.command("upgrade")
def upgrade_cmd(database_url: DatabaseURL = None) -> None:
    """Apply every pending migration (creates the SQLite file if needed)."""
    from ngf_console.store import StoreError, upgrade_to_head  # noqa: PLC0415 - see module doc
    from ngf_console.store.settings import display_url  # noqa: PLC0415 - see module doc

    url = _url(database_url)
    try:
        revision = asyncio.run(upgrade_to_head(url))
    except StoreError as e:
        raise _fail(str(e)) from e
    console.print(f"{display_url(url)}: at revision {revision} (head)")


@db_app.command("current")
def current_cmd(database_url: DatabaseURL = None) -> None:
    """Print the revision the database is at ("none" before the first upgrade)."""
    from ngf_console.store import StoreError, current_revision  # noqa: PLC0415 - see module doc

    url = _url(database_url)
    try:
        revision = asyncio.run(current_revision(url))
    except StoreError as e:
        raise _fail(str(e)) from e
    typer.echo(revision or "none")
