"""What a run does before it starts and after it ends, so that no run is held by another.

- One run at a time per deployment: `tcw run` takes an exclusive lock on warehouse/.run.lock
  (flock: the kernel drops it when the process dies, even by kill -9). A second run started
  meanwhile says who holds it and waits its turn, instead of failing on DuckDB's file lock.
- Dead runs: a run records its host and process id in its tags. Holding the lock, the next
  run marks every unfinished run of this instance whose process is gone as failed, which
  frees its `duckdb_writer` slots (Dagster frees a run's slots when it fails), and alerts.
- The build as the last good state: a run marks the build dirty when it starts and clean when
  it ends well. A run that finds it dirty (the previous one failed or was killed) first copies
  the published database over the build, so one bad file blocks only its own year.
- Alerts: a failed `tcw run` appends to warehouse/alerts.log, like the run-failure sensor.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import shutil
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING

from pipelines.settings import Settings

if TYPE_CHECKING:
    from dagster import DagsterInstance

HOST_TAG, PID_TAG = "tcw/host", "tcw/pid"
DIRTY = ".dirty"
# How often (every 50 ms) a waiting run reads who holds the lock before naming no one.
HOLDER_READS = 40


def process_tags() -> dict[str, str]:
    """Tags that tie a run to the process running it (to find it dead later)."""
    return {HOST_TAG: socket.gethostname(), PID_TAG: str(os.getpid())}


@contextmanager
def run_lock(settings: Settings, years: list[str], announce: Callable[[str], None]) -> Iterator[None]:
    """Hold the deployment's run lock for the block; wait for it, saying so, when held."""
    path = settings.warehouse_dir / ".run.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            announce(f"Waiting for the run in progress to finish ({_holder(handle)}) ...")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        handle.write(f"years {years[0]}-{years[-1]}, pid {os.getpid()}, started {started}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def _holder(handle: IO[str]) -> str:
    """What the run holding the lock wrote of itself. It writes just after taking the lock: a
    run that started at the same moment may find the file still empty, so it reads again for a
    moment before naming no one."""
    for _ in range(HOLDER_READS):
        handle.seek(0)
        if holder := handle.read().strip():
            return holder
        time.sleep(0.05)
    return "another run"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def fail_dead_runs(instance: DagsterInstance, settings: Settings) -> list[str]:
    """Mark failed every unfinished run of this host whose process is gone; their ids."""
    from dagster import DagsterRunStatus, RunsFilter

    unfinished = [DagsterRunStatus.STARTED, DagsterRunStatus.STARTING, DagsterRunStatus.CANCELING]
    host = socket.gethostname()
    dead = []
    for run in instance.get_runs(RunsFilter(statuses=unfinished, tags={HOST_TAG: host})):
        pid = run.tags.get(PID_TAG, "")
        if not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
            continue
        message = f"process {pid} on {host} is gone (killed or crashed): run marked failed by the next run"
        instance.report_run_failed(run, message)
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        write_alert(settings, run.run_id, run.job_name, run.tags, message)
        dead.append(run.run_id)
    return dead


def restore_build_if_dirty(settings: Settings) -> bool:
    """After a failed or killed run, start again from the published state; True if restored."""
    build = settings.build_db
    marker = build.parent / DIRTY
    if not marker.exists():
        return False
    for leftover in (build, build.with_name(build.name + ".wal")):
        leftover.unlink(missing_ok=True)
    if settings.published_db.exists():
        staging = build.with_name(f".{build.name}.restoring")
        shutil.copyfile(settings.published_db, staging)
        os.replace(staging, build)
    marker.unlink()
    return True


def mark_build(settings: Settings, dirty: bool, run_id: str = "") -> None:
    marker = settings.build_db.parent / DIRTY
    if dirty:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(run_id or "a run in progress", encoding="utf-8")
    else:
        marker.unlink(missing_ok=True)


def write_alert(settings: Settings, run_id: str, job: str, tags: dict[str, str], error: str) -> None:
    """Append one JSON line to warehouse/alerts.log (what operators tail or ship)."""
    from pipelines.partitions import year_range_of

    alert = {
        "time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "run_id": run_id,
        "job": job,
        "years": list(year_range_of(tags)),
        "error": error,
    }
    path = settings.alerts_log
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(alert) + "\n")
