"""tc-warehouse beside the floor (benchmarks/floor.py) on the same generated request logs.

The files are generated once per scale into a folder outside the repository (`--big-dir`,
default $TMPDIR/tcw_bench) and reused while their manifest says the same scale: at scale 156
(9,996,721 events) generating takes minutes. Each side runs in a fresh process; the two
`needs` tables must then be equal row for row, every column (EXCEPT both ways): the benchmark
fails otherwise, printing rows that differ.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import duckdb

from benchmarks.measure import REPO, Results, measure

GENERATE = """
import json
from pathlib import Path
from samples.request_logs import generate_request_logs
m = generate_request_logs(Path({out!r}) / "request_logs", scale={scale})
print(json.dumps({{"rows": sum(f["rows"] for f in m.to_dict()["files"])}}))
"""

BUILD = """
import json
from pipelines.cli import end_process
from pipelines.runner import build
outcome = build({years!r}, log_level="ERROR", skip_unchanged={skip!r})
assert outcome.ok, outcome
print(json.dumps({{"checks_passed": outcome.checks_passed, "years_skipped": len(outcome.skipped)}}))
end_process()  # as `tcw run` ends
"""

# Documents at their real volume beside the generated request logs, as a real sources folder.
DOCUMENT_FAMILIES = ("annual_reports", "fund_board_reports")


def build_code(years: list[str] | None, skip: bool = False) -> str:
    return BUILD.format(years=years, skip=skip)


def _generated_rows(folder: Path, scale: float) -> int | None:
    """Rows of the request logs already in `folder` if they were generated at `scale`."""
    manifest = folder / "request_logs" / "manifest.json"
    if not manifest.exists():
        return None
    data = json.loads(manifest.read_text())
    if float(data.get("scale", -1)) != scale or not all((folder / f).is_dir() for f in DOCUMENT_FAMILIES):
        return None
    return sum(int(f["rows"]) for f in data["files"])


def generated_sources(results: Results, big_dir: Path, scale: float, env: dict[str, str]) -> tuple[Path, int]:
    """The sources folder for `scale` (generated now, measured, unless already there)."""
    folder = big_dir / f"scale_{scale:g}"
    rows = _generated_rows(folder, scale)
    if rows is not None:
        results.note(f"request logs x{scale:g}", f"reused {folder} ({rows:,} rows)")
        return folder, rows
    shutil.rmtree(folder, ignore_errors=True)
    for family in DOCUMENT_FAMILIES:
        shutil.copytree(REPO / "sources" / family, folder / family)
    results.append(
        measure(f"generate request logs x{scale:g}", GENERATE.format(out=str(folder), scale=scale), env)
    )
    return folder, int(results[-1]["output"]["rows"])  # type: ignore[index]


def compare_needs(floor_parquet: Path, warehouse_db: Path) -> tuple[int, int, int]:
    """(rows of the warehouse's marts.needs, rows only there, rows only in the floor's)."""
    con = duckdb.connect()
    con.execute(f"attach '{warehouse_db}' as wh (read_only)")
    con.execute(f"create view floor as select * from read_parquet('{floor_parquet}')")
    rows = con.execute("select count(*) from wh.marts.needs").fetchone()[0]  # type: ignore[index]
    only_wh = con.execute("select count(*) from (from wh.marts.needs except all from floor)").fetchone()[0]  # type: ignore[index]
    only_floor = con.execute("select count(*) from (from floor except all from wh.marts.needs)").fetchone()[0]  # type: ignore[index]
    if only_wh or only_floor:
        for side, query in (
            ("warehouse only", "from wh.marts.needs except all from floor"),
            ("floor only", "from floor except all from wh.marts.needs"),
        ):
            print(
                f"{side}:",
                *con.execute(f"select * from ({query}) order by needs_key limit 5").fetchall(),
                sep="\n  ",
            )
    con.close()
    return rows, only_wh, only_floor


def versus_floor(results: Results, big_dir: Path, scale: float, env: dict[str, str], work: Path) -> None:
    """Generate (or reuse) scale `scale`, run the floor, then tc-warehouse's full build, and
    assert both `needs` are equal; print the ratio and both peak RSS."""
    sources, rows = generated_sources(results, big_dir, scale, env)
    floor_out = work / f"floor_needs_x{scale:g}.parquet"
    floor_command = [sys.executable, "-m", "benchmarks.floor", str(sources), "--out", str(floor_out)]
    floor = measure(f"floor: plain DuckDB script, {rows:,} rows", "", env, command=floor_command)
    results.append(floor)
    volume = {
        **env,
        "TCW_SOURCES_DIR": str(sources),
        "TCW_WAREHOUSE_DIR": str(work / f"wh_x{scale:g}"),
        "TCW_PUBLICATIONS_DIR": str(work / f"publications_x{scale:g}"),
        "DAGSTER_HOME": str(work / f"dagster_home_x{scale:g}"),
    }
    Path(volume["DAGSTER_HOME"]).mkdir(parents=True, exist_ok=True)
    warehouse = measure(f"full run, {rows:,} rows (14 years)", build_code(None), volume)
    results.append(warehouse)
    needs, only_wh, only_floor = compare_needs(floor_out, Path(volume["TCW_WAREHOUSE_DIR"]) / "tcw.duckdb")
    equal = only_wh == 0 and only_floor == 0
    results.note(
        f"tc-warehouse / floor, {rows:,} rows",
        f"needs {needs:,} rows, {'equal' if equal else 'NOT EQUAL'}; "
        f"wall {warehouse['seconds'] / floor['seconds']:.2f}x, "  # type: ignore[operator]
        f"CPU {warehouse['cpu_seconds'] / floor['cpu_seconds']:.2f}x; "  # type: ignore[operator]
        f"peak RSS {warehouse['peak_rss_mb']} MB vs {floor['peak_rss_mb']} MB",
    )
    if not equal:
        raise SystemExit(
            f"needs differs at scale {scale:g}: {only_wh} rows only in tc-warehouse, "
            f"{only_floor} only in the floor (first of each printed above)"
        )
