"""Annual reports, appeals, funding annexes and fund board reports -> the raw document tables."""

import polars as pl
from dagster import (
    AssetExecutionContext,
    AssetKey,
    AssetSpec,
    Failure,
    MaterializeResult,
    MetadataValue,
    multi_asset,
)

from pipelines.ingest.document_kit import DocumentParse
from pipelines.ingest.raw_schemas import DOCUMENT_SCHEMAS
from pipelines.ingest.registry import DOCUMENT_FAMILIES, discover, parse_document
from pipelines.ingest.rejects import AUDIT_SCHEMA, REJECT_SCHEMA
from pipelines.ingest.tables import UnreadableSourceError
from pipelines.partitions import TRANSIENT_FAULTS, reporting_years, single_run, years_of
from pipelines.reference.seeds import seeds_version
from pipelines.resources import WarehouseResource
from pipelines.settings import Settings
from pipelines.warehouses import DuckDBWarehouse, Warehouse

DOCUMENT_TABLES = {table: AssetKey(["raw", table]) for table in DOCUMENT_SCHEMAS}


def load_document_years(
    settings: Settings, years: list[int], store: Warehouse | None = None
) -> tuple[list[DocumentParse], list[str]]:
    """Parse and load each year's documents into `store` (default: the DuckDB build under
    `settings`); a year is replaced only when all of them parsed.

    Returns the parses loaded and the problems of the years left as they were."""
    store = store or DuckDBWarehouse(settings)
    cache = settings.warehouse_dir / "pdf_cache"
    by_year = discover(settings.sources_dir, years)
    loaded: list[DocumentParse] = []
    problems: list[str] = []
    for year in years:
        sources = by_year.get(year, [])
        if not sources:
            problems.append(f"{year}: no annual report or fund board report in {settings.sources_dir}")
            continue
        try:
            parses = [parse_document(source, settings.sources_dir, cache_dir=cache) for source in sources]
        except UnreadableSourceError as exc:
            problems.append(f"{year}: {exc} (year not replaced; the previous load stays)")
            continue
        writes = {
            table: (schema, pl.concat([p.tables[table] for p in parses], how="vertical_relaxed"))
            for table, schema in DOCUMENT_SCHEMAS.items()
        }
        writes["rejects"] = (REJECT_SCHEMA, pl.concat([p.rejects for p in parses], how="vertical_relaxed"))
        audits = pl.DataFrame([p.audit_row() for p in parses], schema=AUDIT_SCHEMA)
        writes["load_audit"] = (AUDIT_SCHEMA, audits)
        store.replace_year(DOCUMENT_FAMILIES, year, writes)
        loaded.extend(parses)
    return loaded, problems


@multi_asset(
    specs=[
        AssetSpec(
            key,
            group_name="documents",
            kinds={"pdf", "duckdb"},
            partitions_def=reporting_years,
            code_version=seeds_version("taxonomy", "donors", "countries"),
        )
        for key in DOCUMENT_TABLES.values()
    ],
    name="raw_documents",
    partitions_def=reporting_years,
    backfill_policy=single_run,
    pool="duckdb_writer",
    retry_policy=TRANSIENT_FAULTS,
)
def raw_documents(context: AssetExecutionContext, warehouse: WarehouseResource) -> object:
    """OHCHR annual reports and appeals (PDF), funding annexes (XLSX) and the reports of the
    Boards of Trustees of the VFTC and the UPR funds (PDF), parsed into raw tables with the
    document, page or sheet, table and row of every value, the document's figure status
    (provisional or final) and as-of date. Tables are found by heading and header synonyms
    (pipelines/ingest/layouts.py); a table whose total does not reconcile is rejected whole,
    naming the page. A document that cannot be parsed fails the asset, naming it; the other
    years still load."""
    loaded, problems = load_document_years(warehouse.paths, years_of(context.partition_keys), warehouse.store)
    for line in problems:
        context.log.error(line)
    if problems:
        raise Failure(
            description="Some document years could not be loaded:\n" + "\n".join(problems),
            allow_retries=False,
        )
    summary = "\n".join(
        f"| {p.reporting_year} | {p.source_file} | {p.rows_read} | {p.rows_loaded} | {p.rows_rejected} |"
        for p in loaded
    )
    for table, key in DOCUMENT_TABLES.items():
        yield MaterializeResult(
            asset_key=key,
            metadata={
                "rows": sum(p.tables[table].height for p in loaded),
                "documents": len(loaded),
                **(
                    {
                        "files": MetadataValue.md(
                            "| year | file | read | loaded | rejected |\n|---|---|---|---|---|\n" + summary
                        )
                    }
                    if table == "contributions"
                    else {}
                ),
            },
        )
