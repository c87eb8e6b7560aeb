"""Schedules of the reporting cycle."""

from dagster import RunRequest, ScheduleEvaluationContext, schedule

from pipelines.jobs import build_warehouse, refresh_request_logs
from pipelines.partitions import reporting_years, year_range_tags


def _range_request(start: str, end: str, run_key: str) -> RunRequest:
    """One run over a range of years (the assets' backfill policy is a single run)."""
    return RunRequest(run_key=run_key, tags=year_range_tags(start, end))


@schedule(job=build_warehouse, cron_schedule="0 6 15 1 *", execution_timezone="UTC")
def annual_reporting_cycle(context: ScheduleEvaluationContext) -> RunRequest:
    """15 January, 06:00 UTC: build, validate and publish the year that just ended (the annual
    report to the Council is prepared from it)."""
    year = reporting_years.get_partition_keys(current_time=context.scheduled_execution_time)[-1]
    return _range_request(year, year, run_key=f"annual-{year}")


@schedule(job=refresh_request_logs, cron_schedule="0 5 1 * *", execution_timezone="UTC")
def monthly_request_log_refresh(context: ScheduleEvaluationContext) -> RunRequest:
    """1st of the month, 05:00 UTC: re-ingest the request logs of the last two ended years
    (requests received late in a year are answered in the next) and rebuild what depends."""
    keys = reporting_years.get_partition_keys(current_time=context.scheduled_execution_time)
    start, end = keys[-2], keys[-1]
    month = context.scheduled_execution_time.strftime("%Y-%m")
    return _range_request(start, end, run_key=f"monthly-{month}")
