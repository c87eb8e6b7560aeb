"""The dbt project as Dagster assets, in four steps: the seeds (the ingestion reads them, so
it waits for them); what the yearly models read (dimensions, staging views, one row per request:
rebuilt whole, unpartitioned); the models incremental by reporting year (partitioned; their years
reach dbt through --vars); and the marts that combine every year (rebuilt whole, unpartitioned)."""

from collections.abc import Iterator, Mapping
from typing import Any

from dagster import AssetExecutionContext, AssetKey
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    dbt_assets,
)

from pipelines.partitions import dbt_vars, reporting_years, single_run
from pipelines.resources import DAGSTER_TARGETS, WarehouseResource, dbt_project

# Under `dagster dev`: parse the project on every load, so the assets describe the SQL on disk.
# Elsewhere the manifest is prepared ahead (make, or `tcw run` on a fresh clone).
dbt_project.prepare_if_dev()

SEED_SELECTION = "resource_type:seed"
# What Dagster partitions is what dbt builds by year: exactly the models materialized
# `incremental` (strategy replace_years, dbt_project/macros/replace_years.sql), which delete and
# insert the run's years and touch no other. Everything else is rebuilt whole on every run and
# is therefore unpartitioned: seeds, dimensions and staging views and the per-request state
# (int_requests_pivoted) before the yearly models, and the marts that combine every year
# (non_contributors, resources_by_area) after them. The steps run in that order; a model
# that is not incremental must not sit between two incremental ones (tests/test_partitions_truth.py).
YEARLY_SELECTION = "config.materialized:incremental"
DOWNSTREAM_OF_YEARLY = "config.materialized:incremental+"

# Unit tests check the SQL against fixed inputs, not the data: `make test` runs them
# (tests/test_dbt_models.py); a production build need not.
BUILD = ["build", "--exclude-resource-type", "unit_test"]

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


def _build(
    context: AssetExecutionContext,
    dbt: DbtCliResource,
    warehouse: WarehouseResource,
    *args: str,
    **variables: Any,
) -> Iterator[Any]:
    """`dbt build` of the asset's selection into the warehouse resource's database (DuckDB file
    or PostgreSQL build schemas: `dbt_vars` carries the target), with the artifacts in the
    asset's own target folder (see resources.DAGSTER_TARGETS)."""
    warehouse.paths.build_db.parent.mkdir(parents=True, exist_ok=True)  # seeds may write first
    invocation = dbt.cli(
        [*BUILD, *args, *warehouse.dbt_vars(**variables)],
        context=context,
        target_path=DAGSTER_TARGETS / context.op_def.name,
    )
    yield from invocation.stream()


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    select=SEED_SELECTION,
    dagster_dbt_translator=translator,
    name="dbt_seeds",
    pool="duckdb_writer",
)
def dbt_seeds(
    context: AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
) -> Iterator[Any]:
    """The controlled vocabularies (taxonomy, funds, donors, exchange rates, country aliases and
    groups), which the ingestion also reads (pipelines/reference/seeds.py)."""
    # "cautious": a test that also reads a model (a relationship to a seed) waits for the step
    # that builds the model.
    yield from _build(context, dbt, warehouse, "--indirect-selection", "cautious")


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    exclude=f"{SEED_SELECTION} {DOWNSTREAM_OF_YEARLY}",
    dagster_dbt_translator=translator,
    name="dbt_whole_inputs",
    pool="duckdb_writer",
)
def dbt_whole_inputs(
    context: AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
) -> Iterator[Any]:
    """Dimensions, the staging views over the raw tables and one row per request (a request's
    state spans years): rebuilt whole on every run, so unpartitioned."""
    # "cautious": a test that also reads a later model (needs -> dim_country) waits for the
    # step that builds it; dbt's default would run it here, before that model exists.
    yield from _build(context, dbt, warehouse, "--indirect-selection", "cautious")


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    select=YEARLY_SELECTION,
    dagster_dbt_translator=translator,
    partitions_def=reporting_years,
    backfill_policy=single_run,
    name="dbt_yearly_models",
    pool="duckdb_writer",
)
def dbt_yearly_models(
    context: AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
) -> Iterator[Any]:
    """The models incremental by reporting year: each replaces exactly the run's years (one
    delete and insert, in one transaction) and leaves every other year's rows as they were."""
    yield from _build(context, dbt, warehouse, **dbt_vars(context.partition_keys))


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    select=DOWNSTREAM_OF_YEARLY,
    exclude=YEARLY_SELECTION,
    dagster_dbt_translator=translator,
    name="dbt_cross_year_marts",
    pool="duckdb_writer",
)
def dbt_cross_year_marts(
    context: AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
) -> Iterator[Any]:
    """Marts whose every year depends on other years (a State has not contributed if it never
    did up to that year; funding of a year's requests arrives in later years): rebuilt whole
    after the yearly models, so unpartitioned."""
    yield from _build(context, dbt, warehouse)


DBT_ASSETS = [dbt_seeds, dbt_whole_inputs, dbt_yearly_models, dbt_cross_year_marts]
SEED_KEYS: dict[str, AssetKey] = {key.path[-1]: key for key in dbt_seeds.keys}


def seed_deps(*readers: str) -> list[AssetKey]:
    """The seed assets that the Python `readers` (pipelines/reference/seeds.py) read."""
    from pipelines.reference.seeds import seeds_read_by

    return [SEED_KEYS[name] for name in seeds_read_by(*readers)]
