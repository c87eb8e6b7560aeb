"""Great Expectations suites (expectations/) as blocking asset checks: one validation over a
run's reporting years, in the warehouse. One factory, so adding a suite is a line here and a
JSON file there."""

from collections.abc import Mapping

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
from pipelines.validation.gx import ValidationSummary, load_suite_definition, sql_source, validate_query


def _in(years: list[int]) -> str:
    """The years as a SQL list (integers: nothing to quote)."""
    return ", ".join(str(int(year)) for year in years)


def year_batches(
    warehouse: WarehouseResource, table_sql: str, parameter_sql: Mapping[str, str], years: list[int]
) -> list[tuple[str, str, dict[str, int]]]:
    """One batch for the run's years: the query of their rows and the suite's parameters over
    the same years (`{years}` in the SQL, which runs on either warehouse:
    pipelines/warehouses/build_reads.py)."""
    store = warehouse.store
    listed = _in(years) or "null"
    parameters = {
        name: int(store.fetchall(sql.format(years=listed))[0][0] or 0) for name, sql in parameter_sql.items()
    }
    label = ", ".join(str(year) for year in years) or "no year"
    return [(label, table_sql.format(years=listed), parameters)]


def validate_years(
    warehouse: WarehouseResource,
    suite: str,
    table_sql: str,
    parameter_sql: Mapping[str, str],
    years: list[int],
) -> ValidationSummary:
    """One validation over the run's years, counting; when it fails, the suite again per year
    with samples of the unexpected values (a failed run only), so that every failure names its
    year, its observed value and the values behind it."""
    source = sql_source(warehouse.store)
    batches = year_batches(warehouse, table_sql, parameter_sql, years)
    summary = validate_query(suite, source, batches, warehouse.paths, samples=False)
    if summary.success or not years:
        return summary
    batches = [batch for year in years for batch in year_batches(warehouse, table_sql, parameter_sql, [year])]
    return validate_query(suite, source, batches, warehouse.paths)


def _years_in(warehouse: WarehouseResource, table: str) -> list[int]:
    return [int(y) for (y,) in warehouse.store.fetchall(f"select distinct year from {table} order by 1")]


def gx_check(
    asset: AssetKey,
    suite: str,
    table_sql: str,
    parameter_sql: Mapping[str, str] | None = None,
    whole_table: str | None = None,
) -> AssetChecksDefinition:
    """A blocking check running `expectations/<suite>.json` over `table_sql` (`{years}`: the
    run's years); `whole_table` names an unpartitioned mart (rebuilt whole every
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
        summary = validate_years(warehouse, suite, table_sql, parameter_sql or {}, years)
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


# Every year of the mart in one validation: its bound scales with the fund-years validated.
NON_CONTRIBUTORS_SQL = "select * from marts.non_contributors where year in ({years})"
NON_CONTRIBUTORS_BOUND = {
    "member_states_per_fund_year": "select 193 * count(*) from (select distinct year, fund_code "
    "from marts.non_contributors where year in ({years})) as fund_years"
}

GX_CHECKS = [
    gx_check(
        RAW_REQUEST_EVENTS,
        "raw_request_events",
        "select * from raw.request_events where reporting_year in ({years})",
        {
            "rows_loaded": "select coalesce(sum(rows_loaded), 0) from raw.load_audit "
            "where source_family = 'request_logs' and reporting_year in ({years})"
        },
    ),
    gx_check(
        _mart("needs"),
        "needs",
        "select * from marts.needs where year in ({years})",
        {
            "requests_received": "select count(*) from intermediate.int_requests_pivoted "
            "where received_year in ({years})"
        },
    ),
    gx_check(
        DOCUMENT_TABLES["contributions"],
        "raw_contributions",
        "select * from raw.contributions where reporting_year in ({years})",
    ),
    gx_check(
        DOCUMENT_TABLES["fund_statements"],
        "raw_fund_statements",
        "select * from raw.fund_statements where reporting_year in ({years})",
    ),
    *(
        gx_check(
            DOCUMENT_TABLES[table],
            f"raw_{table}",
            f"select * from raw.{table} where reporting_year in ({{years}})",
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
        gx_check(_mart(mart), mart, f"select * from marts.{mart} where year in ({{years}})")
        for mart in ("resources_by_fund", "highlights")
    ),
    gx_check(
        _mart("non_contributors"),
        "non_contributors",
        NON_CONTRIBUTORS_SQL,
        NON_CONTRIBUTORS_BOUND,
        whole_table="marts.non_contributors",
    ),
    gx_check(
        _mart("contributions"), "contributions", "select * from marts.contributions where year in ({years})"
    ),
    gx_check(_mart("assistance"), "assistance", "select * from marts.assistance where year in ({years})"),
    gx_check(
        _mart("resources_by_area"),
        "resources_by_area",
        "select * from marts.resources_by_area where year in ({years})",
        whole_table="marts.resources_by_area",
    ),
    gx_check(
        _mart("funding_figures"),
        "funding_figures",
        "select * from marts.funding_figures where year in ({years})",
    ),
]
