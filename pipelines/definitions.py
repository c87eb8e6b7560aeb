"""The one Dagster Definitions object of the tc-warehouse code location.

Resources are configured here for the environment: the `warehouse` folders come from TCW_*
(pipelines/settings.py) or the repository's defaults; tests and runner.build() pass their own
`warehouse` resource instead."""

from dagster import Definitions, build_sensor_for_freshness_checks

from pipelines.assets.dbt import DBT_ASSETS
from pipelines.assets.documents import raw_documents
from pipelines.assets.publication import publication
from pipelines.assets.reference import raw_countries
from pipelines.assets.request_logs import raw_request_events
from pipelines.checks.cross_source import CROSS_SOURCE_CHECKS
from pipelines.checks.freshness import freshness_checks
from pipelines.checks.great_expectations import GX_CHECKS
from pipelines.checks.reconciliation import (
    documents_reconcile,
    documents_tables_whole,
    request_logs_reconcile,
)
from pipelines.checks.upr import UPR_CHECKS
from pipelines.jobs import build_warehouse, refresh_request_logs
from pipelines.resources import resources
from pipelines.schedules import annual_reporting_cycle, monthly_request_log_refresh
from pipelines.sensors import record_failed_runs, source_files_changed

defs = Definitions(
    assets=[
        raw_countries,
        raw_request_events,
        raw_documents,
        *DBT_ASSETS,
        publication,
    ],
    asset_checks=[
        request_logs_reconcile,
        documents_reconcile,
        documents_tables_whole,
        *GX_CHECKS,
        *CROSS_SOURCE_CHECKS,
        *UPR_CHECKS,
        *freshness_checks,
    ],
    jobs=[build_warehouse, refresh_request_logs],
    schedules=[annual_reporting_cycle, monthly_request_log_refresh],
    sensors=[
        source_files_changed,
        record_failed_runs,
        build_sensor_for_freshness_checks(freshness_checks=freshness_checks),
    ],
    resources=resources(),
)
