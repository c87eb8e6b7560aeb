"""Publish: swap in the audited database and write the year's versioned extracts."""

from itertools import repeat

from dagster import (
    AssetExecutionContext,
    AssetKey,
    DagsterEventType,
    MaterializeResult,
    MetadataValue,
    asset,
)

from pipelines.assets.dbt import YEAR_MART_KEYS
from pipelines.ingest.year_guard import ACCEPT_DROP_TAG
from pipelines.parallel import in_processes
from pipelines.partitions import TRANSIENT_FAULTS, reporting_years, single_run, years_of
from pipelines.publish import (
    checkpoint,
    code_version,
    mart_specs,
    publish_database,
    read_year,
    write_publication,
)
from pipelines.reference.seeds import seeds_version
from pipelines.report.overview import FUNDING_MART
from pipelines.resources import WarehouseResource, dbt_project

ACCEPTED_DROP = "tcw run --accept-drop: a sharp fall in the year's rows accepted as a restatement"
PUBLICATION = AssetKey(["publications", "extracts"])
# The marts with a year's figures (the dimensions are built with the reference data).
MART_KEYS = YEAR_MART_KEYS


def _checks_of_this_run(context: AssetExecutionContext) -> list[dict[str, object]]:
    """Every check evaluated earlier in this run, with its outcome (they all passed, or a
    blocking one would have stopped this asset from running)."""
    # This run's records only: a scan of every run's check events grows with the history.
    records = context.instance.get_records_for_run(
        context.run.run_id, of_type=DagsterEventType.ASSET_CHECK_EVALUATION
    ).records
    checks = []
    for record in records:
        if record.event_log_entry.dagster_event is None:
            continue
        evaluation = record.event_log_entry.dagster_event.event_specific_data
        checks.append(
            {
                "check": evaluation.asset_check_key.to_user_string(),  # type: ignore[union-attr]
                "passed": evaluation.passed,  # type: ignore[union-attr]
                "severity": evaluation.severity.value,  # type: ignore[union-attr]
            }
        )
    return sorted(checks, key=lambda c: str(c["check"]))


def _sources_of(warehouse: WarehouseResource, year: int) -> list[dict[str, object]]:
    rows = warehouse.store.fetchall(
        "select source_family, source_file, source_sha256, rows_read, rows_loaded, rows_rejected "
        "from raw.load_audit where reporting_year = ? order by source_family, source_file",
        [year],
    )
    keys = ("family", "file", "sha256", "rows_read", "rows_loaded", "rows_rejected")
    return [dict(zip(keys, row, strict=True)) for row in rows]


@asset(
    key=PUBLICATION,
    deps=MART_KEYS,
    # The overview names thematic areas from their seed (pipelines/reference/seeds.py).
    code_version=seeds_version("overview"),
    group_name="publish",
    partitions_def=reporting_years,
    backfill_policy=single_run,
    pool="duckdb_writer",
    retry_policy=TRANSIENT_FAULTS,
    kinds={"duckdb", "parquet", "csv", "excel"},
)
def publication(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    """Runs only after every blocking check of the run passed (write-audit-publish): replaces
    the published state atomically with the audited build (DuckDB: the read-only copy
    warehouse/tcw.duckdb; PostgreSQL: the build schemas swapped in for raw, marts, ...), then
    writes publications/<year>/<version>/ for each year of the run (CSV and Parquet per
    mart, one XLSX workbook, manifest.json with sources, row counts, checks, code version and
    what changed), only when the year's figures changed. `latest` points at the newest."""
    settings, store = warehouse.paths, warehouse.store
    if store.kind == "duckdb":
        # The extracts first, from the audited build, then the database: a run killed in
        # between leaves new extracts beside the old database, which the next run (restarting
        # from the published database) publishes again with the same figures; never a new
        # database without its extracts.
        build = checkpoint(settings.build_db)
        published = None
    else:
        # PostgreSQL: the schema swap is one transaction; the extracts read the published
        # schemas after it (a run killed in between writes them again, with the same figures).
        published = store.publish()
    specs = mart_specs(dbt_project.manifest_path)
    checks = _checks_of_this_run(context)
    code = code_version()
    accepted_drop = context.run.tags.get(ACCEPT_DROP_TAG) == "true"
    years = years_of(context.partition_keys)
    frames = {
        year: read_year(build, specs, year) if published is None else store.read_year(specs, year)
        for year in years
    }
    provenances = []
    for year in years:
        provenance: dict[str, object] = {
            "sources": _sources_of(warehouse, year),
            "checks": checks,
            "code": code,
        }
        if accepted_drop:
            provenance["accepted_drop"] = (
                "tcw run --accept-drop: a sharp fall in rows accepted as a restatement"
            )
        provenances.append(provenance)
    # The years are written side by side (pipelines/parallel.py: 14 years of workbooks and
    # charts are seconds of Python); an overview's chart over years reads the funding figures
    # of the earlier years of this run from here, not from folders another process may not
    # have written yet.
    funding = {year: frames[year][FUNDING_MART] for year in years if FUNDING_MART in frames[year]}
    results = list(
        in_processes(
            write_publication,
            years,
            [frames[year] for year in years],
            repeat(specs),
            repeat(settings.publications_dir),
            provenances,
            repeat(funding),
        )
    )
    if published is None:
        published = publish_database(settings)
    created = [r for r in results if r.created]
    for result in results:
        state = "new version" if result.created else "unchanged, still"
        context.log.info(f"{result.year}: {state} {result.version}")
    return MaterializeResult(
        metadata={
            "published": str(published),
            "new_versions": len(created),
            "versions": MetadataValue.md(
                "\n".join(f"- {r.year}: {r.version}{' (new)' if r.created else ''}" for r in results)
            ),
        }
    )
