"""Nothing lost: for every source file, rows read = rows loaded + rows rejected, and the raw
tables hold exactly those rows. Blocking: a run that lost a row publishes nothing."""

from dagster import AssetCheckExecutionContext, AssetCheckResult, asset_check

from pipelines.assets.documents import DOCUMENT_TABLES
from pipelines.assets.request_logs import RAW_REQUEST_EVENTS
from pipelines.ingest.registry import DOCUMENT_FAMILIES
from pipelines.ingest.request_logs import FAMILY as REQUEST_LOGS
from pipelines.partitions import reporting_years, years_of
from pipelines.resources import WarehouseResource

# Runs on DuckDB and PostgreSQL alike (pipelines/warehouses/build_reads.py): positional `?`,
# lists bound as typed arrays (PostgreSQL cannot guess a bare list's type) and unnested.
AUDIT_SQL = """
with audit as (
    select source_file, rows_read, rows_loaded, rows_rejected
    from raw.load_audit
    where source_family in (select unnest(cast(? as varchar[])))
      and reporting_year in (select unnest(cast(? as integer[])))
),
rejected as (
    select source_file, count(*) as n from raw.rejects
    where source_family in (select unnest(cast(? as varchar[])))
      and reporting_year in (select unnest(cast(? as integer[])))
    group by source_file
)
select a.source_file, a.rows_read, a.rows_loaded, a.rows_rejected, coalesce(r.n, 0)
from audit as a left join rejected as r using (source_file)
order by a.source_file
"""


def reconcile(
    warehouse: WarehouseResource, families: list[str], years: list[int], loaded_table: str | None = None
) -> tuple[list[str], int]:
    """Discrepancies per file, and the number of files checked. `loaded_table`, where a row
    read becomes exactly one row, is also counted against the audit."""
    store = warehouse.store
    rows = store.fetchall(AUDIT_SQL, [families, years, families, years])
    in_table = (
        dict(
            store.fetchall(
                f"select source_file, count(*) from raw.{loaded_table} "
                "where reporting_year in (select unnest(cast(? as integer[]))) group by source_file",
                [years],
            )
        )
        if loaded_table
        else {}
    )
    problems = []
    for file, read, loaded, rejected, in_rejects in rows:
        if read != loaded + rejected:
            problems.append(f"{file}: read {read} != loaded {loaded} + rejected {rejected}")
        if in_rejects != rejected:
            problems.append(f"{file}: raw.rejects holds {in_rejects} rows, the audit says {rejected}")
        if loaded_table and in_table.get(file, 0) != loaded:
            problems.append(
                f"{file}: raw.{loaded_table} holds {in_table.get(file, 0)} rows, the audit says {loaded}"
            )
    return problems, len(rows)


def _result(problems: list[str], files: int) -> AssetCheckResult:
    return AssetCheckResult(
        passed=not problems and files > 0,
        description="\n".join(problems) or f"{files} files reconcile",
        metadata={"files_checked": files, "discrepancies": len(problems)},
    )


@asset_check(asset=RAW_REQUEST_EVENTS, blocking=True, partitions_def=reporting_years)
def request_logs_reconcile(
    context: AssetCheckExecutionContext, warehouse: WarehouseResource
) -> AssetCheckResult:
    """Nothing lost: for every request-log file, rows read = rows loaded + rows rejected, and
    raw.request_events and raw.rejects hold exactly those rows."""
    return _result(*reconcile(warehouse, [REQUEST_LOGS], years_of(context.partition_keys), "request_events"))


@asset_check(asset=DOCUMENT_TABLES["contributions"], blocking=True, partitions_def=reporting_years)
def documents_reconcile(
    context: AssetCheckExecutionContext, warehouse: WarehouseResource
) -> AssetCheckResult:
    """Nothing lost: for every annual report, appeal, annex and board report, table rows read =
    rows loaded + rows rejected, and raw.rejects holds exactly the rejected rows."""
    return _result(*reconcile(warehouse, list(DOCUMENT_FAMILIES), years_of(context.partition_keys)))


# Rules that reject a document's table whole: its figures cannot be trusted, and loading the
# year without them would publish a silent zero (VFTC donors 17 -> 0) or a vanished table.
WHOLE_TABLE_RULES = ("totals_mismatch", "statement_does_not_balance", "unknown_fund")


def _placeholders(values: list[object]) -> str:
    return ", ".join("?" for _ in values)


def tables_rejected_whole(warehouse: WarehouseResource, years: list[int]) -> list[str]:
    """One line per document table rejected whole in the years: file, table, rows, reason.
    Portable SQL through the warehouse's store (DuckDB build file or PostgreSQL build schemas)."""
    families, rules = list(DOCUMENT_FAMILIES), list(WHOLE_TABLE_RULES)
    query = f"""
        select source_file, source_table, rule, count(*) as n, min(reason) as reason
        from raw.rejects
        where source_family in ({_placeholders(families)})
          and reporting_year in ({_placeholders(years)})
          and rule in ({_placeholders(rules)})
        group by source_file, source_table, rule
        order by source_file, source_table
    """
    rows = warehouse.store.fetchall(query, [*families, *years, *rules])
    return [
        f"{file}: table {table} rejected whole ({n:,} rows, {rule}): {reason}"
        for file, table, rule, n, reason in rows
    ]


@asset_check(asset=DOCUMENT_TABLES["contributions"], blocking=True, partitions_def=reporting_years)
def documents_tables_whole(
    context: AssetCheckExecutionContext, warehouse: WarehouseResource
) -> AssetCheckResult:
    """No vanished table: a document table rejected whole (totals that do not add up, a fund
    statement that does not balance, an unknown fund) blocks its year's publication with the
    reason, so the last good publication stays until the document is corrected. Its rows are
    in raw.rejects of the build database."""
    problems = tables_rejected_whole(warehouse, years_of(context.partition_keys))
    return AssetCheckResult(
        passed=not problems,
        description="\n".join(problems) or "no document table rejected whole",
        metadata={"tables_rejected_whole": len(problems)},
    )
