"""One measurement = one fresh child process: its wall time, its CPU and its own peak memory.

`os.wait4` returns the resource usage of exactly the child waited for (with its own waited-for
children, dbt included), so each row's peak RSS is that run's, not the largest of every child
so far (what RUSAGE_CHILDREN reports, which left most rows blank).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def measure(
    label: str, code: str, env: dict[str, str], command: list[str] | None = None
) -> dict[str, object]:
    """Run `code` in a new interpreter (or `command`); return wall and CPU seconds, peak RSS
    and the JSON object it printed last."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        child = subprocess.Popen(
            command or [sys.executable, "-c", code],
            env={**os.environ, **env},
            stdout=out,
            stderr=err,
            text=True,
            cwd=REPO,
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if child.returncode != 0:
        raise SystemExit(f"{label} failed:\n{stdout[-2000:]}\n{stderr[-4000:]}")
    lines = stdout.strip().splitlines()
    return {
        "label": label,
        "seconds": round(seconds, 2),
        # CPU of the process and its children (dbt): on a shared machine, the comparable figure.
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        # Linux reports ru_maxrss in KiB: the largest resident set of the child or a descendant.
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
        "output": json.loads(lines[-1]) if lines and lines[-1].startswith("{") else None,
    }


class Results(list[dict[str, object]]):
    """Prints each row as it is measured, so a failure later keeps the figures so far."""

    def append(self, r: dict[str, object]) -> None:
        super().append(r)
        notes = ", ".join(
            f"{k} {v:,}" if isinstance(v, int | float) else f"{k} {v}"
            for k, v in (r["output"] or {}).items()  # type: ignore[attr-defined]
        )
        row = f"| {r['label']} | {r['seconds']} | {r['cpu_seconds']} | {r['peak_rss_mb'] or ''} | {notes} |"
        print(row, flush=True)

    def note(self, label: str, notes: str) -> None:
        """A derived figure (a ratio, a difference) as a row without a measurement."""
        print(f"| {label} | | | | {notes} |", flush=True)
