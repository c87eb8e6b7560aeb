"""`tcw`: the project's command line for data engineers, analysts and report authors.

Exit codes scripts can rely on: 0 done, 1 the run or a check failed, 2 the command was used
wrongly (unknown year, bad SQL), 3 something it needs is missing or locked (no warehouse yet,
no publication for that year).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from pipelines.db_cli import db_app
from pipelines.settings import get_settings

if TYPE_CHECKING:
    from pipelines.runner import RunOutcome

app = typer.Typer(
    help="tc-warehouse: build, validate, query and publish the HRC res. 18/18 technical-cooperation "
    "warehouse. Run `tcw COMMAND --help` for a command's options.",
    no_args_is_help=True,
    add_completion=False,
)
sources_app = typer.Typer(help="The sample sources shipped in sources/.", no_args_is_help=True)
app.add_typer(sources_app, name="sources")
app.add_typer(db_app, name="db")
console = Console()
errors = Console(stderr=True)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_UNAVAILABLE = 0, 1, 2, 3


class ExtractFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    parquet = "parquet"


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def fail(message: str, code: int) -> typer.Exit:
    errors.print(message)
    return typer.Exit(code)


@app.command()
def run(
    year: Annotated[
        list[str] | None,
        typer.Option("--year", "-y", help="Reporting year to build (repeatable). Default: every year."),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show every Dagster event and library warning.")
    ] = False,
    accept_drop: Annotated[
        bool,
        typer.Option(
            "--accept-drop",
            help="A year's rows may fall sharply against its previous load: the source was really "
            "restated (recorded in the publication's manifest).",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild even when the sources and the code are unchanged.")
    ] = False,
) -> None:
    """Ingest, build, check and publish every reporting year (or --year).

    Years whose sources and code are unchanged since their last successful build are not
    rebuilt (the run says so, and the Dagster instance records it); --force rebuilds them.

    Several --year values build the years from the first to the last in one run. Nothing is
    published when a blocking check fails: the last good publication stays. The console shows
    progress, a summary and problems; every event is in the Dagster event log (`make dev`)."""
    from pipelines.progress import quiet_known_warnings

    if not verbose:
        quiet_known_warnings()
    from pipelines.runner import available_years

    available = available_years()
    unknown = [y for y in year or [] if y not in available]
    if unknown:
        raise fail(
            f"[red]No reporting year {', '.join(unknown)}[/red] (available: {available[0]}-{available[-1]})",
            EXIT_USAGE,
        )
    keys = sorted(year) if year else available
    console.print(f"Building reporting years {keys[0]}-{keys[-1]} from {get_settings().sources_dir}")
    from pipelines.runner import skip_if_unchanged

    # Before the progress bar, which loads the definitions: an unchanged build needs none.
    outcome = (None if force else skip_if_unchanged(keys)) or _build_with_progress(keys, verbose, accept_drop)
    if outcome.skipped:
        for line in outcome.skipped:
            console.print(line)
        console.print("Nothing rebuilt; the publications are as they were (tcw run --force rebuilds).")
        return
    for line in outcome.failed_steps:
        errors.print(f"[red]step failed[/red] {_first_lines(line)}")
    for line in outcome.failed_checks:
        errors.print(f"[red]check failed[/red] {line}")
    if not outcome.ok:
        errors.print(
            "Nothing was published; the previous publication is unchanged "
            f"(alert written to {get_settings().alerts_log})."
        )
        raise typer.Exit(EXIT_FAILED)
    for line in outcome.warnings:
        errors.print(f"[yellow]warning[/yellow] {line}")
    _summary(keys, outcome)


@contextmanager
def _library_output_to(log: Path | None) -> Iterator[Console]:
    """Send what libraries print (dbt's log lines, which dagster-dbt echoes to stdout) to `log`,
    and give the console the terminal. Dagster captures each step's output at the file
    descriptor for its compute logs, so the console writes to a copy of the terminal's."""
    if log is None:
        yield console
        return
    try:
        terminal = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    except (AttributeError, OSError, ValueError):  # no real terminal (a test's CliRunner)
        yield console
        return
    log.parent.mkdir(parents=True, exist_ok=True)
    with terminal, log.open("w", encoding="utf-8") as output, redirect_stdout(output):
        yield Console(file=terminal, force_terminal=console.is_terminal, width=console.width)


def _build_with_progress(keys: list[str], verbose: bool, accept_drop: bool = False) -> RunOutcome:
    """The run with a progress bar over its steps, naming the step running."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from pipelines.progress import StepEvent
    from pipelines.runner import build, planned_steps

    columns = (TextColumn("{task.description:<64}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    log = None if verbose else get_settings().run_log
    with (
        _library_output_to(log) as terminal,
        Progress(*columns, console=terminal, transient=True) as progress,
    ):
        task = progress.add_task("Loading the code location", total=planned_steps())

        def on_step(event: StepEvent) -> None:
            if event.kind == "start":
                progress.update(task, description=event.text)
            elif event.kind == "success":
                progress.advance(task)
                progress.console.print(f"[green]done[/green] {event.text}")
            elif event.kind == "failure":
                progress.advance(task)
                progress.console.print(f"[red]failed[/red] {event.text}")
            else:
                progress.console.print(f"[yellow]did not pass[/yellow] {event.text}")

        # The Dagster console logger: everything with -v, otherwise nothing (the CLI reports).
        return build(
            keys,
            log_level="DEBUG" if verbose else "CRITICAL",
            on_step=on_step,
            accept_drop=accept_drop,
            on_wait=lambda message: progress.console.print(f"[yellow]{message}[/yellow]"),
        )


def _first_lines(text: str, lines: int = 12) -> str:
    """A failure's first lines: dbt's and Python's tracebacks are in the event log and -v."""
    kept = text.splitlines()
    if len(kept) <= lines:
        return text
    return "\n".join(
        [*kept[:lines], f"... ({len(kept) - lines} more lines: tcw run -v, or the run in make dev)"]
    )


@contextmanager
def _published() -> Iterator[tuple[str, Any]]:
    """Where analysts read (`TCW_WAREHOUSE`): its name and a read-only DB-API cursor."""
    from pipelines.resources import default_warehouse

    warehouse = default_warehouse()
    store = warehouse.store
    if store.kind == "duckdb":
        with store.connect_readonly() as con:
            yield str(warehouse.paths.published_db), con
    else:
        with store.connect_readonly() as con, con.cursor() as cursor:
            yield str(store.url), cursor  # type: ignore[attr-defined]


def _execute(cursor: Any, query: str, params: list[Any]) -> Any:
    """`?` placeholders on either warehouse (psycopg binds `%s`)."""
    import psycopg

    if isinstance(cursor, psycopg.Cursor):
        query = query.replace("%", "%%").replace("?", "%s")
    cursor.execute(query, params)
    return cursor


def _summary(years: list[str], outcome: RunOutcome) -> None:
    settings = get_settings()
    with _published() as (where, con):
        loads = _execute(
            con,
            "select source_family, count(*), sum(rows_read), sum(rows_loaded), sum(rows_rejected) "
            "from raw.load_audit where reporting_year between ? and ? group by 1 order by 1",
            [int(years[0]), int(years[-1])],
        ).fetchall()
        names = _execute(
            con,
            "select table_name from information_schema.tables where table_schema = 'marts' order by 1",
            [],
        ).fetchall()
        marts = [
            (name, _execute(con, f'select count(*) from marts."{name}"', []).fetchone()[0])
            for (name,) in names
        ]
    table = Table("source family", "files", "rows read", "loaded", "rejected", title="Loaded")
    for family, files, read, loaded, rejected in loads:
        table.add_row(family, str(files), f"{read:,}", f"{loaded:,}", f"{rejected:,}")
    console.print(table)
    console.print(f"Marts: {', '.join(f'{name} ({rows:,})' for name, rows in marts)}")
    console.print(
        f"Checks: {outcome.checks_passed} passed, {len(outcome.warnings)} warnings, "
        f"{len(outcome.failed_checks)} failed (rejected rows: raw.rejects, with rule and reason)"
    )
    for line in outcome.published:
        console.print(f"Published {line}")
    console.print(f"Published warehouse (read-only for analysts): {where}")
    console.print(f"Extracts: {settings.publications_dir}/<year>/latest  (tcw extract --year {years[-1]})")
    console.print(f"Data Docs: {settings.data_docs_index}")
    console.print(f"dbt's log of this run: {settings.run_log} (every event: make dev, or tcw run -v)")
    console.print('Query it:  .venv/bin/tcw sql "select * from marts.needs where year = ? limit 5" -p 2019')


def _typed(value: str) -> Any:
    """Command-line parameters arrive as text; bind numbers as numbers."""
    for cast in (int, float):
        try:
            return cast(value)
        except ValueError:
            pass
    return value


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="A SELECT statement; use ? for values.")],
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="A value for the next ? (repeatable).")
    ] = None,
    output: Annotated[OutputFormat, typer.Option("--format", "-f", help="How to print rows.")] = (
        OutputFormat.table
    ),
) -> None:
    """Query the published warehouse, read-only (TCW_WAREHOUSE: the DuckDB file, confined to it:
    no ATTACH, COPY, EXPORT, INSTALL, LOAD or file-reading functions; or PostgreSQL, where the
    analyst role's grants confine it).

    Values are bound as parameters, never pasted into the SQL:
    tcw sql "select * from marts.needs where country_iso3 = ?" -p KEN"""
    import duckdb
    import psycopg

    from pipelines.analyst import RefusedStatement, run_query

    path = get_settings().published_db
    if os.environ.get("TCW_WAREHOUSE", "duckdb") == "duckdb" and not path.exists():
        raise fail(f"[red]No published warehouse at {path}[/red]: run `make run` first.", EXIT_UNAVAILABLE)
    try:
        if os.environ.get("TCW_WAREHOUSE", "duckdb") == "duckdb":
            columns, rows = run_query(path, query, [_typed(p) for p in param or []])
        else:
            with _published() as (_, con):
                cursor = _execute(con, query, [_typed(p) for p in param or []])
                columns = [d[0] for d in cursor.description or []]
                rows = cursor.fetchall()
    except RefusedStatement as exc:
        raise fail(f"[red]Refused[/red]: {exc}", EXIT_USAGE) from exc
    except duckdb.PermissionException as exc:
        raise fail(
            f"[red]Refused[/red]: tcw sql reads only the published warehouse, no other file ({exc})",
            EXIT_USAGE,
        ) from exc
    except (duckdb.IOException, psycopg.OperationalError) as exc:
        raise fail(
            f"[red]Cannot open the warehouse[/red] (locked or unreachable): {exc}", EXIT_UNAVAILABLE
        ) from exc
    except (duckdb.Error, psycopg.Error) as exc:
        raise fail(f"[red]Query failed[/red]: {exc}", EXIT_USAGE) from exc
    if output is OutputFormat.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif output is OutputFormat.json:
        print(json.dumps([dict(zip(columns, row, strict=True)) for row in rows], default=str, indent=1))
    else:
        table = Table(*columns)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        console.print(table)


