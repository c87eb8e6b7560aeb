"""The one Dagster Definitions object of the tc-warehouse code location."""

from __future__ import annotations

from dagster import AssetSelection, Definitions, define_asset_job, in_process_executor

from pipelines.assets.dbt import dbt_reference_models, dbt_yearly_models
from pipelines.assets.publication import publication
from pipelines.assets.reference import raw_countries
from pipelines.assets.request_logs import raw_request_events
from pipelines.checks.request_logs import gx_needs, gx_raw_request_events, request_logs_reconcile
from pipelines.resources import dbt_resource

# The main job: ingest, build and validate everything. In-process: the multiprocess executor
# re-imports the code location for every step (+3 to 5 s a step) and DuckDB takes one writer.
build_warehouse = define_asset_job(
    name="build_warehouse",
    selection=AssetSelection.all(),
    executor_def=in_process_executor,
    description="Ingest the sources of the selected reporting years, build the dbt models, run every check.",
)

defs = Definitions(
    assets=[raw_countries, raw_request_events, dbt_reference_models, dbt_yearly_models, publication],
    asset_checks=[request_logs_reconcile, gx_raw_request_events, gx_needs],
    jobs=[build_warehouse],
    resources={"dbt": dbt_resource()},
)
