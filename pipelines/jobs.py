"""Jobs. In-process: the multiprocess executor re-imports the code location for every step
(+3 to 5 s a step) and DuckDB takes one writer at a time anyway."""

from dagster import AssetSelection, define_asset_job, in_process_executor

from pipelines.assets.request_logs import RAW_REQUEST_EVENTS
from pipelines.checks.freshness import freshness_checks
from pipelines.resources import default_warehouse
from pipelines.warehouses import WAREHOUSE_TAG

# Every run of these jobs writes the warehouse the environment names: the team instance
# (deploy/dagster.yaml) starts one run per value of this tag at a time.
WAREHOUSE_TAGS = {WAREHOUSE_TAG: default_warehouse().tag}

# Freshness checks compare against the clock; their own sensor runs them, not the builds.
WITHOUT_FRESHNESS = AssetSelection.all() - AssetSelection.checks(*freshness_checks)

build_warehouse = define_asset_job(
    name="build_warehouse",
    selection=WITHOUT_FRESHNESS,
    executor_def=in_process_executor,
    tags=WAREHOUSE_TAGS,
    description="Ingest the sources of the run's reporting years, build the dbt models, run every "
    "check and publish.",
)

# Request logs change every month (late entries, status changes); the documents once a year.
refresh_request_logs = define_asset_job(
    name="refresh_request_logs",
    selection=AssetSelection.assets(RAW_REQUEST_EVENTS).downstream()
    - AssetSelection.checks(*freshness_checks),
    executor_def=in_process_executor,
    tags=WAREHOUSE_TAGS,
    description="Re-ingest the request logs of recent years and rebuild what depends on them.",
)
