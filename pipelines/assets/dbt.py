"""The dbt project as Dagster assets, in three steps: what the yearly models read (rebuilt
whole, unpartitioned), the models incremental by reporting year (partitioned; their years
reach dbt through --vars), and the marts that combine every year (rebuilt whole,
unpartitioned)."""

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

# What Dagster partitions is what dbt builds by year: exactly the models materialized
# `incremental` (strategy replace_years, dbt_project/macros/replace_years.sql), which delete and
# insert the run's years and touch no other. Everything else is rebuilt whole on every run and
# is therefore unpartitioned: seeds, dimensions and staging views and the per-request state
# (int_requests_pivoted) before the yearly models, and the marts that combine every year
# (non_contributors, resources_by_area) after them. The three steps run in that order; a model
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


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    exclude=DOWNSTREAM_OF_YEARLY,
    dagster_dbt_translator=translator,
    name="dbt_whole_inputs",
    pool="duckdb_writer",
)
def dbt_whole_inputs(context: AssetExecutionContext, dbt: DbtCliResource) -> Iterator[Any]:
    """Seeds (taxonomy, funds, exchange rates, regional groups), dimensions, the staging views
    over the raw tables and one row per request (a request's state spans years): rebuilt whole
    on every run, so unpartitioned."""
    export_dbt_environment()
    # "cautious": a test that also reads a later model (needs -> dim_country) waits for the
    # step that builds it; dbt's default would run it here, before that model exists.
    yield from dbt.cli([*BUILD, "--indirect-selection", "cautious"], context=context).stream()


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
def dbt_yearly_models(context: AssetExecutionContext, dbt: DbtCliResource) -> Iterator[Any]:
    """The models incremental by reporting year: each replaces exactly the run's years (one
    delete and insert, in one transaction) and leaves every other year's rows as they were."""
    export_dbt_environment()
    years = dbt_build_args(context.partition_keys)[1:]
    yield from dbt.cli([*BUILD, *years], context=context).stream()


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    select=DOWNSTREAM_OF_YEARLY,
    exclude=YEARLY_SELECTION,
    dagster_dbt_translator=translator,
    name="dbt_cross_year_marts",
    pool="duckdb_writer",
)
def dbt_cross_year_marts(context: AssetExecutionContext, dbt: DbtCliResource) -> Iterator[Any]:
    """Marts whose every year depends on other years (a State has not contributed if it never
    did up to that year; funding of a year's requests arrives in later years): rebuilt whole
    after the yearly models, so unpartitioned."""
    export_dbt_environment()
    yield from dbt.cli(BUILD, context=context).stream()


DBT_ASSETS = [dbt_whole_inputs, dbt_yearly_models, dbt_cross_year_marts]
