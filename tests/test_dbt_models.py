"""dbt on its own, against a scratch copy of the built warehouse: the unit tests of the hard SQL
(`unit_tests:` in the models' YAML), the incremental strategy, and figures that must be null when
they are unknown."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipelines.settings import DBT_PROJECT_DIR

pytestmark = pytest.mark.e2e


def dbt(db: Path, target: Path, *args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    """dbt beside this interpreter on `db`, writing its artefacts under `target` (the project's
    own target/ holds the manifest Dagster reads); `environment` adds to its environment."""
    executable = Path(sys.executable).parent / "dbt"
    return subprocess.run(
        [str(executable), *args, "--target-path", str(target), "--profiles-dir", str(DBT_PROJECT_DIR)],
        cwd=DBT_PROJECT_DIR,
        env={
            **os.environ,
            "TCW_DUCKDB_PATH": str(db),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            **environment,
        },
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture
def scratch_db(built_warehouse: Path, tmp_path: Path) -> Path:
    """A copy of the built warehouse: dbt unit tests read the column types of a model's inputs
    from the database, and the strategy test writes."""
    copy = tmp_path / "scratch.duckdb"
    shutil.copyfile(built_warehouse, copy)
    return copy


def test_dbt_unit_tests_pass(scratch_db: Path, tmp_path: Path) -> None:
    done = dbt(scratch_db, tmp_path / "target", "test", "--select", "test_type:unit")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    results = json.loads((tmp_path / "target" / "run_results.json").read_text(encoding="utf-8"))
    unit_tests = {r["unique_id"].rsplit(".", 1)[-1]: r["status"] for r in results["results"]}
    assert unit_tests == {
        "needs_open_at_year_end": "pass",
        "needs_median_days_to_respond": "pass",
        "needs_oldest_open_request": "pass",
        "int_contributions_versioned_ranks_final_then_as_of_then_board_report": "pass",
    }


def test_a_year_that_yields_no_rows_is_emptied_and_no_other_year_is_touched(
    scratch_db: Path, tmp_path: Path
) -> None:
    """dbt's delete+insert would delete only the years present in the new rows and leave a
    year that lost every row as it was; replace_years deletes the run's years."""
    with duckdb.connect(str(scratch_db)) as con:
        before = con.execute("select year, count(*) from marts.highlights group by year").fetchall()
        con.execute("delete from raw.highlights where reporting_year = 2019")
    counts = dict(before)
    assert counts.get(2019, 0) > 0 and len(counts) > 1
    done = dbt(
        scratch_db,
        tmp_path / "target",
        "run",
        "--select",
        "highlights",
        "--vars",
        '{"start_year": 2019, "end_year": 2019}',
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    with duckdb.connect(str(scratch_db), read_only=True) as con:
        after = dict(con.execute("select year, count(*) from marts.highlights group by year").fetchall())
    assert after == {year: n for year, n in counts.items() if year != 2019}


def test_donors_of_a_fund_are_unknown_not_zero_when_no_document_counts_them(built_warehouse: Path) -> None:
    with duckdb.connect(str(built_warehouse), read_only=True) as con:
        rows = con.execute(
            """
            select f.fund_code, f.year, f.donors, count(distinct c.donor_code)
            from marts.resources_by_fund as f
            left join marts.contributions as c on f.fund_code = c.fund_code and f.year = c.year
            group by f.fund_code, f.year, f.donors
            """
        ).fetchall()
    assert rows
    for fund, year, donors, counted in rows:
        assert donors == (counted or None), (fund, year, donors, counted)
    assert any(donors is None for _, _, donors, _ in rows), "no fund without counted donors in the sample"
    assert not any(donors == 0 for _, _, donors, _ in rows)


def test_a_new_run_window_does_not_make_dbt_parse_again(tmp_path: Path) -> None:
    """Every run builds other years: the window (TCW_START_YEAR/TCW_END_YEAR) must not count as
    a change to dbt's partial parsing, or each run re-parses the models that read it (1.3 s)."""
    target, logs = tmp_path / "target", tmp_path / "logs"

    def parse(start: str) -> str:
        done = dbt(
            tmp_path / "scratch.duckdb",
            target,
            "parse",
            TCW_START_YEAR=start,
            TCW_END_YEAR=start,
            DBT_LOG_PATH=str(logs),
        )
        assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
        # The debug log says what partial parsing found (the console only at --debug).
        return (logs / "dbt.log").read_text(encoding="utf-8").rsplit("Running with dbt", 1)[-1]

    parse("2018")  # the first parse is whole
    assert "no changes found, skipping parsing" in parse("2019")


def test_the_production_build_writes_no_json_artefacts_and_still_parses_partially(
    scratch_db: Path, tmp_path: Path
) -> None:
    """The dbt step's arguments (pipelines/assets/dbt.py BUILD) skip manifest.json and
    run_results.json, which nothing reads (0.75 s a run), but not what the next run needs: the
    partial-parse file, with which the next build does not parse again."""
    from pipelines.assets.dbt import BUILD

    target, logs = tmp_path / "target", tmp_path / "logs"

    def build() -> str:
        done = dbt(scratch_db, target, *BUILD, "--select", "dim_fund", DBT_LOG_PATH=str(logs))
        assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
        return (logs / "dbt.log").read_text(encoding="utf-8").rsplit("Running with dbt", 1)[-1]

    build()
    assert "no changes found, skipping parsing" in build()
    assert (target / "partial_parse.msgpack").is_file()
    assert not (target / "run_results.json").exists() and not (target / "manifest.json").exists()
