"""Measure the pipeline on this machine: `make bench` (every section), or some sections:

    python -m benchmarks.run --only floor --big-dir /tmp/tcw_bench   # 10M events vs the floor
    python -m benchmarks.run --only sample --consecutive 5
    python -m benchmarks.run --only volume --scale 20                # rows/s, equality at x20

Sections: setup (definitions validate, imports, name resolution, sample documents), sample (the
reporting cycle: from nothing, unchanged, one changed year, the N-th one-year run vs the
first), postgres (the sample on PostgreSQL), parsers (annual reports and UPR reports, pages/s),
volume (generated request logs at --scale: ingestion rows/s, then tc-warehouse beside the floor
script), floor (the same at --floor-scale, 156 = 9,996,721 events: the issue's 10M figure).

Each measurement runs in a fresh subprocess so that its peak memory (max RSS), CPU and
start-up are its own. Prints a Markdown table to paste into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks import snippets
from benchmarks.measure import REPO, Results, measure
from benchmarks.postgres import POSTGRES_RUN
from benchmarks.versus_floor import build_code, generated_sources, versus_floor

SECTIONS = ("setup", "sample", "postgres", "parsers", "volume", "floor")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--only", action="append", choices=SECTIONS, help="run only this section (repeatable; default: all)"
    )
    parser.add_argument("--scale", type=float, default=20.0, help="sample scale of the volume section")
    parser.add_argument(
        "--floor-scale", type=float, default=156.0, help="scale of the floor section (156: 9,996,721 events)"
    )
    parser.add_argument(
        "--big-dir",
        type=Path,
        default=Path(os.environ.get("TMPDIR") or tempfile.gettempdir()) / "tcw_bench",
        help="where generated request logs are kept between runs, one folder per scale (outside the repo)",
    )
    parser.add_argument(
        "--consecutive", type=int, default=50, help="one-year runs in a row (the issue's figure: 50)"
    )
    return parser.parse_args()


def _setup(results: Results, tmp: str, sample: dict[str, str]) -> None:
    """Start-up costs: loading the definitions, importing GX, resolving names, the documents."""
    dagster = str(Path(sys.executable).parent / "dagster")
    validate = [dagster, "definitions", "validate", "-m", "pipelines.definitions"]
    results.append(measure("dagster definitions validate", "", sample, command=validate))
    results.append(measure("import great_expectations", snippets.IMPORT_GX, sample))
    results.append(measure("resolve 100,000 State names", snippets.RESOLVE_NAMES.format(), sample))
    documents = snippets.GENERATE_DOCUMENTS.format(out=f"{tmp}/docs")
    results.append(measure("generate the sample documents", documents, sample))


def _sample_runs(results: Results, sources: str, sample: dict[str, str], consecutive: int) -> None:
    """The runs of the reporting cycle on the sample: from nothing, unchanged, one changed year,
    and the same one-year run many times (its time must not grow with the history)."""
    results.append(measure("full run, sample from nothing (14 years)", build_code(None), sample))
    results.append(measure("unchanged year (2019): nothing rebuilt", build_code(["2019"], skip=True), sample))
    publications = snippets.VERSIONS.format(publications=sample["TCW_PUBLICATIONS_DIR"])
    results.append(measure("publish check: versions of 2018 before the change", publications, sample))
    change = snippets.CHANGE_ONE_SOURCE.format(sources=sources)
    results.append(measure("change one source file (2018 request log)", change, sample))
    results.append(measure("one changed year (2018), end to end", build_code(["2018"], skip=True), sample))
    results.append(measure("publish check: versions of 2018 after the change", publications, sample))
    first: dict[str, object] = {}
    for run in range(1, consecutive + 1):
        label = f"one-year run (2019, rebuilt) {run} of {consecutive}"
        measured = measure(label, build_code(["2019"]), sample)
        if run == 1:
            first = measured
        if run in (1, consecutive):
            results.append(measured)
    if consecutive > 1:
        last = results[-1]

        def change(key: str) -> str:
            return f"{100 * (float(last[key]) / float(first[key]) - 1):+.1f} %"  # type: ignore[arg-type]

        results.note(
            f"one-year run {consecutive} vs 1", f"wall {change('seconds')}, CPU {change('cpu_seconds')}"
        )


def _parsers(results: Results, sources: str, sample: dict[str, str]) -> None:
    """The document parsers, pages per second (table reconstruction included)."""
    annual = snippets.ANNUAL_REPORTS.format(sources=sources)
    results.append(measure("annual-report parser, cold", annual, sample))
    results.append(measure("UPR reports: parse the real reports", snippets.UPR_REPORTS.format(), sample))
    compare = snippets.PDF_COMPARE.format(sources=sources)
    results.append(measure("PDF text+tables, 2019 documents: pypdfium2 vs pdfplumber", compare, sample))


def _volume(results: Results, args: argparse.Namespace, sample: dict[str, str], tmp: str) -> None:
    """Ingestion rows/s on generated request logs at --scale, then the build beside the floor."""
    big, rows = generated_sources(results, args.big_dir, args.scale, sample)
    results.append(measure(f"parse {rows:,} request-log rows", snippets.PARSE.format(out=str(big)), sample))
    line_ends = snippets.LINE_ENDS.format(out=str(big))
    results.append(measure("parse one year, LF vs CR-only line ends", line_ends, sample))
    versus_floor(results, args.big_dir, args.scale, sample, Path(tmp))


def _postgres(results: Results, tmp: str, sample: dict[str, str]) -> None:
    on_postgres = {
        **sample,
        "TCW_WAREHOUSE_DIR": f"{tmp}/pg_wh",
        "TCW_PUBLICATIONS_DIR": f"{tmp}/pg_publications",
        "DAGSTER_HOME": f"{tmp}/pg_dagster_home",
    }
    Path(on_postgres["DAGSTER_HOME"]).mkdir()
    run = POSTGRES_RUN.format(years=None)
    results.append(measure("full run, sample (14 years), PostgreSQL", run, on_postgres))


def main() -> None:
    args = _arguments()
    sections = args.only or list(SECTIONS)
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
        if "setup" in sections:
            _setup(results, tmp, sample)
        if "sample" in sections:
            _sample_runs(results, sources, sample, args.consecutive)
        if "postgres" in sections:
            _postgres(results, tmp, sample)
        if "parsers" in sections:
            _parsers(results, sources, sample)
        if "volume" in sections:
            _volume(results, args, sample, tmp)
        if "floor" in sections:
            versus_floor(results, args.big_dir, args.floor_scale, sample, Path(tmp))


if __name__ == "__main__":
    main()
