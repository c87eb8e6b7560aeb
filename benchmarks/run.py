"""Measure the pipeline on this machine: `make bench` (or `python -m benchmarks.run --scale 20`).

Each measurement runs in a fresh subprocess so that its peak memory (max RSS) and start-up are
its own. Prints a Markdown table to paste into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.postgres import POSTGRES_RUN

REPO = Path(__file__).resolve().parents[1]


def measure(label: str, code: str, env: dict[str, str]) -> dict[str, object]:
    """Run `code` in a new interpreter; return wall seconds, peak RSS and what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True, cwd=REPO
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{label} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    lines = done.stdout.strip().splitlines()
    return {
        "label": label,
        "seconds": round(seconds, 2),
        # ru_maxrss is the largest child so far: report it only when this child raised it.
        "peak_rss_mb": round(peak / 1024) if peak > before else None,
        "output": json.loads(lines[-1]) if lines and lines[-1].startswith("{") else None,
    }


GENERATE = """
import json
from pathlib import Path
from samples.request_logs import generate_request_logs
m = generate_request_logs(Path({out!r}) / "request_logs", scale={scale})
print(json.dumps({{"rows": sum(f["rows"] for f in m.to_dict()["files"])}}))
"""

PARSE = """
import json, time
from pathlib import Path
from pipelines.ingest.request_logs import discover, parse_request_log
root = Path({out!r})
start = time.perf_counter(); rows = 0
for year, paths in discover(root / "request_logs").items():
    for path in paths:
        rows += parse_request_log(path, year, root).rows_read
seconds = time.perf_counter() - start
print(json.dumps({{"rows": rows, "rows_per_second": round(rows / seconds)}}))
"""

LINE_ENDS = """
import json
from pathlib import Path
from benchmarks.line_ends import compare
csv_files = sorted((Path({out!r}) / "request_logs").glob("*.csv"))
print(json.dumps(compare(csv_files[-1])))
"""

BUILD = """
import json
from pipelines.runner import build
outcome = build({years!r}, log_level="ERROR")
assert outcome.ok, outcome
print(json.dumps({{"checks_passed": outcome.checks_passed}}))
"""

IMPORT_GX = "import great_expectations"

# Was a test's `< 1 s`: resolving 100,000 State names as the sources write them (cache cleared,
# the index built once before timing).
RESOLVE_NAMES = """
import json, time
from pipelines.reference.countries import resolve_country
names = ["Kenya", "Republic of Moldova", "Côte d'Ivoire", "Türkiye", "Viet Nam", "Atlantis", ""] * 14_286
resolve_country("Kenya")
resolve_country.cache_clear()
start = time.perf_counter()
for name in names[:100_000]:
    try:
        resolve_country(name)
    except (LookupError, ValueError):
        pass
print(json.dumps({{"names": 100_000, "seconds": round(time.perf_counter() - start, 3)}}))
"""

# Was a test's `< 60 s`: writing every sample document (PDF and XLSX).
GENERATE_DOCUMENTS = """
import json, time
from pathlib import Path
from pipelines.samples.documents import generate_documents
start = time.perf_counter()
generate_documents(Path({out!r}))
print(json.dumps({{"seconds": round(time.perf_counter() - start, 2)}}))
"""

CHANGE_ONE_SOURCE = """
from pathlib import Path
from samples.edits import restate_first_request_cost
# One changed source file: a corrected 2018 request-log export (one estimated cost restated).
restate_first_request_cost(Path({sources!r}), 2018)
print('{{"changed_files": 1}}')
"""

PDF_COMPARE = """
import json
from pathlib import Path
from benchmarks.pdf import compare
root = Path({sources!r})
paths = sorted(root.glob("annual_reports/*2019*.pdf")) + sorted(root.glob("fund_board_reports/*2019*.pdf"))
result = compare(paths)
print(json.dumps({{k: v for k, v in result.items() if isinstance(v, (int, float, str))}}))
"""

VERSIONS = """
import json
from pathlib import Path
print(json.dumps({{"versions_2018": len(list((Path({publications!r}) / "2018").glob("v*")))}}))
"""


