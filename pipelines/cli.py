"""`tcw`: the project's command line for data engineers, analysts and report authors."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from pipelines.settings import get_settings

app = typer.Typer(
    help="tc-warehouse: build, validate and query the 18/18 technical-cooperation warehouse.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()

# Exit codes scripts can rely on.
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_UNAVAILABLE = 0, 1, 2, 3


@app.command()
def run(
    year: Annotated[
        list[str] | None,
        typer.Option("--year", "-y", help="Reporting year to build (repeatable). Default: every year."),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show every Dagster event.")] = False,
) -> None:
    """Ingest the sources, build the dbt models and run every check, for all years or --year.

    Several --year values build the years from the first to the last in one run."""
    from pipelines.runner import available_years, build

    available = available_years()
    unknown = [y for y in year or [] if y not in available]
    if unknown:
        console.print(
            f"[red]No reporting year {', '.join(unknown)}[/red] (available: {available[0]}-{available[-1]})"
        )
        raise typer.Exit(EXIT_USAGE)
    keys = sorted(year) if year else available
    console.print(f"Building reporting years {keys[0]}-{keys[-1]} into {get_settings().build_db}")
    with console.status("Ingesting, building and checking..."):
        outcome = build(keys, log_level="DEBUG" if verbose else "WARNING")
    for line in outcome.failed_steps:
        console.print(f"[red]step failed[/red] {line}")
    for line in outcome.failed_checks:
        console.print(f"[red]check failed[/red] {line}")
    if not outcome.success:
        raise typer.Exit(EXIT_FAILED)
    console.print(f"{outcome.checks_passed} checks passed.")
    _summary()
    if not outcome.ok:
        raise typer.Exit(EXIT_FAILED)


def _summary() -> None:
    import duckdb

    settings = get_settings()
    with duckdb.connect(str(settings.build_db), read_only=True) as con:
        counts = con.execute(
            """
            select 'raw.request_events', count(*) from raw.request_events
            union all select 'raw.rejects', count(*) from raw.rejects
            union all select 'marts.needs', count(*) from marts.needs
            union all select 'marts.dim_country', count(*) from marts.dim_country
            """
        ).fetchall()
    table = Table("table", "rows", title="Warehouse")
    for name, rows in counts:
        table.add_row(name, f"{rows:,}")
    console.print(table)
    console.print(f"Warehouse: {settings.build_db}")
    console.print(f"Data Docs: {settings.data_docs_index}")
    console.print('Query it:  .venv/bin/tcw sql "select * from marts.needs limit 5"')


@app.command()
def sql(query: Annotated[str, typer.Argument(help="A SELECT statement (read-only).")]) -> None:
    """Run a read-only SQL query against the warehouse and print the result."""
    import duckdb

    path = get_settings().build_db
    if not path.exists():
        console.print(f"[red]No warehouse at {path}[/red]: run `make run` first.")
        raise typer.Exit(EXIT_UNAVAILABLE)
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            cursor = con.execute(query)
            columns = [d[0] for d in cursor.description or []]
            rows = cursor.fetchall()
    except duckdb.IOException as exc:
        console.print(f"[red]Cannot open {path}[/red]: {exc}")
        raise typer.Exit(EXIT_UNAVAILABLE) from exc
    except duckdb.Error as exc:
        console.print(f"[red]Query failed[/red]: {exc}")
        raise typer.Exit(EXIT_USAGE) from exc
    table = Table(*columns)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    console.print(table)


def main() -> None:  # pragma: no cover - console entry point
    sys.exit(app())
