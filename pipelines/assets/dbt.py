"""The dbt project as Dagster assets. Reference models are built once per run; the yearly
models are partitioned by reporting year and receive their years through --vars."""

from collections.abc import Iterator, Mapping
from typing import Any

from dagster import AssetExecutionContext, AssetKey
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    dbt_assets,
)

from pipelines.partitions import dbt_build_args, reporting_years, single_run
from pipelines.resources import dbt_project, ensure_dbt_manifest, export_dbt_environment

ensure_dbt_manifest()

# Seeds and dimensions carry the dbt tag "reference" (dbt_project.yml); everything else reads
# the yearly raw tables.
REFERENCE_SELECTION = "tag:reference"


# No retry policy here: a failing dbt test is a data problem, and re-running it only delays
# the alert.


class TcwDbtTranslator(DagsterDbtTranslator):
    """dbt sources are the raw.* tables the ingestion assets write: give them the same keys."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return AssetKey(["raw", dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else "reference"


translator = TcwDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    select=REFERENCE_SELECTION,
    dagster_dbt_translator=translator,
    name="dbt_reference_models",
    pool="duckdb_writer",
)
def dbt_reference_models(context: AssetExecutionContext, dbt: DbtCliResource) -> Iterator[Any]:
    """Seeds (taxonomy, funds, exchange rates, regional groups) and dimensions."""
    export_dbt_environment()
    # "cautious": a test that also reads a yearly model (needs -> dim_country) waits for the
    # yearly step; dbt's default would run it here, before the yearly model exists.
    yield from dbt.cli(["build", "--indirect-selection", "cautious"], context=context).stream()


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    exclude=REFERENCE_SELECTION,
    dagster_dbt_translator=translator,
    partitions_def=reporting_years,
    backfill_policy=single_run,
    name="dbt_yearly_models",
    pool="duckdb_writer",
)
def dbt_yearly_models(context: AssetExecutionContext, dbt: DbtCliResource) -> Iterator[Any]:
    """Staging, intermediate and mart models over the yearly raw tables, built for the
    reporting years of the run (incremental marts replace exactly those years)."""
    export_dbt_environment()
    yield from dbt.cli(dbt_build_args(context.partition_keys), context=context).stream()
