"""Run the main job for some reporting years in this process, recorded in the Dagster instance.

One function for the CLI, the tests and the benchmarks, so all three exercise the same path.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.settings import REPO_ROOT, environment

if TYPE_CHECKING:
    from dagster import ExecuteInProcessResult

    from pipelines.progress import StepEvent
    from pipelines.resources import WarehouseResource
    from pipelines.settings import Settings


@dataclass(frozen=True)
class RunOutcome:
    success: bool
    years: list[str]
    failed_checks: list[str] = field(default_factory=list)
    failed_steps: list[str] = field(default_factory=list)
    checks_passed: int = 0
    warnings: list[str] = field(default_factory=list)
    published: list[str] = field(default_factory=list)  # "2019: v2 (new)", one per year
    # Years not rebuilt: sources and code unchanged since their last successful build
    # ("2019: unchanged since run <id>"); empty when the run was made.
    skipped: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.success and not self.failed_checks


# The local instance: no telemetry, and every pool (our writers share "duckdb_writer") admits
# one step at a time across runs, since DuckDB allows a single writer per file. Its event log is
# Dagster's SQLite one, at Dagster's place, tuned (instance_storage.LocalEventLogStorage).
# Production swaps storage for PostgreSQL in the same file (docs/architecture.md).
INSTANCE_CONFIG = """\
telemetry:
  enabled: false
concurrency:
  pools:
    default_limit: 1
event_log_storage:
  module: pipelines.instance_storage
  class: LocalEventLogStorage
  config:
    base_dir: {events}
