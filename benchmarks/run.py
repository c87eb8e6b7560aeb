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


def measure(
    label: str, code: str, env: dict[str, str], command: list[str] | None = None
) -> dict[str, object]:
    """Run `code` in a new interpreter (or `command`); return wall and CPU seconds, peak RSS
    and what it printed."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    done = subprocess.run(
        command or [sys.executable, "-c", code],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{label} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = usage.ru_maxrss
    lines = done.stdout.strip().splitlines()
    return {
        "label": label,
        "seconds": round(seconds, 2),
        # CPU of the process and its children (dbt): on a shared machine, the comparable figure.
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime - cpu_before, 2),
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
outcome = build({years!r}, log_level="ERROR", skip_unchanged={skip!r})
assert outcome.ok, outcome
print(json.dumps({{"checks_passed": outcome.checks_passed, "years_skipped": len(outcome.skipped)}}))
"""


def build_code(years: list[str] | None, skip: bool = False) -> str:
    return BUILD.format(years=years, skip=skip)


# The annual-report parser, PDF text layer included, cold (no cache): pages per second.
ANNUAL_REPORTS = """
import json, time
from pathlib import Path
import pypdfium2
from pipelines.ingest.annual_reports import parse_annual_report
root = Path({sources!r})
paths = sorted((root / "annual_reports").glob("ohchr_report_*.pdf"))
pages = sum(len(pypdfium2.PdfDocument(p)) for p in paths)
start = time.perf_counter()
for path in paths:
    parse_annual_report(path, int(path.stem.rsplit("_", 1)[1]), root)
seconds = time.perf_counter() - start
print(json.dumps({{"reports": len(paths), "pages": pages, "pages_per_second": round(pages / seconds)}}))
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

# The UPR Working Group report parser over the real reports (../shared/reference/upr), one
# round (benchmarks/upr_reports.py runs three and the oracle agreement); skipped without them.
UPR_REPORTS = """
import json
from benchmarks.upr_reports import DEFAULT, run
if DEFAULT.is_dir():
    figures = run(DEFAULT, 1)
    keys = ("files", "pages", "rows", "best_pages_per_second")
    print(json.dumps({{k: figures[k] for k in keys}}))
else:
    print(json.dumps({{"skipped": "no ../shared/reference/upr/reports"}}))
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
        row = f"| {r['label']} | {r['seconds']} | {r['cpu_seconds']} | {r['peak_rss_mb'] or ''} | {notes} |"
        print(row, flush=True)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=20.0, help="sample scale for the volume runs")
    parser.add_argument(
        "--consecutive", type=int, default=5, help="one-year runs in a row (the issue's figure: 50)"
    )
    return parser.parse_args()


def _sample_runs(results: Results, sources: str, sample: dict[str, str], consecutive: int) -> None:
    """The runs of the reporting cycle on the sample: from nothing, unchanged, one changed year,
    and the same one-year run many times (its time must not grow with the history)."""
    results.append(measure("full run, sample from nothing (14 years)", build_code(None), sample))
    results.append(measure("unchanged year (2019): nothing rebuilt", build_code(["2019"], skip=True), sample))
    publications = VERSIONS.format(publications=sample["TCW_PUBLICATIONS_DIR"])
    results.append(measure("publish check: versions of 2018 before the change", publications, sample))
    change = CHANGE_ONE_SOURCE.format(sources=sources)
    results.append(measure("change one source file (2018 request log)", change, sample))
    results.append(measure("one changed year (2018), end to end", build_code(["2018"], skip=True), sample))
    results.append(measure("publish check: versions of 2018 after the change", publications, sample))
    for run in range(1, consecutive + 1):
        label = f"one-year run (2019, rebuilt) {run} of {consecutive}"
        measured = measure(label, build_code(["2019"]), sample)
        if run in (1, consecutive):
            results.append(measured)


def main() -> None:
    args = _arguments()
    results = Results()
    print("| measurement | wall (s) | CPU (s) | peak RSS (MB) | notes |")
    print("|---|---:|---:|---:|---|", flush=True)
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
        dagster = str(Path(sys.executable).parent / "dagster")
        validate = [dagster, "definitions", "validate", "-m", "pipelines.definitions"]
        results.append(measure("dagster definitions validate", "", sample, command=validate))
        results.append(measure("import great_expectations", IMPORT_GX, sample))
        results.append(measure("resolve 100,000 State names", RESOLVE_NAMES, sample))
        results.append(
            measure("generate the sample documents", GENERATE_DOCUMENTS.format(out=f"{tmp}/docs"), sample)
        )
        _sample_runs(results, sources, sample, args.consecutive)
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
        results.append(measure("annual-report parser, cold", ANNUAL_REPORTS.format(sources=sources), sample))
        results.append(measure("UPR reports: parse the real reports", UPR_REPORTS, sample))
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
        results.append(measure(f"full run, {rows:,} rows (14 years)", build_code(None), volume))


if __name__ == "__main__":
    main()
