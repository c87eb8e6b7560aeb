"""Years of work over processes (pipelines/parallel.py): the same results as in this process."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from itertools import repeat
from pathlib import Path

import pytest

from pipelines.parallel import AT_LEAST, in_processes, worker_count
from pipelines.settings import REPO_ROOT


def _scaled(value: int, factor: int) -> tuple[int, int]:
    return value * factor, os.getpid()


def _fails_on_three(value: int) -> int:
    if value == 3:
        raise ValueError(f"item {value} is bad")
    return value


def test_results_come_back_in_order_as_map_gives_them() -> None:
    items = list(range(AT_LEAST + 3))
    results = list(in_processes(_scaled, items, repeat(10)))
    assert [value for value, _ in results] == [value * 10 for value in items]
    if worker_count(len(items)) > 1:  # one core: everything stays here
        assert {pid for _, pid in results} - {os.getpid()}, "no item ran in a worker"


def test_a_few_items_stay_in_this_process() -> None:
    results = list(in_processes(_scaled, range(AT_LEAST - 1), repeat(2)))
    assert results == [(value * 2, os.getpid()) for value in range(AT_LEAST - 1)]


def test_a_workers_exception_is_raised_at_its_item() -> None:
    results = in_processes(_fails_on_three, range(AT_LEAST + 2))
    assert [next(results) for _ in range(3)] == [0, 1, 2]
    with pytest.raises(ValueError, match="item 3 is bad"):
        next(results)


def test_a_script_without_a_main_guard_is_not_run_again_by_the_workers(tmp_path: Path) -> None:
    """Spawned workers run the parent's main module again, unless kept from it: a script that
    calls the pipeline at its top level would run once per worker (or fail to start them)."""
    marker = tmp_path / "runs.txt"
    script = tmp_path / "script.py"
    script.write_text(
        textwrap.dedent(
            f"""
            from pathlib import Path
            from pipelines.parallel import in_processes
            from tests.test_parallel import _scaled
            with Path({str(marker)!r}).open("a") as runs:
                runs.write("ran\\n")
            print(sum(value for value, _ in in_processes(_scaled, range(8), [1] * 8)))
            """
        )
    )
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    done = subprocess.run(
        [sys.executable, str(script)], env=environment, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "28"
    assert marker.read_text().splitlines() == ["ran"]