class Results(list[dict[str, object]]):
    """Prints each row as it is measured, so a failure later keeps the figures so far."""

    def append(self, r: dict[str, object]) -> None:
        super().append(r)
        notes = ", ".join(
            f"{k} {v:,}" if isinstance(v, int | float) else f"{k} {v}"
            for k, v in (r["output"] or {}).items()  # type: ignore[attr-defined]
        )
        print(f"| {r['label']} | {r['seconds']} | {r['peak_rss_mb'] or ''} | {notes} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=20.0, help="sample scale for the volume runs")
    parser.add_argument(
        "--warehouses-only",
        action="store_true",
        help="only the full sample run on each warehouse (DuckDB, PostgreSQL)",
    )
    args = parser.parse_args()
    results = Results()
    print("| measurement | wall (s) | peak RSS (MB) | notes |")
    print("|---|---:|---:|---|", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        sources = f"{tmp}/sources"
        shutil.copytree(REPO / "sources", sources)
        sample = {
            "TCW_SOURCES_DIR": sources,
            "TCW_PUBLICATIONS_DIR": f"{tmp}/publications",
            "TCW_WAREHOUSE_DIR": f"{tmp}/sample_wh",
            "DAGSTER_HOME": f"{tmp}/dagster_home",
            "GX_ANALYTICS_ENABLED": "false",
        }
        Path(sample["DAGSTER_HOME"]).mkdir()
        if not args.warehouses_only:
            results.append(measure("import great_expectations", IMPORT_GX, sample))
            results.append(measure("resolve 100,000 State names", RESOLVE_NAMES, sample))
            results.append(
                measure("generate the sample documents", GENERATE_DOCUMENTS.format(out=f"{tmp}/docs"), sample)
            )
        results.append(measure("full run, sample (14 years)", BUILD.format(years=None), sample))
        on_postgres = {
            **sample,
            "TCW_WAREHOUSE_DIR": f"{tmp}/pg_wh",
            "TCW_PUBLICATIONS_DIR": f"{tmp}/pg_publications",
            "DAGSTER_HOME": f"{tmp}/pg_dagster_home",
        }
        Path(on_postgres["DAGSTER_HOME"]).mkdir()
        results.append(
            measure("full run, sample (14 years), PostgreSQL", POSTGRES_RUN.format(years=None), on_postgres)
        )
        if args.warehouses_only:
            return
        results.append(measure("re-run one year, sample (2019)", BUILD.format(years=["2019"]), sample))
        results.append(
            measure(
                "publish check: versions of 2018 before the change",
                VERSIONS.format(publications=sample["TCW_PUBLICATIONS_DIR"]),
                sample,
            )
        )
        results.append(
            measure(
                "change one source file (2018 request log)",
                CHANGE_ONE_SOURCE.format(sources=sources),
                sample,
            )
        )
        results.append(measure("re-run 2018 after one changed source", BUILD.format(years=["2018"]), sample))
        results.append(
            measure(
                "publish check: versions of 2018 after the change",
                VERSIONS.format(publications=sample["TCW_PUBLICATIONS_DIR"]),
                sample,
            )
        )
        results.append(
            measure(
                "PDF text+tables, 2019 documents: pypdfium2 vs pdfplumber",
                PDF_COMPARE.format(sources=sources),
                sample,
            )
        )
        big = f"{tmp}/big"
        for family in ("annual_reports", "fund_board_reports"):  # documents at their real volume
            shutil.copytree(REPO / "sources" / family, f"{big}/{family}")
        generate = GENERATE.format(out=big, scale=args.scale)
        results.append(measure(f"generate request logs x{args.scale:g}", generate, sample))
        rows = results[-1]["output"]["rows"]  # type: ignore[index]
        results.append(measure(f"parse {rows:,} request-log rows", PARSE.format(out=big), sample))
        results.append(measure("parse one year, LF vs CR-only line ends", LINE_ENDS.format(out=big), sample))
        volume = {**sample, "TCW_SOURCES_DIR": big, "TCW_WAREHOUSE_DIR": f"{tmp}/big_wh"}
        results.append(measure(f"full run, {rows:,} rows (14 years)", BUILD.format(years=None), volume))


if __name__ == "__main__":
    main()
