"""The local instance's SQLite storage (pipelines/instance_storage.py): its files held open during
a run, and its event log, which keeps one engine per file and syncs at checkpoints."""

from __future__ import annotations

import uuid
from pathlib import Path

from dagster import DagsterEventType, DagsterInstance, DagsterRunStatus, job, op
from sqlalchemy import text

from pipelines.instance_storage import ENGINES_KEPT, LocalEventLogStorage, sqlite_files, sqlite_kept_open
from pipelines.runner import EARLIER_INSTANCE_CONFIGS, dagster_home


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


def test_the_local_event_log_reuses_an_engine_per_file_and_syncs_at_checkpoints(tmp_path: Path) -> None:
    """What makes it faster than Dagster's, on the instance `tcw run` makes: one engine per
    shard (SQLAlchemy keeps compiled statements per engine), WAL with synchronous NORMAL (1);
    the engines kept stay bounded however many runs' shards a process reads (the UI)."""
    with DagsterInstance.from_config(str(dagster_home(tmp_path / "home"))) as instance:
        storage = instance.event_log_storage
        assert isinstance(storage, LocalEventLogStorage)
        assert storage.path_for_shard("index") == str(tmp_path / "home" / "history" / "runs" / "index.db")
        result = _small_job.execute_in_process(instance=instance)
        assert result.success and instance.all_logs(result.run_id)
        engines = []
        for _ in range(2):  # one connection at a time: the storage's lock is held while one is open
            with storage.run_connection(result.run_id) as connection:
                engines.append(connection.engine)
                assert connection.execute(text("pragma journal_mode")).scalar() == "wal"
                assert connection.execute(text("pragma synchronous")).scalar() == 1
        assert engines[0] is engines[1]
        for _ in range(ENGINES_KEPT + 2):
            with storage.run_connection(str(uuid.uuid4())):
                pass
        assert len(storage._engines) == ENGINES_KEPT
    assert not storage._engines  # disposed with the instance


def test_a_wiped_local_event_log_stores_runs_again(tmp_path: Path) -> None:
    """`dagster instance wipe` deletes the runs' files: a kept engine must not skip making a
    run's file again (Dagster's storage asks at every connection whether it made the file)."""
    with DagsterInstance.from_config(str(dagster_home(tmp_path / "home"))) as instance:
        first = _small_job.execute_in_process(instance=instance)
        instance.wipe()
        again = _small_job.execute_in_process(instance=instance, run_id=first.run_id)
        assert again.success
        assert any(e.dagster_event for e in instance.all_logs(first.run_id))


def test_an_instance_home_of_an_earlier_version_gets_the_local_event_log(tmp_path: Path) -> None:
    """Its runs stay where they were (Dagster's default place); a home configured by hand is
    left as it is."""
    earlier, own = tmp_path / "earlier", tmp_path / "own"
    for home, config in ((earlier, EARLIER_INSTANCE_CONFIGS[0]), (own, "telemetry:\n  enabled: false\n")):
        home.mkdir()
        (home / "dagster.yaml").write_text(config)
        dagster_home(home)
    assert "LocalEventLogStorage" in (earlier / "dagster.yaml").read_text()
    assert (own / "dagster.yaml").read_text() == "telemetry:\n  enabled: false\n"