@app.command()
def extract(
    year: Annotated[int, typer.Option("--year", "-y", help="Reporting year.")],
    fmt: Annotated[ExtractFormat, typer.Option("--format", "-f", help="File format.")] = ExtractFormat.xlsx,
    version: Annotated[str, typer.Option(help="Version (v1, v2, ...); default the latest.")] = "latest",
    out: Annotated[Path | None, typer.Option(help="Copy the files into this folder.")] = None,
) -> None:
    """Print (or copy) the published extracts of a reporting year.

    One file per mart (csv, parquet) or one workbook (xlsx), with the version's manifest.json."""
    folder = get_settings().publications_dir / str(year) / version
    if not folder.exists():
        raise fail(
            f"[red]No publication {version} for {year}[/red] in {folder.parent}: "
            f"run `tcw run --year {year}`.",
            EXIT_UNAVAILABLE,
        )
    files = [*sorted(folder.resolve().glob(f"*.{fmt.value}")), folder.resolve() / "manifest.json"]
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        files = [Path(shutil.copy2(f, out / f.name)) for f in files]
    for path in files:
        print(path)


@app.command()
def report(
    year: Annotated[int, typer.Option("--year", "-y", help="Reporting year.")],
    version: Annotated[str, typer.Option(help="Version (v1, v2, ...); default the latest.")] = "latest",
    out: Annotated[Path | None, typer.Option(help="Re-render the overview into this file instead.")] = None,
) -> None:
    """Print the path of the annual overview (HTML) of a reporting year's publication.

    The overview is written with every publication; --out renders it again, e.g. after a
    change to its template, from the same extracts."""
    from pipelines.report.overview import OVERVIEW, render_overview

    publications = get_settings().publications_dir
    folder = publications / str(year) / version
    if not (folder / "manifest.json").exists():
        raise fail(
            f"[red]No publication {version} for {year}[/red]: run `tcw run --year {year}`.", EXIT_UNAVAILABLE
        )
    if out is None:
        print(folder.resolve() / OVERVIEW)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_overview(folder.resolve(), publications), encoding="utf-8")
    print(out)


