"""The same figure in more than one document must agree.

A fund's contributions and expenditure appear in its board's statement, in the annual report's
funds table and in the funding annex; OHCHR's voluntary contributions in the annual report's
"Funding at a glance" and as the total of its donor table; a country's fund projects in the
board's list and among the annual report's activities. Every difference is reported with both
documents named; a difference beyond TOLERANCE blocks publication.
"""

from dataclasses import dataclass
from decimal import Decimal

from dagster import AssetCheckExecutionContext, AssetCheckResult, AssetCheckSeverity, asset_check

from pipelines.assets.documents import DOCUMENT_TABLES
from pipelines.partitions import reporting_years, years_of
from pipelines.resources import WarehouseResource

# Stated tolerance: the larger of 1,000 USD and 0.1 % of the reference figure. Publications
# round differently (an annex in thousands, a statement to the dollar); more than that is a
# disagreement someone must explain before the figures are published.
ABSOLUTE_TOLERANCE = Decimal(1_000)
RELATIVE_TOLERANCE = Decimal("0.001")
BOARD_REPORTS = ("vftc_board_report", "upr_participation_fund_report", "vffta_report")


@dataclass(frozen=True)
class Difference:
    what: str
    reference: str
    reference_value: Decimal
    other: str
    other_value: Decimal

    @property
    def amount(self) -> Decimal:
        return abs(self.other_value - self.reference_value)

    @property
    def beyond_tolerance(self) -> bool:
        return self.amount > max(ABSOLUTE_TOLERANCE, RELATIVE_TOLERANCE * abs(self.reference_value))

    def describe(self) -> str:
        verdict = "BEYOND TOLERANCE" if self.beyond_tolerance else "within tolerance"
        return (
            f"{self.what}: {self.other} says {self.other_value:,.0f}, {self.reference} says "
            f"{self.reference_value:,.0f} (difference {self.amount:,.0f} USD, {verdict})"
        )


def compare(figures: list[tuple[str, str, str, Decimal]]) -> list[Difference]:
    """`figures` are (what, document_type, source_file, value); within each `what`, every
    document is compared with the reference (the fund's board report where there is one)."""
    by_what: dict[str, list[tuple[str, str, Decimal]]] = {}
    for what, document_type, source, value in figures:
        by_what.setdefault(what, []).append((document_type, source, value))
    differences = []
    for what, documents in sorted(by_what.items()):
        documents.sort(key=lambda d: (d[0] not in BOARD_REPORTS, d[1]))
        _, reference, reference_value = documents[0]
        differences += [
            Difference(what, reference, reference_value, source, value)
            for _, source, value in documents[1:]
            if value != reference_value
        ]
    return differences


def _result(differences: list[Difference], compared: int) -> AssetCheckResult:
    """Beyond tolerance: an ERROR, which blocks publication. Within tolerance: a WARN, so the
    difference is seen (UI, CLI, run log) without stopping the reporting cycle."""
    blocking = [d for d in differences if d.beyond_tolerance]
    return AssetCheckResult(
        passed=not differences,
        severity=AssetCheckSeverity.ERROR if blocking else AssetCheckSeverity.WARN,
        description="\n".join(d.describe() for d in differences)
        or f"{compared} figures agree across documents",
        metadata={
            "figures_compared": compared,
            "differences": len(differences),
            "beyond_tolerance": len(blocking),
            "tolerance": f"max({ABSOLUTE_TOLERANCE} USD, {RELATIVE_TOLERANCE:%})",
        },
    )


# The SQL runs on DuckDB and PostgreSQL alike (pipelines/warehouses/build_reads.py).
FUND_FIGURES_SQL = """
select
    cast(reporting_year as varchar) || ' ' || fund_code || ' ' || line_item,
    document_type, source_file, amount_usd
from raw.fund_statements
where line_item in ('contributions_received', 'total_expenditure')
  and reporting_year in (select unnest(cast(? as integer[])))
"""

OHCHR_TOTAL_SQL = """
select cast(reporting_year as varchar) || ' OHCHR voluntary contributions', document_type,
       source_file || ' (Funding at a glance)', cast(value as decimal(18, 2))
from raw.funding_summary
where metric = 'voluntary_contributions' and document_type = 'annual_report'
  and reporting_year in (select unnest(cast(? as integer[])))
union all
select cast(reporting_year as varchar) || ' OHCHR voluntary contributions', 'zz_' || document_type,
       source_file || ' (donor table total)', sum(paid_usd)
from raw.contributions
where fund_code = 'OHCHR_VOLUNTARY' and document_type = 'annual_report'
  and reporting_year in (select unnest(cast(? as integer[])))
group by reporting_year, document_type, source_file
"""


@asset_check(asset=DOCUMENT_TABLES["fund_statements"], blocking=True, partitions_def=reporting_years)
def fund_figures_agree(context: AssetCheckExecutionContext, warehouse: WarehouseResource) -> AssetCheckResult:
    """A fund's contributions received and expenditure agree between its board's statement,
    the annual report's funds table and the funding annex (tolerance: the larger of 1,000 USD
    and 0.1 %). Every difference is listed with both documents named."""
    figures = warehouse.store.fetchall(FUND_FIGURES_SQL, [years_of(context.partition_keys)])
    return _result(compare(figures), len(figures))


@asset_check(asset=DOCUMENT_TABLES["contributions"], blocking=True, partitions_def=reporting_years)
def ohchr_total_agrees(context: AssetCheckExecutionContext, warehouse: WarehouseResource) -> AssetCheckResult:
    """OHCHR's voluntary contributions in the annual report's "Funding at a glance" equal the
    total of its donor table (same tolerance)."""
    years = years_of(context.partition_keys)
    figures = warehouse.store.fetchall(OHCHR_TOTAL_SQL, [years, years])
    return _result(compare(figures), len(figures))


PROJECT_COUNTRIES_SQL = """
select p.reporting_year, p.fund_code, p.country_iso3, min(p.source_file)
from raw.board_projects as p
where p.reporting_year in (select unnest(cast(? as integer[])))
  and p.fund_code = 'VFTC'
  and not exists (
      select 1 from raw.assistance_activities as a
      where a.reporting_year = p.reporting_year and a.country_iso3 = p.country_iso3
        and a.fund_code = p.fund_code
  )
group by p.reporting_year, p.fund_code, p.country_iso3
order by 1, 2, 3, 4
"""


@asset_check(asset=DOCUMENT_TABLES["board_projects"], blocking=True, partitions_def=reporting_years)
def project_countries_reported(
    context: AssetCheckExecutionContext, warehouse: WarehouseResource
) -> AssetCheckResult:
    """Every country where the VFTC Board reports a funded project appears among the annual
    report's technical-cooperation activities financed by the VFTC in the same year (no
    tolerance: a missing country is a gap in the report to the Council). The UPR funds are left
    out: the participation fund pays delegations' travel to Geneva, which is no activity in the
    country, and VFFTA projects are reported by the board alone."""
    missing = warehouse.store.fetchall(PROJECT_COUNTRIES_SQL, [years_of(context.partition_keys)])
    return AssetCheckResult(
        passed=not missing,
        description="\n".join(
            f"{year} {fund}: {source} funds projects in {iso3}; "
            f"the annual report lists no {fund} activity there"
            for year, fund, iso3, source in missing
        )
        or "every project country is in the annual report",
        metadata={"countries_missing": len(missing)},
    )


CROSS_SOURCE_CHECKS = [fund_figures_agree, ohchr_total_agrees, project_countries_reported]
