"""The local instance's SQLite files held open during a run (pipelines/instance_storage.py)."""

from __future__ import annotations

import uuid
from pathlib import Path

from dagster import DagsterEventType, DagsterInstance, DagsterRunStatus, job, op

from pipelines.instance_storage import sqlite_files, sqlite_kept_open
from pipelines.runner import dagster_home


@op
def _say() -> int:
    return 1


@job
def _small_job() -> None:
    _say()


def test_a_run_with_its_sqlite_files_held_open_is_recorded_and_its_wal_folded_back(tmp_path: Path) -> None:
    """The files are the ones Dagster writes (a Dagster upgrade that moves them fails here,
    not silently), the run's events are all stored, and once the run ends the last connection
    has closed: the WAL is folded into each file and removed, as Dagster leaves it."""
    with DagsterInstance.from_config(str(dagster_home(tmp_path / "home"))) as instance:
        with sqlite_kept_open(instance) as run_id:
            held = sqlite_files(instance, run_id)
            assert [p.name for p in held] == ["runs.db", "index.db", f"{run_id}.db"]
            assert all(p.is_file() for p in held)
            result = _small_job.execute_in_process(instance=instance, run_id=run_id)
            assert Path(f"{held[-1]}-wal").exists()  # still open: not folded back yet
        assert result.success
        stored = [e.dagster_event.event_type for e in instance.all_logs(run_id) if e.dagster_event]
        assert stored[0] == DagsterEventType.RUN_START and stored[-1] == DagsterEventType.RUN_SUCCESS
        assert instance.get_run_by_id(run_id).status == DagsterRunStatus.SUCCESS
    assert not [p for p in held if Path(f"{p}-wal").exists()]


def test_an_instance_without_sqlite_storage_holds_nothing() -> None:
    with DagsterInstance.ephemeral() as instance:
        assert sqlite_files(instance, str(uuid.uuid4())) == []
