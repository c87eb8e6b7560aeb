"""Freshness of the yearly partitions."""

from dagster import build_time_partition_freshness_checks

from pipelines.assets.publication import PUBLICATION
from pipelines.assets.request_logs import RAW_REQUEST_EVENTS

# A reporting year is due by 1 March of the next year (the VFTC Board reports to the March
# session since res. 33/28): warn when its partition has not been materialized by then. These
# run from their own sensor, not inside the build runs.
freshness_checks = build_time_partition_freshness_checks(
    assets=[RAW_REQUEST_EVENTS, PUBLICATION], deadline_cron="0 0 1 3 *", timezone="UTC"
)
