"""`ngf-console`: the product's command line."""

from __future__ import annotations

import typer

from ngf_console.cli.api import api_cmd
from ngf_console.cli.cluster import cluster_app
from ngf_console.cli.db import db_app
from ngf_console.cli.demo import demo_cmd
from ngf_console.cli.operator import operator_cmd
from ngf_console.cli.run import run_cmd
from ngf_console.cli.sim import sim_app

app = typer.Typer(
    name="ngf-console",
    help="NGF Console: a web console and Kubernetes operator for NGINX Gateway Fabric.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(cluster_app, name="cluster")
app.add_typer(db_app, name="db")
app.add_typer(sim_app, name="sim")
app.command("operator")(operator_cmd)
app.command("api")(api_cmd)
app.command("run")(run_cmd)
app.command("demo")(demo_cmd)
