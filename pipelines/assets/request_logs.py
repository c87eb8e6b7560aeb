"""Request logs -> raw.request_events, raw.rejects, raw.load_audit, one reporting year at a time."""

import polars as pl
from dagster import (
    AssetExecutionContext,
    AssetKey,
    Failure,
    MaterializeResult,
    MetadataValue,
    asset,
)

from pipelines.ingest import request_logs as parser
from pipelines.ingest.rejects import AUDIT_SCHEMA, REJECT_SCHEMA, ParseResult
from pipelines.ingest.tables import UnreadableSourceError
from pipelines.ingest.year_guard import ACCEPT_DROP_TAG, previous_rows_read, shared_events, sharp_drop
from pipelines.partitions import TRANSIENT_FAULTS, reporting_years, single_run, years_of
from pipelines.reference.seeds import seeds_version
from pipelines.resources import WarehouseResource
from pipelines.settings import Settings
from pipelines.warehouses import DuckDBWarehouse, Warehouse

RAW_REQUEST_EVENTS = AssetKey(["raw", "request_events"])


def load_request_log_years(
    settings: Settings, years: list[int], store: Warehouse | None = None, accept_drop: bool = False
) -> tuple[list[dict[str, object]], list[str]]:
    """Parse and load each year's files into `store` (default: the DuckDB build under
    `settings`); a year is replaced only when all its files parsed, no two of them hold the
    same events, and its rows did not fall sharply against its previous load (unless
    `accept_drop`: a restatement the run vouches for).

    Returns the audit rows written and the problems of the years left as they were.
    """
    store = store or DuckDBWarehouse(settings)
    by_year = parser.discover(settings.request_logs_dir, years)
    audits: list[dict[str, object]] = []
    problems: list[str] = []
    for year in years:
        files = by_year.get(year, [])
        if not files:
            problems.append(f"{year}: no request-log file in {settings.request_logs_dir}")
            continue
        results: list[ParseResult] = []
        try:
            results = [parser.parse_request_log(path, year, settings.sources_dir) for path in files]
        except UnreadableSourceError as exc:
            problems.append(f"{year}: {exc} (year not replaced; the previous load stays)")
            continue
        duplicates = shared_events(results, ("request_id", "status"))
        if duplicates:
            problems.extend(
                f"{year}: {line} (year not replaced; the previous load stays)" for line in duplicates
            )
            continue
        year_audits = [result.audit_row(parser.FAMILY, year) for result in results]
        drop = sharp_drop(previous_rows_read(store, parser.FAMILY, year), results, year)
        if drop and not accept_drop:
            problems.append(drop)
            continue
        store.replace_year(
            [parser.FAMILY],
            year,
            {
                "request_events": (parser.ROW_SCHEMA, pl.concat([r.rows for r in results])),
                "rejects": (REJECT_SCHEMA, pl.concat([r.rejects for r in results])),
                "load_audit": (AUDIT_SCHEMA, pl.DataFrame(year_audits, schema=AUDIT_SCHEMA)),
            },
        )
        audits.extend(year_audits)
    return audits, problems


def _markdown_table(rows: list[dict[str, object]], columns: list[str]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(str(row[c]) for c in columns) + " |" for row in rows]
    return "\n".join(lines)


@asset(
    key=RAW_REQUEST_EVENTS,
    group_name="request_logs",
    partitions_def=reporting_years,
    backfill_policy=single_run,
    pool="duckdb_writer",
    retry_policy=TRANSIENT_FAULTS,
    kinds={"polars", "duckdb"},
    code_version=seeds_version("taxonomy", "countries"),
)
def raw_request_events(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    """States' requests for technical assistance (res. 18/18 paras 6 (b), 11): every status
    change in the yearly request-log exports (CSV or XLSX), typed, with the State, status,
    thematic area and fund resolved and provenance (file, sha256, sheet, row) on every row.
    Rows that break a rule go to raw.rejects with the rule and a reason; raw.load_audit keeps
    rows read, loaded and rejected per file. Re-materializing a year replaces exactly that year.
    A file that cannot be read fails the asset, naming it; the other years still load."""
    years = years_of(context.partition_keys)
    accept_drop = context.run.tags.get(ACCEPT_DROP_TAG) == "true"
    audits, problems = load_request_log_years(warehouse.paths, years, warehouse.store, accept_drop)
    for line in problems:
        context.log.error(line)
    if problems:
        raise Failure(
            description="Some request-log years could not be loaded:\n" + "\n".join(problems),
            allow_retries=False,  # an unreadable file stays unreadable: retrying only delays the alert
            metadata={
                "loaded_years": MetadataValue.text(", ".join(str(a["reporting_year"]) for a in audits))
            },
        )
    return MaterializeResult(
        metadata={
            "rows_read": sum(int(a["rows_read"]) for a in audits),  # type: ignore[call-overload]
            "rows_loaded": sum(int(a["rows_loaded"]) for a in audits),  # type: ignore[call-overload]
            "rows_rejected": sum(int(a["rows_rejected"]) for a in audits),  # type: ignore[call-overload]
            "files": MetadataValue.md(
                _markdown_table(
                    audits, ["reporting_year", "source_file", "rows_read", "rows_loaded", "rows_rejected"]
                )
            ),
        }
    )
