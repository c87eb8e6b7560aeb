"""Great Expectations suites (expectations/) as blocking asset checks, one reporting year at a
time. One factory, so adding a suite is a line here and a JSON file there."""

from collections.abc import Iterator, Mapping
from typing import Any

import polars as pl
from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetChecksDefinition,
    AssetKey,
    MetadataValue,
    asset_check,
)

from pipelines.assets.documents import DOCUMENT_TABLES
from pipelines.assets.request_logs import RAW_REQUEST_EVENTS
from pipelines.partitions import reporting_years, years_of
from pipelines.resources import WarehouseResource
from pipelines.validation.gx import load_suite_definition, validate_batches
from pipelines.warehouses import Warehouse


def _scalar(store: Warehouse, sql: str, year: int) -> int:
    rows = store.fetchall(sql, [year])
    return int(rows[0][0]) if rows else 0


def year_batches(
    warehouse: WarehouseResource, table_sql: str, parameter_sql: Mapping[str, str], years: list[int]
) -> Iterator[tuple[str, Any, dict[str, int]]]:
    """One reporting year at a time: its rows as a pandas frame and the suite's parameters.
    DECIMAL becomes float: GX's numeric expectations do not compare Python Decimal objects.
    The SQL runs on either warehouse (pipelines/warehouses/build_reads.py)."""
    store = warehouse.store
    for year in years:
        frame = store.frame(table_sql, [year])
        parameters = {name: _scalar(store, sql, year) for name, sql in parameter_sql.items()}
        decimals = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.Decimal)]
        yield str(year), frame.with_columns(pl.col(decimals).cast(pl.Float64)).to_pandas(), parameters  # type: ignore[union-attr]


def _years_in(warehouse: WarehouseResource, table: str) -> list[int]:
    return [int(y) for (y,) in warehouse.store.fetchall(f"select distinct year from {table} order by 1")]


def gx_check(
    asset: AssetKey,
    suite: str,
    table_sql: str,
    parameter_sql: Mapping[str, str] | None = None,
    whole_table: str | None = None,
) -> AssetChecksDefinition:
    """A blocking check running `expectations/<suite>.json` over `table_sql` (one `?`: the year),
    for each of the run's years; `whole_table` names an unpartitioned mart (rebuilt whole every
    run), whose every year is validated."""
    definition = load_suite_definition(suite)
    scope = "every year" if whole_table else "each of the run's years"
    described = f"Great Expectations suite expectations/{suite}.json on {scope}: " + "; ".join(
        e["meta"]["why"] for e in definition["expectations"][:4]
    )

    @asset_check(
        asset=asset,
        name=f"gx_{suite}",
        blocking=True,
        partitions_def=None if whole_table else reporting_years,
        description=described,
    )
    def _check(context: AssetCheckExecutionContext, warehouse: WarehouseResource) -> AssetCheckResult:
        years = _years_in(warehouse, whole_table) if whole_table else years_of(context.partition_keys)
        batches = year_batches(warehouse, table_sql, parameter_sql or {}, years)
        summary = validate_batches(suite, suite, batches, warehouse.paths)
        return AssetCheckResult(
            passed=summary.success,
            description=summary.describe(),
            metadata={
                "expectations": summary.evaluated,
                "failed": len(summary.failed),
                "data_docs": MetadataValue.path(str(summary.data_docs)),
            },
        )

    return _check


def _mart(name: str) -> AssetKey:
    return AssetKey(["marts", name])


GX_CHECKS = [
    gx_check(
        RAW_REQUEST_EVENTS,
        "raw_request_events",
        "select * from raw.request_events where reporting_year = ?",
        {
            "rows_loaded": "select coalesce(sum(rows_loaded), 0) from raw.load_audit "
            "where source_family = 'request_logs' and reporting_year = ?"
        },
    ),
    gx_check(
        _mart("needs"),
        "needs",
        "select * from marts.needs where year = ?",
        {
            "requests_received": "select count(*) from intermediate.int_requests_pivoted "
            "where received_year = ?"
        },
    ),
    gx_check(
        DOCUMENT_TABLES["contributions"],
        "raw_contributions",
        "select * from raw.contributions where reporting_year = ?",
    ),
    gx_check(
        DOCUMENT_TABLES["fund_statements"],
        "raw_fund_statements",
        "select * from raw.fund_statements where reporting_year = ?",
    ),
    *(
        gx_check(
            DOCUMENT_TABLES[table], f"raw_{table}", f"select * from raw.{table} where reporting_year = ?"
        )
        for table in (
            "funding_summary",
            "field_expenditure",
            "assistance_activities",
            "board_projects",
            "highlights",
        )
    ),
    *(
        gx_check(_mart(mart), mart, f"select * from marts.{mart} where year = ?")
        for mart in ("resources_by_fund", "highlights")
    ),
    gx_check(
        _mart("non_contributors"),
        "non_contributors",
        "select * from marts.non_contributors where year = ?",
        whole_table="marts.non_contributors",
    ),
    gx_check(_mart("contributions"), "contributions", "select * from marts.contributions where year = ?"),
    gx_check(_mart("assistance"), "assistance", "select * from marts.assistance where year = ?"),
    gx_check(
        _mart("resources_by_area"),
        "resources_by_area",
        "select * from marts.resources_by_area where year = ?",
        whole_table="marts.resources_by_area",
    ),
    gx_check(
        _mart("funding_figures"), "funding_figures", "select * from marts.funding_figures where year = ?"
    ),
]
