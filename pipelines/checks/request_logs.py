"""Checks on the request-log slice: nothing lost between files and tables, GX suites on the raw
table and the needs mart. All blocking: downstream assets do not build on data that fails."""

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
from pipelines.validation.gx import ValidationSummary, validate_frame
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


def _frame(sql: str, years: list[int]) -> Any:
    """The years' rows as a pandas frame, DECIMAL as float: GX's numeric expectations do not
    compare Python Decimal objects."""
    with connect(get_settings().build_db, read_only=True) as con:
        frame = pl.from_arrow(con.sql(sql, params=[years]).to_arrow_table())
    decimals = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.Decimal)]
    return frame.with_columns(pl.col(decimals).cast(pl.Float64)).to_pandas()


@asset_check(asset=RAW_REQUEST_EVENTS, blocking=True, partitions_def=reporting_years)
def gx_raw_request_events(context: AssetCheckExecutionContext) -> AssetCheckResult:
    """Great Expectations suite expectations/raw_request_events.json on the run's years: value
    sets, ranges, uniqueness, personal data hashed, row count equal to the load audit."""
    years = years_of(context.partition_keys)
    frame = _frame("select * from raw.request_events where reporting_year in (select unnest(?))", years)
    with connect(get_settings().build_db, read_only=True) as con:
        (loaded,) = con.execute(
            "select coalesce(sum(rows_loaded), 0) from raw.load_audit "
            "where source_family = ? and reporting_year in (select unnest(?))",
            [FAMILY, years],
        ).fetchone() or (0,)
    return _gx_result(
        validate_frame(frame, "raw_request_events", "raw_request_events", {"rows_loaded": int(loaded)})
    )


@asset_check(asset=NEEDS, blocking=True, partitions_def=reporting_years)
def gx_needs(context: AssetCheckExecutionContext) -> AssetCheckResult:
    """Great Expectations suite expectations/needs.json on the run's years: grain, ranges, and
    requests received reconciled with the requests loaded."""
    years = years_of(context.partition_keys)
    frame = _frame("select * from marts.needs where year in (select unnest(?))", years)
    with connect(get_settings().build_db, read_only=True) as con:
        (received,) = con.execute(
            "select count(*) from intermediate.int_requests_pivoted "
            "where received_year in (select unnest(?))",
            [years],
        ).fetchone() or (0,)
    return _gx_result(validate_frame(frame, "needs", "needs", {"requests_received": int(received)}))
