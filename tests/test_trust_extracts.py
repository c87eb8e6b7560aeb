"""Hostile text from any source reaches extracts as text and the overview as escaped text, and
`tcw sql` reads only the published warehouse (issue 10, sections 1 and 3)."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import openpyxl
import polars as pl
import pytest

from pipelines.analyst import CONFINED, RefusedStatement, check_statements, run_query
from pipelines.cells import neutralise_formulas
from pipelines.publish import MartSpec, write_publication

FORMULA = '=HYPERLINK("http://x","click")'
MARKUP = "<img src=x onerror=alert(1)>"
HOSTILE = [FORMULA, "+1+1", "-2+3", "@SUM(A1)", MARKUP]


def test_text_cells_that_start_like_formulas_are_prefixed_and_numbers_are_not() -> None:
    frame = pl.DataFrame({"state": [*HOSTILE, "Kenya", None], "balance": [-5.0, 1, 2, 3, 4, 5, 6]})
    out = neutralise_formulas(frame)
    assert out["state"].to_list() == [f"'{v}" for v in HOSTILE[:4]] + [MARKUP, "Kenya", None]
    assert out["balance"].to_list() == frame["balance"].to_list()  # a negative stays a number


def _hostile_publication(tmp_path: Path) -> Path:
    """A version whose highlights (a PDF's titles) and donors (a board report's names) carry
    the hostile values, written by the publication code itself."""
    highlights = pl.DataFrame(
        {
            "year": [2019] * len(HOSTILE),
            "kind": ["success_story"] * len(HOSTILE),
            "title": HOSTILE,
            "body": [f"body {MARKUP}"] * len(HOSTILE),
            "country_iso3": ["KEN"] * len(HOSTILE),
            "thematic_area_code": [None] * len(HOSTILE),
            "source_file": ["ohchr_report_2019.pdf"] * len(HOSTILE),
            "source_page": list(range(1, len(HOSTILE) + 1)),
            "balance_usd": [-5.5] * len(HOSTILE),
        }
    )
    specs = [MartSpec("highlights", ("source_page",), "Highlights", {c: c for c in highlights.columns})]
    provenance = {"sources": [], "checks": [], "code": {"git_commit": "test"}}
    result = write_publication(2019, {"highlights": highlights}, specs, tmp_path, provenance)
    return result.path


def test_csv_and_xlsx_extracts_carry_formulas_as_text(tmp_path: Path) -> None:
    version = _hostile_publication(tmp_path)
    with (version / "highlights.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["title"] for r in rows] == [f"'{v}" for v in HOSTILE[:4]] + [MARKUP]
    assert {r["balance_usd"] for r in rows} == {"-5.5"}
    workbook = openpyxl.load_workbook(next(version.glob("*.xlsx")))
    sheet = workbook["highlights"]
    header = [c.value for c in sheet[1]]
    titles = [row[header.index("title")] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in titles] == HOSTILE
    assert {c.data_type for c in titles} == {"s"}  # text, never "f" (formula)
    balances = [row[header.index("balance_usd")] for row in sheet.iter_rows(min_row=2)]
    assert {c.value for c in balances} == {-5.5}
    # The parquet extract is the data as it is, for programs.
    assert pl.read_parquet(version / "highlights.parquet")["title"].to_list() == HOSTILE


def test_the_overview_escapes_markup_from_the_sources(tmp_path: Path) -> None:
    html = (_hostile_publication(tmp_path) / "overview.html").read_text(encoding="utf-8")
    assert MARKUP not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img" not in html


@pytest.fixture
def published_db(tmp_path: Path) -> Path:
    path = tmp_path / "tcw.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts; create table marts.needs as select 2019 as year, 'KEN' as c")
    (tmp_path / "build").mkdir()
    with duckdb.connect(str(tmp_path / "build" / "tcw.duckdb")) as con:
        con.execute("create table secrets as select 'focal point' as name")
    return path


@pytest.mark.parametrize(
    ("query", "refusal"),
    [
        ("select * from read_csv('/etc/passwd')", "file system operations are disabled"),
        ("select * from read_text('/etc/hostname')", "file system operations are disabled"),
        ("copy marts.needs to '{tmp}/out.csv'", "COPY"),
        ("copy (select 1) to '{tmp}/out.parquet' (format parquet)", "COPY"),
        ("export database '{tmp}/dump'", "EXPORT DATABASE"),
        ("attach '{tmp}/build/tcw.duckdb' as build", "ATTACH"),
        ("install httpfs", "INSTALL/LOAD"),
        ("load httpfs", "INSTALL/LOAD"),
        ("set enable_external_access = true", "SET/RESET"),
        ("select 1; attach '{tmp}/build/tcw.duckdb' as build", "ATTACH"),
    ],
)
def test_tcw_sql_refuses_to_reach_outside_the_published_database(
    published_db: Path, query: str, refusal: str
) -> None:
    tmp = published_db.parent
    with pytest.raises((RefusedStatement, duckdb.PermissionException), match=refusal):
        run_query(published_db, query.format(tmp=tmp), [])
    assert sorted(p.name for p in tmp.iterdir()) == ["build", "tcw.duckdb"]  # nothing written


def test_the_confinement_holds_without_the_statement_check(published_db: Path) -> None:
    """The connection itself refuses, should a statement ever slip past check_statements."""
    tmp = published_db.parent
    with duckdb.connect(str(published_db), read_only=True, config=CONFINED) as con:
        for query in (
            f"copy marts.needs to '{tmp}/out.csv'",
            f"export database '{tmp}/dump'",
            f"attach '{tmp}/build/tcw.duckdb' as build",
            "load httpfs",
        ):
            with pytest.raises(duckdb.PermissionException):
                con.execute(query)
        with pytest.raises(duckdb.InvalidInputException, match="locked"):
            con.execute("set enable_external_access = true")
    assert not (tmp / "out.csv").exists() and not (tmp / "dump").exists()


def test_tcw_sql_still_answers_queries(published_db: Path) -> None:
    check_statements("select * from marts.needs where year = ?")
    assert run_query(published_db, "select c from marts.needs where year = ?", [2019]) == (["c"], [("KEN",)])
