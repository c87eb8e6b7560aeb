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


def test_a_chart_draws_each_value_to_scale_and_its_labels_as_text() -> None:
    """A bar as long as its value, every label escaped text, no script, equal bytes each time."""
    import re

    from pipelines.report.charts import bar_chart, line_chart

    def chart() -> str:
        return bar_chart(
            ["Rule of law", "<Civic> & space", None], {"received": [40, 10, None]}, "Requests", "requests"
        )

    svg = chart()
    assert svg == chart() and "<script" not in svg
    bars = re.findall(r'<rect [^>]*width="([^"]+)"[^>]*class="rect reactive', svg)
    widths = sorted(float(w) for w in bars)
    assert len(widths) == 2 and widths[1] == pytest.approx(4 * widths[0], rel=1e-3)
    assert ">&lt;Civic&gt; &amp; space</text>" in svg and "<Civic>" not in svg
    two = bar_chart(["a", "b"], {"requested": [5, 2], "funded": [1, 2]}, "Funding", "USD")
    assert len(re.findall(r'class="rect reactive', two)) == 4
    assert ">requested</text>" in two and ">funded</text>" in two
    line = line_chart(
        [2018, 2019, 2020], [1e6, 3e6, 2e6], "Contributions", "USD", lambda v: f"{v / 1e6:,.0f}M"
    )
    heights = [float(y) for y in re.findall(r'<circle cx="[^"]+" cy="([^"]+)"', line)]
    assert heights[1] < heights[2] < heights[0]  # higher values sit higher (SVG y grows down)
    assert ">2019</text>" in line and ">3M</text>" in line


def _funding(value: float) -> pl.DataFrame:
    return pl.DataFrame({"scope": ["OHCHR"], "metric": ["voluntary_contributions"], "value": [value]})


def test_the_chart_over_years_takes_years_published_alongside_from_memory(tmp_path: Path) -> None:
    """Years of one run are written side by side (pipelines/parallel.py): a year's chart over
    years takes the run's other years from their figures, not from folders another process may
    not have written yet, and earlier runs' years from their latest publication."""
    from pipelines.report.overview import FUNDING_FIGURES, contributions_history

    earlier = tmp_path / "2018" / "latest"
    earlier.mkdir(parents=True)
    _funding(18.0).write_parquet(earlier / FUNDING_FIGURES)
    (tmp_path / "2019" / "latest").mkdir(parents=True)  # an older 2019, not yet replaced
    _funding(1.0).write_parquet(tmp_path / "2019" / "latest" / FUNDING_FIGURES)
    folder = tmp_path / "2020" / ".v1.incoming"
    folder.mkdir(parents=True)
    _funding(20.0).write_parquet(folder / FUNDING_FIGURES)
    published = {2019: _funding(19.0), 2020: _funding(99.0), 2021: _funding(21.0)}
    history = contributions_history(tmp_path, folder, 2020, published)
    assert history == {2018: 18.0, 2019: 19.0, 2020: 20.0}
