"""The run lock (pipelines/run_guard.py): a run that finds it taken says which run holds it."""

from __future__ import annotations

import fcntl
import threading
import time

from pipelines.run_guard import run_lock
from tests.conftest import Deployment


def test_a_run_started_at_the_same_moment_names_the_run_holding_the_lock(isolated_env: Deployment) -> None:
    """Two `tcw run` started together reach the lock within milliseconds: the second may find
    it taken before the first has written who it is (the end-to-end test of two runs then saw
    "another run"). The waiting run reads again until the holder has written."""
    settings = isolated_env.paths
    path = settings.warehouse_dir / ".run.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    said: list[str] = []
    with path.open("a+", encoding="utf-8") as holder:
        fcntl.flock(holder, fcntl.LOCK_EX)  # taken, and nothing written yet

        def write_then_finish() -> None:
            time.sleep(0.2)
            holder.write("years 2020-2020, pid 1")
            holder.flush()
            time.sleep(0.2)
            fcntl.flock(holder, fcntl.LOCK_UN)

        other = threading.Thread(target=write_then_finish)
        other.start()
        with run_lock(settings, ["2020"], said.append):
            pass
        other.join()
    assert said == ["Waiting for the run in progress to finish (years 2020-2020, pid 1) ..."]
