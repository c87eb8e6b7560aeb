"""Crashes, concurrency and failed loads, with real `tcw run` processes (issue 10, section 4).

A deployment with 2020 and 2021 published is built once; each test works on a copy of it.
- kill -9 of a run as it starts a given step (ingestion in the writer pool, dbt, checks,
  publication): the published database and every `latest` stay byte-identical and readable,
  and the next run proceeds (it is not held by the dead run's slot or lock) and succeeds;
- a failed year (a header-only 2021 file) leaves the build as it found it: a following 2020
  run publishes a database whose raw rows agree with its marts;
- two runs of a year started together: one waits, saying so, both succeed.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO, Deployment, copy_sources, run_cli

pytestmark = pytest.mark.e2e

# A bound on a run that should end, so a hang fails the test instead of blocking the suite.
HANG = 900


def _env(deployment: Deployment) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONWARNINGS"}
    return env | {
        "TCW_SOURCES_DIR": str(deployment.sources),
        "TCW_WAREHOUSE_DIR": str(deployment.root / "warehouse"),
        "TCW_PUBLICATIONS_DIR": str(deployment.root / "publications"),
        "DAGSTER_HOME": str(deployment.home),
        "GX_ANALYTICS_ENABLED": "false",
        "COLUMNS": "120",
    }


def _tcw() -> str:
    return str(Path(sys.executable).parent / "tcw")


def fingerprint(deployment: Deployment) -> dict[str, str]:
    """sha256 of the published database and of every file each `latest` reaches."""
    prints = {"tcw.duckdb": hashlib.sha256(deployment.paths.published_db.read_bytes()).hexdigest()}
    for latest in sorted(deployment.paths.publications_dir.glob("*/latest")):
        prints[f"{latest.parent.name}/latest -> {os.readlink(latest)}"] = ""
        for path in sorted(latest.resolve().iterdir()):
            prints[f"{latest.parent.name}/{path.name}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return prints


def readable(deployment: Deployment) -> int:
    with duckdb.connect(str(deployment.paths.published_db), read_only=True) as con:
        return con.execute("select count(*) from marts.needs").fetchone()[0]  # type: ignore[index]


def kill_at_step(deployment: Deployment, step: str, *args: str) -> str:
    """Start `tcw run -v --force ARGS` and kill -9 its process group when `step` starts; its
    output (--force: unchanged years would otherwise be skipped, and there would be no step)."""
    process = subprocess.Popen(
        [_tcw(), "run", "-v", "--force", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=_env(deployment),
        cwd=REPO,
        start_new_session=True,  # the run and the dbt it starts, killed together
    )
    seen = []
    assert process.stdout is not None
    for line in process.stdout:
        seen.append(line)
        if f'Started execution of step "{step}"' in line:
            os.killpg(process.pid, signal.SIGKILL)
            break
    process.wait(timeout=HANG)
    output = "".join(seen)
    assert process.returncode == -signal.SIGKILL, f"the run ended before step {step}:\n{output[-3000:]}"
    return output


def copy_deployment(source: Deployment, root: Path) -> Deployment:
    for part in ("warehouse", "publications", "dagster_home", "sources"):
        if (source.root / part).exists():
            shutil.copytree(source.root / part, root / part, symlinks=True)
    return Deployment(root, sources=root / "sources")


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Deployment:
    root = tmp_path_factory.mktemp("trust-baseline")
    deployment = Deployment(root, sources=copy_sources(root / "sources"))
    run = run_cli(deployment, "run", "--year", "2020", "--year", "2021")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return deployment


@pytest.fixture
def deployment(baseline: Deployment, tmp_path: Path) -> Iterator[Deployment]:
    yield copy_deployment(baseline, tmp_path / "copy")


def unfinished_runs(deployment: Deployment) -> list[str]:
    from dagster import DagsterInstance, DagsterRunStatus, RunsFilter

    with DagsterInstance.from_config(str(deployment.home)) as instance:
        statuses = [DagsterRunStatus.STARTED, DagsterRunStatus.STARTING, DagsterRunStatus.QUEUED]
        runs = instance.get_runs(RunsFilter(statuses=statuses))
        slots = instance.event_log_storage.get_concurrency_info("duckdb_writer")
        return [r.run_id for r in runs] + [f"slot held by {s}" for s in slots.claimed_slots]


# Where a run is killed: ingestion holding the duckdb_writer slot (the hang of issue 10), dbt,
# the checks, and publication (writing the extracts).
KILL_POINTS = ["raw__request_events", "dbt_models", "marts__needs_gx_needs", "publications__extracts"]


def test_kill_9_at_any_step_leaves_the_publication_and_the_next_run_succeeds(deployment: Deployment) -> None:
    before = fingerprint(deployment)
    for step in KILL_POINTS:
        # Each run after a kill first finds the dead run, fails it and frees its slot: it could
        # not reach the next kill point otherwise.
        output = kill_at_step(deployment, step, "--year", "2021")
        assert fingerprint(deployment) == before, f"killed at {step}"
        assert readable(deployment) > 0
        assert "Traceback" not in output.split(f'"{step}"')[0], output[-3000:]
    run = run_cli(deployment, "run", "--force", "--year", "2021")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "2021: v1" in run.stdout  # the same figures: no new version
    assert fingerprint(deployment)["2021/latest -> v1"] == ""
    assert unfinished_runs(deployment) == []
    assert not (deployment.paths.build_db.parent / ".dirty").exists()
    alerts = deployment.paths.alerts_log.read_text(encoding="utf-8")
    assert alerts.count("is gone (killed or crashed)") == len(KILL_POINTS)


def test_a_failed_year_leaves_the_build_as_it_found_it(deployment: Deployment) -> None:
    log = deployment.sources / "request_logs" / "request_log_2021.csv"
    log.write_text(log.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    before = fingerprint(deployment)
    failed = run_cli(deployment, "run", "--year", "2021")
    assert failed.returncode == 1
    assert "request_log_2021.csv" in failed.stderr and "Nothing was published" in failed.stderr
    assert fingerprint(deployment) == before
    assert "request_log_2021.csv" in deployment.paths.alerts_log.read_text(encoding="utf-8")
    run = run_cli(deployment, "run", "--year", "2020")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    with duckdb.connect(str(deployment.paths.published_db), read_only=True) as con:
        raw, mart = con.execute(
            "select (select count(distinct request_id) from raw.request_events where reporting_year = 2021),"
            " (select sum(requests_received) from marts.needs where year = 2021)"
        ).fetchone()  # type: ignore[misc]
    assert raw > 0 and mart > 0  # 2021 as last published, raw rows and marts alike
    assert fingerprint(deployment)["2021/latest -> v1"] == ""


def test_two_runs_of_a_year_started_together_run_in_turn(deployment: Deployment) -> None:
    runs = [
        subprocess.Popen(
            [_tcw(), "run", "--force", "--year", "2020"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(deployment),
            cwd=REPO,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=2 * HANG) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, out[-3000:] + err[-3000:]
        assert "Could not set lock" not in out + err
    assert any(
        re.search(r"Waiting for the run in progress to finish \(years 2020-2020, pid \d+", o + e)
        for o, e in outputs
    )
    assert readable(deployment) > 0
    assert unfinished_runs(deployment) == []
