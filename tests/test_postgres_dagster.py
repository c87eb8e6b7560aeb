"""The team's Dagster instance (deploy/dagster.yaml) on PostgreSQL: a run's events are stored in
and read back from the server, and the queued run coordinator keeps one writer per warehouse."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from dagster import DagsterInstance, DagsterRunStatus, in_process_executor, job, op
from dagster._core.definitions.job_base import InMemoryJob
from dagster._core.events import DagsterEvent, DagsterEventType
from dagster._core.execution.api import execute_run
from dagster._core.remote_origin import (
    InProcessCodeLocationOrigin,
    RemoteJobOrigin,
    RemoteRepositoryOrigin,
)
from dagster._core.run_coordinator import QueuedRunCoordinator, SubmitRunContext
from dagster._core.types.loadable_target_origin import LoadableTargetOrigin
from dagster._daemon.run_coordinator.queued_run_coordinator_daemon import QueuedRunCoordinatorDaemon

from pipelines.warehouses import WAREHOUSE_TAG, warehouse_tag
from pipelines.warehouses.postgres import PostgresUrl
from tests.conftest import REPO
from tests.postgres_server import pg_database  # noqa: F401 - fixture


@op
def write_something() -> int:
    return 18


@job(executor_def=in_process_executor)
def writer() -> None:
    write_something()


# Where the daemon would load the job from (a queued run must say): this test module.
ORIGIN = RemoteJobOrigin(
    repository_origin=RemoteRepositoryOrigin(
        code_location_origin=InProcessCodeLocationOrigin(
            LoadableTargetOrigin(python_file=__file__, attribute="writer"), location_name="tests"
        ),
        repository_name="__repository__",
    ),
    job_name="writer",
)


@pytest.fixture
def team_instance(
    pg_database: PostgresUrl,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[DagsterInstance]:
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(REPO / "deploy" / "dagster.yaml", home / "dagster.yaml")
    # psycopg2 named explicitly: SQLAlchemy 2.1 defaults postgresql:// to psycopg 3, whose
    # server-side parameters break dagster-postgres's NOTIFY (see deploy/dagster.yaml).
    monkeypatch.setenv(
        "TCW_DAGSTER_POSTGRES_URL", pg_database.url.replace("postgresql://", "postgresql+psycopg2://")
    )
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    with DagsterInstance.from_config(str(home)) as instance:
        yield instance


def test_a_run_is_recorded_in_postgres(team_instance: DagsterInstance, pg_database: PostgresUrl) -> None:  # noqa: F811
    assert type(team_instance.run_storage).__name__ == "PostgresRunStorage"
    assert type(team_instance.event_log_storage).__name__ == "PostgresEventLogStorage"
    assert type(team_instance.schedule_storage).__name__ == "PostgresScheduleStorage"
    result = writer.execute_in_process(instance=team_instance)
    assert result.success
    # Read back through Dagster and straight from the server's tables.
    events = team_instance.all_logs(result.run_id)
    assert any(e.dagster_event_type == DagsterEventType.RUN_SUCCESS for e in events)
    with psycopg.connect(pg_database.url) as con:
        stored = con.execute(
            "select dagster_event_type from event_logs where run_id = %s and dagster_event_type is not null",
            [result.run_id],
        ).fetchall()
        status = con.execute("select status from runs where run_id = %s", [result.run_id]).fetchone()
    expected = {DagsterEventType.RUN_START, DagsterEventType.STEP_SUCCESS, DagsterEventType.RUN_SUCCESS}
    assert {e.value for e in expected} <= {t for (t,) in stored}
    assert status == ("SUCCESS",)


def test_two_runs_for_one_warehouse_are_serialized(team_instance: DagsterInstance) -> None:
    assert isinstance(team_instance.run_coordinator, QueuedRunCoordinator)
    tag = warehouse_tag("postgresql://pipeline:secret@db:5432/tcw")
    assert tag == "postgresql://db:5432/tcw"  # no credentials in run tags
    other = warehouse_tag("postgresql://pipeline@db:5432/tcw_staging")

    def submit(warehouse: str):  # type: ignore[no-untyped-def]
        run = team_instance.create_run_for_job(
            writer, tags={WAREHOUSE_TAG: warehouse}, remote_job_origin=ORIGIN
        )
        # What `dagster job launch` and the webserver do: the queued coordinator enqueues it.
        return team_instance.run_coordinator.submit_run(SubmitRunContext(run, workspace=None))  # type: ignore[arg-type]

    first, second, elsewhere = submit(tag), submit(tag), submit(other)
    assert {team_instance.get_run_by_id(r.run_id).status for r in (first, second, elsewhere)} == {  # type: ignore[union-attr]
        DagsterRunStatus.QUEUED
    }
    daemon = QueuedRunCoordinatorDaemon(interval_seconds=1)
    config = team_instance.get_concurrency_config()

    def dequeue() -> list[str]:
        """The daemon's own choice of runs to start now, then started as its launcher would."""
        chosen = daemon._get_runs_to_dequeue(team_instance, config, fixed_iteration_time=None)
        for run in chosen:
            team_instance.report_dagster_event(
                DagsterEvent(event_type_value=DagsterEventType.RUN_STARTING.value, job_name=run.job_name),
                run_id=run.run_id,
            )
        return [run.run_id for run in chosen]

    started = dequeue()
    # One run per warehouse: the first of the pair, and the run on the other warehouse.
    assert sorted(started) == sorted([first.run_id, elsewhere.run_id])
    assert dequeue() == []  # the second waits while the first is in progress
    for run_id in started:
        outcome = execute_run(InMemoryJob(writer), team_instance.get_run_by_id(run_id), team_instance)  # type: ignore[arg-type]
        assert outcome.success
    assert dequeue() == [second.run_id]
