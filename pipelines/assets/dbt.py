"""The dbt project as Dagster assets, in one step (dbt starts once a run, ~6 s): the seeds and
every model in one `dbt build`, in which the models incremental by reporting year are
partitioned (their years reach dbt through its environment) and the others, rebuilt whole, are
not. The ingestion reads the seed files itself (pipelines/reference/seeds.py), so it need not
wait for dbt to load them."""

from collections.abc import Iterator, Mapping
from typing import Any

from dagster import AssetExecutionContext, AssetKey, PartitionsDefinition
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    dbt_assets,
)

from pipelines.partitions import dbt_vars, reporting_years, single_run
from pipelines.resources import WarehouseResource, dbt_project
from pipelines.settings import environment

# Under `dagster dev`: parse the project on every load, so the assets describe the SQL on disk.
# Elsewhere the manifest is prepared ahead (make, or `tcw run` on a fresh clone).
dbt_project.prepare_if_dev()

# What Dagster partitions is what dbt builds by year: exactly the models materialized
# `incremental` (strategy replace_years, dbt_project/macros/replace_years.sql), which delete and
# insert the run's years and touch no other. Everything else is rebuilt whole on every run and
# is therefore unpartitioned: seeds, dimensions and staging views and the per-request state
# (int_requests_pivoted) before the yearly models, and the marts that combine every year
# (non_contributors, resources_by_area) after them. One multi-asset holds both kinds, each
# asset with its own partitions (DagsterDbtTranslator.get_partitions_def): dbt orders them.

# Unit tests check the SQL against fixed inputs, not the data: `make test` runs them
# (tests/test_dbt_models.py); a production build need not. No JSON artifacts either (manifest,
# run results, graph): the Dagster event log records every node's result, dagster-dbt reads
# dbt's log stream, and writing them took 0.75 s of a one-year run's dbt step (median of 5).
# The partial-parse file, the compiled SQL and dbt.log are still written.
BUILD = ["build", "--exclude-resource-type", "unit_test", "--no-write-json"]

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

    def get_partitions_def(self, dbt_resource_props: Mapping[str, Any]) -> PartitionsDefinition | None:
        """Partitioned by reporting year exactly when dbt builds the model by year."""
        materialized = dbt_resource_props.get("config", {}).get("materialized")
        return reporting_years if materialized == "incremental" else None


translator = TcwDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))


def _build(
    context: AssetExecutionContext,
    dbt: DbtCliResource,
    warehouse: WarehouseResource,
    *args: str,
    years: Mapping[str, int] | None = None,
) -> Iterator[Any]:
    """`dbt build` of the asset's selection into the warehouse resource's database, with the
    artifacts in the asset's own target folder (see resources.DBT_TARGETS)."""
    warehouse.paths.build_db.parent.mkdir(parents=True, exist_ok=True)  # seeds may write first
    # The run's years go in dbt's environment (macros/reporting_years.sql): in --vars they
    # would change between runs and make dbt re-parse the whole project every time. dbt.cli()
    # starts dbt with a copy of os.environ; steps run one at a time in this process.
    with environment({f"TCW_{k.upper()}": str(v) for k, v in (years or {}).items()}):
        invocation = dbt.cli(
            [*BUILD, *args, *warehouse.dbt_vars()],
            context=context,
            target_path=warehouse.dbt_target(context.op_def.name),
        )
    yield from invocation.stream()


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=translator,
    backfill_policy=single_run,
    name="dbt_models",
    pool="duckdb_writer",
)
def dbt_models(
    context: AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
) -> Iterator[Any]:
    """The seeds and every model in one `dbt build` (dbt starts in about 6 s: once a run).
    Only the models incremental by reporting year are partitioned (the translator says which):
    each replaces exactly the run's years (one delete and insert, in one transaction) and
    leaves every other year's rows as they were. Dimensions, staging views, one row per request
    (a request's state spans years) and the marts that combine every year are rebuilt whole on
    every run, and are unpartitioned."""
    # "buildable": a test runs once everything it reads (a model, a seed) is built.
    years = dbt_vars(context.partition_keys) if context.has_partition_key_range else None
    yield from _build(context, dbt, warehouse, "--indirect-selection", "buildable", years=years)


DBT_ASSETS = [dbt_models]
# What the UI shows as partitioned (the translator's get_partitions_def): the incremental models.
YEARLY_KEYS: list[AssetKey] = [k for k, spec in dbt_models.specs_by_key.items() if spec.partitions_def]
WHOLE_KEYS: list[AssetKey] = [k for k, spec in dbt_models.specs_by_key.items() if not spec.partitions_def]


def _downstream_of_yearly() -> set[AssetKey]:
    """The yearly models and every model that reads one (the cross-year marts)."""
    found = set(YEARLY_KEYS)
    while True:
        more = {
            key
            for key, spec in dbt_models.specs_by_key.items()
            if key not in found and any(dep.asset_key in found for dep in spec.deps)
        }
        if not more:
            return found
        found |= more


# The marts with a year's figures: built from the yearly models (the dimensions are not).
YEAR_MART_KEYS: list[AssetKey] = sorted(
    (k for k in _downstream_of_yearly() if k.path[0] == "marts"), key=lambda k: k.path
)
