"""Reporting years as Dagster partitions, and how a run's years reach dbt.

A partition is a reporting year (the first cycle under res. 18/18 is 2012). A year's partition
exists once the year has ended, which is when its annual reporting cycle can start.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dagster import BackfillPolicy, Backoff, RetryPolicy, TimeWindowPartitionsDefinition

from pipelines.settings import FIRST_REPORTING_YEAR

reporting_years = TimeWindowPartitionsDefinition(
    start=str(FIRST_REPORTING_YEAR), cron_schedule="0 0 1 1 *", fmt="%Y"
)

# A backfill of many years runs as one run: dbt costs ~6 s to start, so fourteen runs of one
# year each would spend most of their time starting dbt.
single_run = BackfillPolicy.single_run()


# Transient faults (the DuckDB file briefly held by another writer, a file still being copied
# in) clear up; data errors raise Failure(allow_retries=False) and are not retried.
TRANSIENT_FAULTS = RetryPolicy(max_retries=2, delay=5, backoff=Backoff.EXPONENTIAL)


def years_of(partition_keys: Sequence[str]) -> list[int]:
    """Partition keys ("2015") as sorted years."""
    return sorted(int(key) for key in partition_keys)


def dbt_vars(partition_keys: Sequence[str]) -> dict[str, int]:
    """The --vars that scope dbt's incremental models to the years being materialized."""
    years = years_of(partition_keys)
    if not years:
        raise ValueError("no reporting years to build")
    return {"start_year": years[0], "end_year": years[-1]}


def year_range_tags(start: str, end: str) -> dict[str, str]:
    """Run tags that make a run cover the reporting years start..end (one run, as the assets'
    backfill policy is a single run). Dagster exports no public name for these tags: this is
    the one place the project touches `dagster._core` for them."""
    from dagster._core.storage.tags import ASSET_PARTITION_RANGE_END_TAG, ASSET_PARTITION_RANGE_START_TAG

    return {ASSET_PARTITION_RANGE_START_TAG: start, ASSET_PARTITION_RANGE_END_TAG: end}


def year_range_of(tags: Mapping[str, str]) -> tuple[str | None, str | None]:
    """The first and last reporting year of a run, from its tags (None when not a range)."""
    start_tag, end_tag = year_range_tags("", "")
    return tags.get(start_tag), tags.get(end_tag)