"""
# What earlier versions wrote, replaced when found: the same instance with the tuned event log.
EARLIER_INSTANCE_CONFIGS = (INSTANCE_CONFIG[: INSTANCE_CONFIG.index("event_log_storage:")],)


def dagster_home(home: Path | None = None) -> Path:
    """Runs are recorded in a Dagster instance so that `make dev` shows them too: `home`, else
    DAGSTER_HOME, else .dagster_home in the repository (the environment is read, not written)."""
    home = home or Path(os.environ.get("DAGSTER_HOME") or REPO_ROOT / ".dagster_home")
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists() or config.read_text() in EARLIER_INSTANCE_CONFIGS:
        events = json.dumps(str(home.resolve() / "history" / "runs"))  # a YAML string, quoted
        config.write_text(INSTANCE_CONFIG.format(events=events))
    return home


def available_years() -> list[str]:
    from pipelines.partitions import reporting_years

    return reporting_years.get_partition_keys()


def planned_steps() -> int:
    """How many steps a build runs (the length of the CLI's progress bar)."""
    from pipelines.resources import prepare_dbt_project

    prepare_dbt_project()
    from pipelines.definitions import defs

    return len(defs.resolve_job_def("build_warehouse").graph.nodes)


def _render_data_docs_index(warehouse: WarehouseResource | None) -> None:
    """Once per run, after its checks (each renders only its own pages): the Data Docs index."""
    from pipelines.resources import default_warehouse
    from pipelines.validation.gx import render_data_docs_index

    paths = (warehouse or default_warehouse()).paths
    if paths.gx_dir.exists():  # no check validated anything: GX costs seconds to import
        render_data_docs_index(paths)


def skip_if_unchanged(
    keys: list[str], warehouse: WarehouseResource | None = None, home: Path | None = None
) -> RunOutcome | None:
    """When the years' sources and code are as at their last successful build: record that
    nothing is rebuilt and return the outcome; else None. Loads no definitions and no dbt
    (pipelines.resources imports dagster-dbt and dbt: seconds), so it answers fast."""
    from pipelines.settings import get_settings
    from pipelines.unchanged import fingerprint, last_unchanged_builds

    paths = warehouse.paths if warehouse is not None else get_settings()
    earlier = last_unchanged_builds(paths, keys, fingerprint(paths))
    return _skip(keys, earlier, home) if earlier else None


def _skip(keys: list[str], earlier: dict[str, str], home: Path | None) -> RunOutcome:
    """Nothing to rebuild: say so in the Dagster instance (an observation of each year's
    publication, on the asset's page) and in the outcome."""
    from dagster import AssetKey, AssetObservation, DagsterInstance

    # pipelines.assets.publication.PUBLICATION, without loading the dbt assets to name it.
    publication = AssetKey(["publications", "extracts"])

    skipped = [f"{year}: sources and code unchanged since run {earlier[year]}, not rebuilt" for year in keys]
    with DagsterInstance.from_config(str(dagster_home(home))) as instance:
        for year, line in zip(keys, skipped, strict=True):
            instance.report_runless_asset_event(
                AssetObservation(
                    asset_key=publication,
                    partition=year,
                    description=line,
                    metadata={"unchanged_since_run": earlier[year]},
                )
            )
    return RunOutcome(success=True, years=keys, skipped=skipped)


def build(
    years: Sequence[str] | None = None,
    log_level: str = "INFO",
    *,
    warehouse: WarehouseResource | None = None,
    home: Path | None = None,
    on_step: Callable[[StepEvent], None] | None = None,
    accept_drop: bool = False,
    on_wait: Callable[[str], None] | None = None,
    skip_unchanged: bool = False,
) -> RunOutcome:
    """Materialize every asset and check for the years (default: all) in one in-process run.

    `log_level` is the console's: the Dagster instance records every event whatever it is.
    `warehouse` replaces the code location's folders (tests), `home` the Dagster instance's;
    `on_step` hears every step start, end and failed check (the CLI's progress); `on_wait` hears
    that another run holds the deployment (pipelines/run_guard.py); `accept_drop` lets a year's
    rows fall sharply (a restatement, recorded in its manifest). `skip_unchanged`: when the
    sources and the code are as at the years' last successful build, run nothing and record
    that in the Dagster instance (pipelines/unchanged.py)."""
    from dagster import DagsterInstance

    from pipelines.ingest.year_guard import ACCEPT_DROP_TAG
    from pipelines.instance_storage import sqlite_kept_open
    from pipelines.partitions import year_range_tags
    from pipelines.resources import default_warehouse, prepare_dbt_project
    from pipelines.run_guard import fail_dead_runs, mark_build, process_tags, restore_build_if_dirty, run_lock
    from pipelines.unchanged import built_before, last_unchanged_builds, record_built
    from pipelines.warehouses import WAREHOUSE_TAG

    keys = sorted(years) if years else available_years()
    warehouse = warehouse or default_warehouse()
    settings = warehouse.paths
    # The digest is waited for before the definitions load only when the years may be
    # unchanged (an unchanged build need not parse the dbt manifest).
    current = _digest_meanwhile(settings)
    if (
        skip_unchanged
        and built_before(settings, keys)
        and (earlier := last_unchanged_builds(settings, keys, current.result()))
    ):
        return _skip(keys, earlier, home)
    prepare_dbt_project()  # before the definitions load the manifest
    from pipelines.definitions import defs

    job = defs.resolve_job_def("build_warehouse")
    loggers: dict[str, object] = {"console": {"config": {"log_level": log_level}}}
    if on_step is not None:
        from dagster import default_loggers

        from pipelines.progress import progress_logger

        job = job.with_logger_defs({**default_loggers(), "progress": progress_logger(on_step)})
        loggers["progress"] = {}
    # One writer per warehouse on a team instance (deploy/dagster.yaml): the tcw/warehouse tag.
    tags = year_range_tags(keys[0], keys[-1]) | process_tags() | {WAREHOUSE_TAG: warehouse.tag}
    if accept_drop:
        tags[ACCEPT_DROP_TAG] = "true"
    with (
        run_lock(settings, keys, on_wait or _say_on_stderr),
        DagsterInstance.from_config(str(dagster_home(home))) as instance,
    ):
        fail_dead_runs(instance, settings)
        restore_build_if_dirty(settings)
        mark_build(settings, dirty=True)
        with environment({PLANNED_PER_ASSET: "true"}), sqlite_kept_open(instance) as run_id:
            result = job.execute_in_process(
                run_id=run_id,
                instance=instance,
                run_config={"loggers": loggers},
                tags=tags,
                raise_on_error=False,
                resources={"warehouse": warehouse},
            )
        _render_data_docs_index(warehouse)
        outcome = _outcome(result, keys)
        _after_run(settings, result.run_id, tags, outcome)
        if outcome.ok:
            record_built(settings, keys, current.result(), result.run_id)
    return outcome


# Dagster's switch (dagster/_core/storage/event_log/base.py): a run over a range of years records
# one "planned" event per asset with the range, not one per asset and year. SQLite storage
# writes each event in transactions of its own: a full sample run planned 742 of them, about 10 s
# before its first step on a CI machine, where it now plans 53. The price, which Dagster names:
# when such a run fails, its partitions are not shown as failed in the UI (the run is, and
# `tcw run` reports it and writes the alert). Only `tcw run` sets it: runs that the UI, the
# schedules and the sensors launch keep Dagster's default.
PLANNED_PER_ASSET = "DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS"


def _digest_meanwhile(settings: Settings) -> Future[str]:
    """The fingerprint of the sources and code, computed on a thread: hashing lets go of the
    GIL, so the sources are digested while the definitions load (2.7 GB at 10M events, 3-5 s)."""
    from pipelines.unchanged import fingerprint

    hashing = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fingerprint")
    try:
        return hashing.submit(fingerprint, settings)
    finally:
        hashing.shutdown(wait=False)


def _say_on_stderr(message: str) -> None:
    import sys

    print(message, file=sys.stderr, flush=True)


def _after_run(settings: Settings, run_id: str, tags: dict[str, str], outcome: RunOutcome) -> None:
    """A good run leaves the build clean; a failed one leaves it dirty (the next run restores
    it from the published state) and alerts, as the run-failure sensor does for daemon runs."""
    from pipelines.run_guard import mark_build, write_alert

    if outcome.ok:
        mark_build(settings, dirty=False)
        return
    error = "; ".join([*outcome.failed_steps, *outcome.failed_checks]) or "the run failed"
    write_alert(settings, run_id, "build_warehouse", tags, error)


def _outcome(result: ExecuteInProcessResult, keys: list[str]) -> RunOutcome:
    """What the run did: failed checks and steps, warnings, the versions published."""
    from dagster import AssetCheckSeverity

    evaluations = result.get_asset_check_evaluations()
    # WARN-severity checks inform; only ERROR-severity ones (all blocking here) fail a build.
    failed_checks = [
        f"{e.asset_check_key.to_user_string()}: {e.description}"
        for e in evaluations
        if not e.passed and e.severity == AssetCheckSeverity.ERROR
    ]
    warnings = [
        f"{e.asset_check_key.to_user_string()}: {e.description}"
        for e in evaluations
        if not e.passed and e.severity != AssetCheckSeverity.ERROR
    ]
    failed_steps = [
        f"{event.step_key}: {event.step_failure_data.error.message.strip()}"
        for event in result.all_events
        if event.is_step_failure and event.step_failure_data and event.step_failure_data.error
    ]
    from pipelines.assets.publication import PUBLICATION

    # One materialization per year of the run, each listing every year: keep each line once.
    published = list(
        dict.fromkeys(
            line.lstrip("- ")
            for event in result.get_asset_materialization_events()
            if event.asset_key == PUBLICATION
            for line in str(getattr(event.materialization.metadata.get("versions"), "value", "")).splitlines()
        )
    )
    return RunOutcome(
        success=result.success,
        published=published,
        years=keys,
        failed_checks=failed_checks,
        failed_steps=failed_steps,
        checks_passed=sum(1 for e in evaluations if e.passed),
        warnings=warnings,
    )
