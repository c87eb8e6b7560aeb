"""One request-log year read with LF and with CR-only line ends (classic Mac OS exports).

The reader decides line ends, delimiter and header on a bounded sample, so a CR-only file (one
"line" to a reader that splits on LF) must read as fast as the LF file. `python -m
benchmarks.line_ends FILE.csv` prints both timings; `benchmarks/run.py` runs it on a
generated year.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from pipelines.ingest.request_logs import parse_request_log, reporting_year_of


def _best_of(runs: int, path: Path, year: int) -> tuple[float, int]:
    best, rows = float("inf"), 0
    for _ in range(runs):
        start = time.perf_counter()
        rows = parse_request_log(path, year, path.parent).rows_read
        best = min(best, time.perf_counter() - start)
    return best, rows


def compare(source: Path, runs: int = 3) -> dict[str, float | int]:
    year = reporting_year_of(source)
    if year is None:
        raise SystemExit(f"{source.name}: no reporting year in the file name")
    lf_bytes = source.read_bytes().replace(b"\r\n", b"\n")
    with tempfile.TemporaryDirectory() as tmp:
        lf, cr = Path(tmp) / "lf" / source.name, Path(tmp) / "cr" / source.name
        lf.parent.mkdir()
        cr.parent.mkdir()
        lf.write_bytes(lf_bytes)
        cr.write_bytes(lf_bytes.replace(b"\n", b"\r"))
        lf_seconds, rows = _best_of(runs, lf, year)
        cr_seconds, cr_rows = _best_of(runs, cr, year)
    if cr_rows != rows:
        raise SystemExit(f"CR-only copy read {cr_rows} rows, the LF file {rows}")
    return {
        "rows": rows,
        "lf_seconds": round(lf_seconds, 3),
        "cr_only_seconds": round(cr_seconds, 3),
        "cr_only_rows_per_second": round(rows / cr_seconds),
    }


if __name__ == "__main__":
    print(json.dumps(compare(Path(sys.argv[1]))))