@app.command()
def docs() -> None:
    """Build the dbt docs site and print where it and the GX Data Docs are."""
    from pipelines.resources import dbt_cli, dbt_project, default_warehouse, prepare_dbt_project

    warehouse = default_warehouse()
    settings = warehouse.paths
    if not settings.build_db.exists():
        raise fail("[red]No warehouse yet[/red]: run `make run` first.", EXIT_UNAVAILABLE)
    target = settings.warehouse_dir / "dbt_docs"
    with console.status("dbt docs generate..."):
        prepare_dbt_project()
        invocation = dbt_cli().cli(
            ["docs", "generate", "--target-path", str(target), *warehouse.dbt_vars()],
            target_path=dbt_project.target_path,
        )
        invocation.wait()
    console.print(f"dbt docs:  {target / 'index.html'}  (serve: cd {target} && python -m http.server)")
    if settings.gx_dir.exists():  # runs launched by the daemon render their pages, not the index
        from pipelines.validation.gx import render_data_docs_index

        render_data_docs_index(settings)
    console.print(f"GX Data Docs: {settings.data_docs_index}")


class InspectFormat(StrEnum):
    table = "table"
    json = "json"


@app.command()
def inspect(
    file: Annotated[
        Path, typer.Argument(help="A source file: PDF report, funding annex, request-log export.")
    ],
    fmt: Annotated[InspectFormat, typer.Option("--format", "-f", help="table, or one JSON object.")] = (
        InspectFormat.table
    ),
) -> None:
    """Try a file before it enters the warehouse: its source family (and why), its document
    metadata, and the rows and rejects it would load. Writes nothing. Exit 0 when it parses,
    1 when it cannot be read (the reason on stderr)."""
    from pipelines.ingest.tables import UnreadableSourceError
    from pipelines.inspect import inspect_file

    reason: str | None = None
    try:
        found = inspect_file(file)
    except UnreadableSourceError as exc:
        reason = exc.problem
    except Exception as exc:  # a report author gets a reason, never a traceback
        reason = f"{type(exc).__name__}: {exc}"
    if reason is not None:
        # One unwrapped line (scripts grep it), not the console's 80-column wrap.
        sys.stderr.write(f"cannot read {file}: {reason}\n")
        raise typer.Exit(EXIT_FAILED)
    if fmt is InspectFormat.json:
        sys.stdout.write(json.dumps(found.to_json(), ensure_ascii=False) + "\n")
        return
    _print_inspection(found)


