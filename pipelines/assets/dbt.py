"""The dbt project as Dagster assets. Seeds are their own step (the ingestion reads them, so it
waits for them); the other reference models (dimensions) are built once per run; the yearly
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

from pipelines.partitions import dbt_vars, reporting_years, single_run
from pipelines.resources import DAGSTER_TARGETS, WarehouseResource, dbt_project

# Under `dagster dev`: parse the project on every load, so the assets describe the SQL on disk.
# Elsewhere the manifest is prepared ahead (make, or `tcw run` on a fresh clone).
dbt_project.prepare_if_dev()

SEED_SELECTION = "resource_type:seed"
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


def _build(
    context: AssetExecutionContext,
    dbt: DbtCliResource,
    warehouse: WarehouseResource,
    *args: str,
    **variables: Any,
) -> Iterator[Any]:
    """`dbt build` of the asset's selection into the warehouse resource's database, with the
    artifacts in the asset's own target folder (see resources.DAGSTER_TARGETS)."""
    warehouse.paths.build_db.parent.mkdir(parents=True, exist_ok=True)  # seeds may write first
    invocation = dbt.cli(
        ["build", *args, *warehouse.dbt_vars(**variables)],
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
    select=REFERENCE_SELECTION,
    exclude=SEED_SELECTION,
    dagster_dbt_translator=translator,
    name="dbt_reference_models",
    pool="duckdb_writer",
)
def dbt_reference_models(
    context: AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
) -> Iterator[Any]:
    """Dimensions over the seeds and raw.countries."""
    # "cautious": a test that also reads a yearly model (needs -> dim_country) waits for the
    # yearly step; dbt's default would run it here, before the yearly model exists.
    yield from _build(context, dbt, warehouse, "--indirect-selection", "cautious")


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
def dbt_yearly_models(
    context: AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
) -> Iterator[Any]:
    """Staging, intermediate and mart models over the yearly raw tables, built for the
    reporting years of the run (incremental marts replace exactly those years)."""
    yield from _build(context, dbt, warehouse, **dbt_vars(context.partition_keys))


SEED_KEYS: dict[str, AssetKey] = {key.path[-1]: key for key in dbt_seeds.keys}


def seed_deps(*readers: str) -> list[AssetKey]:
    """The seed assets that the Python `readers` (pipelines/reference/seeds.py) read."""
    from pipelines.reference.seeds import seeds_read_by

    return [SEED_KEYS[name] for name in seeds_read_by(*readers)]
