"""Sensors: new or changed source files, failed runs, freshness."""

import hashlib
import json
from pathlib import Path

from dagster import (
    RunFailureSensorContext,
    RunRequest,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    run_failure_sensor,
    sensor,
)

from pipelines.ingest.registry import reporting_year_of
from pipelines.jobs import build_warehouse
from pipelines.partitions import reporting_years, year_range_tags
from pipelines.resources import WarehouseResource
from pipelines.run_guard import PID_TAG, write_alert
from pipelines.unchanged import SOURCE_SUFFIXES


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def source_fingerprints(sources_dir: Path) -> dict[str, str]:
    """sha256 of every source file, by path relative to sources/: content, not timestamps,
    decides what changed (a re-saved identical file triggers nothing)."""
    return {
        path.relative_to(sources_dir).as_posix(): _sha256(path)
        for path in sorted(sources_dir.rglob("*"))
        if path.is_file() and path.suffix.lower() in SOURCE_SUFFIXES
    }


def year_of(relative_path: str, sources_dir: Path | None = None) -> str | None:
    """The reporting year a source file belongs to, as the registry tells it
    (`request_logs/..._2019.csv`, `annual_reports/ohchr_report_2019.pdf`; the appeal
    `human_rights_appeal_2020.pdf` is about 2019). Families whose year is read from the
    document need `sources_dir` to open it."""
    year = reporting_year_of((sources_dir or Path()) / relative_path)
    return None if year is None else str(year)


def changed_years(
    previous: dict[str, str], current: dict[str, str], sources_dir: Path | None = None
) -> list[str]:
    changed = {p for p in current if previous.get(p) != current[p]} | (previous.keys() - current.keys())
    return sorted({y for p in changed if (y := year_of(p, sources_dir)) is not None})


@sensor(job=build_warehouse, minimum_interval_seconds=120)
def source_files_changed(
    context: SensorEvaluationContext, warehouse: WarehouseResource
) -> SensorResult | SkipReason:
    """Notices new, changed or removed source files by content hash and runs just the affected
    reporting years (one run each; the DuckDB writer pool serialises them)."""
    sources_dir = warehouse.paths.sources_dir
    current = source_fingerprints(sources_dir)
    previous = json.loads(context.cursor) if context.cursor else {}
    if not previous:
        # First evaluation: remember what is there; the initial build is `tcw run`.
        return SensorResult(skip_reason="baseline of source hashes recorded", cursor=json.dumps(current))
    available = set(reporting_years.get_partition_keys())
    years = [y for y in changed_years(previous, current, sources_dir) if y in available]
    if not years:
        return SensorResult(skip_reason="no source file changed", cursor=json.dumps(current))
    digest = hashlib.sha256(json.dumps(current, sort_keys=True).encode()).hexdigest()[:12]
    requests = [
        RunRequest(run_key=f"sources-{year}-{digest}", tags=year_range_tags(year, year)) for year in years
    ]
    return SensorResult(run_requests=requests, cursor=json.dumps(current))


@run_failure_sensor(minimum_interval_seconds=30)
def record_failed_runs(context: RunFailureSensorContext, warehouse: WarehouseResource) -> None:
    """Appends one JSON line per failed run to warehouse/alerts.log (no network here: operators
    tail the file or ship it with their log collector) and logs it. Runs of `tcw run` (tagged
    with their process) write their own alert (pipelines/run_guard.py): not twice."""
    run = context.dagster_run
    if PID_TAG in run.tags:
        return
    error = context.failure_event.message or "the run failed"
    write_alert(warehouse.paths, run.run_id, run.job_name, dict(run.tags), error)
    context.log.error(f"run {run.run_id} of {run.job_name} failed: {error}")
