"""The annual overview says what the extracts say."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import polars as pl
import pytest

pytestmark = pytest.mark.e2e


class Tables(HTMLParser):
    """Collects every table's data-source and its cells by data-column."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, object]] = []
        self._column: str | None = None
        self._row: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table":
            self.tables.append({"source": attributes.get("data-source"), "rows": []})
        elif tag == "tr" and self.tables:
            self._row = {}
        elif tag == "td":
            self._column = attributes.get("data-column")

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr" and self._row:
            self.tables[-1]["rows"].append(self._row)  # type: ignore[union-attr]
            self._row = None
        elif tag == "td":
            self._column = None

    def handle_data(self, data: str) -> None:
        if self._column and self._row is not None:
            self._row[self._column] = self._row.get(self._column, "") + data


def as_number(text: str) -> float:
    return float(text.replace(",", "").rstrip("%"))


def test_the_overview_figures_equal_the_extracts(built_warehouse: Path) -> None:
    publication = built_warehouse.parents[2] / "publications" / "2019" / "latest"
    html = (publication / "overview.html").read_text(encoding="utf-8")
    assert "<script" not in html  # self-contained and static
    assert html.count("<svg") >= 2
    parser = Tables()
    parser.feed(html)
    needs = pl.read_parquet(publication / "needs.parquet")
    by_country = needs.group_by("country_iso3").agg(pl.col("requests_received").sum())
    expected = dict(by_country.iter_rows())
    table = next(t for t in parser.tables if t["source"] == "needs.csv" and "country_iso3" in t["rows"][0])  # type: ignore[index, operator]
    rows = table["rows"]
    assert len(rows) == 15  # type: ignore[arg-type]
    for row in rows:  # type: ignore[union-attr]
        assert as_number(row["requests_received"]) == expected[row["country_iso3"]]
    total = f"{int(needs['requests_received'].sum()):,}"
    assert f'<div class="value">{total}</div><div class="label">Requests received</div>' in html


def test_the_report_command_prints_the_overview_path(
    built_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from pipelines.cli import app

    # The command line is configured by the environment (as an analyst's shell would).
    monkeypatch.setenv("TCW_PUBLICATIONS_DIR", str(built_warehouse.parents[2] / "publications"))
    runner = CliRunner()
    printed = runner.invoke(app, ["report", "--year", "2019"])
    assert printed.exit_code == 0, printed.output
    assert printed.output.strip().endswith("2019/v1/overview.html")
    rendered = runner.invoke(app, ["report", "--year", "2019", "--out", str(tmp_path / "o.html")])
    assert rendered.exit_code == 0 and (tmp_path / "o.html").stat().st_size > 10_000
    missing = runner.invoke(app, ["report", "--year", "2031"])
    assert missing.exit_code == 3
