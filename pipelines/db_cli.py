"""`tcw db`: the PostgreSQL warehouse's housekeeping (docs/deployment.md). Wired into the main
CLI with `app.add_typer(db_app, name="db")`."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.console import Console

from pipelines.warehouses import WAREHOUSE_ENV, warehouse_setting

db_app = typer.Typer(help="The PostgreSQL warehouse: database and roles.", no_args_is_help=True)
console = Console()


@db_app.callback()
def db() -> None:
    """The PostgreSQL warehouse: database and roles."""
    # A callback keeps `db` a command group even while it has a single command.


@db_app.command("init")
def init(
    url: Annotated[
        str | None,
        typer.Option(
            "--url",
            help=f"An administrator's URL to the warehouse database (default: {WAREHOUSE_ENV}).",
        ),
    ] = None,
    pipeline_role: Annotated[str, typer.Option(help="Role that owns everything.")] = "tcw_pipeline",
    analyst_role: Annotated[str, typer.Option(help="Role that reads marts only.")] = "tcw_analyst",
) -> None:
    """Create the database and the pipeline and analyst roles; safe to run again.

    Passwords come from TCW_PIPELINE_PASSWORD and TCW_ANALYST_PASSWORD when set (servers that
    use password authentication); roles are created without one otherwise."""
    from pipelines.warehouses.roles import init_roles

    target = url or warehouse_setting()
    if target == "duckdb":
        console.print(f"[red]{WAREHOUSE_ENV} is duckdb[/red]: pass --url postgresql://admin@host:5432/tcw")
        raise typer.Exit(2)
    report = init_roles(
        target,
        pipeline_role,
        analyst_role,
        pipeline_password=os.environ.get("TCW_PIPELINE_PASSWORD"),
        analyst_password=os.environ.get("TCW_ANALYST_PASSWORD"),
    )
    console.print(
        f"database {'created' if report.database_created else 'present'}; "
        f"roles created: {', '.join(report.roles_created) or 'none (present)'}; "
        f"{pipeline_role} owns {len(report.schemas_owned)} schemas; "
        f"{analyst_role} reads {', '.join(report.analyst_schemas)}"
    )


if __name__ == "__main__":
    db_app()