def _print_inspection(found: Any) -> None:
    console.print(f"[bold]{found.path}[/bold]: {found.family} ({found.document_type})")
    console.print(f"  why: {found.reason}")
    meta = Table(title="Document metadata", show_header=False)
    for key, value in found.metadata.items():
        meta.add_row(key, "" if value is None else str(value))
    console.print(meta)
    counts = Table(title=f"Would load ({found.rows_read} rows read)")
    counts.add_column("raw table")
    counts.add_column("rows", justify="right")
    for name, frame in found.tables.items():
        counts.add_row(name, f"{frame.height:,}")
    rejects = found.rejects
    counts.add_row("rejects", f"{0 if rejects is None else rejects.height:,}")
    console.print(counts)
    if rejects is not None and rejects.height:
        shown = Table(title="Rejects (first 20)")
        for column in ("rule", "reason"):
            shown.add_column(column)
        for row in rejects.head(20).iter_rows(named=True):
            shown.add_row(str(row.get("rule")), str(row.get("reason")))
        console.print(shown)


@sources_app.command("generate")
def sources_generate(
    scale: Annotated[float, typer.Option(help="Volume multiplier (1 = the shipped sample).")] = 1.0,
    out: Annotated[Path | None, typer.Option(help="Folder to write into. Default: TCW_SOURCES_DIR.")] = None,
) -> None:
    """Write the deterministic sample sources.

    Scale 1 is the shipped sample; larger volumes (CSV only) are for benchmarks."""
    from rich.progress import Progress

    try:
        # The generators are an optional extra: the warehouse itself runs without them.
        from samples.documents import generate_documents
        from samples.request_logs import generate_request_logs
        from samples.upr_reports import write_upr_reports
    except ImportError as exc:
        raise fail(
            f"[red]The sample generators need the 'samples' extra[/red] ({exc.name or exc} is missing): "
            "pip install -e '.\\[samples]' (or `make install`, which installs the dev extra).",
            EXIT_FAILED,
        ) from None

    target = out or get_settings().sources_dir
    with Progress(console=console) as progress:
        task = progress.add_task("Generating sample sources", total=3)
        manifest = generate_request_logs(target / "request_logs", scale=scale)
        progress.advance(task)
        generate_documents(target)  # the documents' volume is the reports', whatever the scale
        progress.advance(task)
        upr = write_upr_reports(target / "upr_reports")  # so are the UPR reports'
        progress.advance(task)
    rows = sum(f["rows"] for f in manifest.to_dict()["files"])
    console.print(f"Request logs: {rows:,} rows in {target / 'request_logs'}")
    console.print(f"Documents: {target / 'annual_reports'}, {target / 'fund_board_reports'}")
    console.print(f"UPR Working Group reports: {len(upr['reports'])} in {target / 'upr_reports'}")


def main() -> None:
    """The `tcw` command (pyproject.toml's script)."""
    try:
        app()
        code: object = 0
    except SystemExit as done:
        code = done.code
    end_process(code)


def end_process(code: object = 0) -> None:
    """End the process once its work is done without Python's own shutdown, which frees a
    build's objects one by one in C extensions: 2-4 s of a one-year `tcw run`, measured. Exit
    handlers still run first (logging's flush, temporary folders' removal), and a thread still
    working (none is, today) gets the usual exit. `code` as SystemExit takes it."""
    import atexit
    import threading

    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        raise SystemExit(code)
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)  # as Python prints a SystemExit's message
        code = 1
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)
