"""Checks on the request-log slice: nothing lost between files and tables, GX suites on the raw
table and the needs mart. All blocking: downstream assets do not build on data that fails."""

from collections.abc import Iterator
from typing import Any

import polars as pl
from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetKey,
    MetadataValue,
    asset_check,
)

from pipelines.assets.request_logs import RAW_REQUEST_EVENTS
from pipelines.ingest.request_logs import FAMILY
from pipelines.partitions import reporting_years, years_of
from pipelines.settings import get_settings
from pipelines.validation.gx import ValidationSummary, validate_batches
from pipelines.warehouse import connect

NEEDS = AssetKey(["marts", "needs"])

RECONCILIATION_SQL = """
with audit as (
    select source_file, rows_read, rows_loaded, rows_rejected
    from raw.load_audit
    where source_family = $family and reporting_year in (select unnest($years))
),
loaded as (
    select source_file, count(*) as n from raw.request_events
    where reporting_year in (select unnest($years)) group by source_file
),
rejected as (
    select source_file, count(*) as n from raw.rejects
    where source_family = $family and reporting_year in (select unnest($years)) group by source_file
)
select
    a.source_file, a.rows_read, a.rows_loaded, a.rows_rejected,
    coalesce(l.n, 0) as rows_in_table, coalesce(r.n, 0) as rejects_in_table
from audit as a
left join loaded as l using (source_file)
left join rejected as r using (source_file)
order by a.source_file
"""


def reconcile_request_logs(years: list[int]) -> tuple[list[str], int]:
    """Per file: read = loaded + rejected, and the tables hold exactly those rows.
    Returns the discrepancies and the number of files checked."""
    with connect(get_settings().build_db, read_only=True) as con:
        rows = con.execute(RECONCILIATION_SQL, {"family": FAMILY, "years": years}).fetchall()
    problems = []
    for file, read, loaded, rejected, in_table, in_rejects in rows:
        if read != loaded + rejected:
            problems.append(f"{file}: read {read} != loaded {loaded} + rejected {rejected}")
        if in_table != loaded:
            problems.append(f"{file}: raw.request_events holds {in_table} rows, the audit says {loaded}")
        if in_rejects != rejected:
            problems.append(f"{file}: raw.rejects holds {in_rejects} rows, the audit says {rejected}")
    return problems, len(rows)


@asset_check(asset=RAW_REQUEST_EVENTS, blocking=True, partitions_def=reporting_years)
def request_logs_reconcile(context: AssetCheckExecutionContext) -> AssetCheckResult:
    """Nothing lost: for every request-log file, rows read = rows loaded + rows rejected, and
    raw.request_events and raw.rejects hold exactly those rows."""
    years = years_of(context.partition_keys)
    problems, files = reconcile_request_logs(years)
    return AssetCheckResult(
        passed=not problems and files > 0,
        description="\n".join(problems) or f"{files} files reconcile",
        metadata={"files_checked": files, "discrepancies": len(problems)},
    )


def _gx_result(summary: ValidationSummary) -> AssetCheckResult:
    return AssetCheckResult(
        passed=summary.success,
        description=summary.describe(),
        metadata={
            "expectations": summary.evaluated,
            "failed": len(summary.failed),
            "data_docs": MetadataValue.path(str(summary.data_docs)),
        },
    )


def _scalar(con: Any, sql: str, year: int) -> int:
    row = con.execute(sql, [year]).fetchone()
    return int(row[0]) if row else 0


def _year_batches(
    table_sql: str, parameter_sql: dict[str, str], years: list[int]
) -> Iterator[tuple[str, Any, dict[str, int]]]:
    """One reporting year at a time: its rows as a pandas frame and the suite's parameters.
    DECIMAL becomes float: GX's numeric expectations do not compare Python Decimal objects."""
    for year in years:
        with connect(get_settings().build_db, read_only=True) as con:
            frame = pl.from_arrow(con.sql(table_sql, params=[year]).to_arrow_table())
            parameters = {name: _scalar(con, sql, year) for name, sql in parameter_sql.items()}
        decimals = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.Decimal)]
        yield str(year), frame.with_columns(pl.col(decimals).cast(pl.Float64)).to_pandas(), parameters


@asset_check(asset=RAW_REQUEST_EVENTS, blocking=True, partitions_def=reporting_years)
def gx_raw_request_events(context: AssetCheckExecutionContext) -> AssetCheckResult:
    """Great Expectations suite expectations/raw_request_events.json on each of the run's
    years: value sets, ranges, uniqueness, personal data hashed, row count equal to the load
    audit."""
    batches = _year_batches(
        "select * from raw.request_events where reporting_year = ?",
        {
            "rows_loaded": "select coalesce(sum(rows_loaded), 0) from raw.load_audit "
            f"where source_family = '{FAMILY}' and reporting_year = ?"
        },
        years_of(context.partition_keys),
    )
    return _gx_result(validate_batches("raw_request_events", "raw_request_events", batches))


@asset_check(asset=NEEDS, blocking=True, partitions_def=reporting_years)
def gx_needs(context: AssetCheckExecutionContext) -> AssetCheckResult:
    """Great Expectations suite expectations/needs.json on each of the run's years: grain,
    ranges, and requests received reconciled with the requests loaded."""
    batches = _year_batches(
        "select * from marts.needs where year = ?",
        {
            "requests_received": "select count(*) from intermediate.int_requests_pivoted "
            "where received_year = ?"
        },
        years_of(context.partition_keys),
    )
    return _gx_result(validate_batches("needs", "needs", batches))
