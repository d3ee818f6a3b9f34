"""`ngf-console`: the product's command line.

Each subcommand's module is imported only when that subcommand runs: the operator must not
pay for importing the API server, SQLAlchemy and the simulators at start-up (seconds on a
loaded node). `--help` without a subcommand imports them all to list them.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any

import typer

# name -> (module, attribute, is a sub-app)
COMMANDS: dict[str, tuple[str, str, bool]] = {
    "cluster": ("ngf_console.cli.cluster", "cluster_app", True),
    "db": ("ngf_console.cli.db", "db_app", True),
    "sim": ("ngf_console.cli.sim", "sim_app", True),
    "operator": ("ngf_console.cli.operator", "operator_cmd", False),
    "api": ("ngf_console.cli.api", "api_cmd", False),
    "run": ("ngf_console.cli.run", "run_cmd", False),
    "demo": ("ngf_console.cli.demo", "demo_cmd", False),
}


def _root() -> None:
    """NGF Console: a web console and Kubernetes operator for NGINX Gateway Fabric."""


def build(names: list[str]) -> typer.Typer:
    """A Typer app with the named subcommands."""
    cli = typer.Typer(
        name="ngf-console",
        help="NGF Console: a web console and Kubernetes operator for NGINX Gateway Fabric.",
        no_args_is_help=True,
        add_completion=False,
    )
    # A callback keeps `ngf-console <command>` a group even when one command is loaded
    # (Typer would otherwise make that lone command the root and refuse its name).
    cli.callback()(_root)
    for name in names:
        module, attribute, is_app = COMMANDS[name]
        target: Any = getattr(importlib.import_module(module), attribute)
        if is_app:
            cli.add_typer(target, name=name)
        else:
            command: Callable[..., None] = target
            cli.command(name)(command)
    return cli


def app() -> None:
    """Console-script entry point."""
    wanted = sys.argv[1] if len(sys.argv) > 1 else ""
    build([wanted] if wanted in COMMANDS else list(COMMANDS))()
