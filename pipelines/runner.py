"""Run the main job for some reporting years in this process, recorded in the Dagster instance.

One function for the CLI, the tests and the benchmarks, so all three exercise the same path.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.settings import REPO_ROOT

if TYPE_CHECKING:
    from pipelines.progress import StepEvent
    from pipelines.resources import WarehouseResource


@dataclass(frozen=True)
class RunOutcome:
    success: bool
    years: list[str]
    failed_checks: list[str] = field(default_factory=list)
    failed_steps: list[str] = field(default_factory=list)
    checks_passed: int = 0
    warnings: list[str] = field(default_factory=list)
    published: list[str] = field(default_factory=list)  # "2019: v2 (new)", one per year

    @property
    def ok(self) -> bool:
        return self.success and not self.failed_checks


# The local instance: no telemetry, and every pool (our writers share "duckdb_writer") admits
# one step at a time across runs, since DuckDB allows a single writer per file. Production
# swaps storage for PostgreSQL in the same file (docs/architecture.md).
INSTANCE_CONFIG = """\
telemetry:
  enabled: false
concurrency:
  pools:
    default_limit: 1
"""


def dagster_home(home: Path | None = None) -> Path:
    """Runs are recorded in a Dagster instance so that `make dev` shows them too: `home`, else
    DAGSTER_HOME, else .dagster_home in the repository (the environment is read, not written)."""
    home = home or Path(os.environ.get("DAGSTER_HOME") or REPO_ROOT / ".dagster_home")
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(INSTANCE_CONFIG)
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


def build(
    years: Sequence[str] | None = None,
    log_level: str = "INFO",
    *,
    warehouse: WarehouseResource | None = None,
    home: Path | None = None,
    on_step: Callable[[StepEvent], None] | None = None,
) -> RunOutcome:
    """Materialize every asset and check for the years (default: all) in one in-process run.

    `log_level` is the console's: the Dagster instance records every event whatever it is.
    `warehouse` replaces the code location's folders (tests), `home` the Dagster instance's;
    `on_step` hears every step start, end and failed check (the CLI's progress)."""
    from dagster import AssetCheckSeverity, DagsterInstance

    from pipelines.resources import prepare_dbt_project

    prepare_dbt_project()  # before the definitions load the manifest
    from pipelines.definitions import defs
    from pipelines.partitions import year_range_tags
    from pipelines.resources import default_warehouse
    from pipelines.warehouses import WAREHOUSE_TAG

    keys = sorted(years) if years else available_years()
    warehouse = warehouse or default_warehouse()
    job = defs.resolve_job_def("build_warehouse")
    loggers: dict[str, object] = {"console": {"config": {"log_level": log_level}}}
    if on_step is not None:
        from dagster import default_loggers

        from pipelines.progress import progress_logger

        job = job.with_logger_defs({**default_loggers(), "progress": progress_logger(on_step)})
        loggers["progress"] = {}
    with DagsterInstance.from_config(str(dagster_home(home))) as instance:
        result = job.execute_in_process(
            instance=instance,
            run_config={"loggers": loggers},
            # One writer per warehouse on a team instance (deploy/dagster.yaml).
            tags={**year_range_tags(keys[0], keys[-1]), WAREHOUSE_TAG: warehouse.tag},
            raise_on_error=False,
            resources={"warehouse": warehouse},
        )
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
