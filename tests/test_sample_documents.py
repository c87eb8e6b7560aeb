"""The committed sample documents (annual reports, appeals, funding annexes, fund board reports)
are exactly what the generator writes, carry the published figures on the right tables, add up,
and keep the promises the document parsers rely on: the cell separator, declared header and
heading wordings, names that resolve, first-page metadata.

The files are read here independently of the generator's model: PDFs with pypdfium2 (the
parsers' engine), workbooks with python-calamine, published figures from the oracle in
../shared/reference (which also checks the project's own copy, samples/data). The manifests are
only used to know which pages a table is on and what the ground truth claims, and every claim
checked is read back from the files.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from python_calamine import CalamineWorkbook

from pipelines.reference.countries import resolve_country
from samples import document_data as dd
from samples import documents as docs
from samples.documents.constants import DEFAULT_PUBLISHED_FIGURES
from tests.conftest import SHARED_REFERENCE, require_reference

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "sources"
SEEDS = REPO / "dbt_project" / "seeds" / "reference"
FAMILIES = (docs.ANNUAL_DIR, docs.BOARD_DIR)
# The fund reports: the VFTC Board's and each UPR fund's own (one fund each).
BOARD_REPORTS = tuple(docs.BOARD_DOCUMENT_TYPES.values())
REGENERATE = "regenerate with: tcw sources generate"
SEP = docs.CELL_SEPARATOR
YEARS = list(docs.DEFAULT_YEARS)

# Amount columns per table id (0-based), the ones a totals row sums.
AMOUNT_COLUMNS = {
    "contributions_by_donor": (1, 2, 3, 4),
    "fund_contributions": (1, 2),
    "field_expenditure": (3, 4, 5),
    "board_contributions": (1,),
    "board_projects": (4,),
}


def _seed(name: str) -> list[dict[str, str]]:
    with (SEEDS / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


DONOR_LABELS = {r["label"]: r["donor_code"] for r in _seed("donor_labels.csv")}
AREA_LABELS = {r["label"]: r["thematic_area_code"] for r in _seed("thematic_area_labels.csv")}
FUND_LABELS = {r["label"]: r["fund_code"] for r in _seed("fund_labels.csv")}


def _manifest(family: str, root: Path = SOURCES) -> dict[str, Any]:
    return json.loads((root / family / docs.MANIFEST_NAME).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def manifests() -> dict[str, dict[str, Any]]:
    return {family: _manifest(family) for family in FAMILIES}


def _files(
    manifests: dict[str, dict[str, Any]], document_type: str | None = None
) -> Iterator[dict[str, Any]]:
    for family in FAMILIES:
        for entry in manifests[family]["files"]:
            if document_type is None or entry["document_type"] == document_type:
                yield entry


def _file(manifests: dict[str, dict[str, Any]], document_type: str, year: int) -> dict[str, Any]:
    found = [f for f in _files(manifests, document_type) if f["year"] == year]
    assert len(found) == 1, (document_type, year)
    return found[0]


# --------------------------------------------------------------------------------------------
# Reading the PDFs and workbooks back
# --------------------------------------------------------------------------------------------


@functools.cache
def page_lines(path: Path) -> tuple[tuple[str, ...], ...]:
    pdf = pdfium.PdfDocument(path)
    try:
        return tuple(tuple(pdf[i].get_textpage().get_text_range().split("\r\n")) for i in range(len(pdf)))
    finally:
        pdf.close()


def amount(cell: str) -> int:
    """An amount as the contract prints it: 1,234,567; (12,345) negative; - or – zero."""
    cell = cell.strip()
    if cell in ("-", "–"):
        return 0
    match = re.fullmatch(r"(\()?(\d{1,3}(?:,\d{3})*)(\))?", cell)
    assert match and bool(match.group(1)) == bool(match.group(3)), f"not an amount: {cell!r}"
    value = int(match.group(2).replace(",", ""))
    return -value if match.group(1) else value


@dataclass
class ReadTable:
    heading: str
    header: tuple[str, ...]
    rows: list[tuple[str, tuple[str, ...]]]  # (kind, cells)
    pages: list[int]

    def data(self) -> list[tuple[str, ...]]:
        return [cells for kind, cells in self.rows if kind == "data"]

    def total(self) -> tuple[str, ...]:
        totals = [cells for kind, cells in self.rows if kind == "total"]
        assert len(totals) == 1, self.heading
        return totals[0]


def _kind(first_cell: str, table_id: str) -> str:
    if table_id == "fund_statement":
        return "data"  # "Total income" and "Total expenditure" are statement lines
    if first_cell.startswith(docs.SUBTOTAL_PREFIX):
        return "subtotal"
    if first_cell in docs.TOTAL_LABELS:
        return "total"
    return "data"


def read_table(path: Path, table: dict[str, Any]) -> ReadTable:
    """A table as a parser would find it: the heading line, then the header line (cells joined
    by the separator), rows until a line without the separator; on each continuation page the
    header line (after the page header line, and the heading with its suffix if repeated)."""
    lines = page_lines(path)
    header_line = SEP.join(table["header"])
    heading = table["heading"]
    rows: list[tuple[str, tuple[str, ...]]] = []
    assert table["pages"], f"{path.name}: {heading} was never drawn"
    for n, page in enumerate(table["pages"]):
        text = lines[page - 1]
        if n == 0:
            starts = [i for i in range(len(text) - 1) if text[i] == heading and text[i + 1] == header_line]
            assert len(starts) == 1, (
                f"{path.name} p.{page}: heading {heading!r} + header found {len(starts)}x"
            )
            i = starts[0] + 2
        else:
            suffix = table["continued_suffix"]
            expected = [f"{heading}{suffix}", header_line] if suffix else [header_line]
            assert list(text[1 : 1 + len(expected)]) == expected, (
                f"{path.name} p.{page}: continuation of {heading!r} does not start with {expected}"
            )
            i = 1 + len(expected)
        while i < len(text) and SEP in text[i]:
            cells = tuple(text[i].split(SEP))
            assert len(cells) == len(table["header"]), f"{path.name} p.{page}: {text[i]!r}"
            rows.append((_kind(cells[0], table["table_id"]), cells))
            i += 1
    return ReadTable(heading, tuple(table["header"]), rows, table["pages"])


def check_adds_up(read: ReadTable, table_id: str) -> dict[int, int]:
    """Sub-totals reconcile with the rows since the previous sub-total, the totals row with all
    data rows; return the column totals."""
    columns = AMOUNT_COLUMNS[table_id]
    running = dict.fromkeys(columns, 0)
    overall = dict.fromkeys(columns, 0)
    for kind, cells in read.rows:
        if kind == "data":
            for c in columns:
                running[c] += amount(cells[c])
                overall[c] += amount(cells[c])
        elif kind == "subtotal":
            assert {c: amount(cells[c]) for c in columns} == running, f"{read.heading}: {cells[0]}"
            running = dict.fromkeys(columns, 0)
    printed = {c: amount(read.total()[c]) for c in columns}
    assert printed == overall, f"{read.heading}: total {printed} != sum of rows {overall}"
    return overall


def _canonical(table_id: str) -> list[str]:
    return list(docs.HEADER_WORDINGS[table_id])


def _row_by_label(read: ReadTable, label: str) -> tuple[str, ...]:
    found = [cells for _, cells in read.rows if cells[0] == label]
    assert len(found) == 1, (read.heading, label)
    return found[0]


def _table(entry: dict[str, Any], table_id: str, **match: Any) -> dict[str, Any]:
    found = [
        t
        for t in entry["tables"]
        if t["table_id"] == table_id and all(t.get(k) == v for k, v in match.items())
    ]
    assert len(found) == 1, (entry["path"], table_id, match)
    return found[0]


def _read(entry: dict[str, Any], table_id: str, **match: Any) -> ReadTable:
    return read_table(SOURCES / entry["path"], _table(entry, table_id, **match))


def _donor_code(name: str) -> str:
    if name in DONOR_LABELS:
        return DONOR_LABELS[name]
    match = resolve_country(name)
    assert match.iso3, match.reason
    return match.iso3


# --------------------------------------------------------------------------------------------
# The committed files are what the generator writes
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # The generator reads the project's own published figures: no oracle needed here.
    out = tmp_path_factory.mktemp("documents")
    docs.generate_documents(out)  # its duration is a benchmark figure (make bench), not a test
    return out


def test_committed_documents_are_what_the_generator_writes(
    regenerated: Path, manifests: dict[str, dict[str, Any]]
) -> None:
    out = regenerated
    for family in FAMILIES:
        committed = sorted(p.name for p in (SOURCES / family).iterdir())
        written = sorted(p.name for p in (out / family).iterdir())
        assert committed == written, f"{family}: files differ; {REGENERATE}"
        for name in written:
            assert (SOURCES / family / name).read_bytes() == (out / family / name).read_bytes(), (
                f"{family}/{name} differs from the generator's output; {REGENERATE}"
            )
    for entry in _files(manifests):
        data = (SOURCES / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert len(data) == entry["bytes"]


def test_generated_documents_are_small(manifests: dict[str, dict[str, Any]]) -> None:
    assert sum(f["bytes"] for f in _files(manifests)) < 20_000_000


def test_every_year_has_its_documents(manifests: dict[str, dict[str, Any]]) -> None:
    counts = Counter((f["document_type"], f["year"]) for f in _files(manifests))
    for year in YEARS:
        for document_type in (
            "annual_report",
            "appeal",
            "vftc_board_report",
            "upr_participation_fund_report",
            "vffta_report",
        ):
            assert counts[(document_type, year)] == 1, (document_type, year)
    annex_years = sorted(f["year"] for f in _files(manifests, "funding_annex"))
    assert len(annex_years) >= 4 and annex_years == sorted(docs.ANNEX_HEADER_ROW)
    for f in _files(manifests, "annual_report"):
        assert 25 <= f["pages"] <= 60, (f["path"], f["pages"])
        assert f["path"] == f"{docs.ANNUAL_DIR}/ohchr_report_{f['year']}.pdf"
    for f in _files(manifests, "appeal"):
        assert f["path"] == f"{docs.ANNUAL_DIR}/human_rights_appeal_{f['year'] + 1}.pdf"
    for document_type in ("upr_participation_fund_report", "vffta_report"):
        for f in _files(manifests, document_type):
            assert f["path"] == f"{docs.BOARD_DIR}/{document_type}_{f['year']}.pdf"


# --------------------------------------------------------------------------------------------
# Page 1, page headers, text
# --------------------------------------------------------------------------------------------


def test_first_page_is_printed_as_un_documents_print_it(manifests: dict[str, dict[str, Any]]) -> None:
    """No `Status:` / `As of:` line (a sample-only convention, issue 8): the symbol, the date on a
    line of its own, and for Council reports the distribution block, session, agenda item and
    job number. The status follows from the kind of document."""
    for entry in _files(manifests):
        if entry["format"] != "pdf":
            continue
        first = page_lines(SOURCES / entry["path"])[0]
        text = "\n".join(first)
        assert "Status:" not in text and "As of:" not in text and "Period covered:" not in text
        as_of = dt.date.fromisoformat(entry["as_of"])
        assert f"{as_of.day} {as_of:%B %Y}" in first
        assert entry["symbol"] in text
        if entry["document_type"] in BOARD_REPORTS:
            assert "Distr.: General" in first and "Original: English" in first
            assert any(re.fullmatch(r"[A-Z][a-z]+(-[a-z]+)? session", line) for line in first)
            assert any(line.startswith("Agenda item ") for line in first)
            assert re.search(rf"GE\.{as_of:%y}-\d{{5}}\(E\)", text)
        assert (entry["status"] == "provisional") == (entry["document_type"] == "appeal")


def test_vftc_reports_follow_resolution_33_28(manifests: dict[str, dict[str, Any]]) -> None:
    """The real series: to the Council's June session until the 2015 report (A/HRC/32/51), then
    March (res. 33/28: A/HRC/34/74 in March 2017); each covers the Board sessions held since the
    previous report, and that period is what the manifest (and fund_statements) carry."""
    symbols = {e["year"]: e["symbol"] for e in _files(manifests, "vftc_board_report")}
    assert [symbols[y] for y in range(2012, 2019)] == [
        "A/HRC/23/16", "A/HRC/26/51", "A/HRC/29/48", "A/HRC/32/51",
        "A/HRC/34/74", "A/HRC/37/79", "A/HRC/40/78",
    ]  # fmt: skip
    for entry in _files(manifests, "vftc_board_report"):
        year, as_of = entry["year"], dt.date.fromisoformat(entry["as_of"])
        assert as_of.year == year + 1
        assert as_of.month in ((2, 3) if year >= 2016 else (4,))
        start, end = dt.date.fromisoformat(entry["period_start"]), dt.date.fromisoformat(entry["period_end"])
        lines = [line for page in page_lines(SOURCES / entry["path"]) for line in page]
        sessions = [line for line in lines if re.fullmatch(r"[A-Z][a-z]+(-[a-z]+)? session \([^)]+\)", line)]
        # June reports: autumn Y and spring Y+1; the 2016 report (nine months): autumn 2016 only.
        assert len(sessions) == (1 if year == 2016 else 2), entry["path"]
        if year <= 2015:
            assert start.year == year and end.year == year + 1 and end < as_of
        else:
            assert start.year == end.year == year
    first_2019 = [
        line
        for page in page_lines(SOURCES / _file(manifests, "vftc_board_report", 2019)["path"])
        for line in page
    ]
    assert "Forty-third session (Geneva)" in first_2019


def test_every_page_is_cp1252_text(manifests: dict[str, dict[str, Any]]) -> None:
    for entry in _files(manifests):
        if entry["format"] == "pdf":
            pages = page_lines(SOURCES / entry["path"])
            assert len(pages) == entry["pages"]
            for lines in pages:
                # PDFium reports a hyphen that ends a line of hyphenated prose as U+FFFE and joins
                # the word (`orga\ufffenizations`), as in real reports (issue 8); it was drawn "-".
                assert not any(re.search("(?<![a-z])\ufffe", line) for line in lines)
                drawn = [line.replace("\ufffe", "-") for line in lines]
                "\n".join(drawn).encode("cp1252")  # raises on anything a standard font cannot carry
                assert "\ufffd" not in "".join(lines) and "■" not in "".join(lines)


def test_prose_has_hyphenated_line_ends_and_tables_none(manifests: dict[str, dict[str, Any]]) -> None:
    """Real reports hyphenate justified prose; the samples do too (forewords, board narratives),
    never inside a table or a highlight the parsers read."""
    for document_type in ("annual_report", "vftc_board_report"):
        entry = _file(manifests, document_type, 2019)
        lines = [line for page in page_lines(SOURCES / entry["path"]) for line in page]
        assert sum(line.count("\ufffe") for line in lines) >= 3, entry["path"]


# --------------------------------------------------------------------------------------------
# Tables: found, complete, adding up, with declared wordings
# --------------------------------------------------------------------------------------------


def test_every_table_reads_back_and_adds_up(manifests: dict[str, dict[str, Any]]) -> None:
    tables = 0
    for entry in _files(manifests):
        if entry["format"] != "pdf":
            continue
        for table in entry["tables"]:
            if table.get("ignored"):
                continue
            read = read_table(SOURCES / entry["path"], table)
            kinds = Counter(kind for kind, _ in read.rows)
            assert kinds["data"] == table["data_rows"], (entry["path"], table["heading"])
            assert kinds["subtotal"] == table["subtotal_rows"]
            assert kinds["total"] == table["total_rows"]
            table_id = table["table_id"]
            if table_id in AMOUNT_COLUMNS:
                totals = check_adds_up(read, table_id)
                names = _canonical(table_id)
                assert {names[c]: v for c, v in totals.items()} == table["total"]
            elif table_id == "fund_statement":
                values = [amount(cells[1]) for cells in read.data()]
                assert [cells[0] for cells in read.data()] == [label for label, _ in docs.STATEMENT_ITEMS]
                opening, contributions, other, income, expenditure, closing = values
                assert contributions + other == income
                assert opening + income - expenditure == closing
                assert dict(zip((k for _, k in docs.STATEMENT_ITEMS), values, strict=True)) == table["values"]
            elif table_id == "funding_at_a_glance":
                assert [cells[0] for cells in read.data()] == [label for label, _, _ in docs.GLANCE_ITEMS]
            tables += 1
    assert tables > 500


def test_long_tables_break_across_pages_with_the_header_repeated(
    manifests: dict[str, dict[str, Any]],
) -> None:
    broken: Counter[str] = Counter()
    suffixes: set[str | None] = set()
    for entry in _files(manifests):
        for table in entry["tables"]:
            if len(table.get("pages", [])) > 1:
                broken[table["table_id"]] += 1
                suffixes.add(table["continued_suffix"])
    # read_table (above) checked each continuation page; here: it happens, in every kind of year.
    assert broken["contributions_by_donor"] == len(YEARS)
    assert broken["field_expenditure"] >= len(YEARS) - 2
    assert broken["assistance_activities"] >= len(YEARS)
    assert suffixes >= {None, *docs.CONTINUED_SUFFIXES}


def test_header_wordings_and_headings_are_declared(manifests: dict[str, dict[str, Any]]) -> None:
    used: dict[str, set[tuple[str, ...]]] = {}
    headings: dict[str, set[str]] = {}
    for entry in _files(manifests):
        for table in entry["tables"]:
            table_id = table["table_id"]
            if table.get("ignored"):
                assert table["heading"] in docs.IGNORED_TABLE_HEADINGS
                continue
            wordings = docs.HEADER_WORDINGS[table_id]
            assert len(table["header"]) == len(wordings)
            for cell, (column, options) in zip(table["header"], wordings.items(), strict=True):
                assert cell in options, f"{entry['path']}: {cell!r} is not a declared wording of {column}"
            used.setdefault(table_id, set()).add(tuple(table["header"]))
            if "heading" not in table:
                continue  # workbook sheets have no heading line
            heading = table["heading"]
            if table_id == "assistance_activities":
                assert resolve_country(heading).iso3 == table["country_iso3"]
            else:
                assert heading in docs.TABLE_HEADINGS[table_id], heading
                headings.setdefault(table_id, set()).add(heading)
    for table_id, wordings in docs.HEADER_WORDINGS.items():
        # Every declared wording is used, and each table shows at least three header rows.
        assert len(used[table_id]) >= 3, table_id
        for i, options in enumerate(wordings.values()):
            assert {header[i] for header in used[table_id]} == set(options), table_id
    for table_id, declared in docs.TABLE_HEADINGS.items():
        assert headings.get(table_id, set()) == set(declared), table_id


def test_cells_are_separated_by_at_least_two_spaces(manifests: dict[str, dict[str, Any]]) -> None:
    """What the parser relies on: with the no-break space read as a space, cells are two or
    more spaces apart (pypdfium2 never merges the separator's no-break space)."""
    checked = 0
    for year in (2012, 2016, 2019, 2023):
        for document_type in ("annual_report", *BOARD_REPORTS, "appeal"):
            entry = _file(manifests, document_type, year)
            for table in entry["tables"][:6]:
                read = read_table(SOURCES / entry["path"], table)
                lines = page_lines(SOURCES / entry["path"])[table["pages"][0] - 1]
                header_line = lines[lines.index(SEP.join(table["header"]))]
                spaced = header_line.replace("\u00a0", " ")
                assert re.split(r" {2,}", spaced) == list(table["header"])
                for _, cells in read.rows:
                    text = SEP.join(cells).replace("\u00a0", " ")
                    assert [c.strip() for c in re.split(r" {2,}", text)] == [c for c in cells if c]
                    assert text.count(" ") >= 2 * (len(cells) - 1)
                checked += 1
    assert checked >= 40


# --------------------------------------------------------------------------------------------
# Published figures, on the right tables
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def published() -> list[dict[str, str]]:
    path = require_reference(SHARED_REFERENCE / "published_figures.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_projects_published_figures_are_the_published_record(published: list[dict[str, str]]) -> None:
    """samples/data/published_figures.csv is the project's data; the oracle checks it, row for row."""
    path = REPO / "samples" / "data" / "published_figures.csv"
    assert path == DEFAULT_PUBLISHED_FIGURES
    with path.open(encoding="utf-8", newline="") as handle:
        own = list(csv.DictReader(handle))
    assert own == published, f"{path} differs from the published record in ../shared/reference"


def _published(rows: list[dict[str, str]], scope: str, metric: str, status: str = "final") -> dict[int, int]:
    return {
        int(r["period"]): round(float(r["value"]))
        for r in rows
        if r["scope"] == scope
        and r["metric"] == metric
        and r["status"] == status
        and r["period"] in map(str, YEARS)
    }


def _glance(entry: dict[str, Any]) -> dict[str, str]:
    read = _read(entry, "funding_at_a_glance")
    return {cells[0]: cells[1] for cells in read.data()}


def test_published_ohchr_figures_are_in_the_reports(
    manifests: dict[str, dict[str, Any]], published: list[dict[str, str]]
) -> None:
    voluntary = _published(published, "OHCHR", "voluntary_contributions")
    assert voluntary[2012] == 111_100_000 and voluntary[2019] == 179_000_000
    for year, value in voluntary.items():
        entry = _file(manifests, "annual_report", year)
        assert _glance(entry)["Voluntary contributions received (USD)"] == f"{value:,}"
        donors = _read(entry, "contributions_by_donor")
        assert amount(donors.total()[2]) == value  # Paid column total = the published figure
    for year, value in _published(published, "OHCHR", "donors").items():
        entry = _file(manifests, "annual_report", year)
        assert _glance(entry)["Number of donors"] == str(value)
        assert len(_read(entry, "contributions_by_donor").data()) == value
    for year, value in _published(published, "OHCHR", "non_state_donors").items():
        read = _read(_file(manifests, "annual_report", year), "contributions_by_donor")
        assert sum(_donor_code(cells[0]) in set(DONOR_LABELS.values()) for cells in read.data()) == value
    for year, value in _published(published, "OHCHR", "regular_budget").items():
        assert _glance(_file(manifests, "annual_report", year))["Regular budget (USD)"] == f"{value:,}"
    assert _glance(_file(manifests, "annual_report", 2019))["Of which Member States"] == "66"
    assert _glance(_file(manifests, "annual_report", 2023))["Of which Member States"] == "71"
    assert _file(manifests, "annual_report", 2019)["as_of"] == "2020-06-15"

    # The Appeal 2020 carries the provisional 2019 figures.
    appeal = _file(manifests, "appeal", 2019)
    assert appeal["path"].endswith("human_rights_appeal_2020.pdf")
    assert (appeal["status"], appeal["as_of"]) == ("provisional", "2020-01-15")
    provisional = _published(published, "OHCHR", "voluntary_contributions", "provisional")
    glance = _glance(appeal)
    assert glance["Voluntary contributions received (USD)"] == f"{provisional[2019]:,}" == "172,100,000"
    assert glance["Number of donors"] == "78" and glance["Of which Member States"] == "63"


def test_published_donor_rows_are_in_the_donor_tables(
    manifests: dict[str, dict[str, Any]], published: list[dict[str, str]]
) -> None:
    rows = [
        r
        for r in published
        if r["metric"].startswith("contribution_by_donor:") and r["period"] in map(str, YEARS)
    ]
    assert len(rows) >= 9
    for r in rows:
        year = int(r["period"])
        code = _donor_code(r["metric"].split(":", 1)[1])
        read = _read(_file(manifests, "annual_report", year), "contributions_by_donor")
        paid = [amount(cells[2]) for cells in read.data() if _donor_code(cells[0]) == code]
        assert paid == [round(float(r["value"]))], (year, code)
    read = _read(_file(manifests, "annual_report", 2025), "contributions_by_donor")
    assert "USA" not in {_donor_code(cells[0]) for cells in read.data()}  # "zero in 2025"


def test_published_vftc_figures_and_cross_source_consistency(
    manifests: dict[str, dict[str, Any]], published: list[dict[str, str]]
) -> None:
    received = _published(published, "VFTC", "contributions_received")
    spent = _published(published, "VFTC", "total_expenditure")
    assert received == {2019: 17_208_002, 2020: 23_266_101}
    assert spent == {2019: 15_498_086, 2020: 15_943_243}
    differences = {}
    for year in YEARS:
        board = _file(manifests, "vftc_board_report", year)
        statement = {cells[0]: amount(cells[1]) for cells in _read(board, "fund_statement").data()}
        donor_sum = amount(_read(board, "board_contributions").total()[1])
        assert donor_sum == statement["Contributions received"]
        funds = _read(_file(manifests, "annual_report", year), "fund_contributions")
        vftc = [cells for cells in funds.data() if FUND_LABELS[cells[0]] == "VFTC"]
        assert len(vftc) == 1
        annual_in, annual_out = amount(vftc[0][1]), amount(vftc[0][2])
        assert annual_out == statement["Total expenditure"]
        if annual_in != statement["Contributions received"]:
            differences[year] = annual_in - statement["Contributions received"]
        if year in received:
            assert statement["Contributions received"] == annual_in == received[year]
            assert statement["Total expenditure"] == spent[year]
        # UPR funds: the annual report and each UPR fund's own report agree every year.
        for code in ("VFFTA", "UPR_PARTICIPATION"):
            upr = _file(manifests, docs.BOARD_DOCUMENT_TYPES[code], year)
            upr_statement = {
                cells[0]: amount(cells[1]) for cells in _read(upr, "fund_statement", fund_code=code).data()
            }
            row = next(cells for cells in funds.data() if FUND_LABELS[cells[0]] == code)
            assert amount(row[1]) == upr_statement["Contributions received"]
            assert amount(row[2]) == upr_statement["Total expenditure"]
    planted = docs.PLANTED_DIFFERENCE
    assert differences == {planted["year"]: planted["annual_report_minus_board_report"]}
    for family in FAMILIES:
        listed = manifests[family]["cross_source"]["planted_differences"]
        assert [(d["year"], d["fund_code"], d["annual_report_minus_board_report"]) for d in listed] == [
            (2017, "VFTC", 5_000)
        ]


def test_fund_balances_chain_from_year_to_year(manifests: dict[str, dict[str, Any]]) -> None:
    closing: dict[str, int] = {}
    for year in YEARS:
        for code, document_type in docs.BOARD_DOCUMENT_TYPES.items():
            entry = _file(manifests, document_type, year)
            statement = {
                cells[0]: amount(cells[1]) for cells in _read(entry, "fund_statement", fund_code=code).data()
            }
            if code in closing:
                assert statement["Opening balance"] == closing[code], (year, code)
            assert statement["Closing balance"] >= 0
            closing[code] = statement["Closing balance"]


# --------------------------------------------------------------------------------------------
# Names, labels and the ground truth
# --------------------------------------------------------------------------------------------


def test_every_state_and_donor_name_resolves(manifests: dict[str, dict[str, Any]]) -> None:
    names = 0
    for entry in _files(manifests):
        if entry["format"] != "pdf":
            continue
        for table in entry["tables"]:
            if table.get("ignored"):
                continue
            table_id = table["table_id"]
            read = read_table(SOURCES / entry["path"], table)
            if table_id in ("contributions_by_donor", "board_contributions"):
                for cells in read.data():
                    assert _donor_code(cells[0]) == table["donor_codes"][cells[0]], cells[0]
                    names += 1
            elif table_id == "board_projects":
                for cells in read.data():
                    match = resolve_country(cells[0])
                    assert match.iso3 in table["countries"], (cells[0], match.reason)
                    names += 1
            elif table_id == "field_expenditure":
                for cells in read.data():
                    presence = next(p for p in dd.FIELD_PRESENCES if p.name == cells[0])
                    assert (resolve_country(cells[2]).iso3 if cells[2] else None) == presence.iso3, cells
                    assert cells[1] == presence.type
                    names += 1
    assert names > 2_000


def test_donor_seeds_cover_every_non_state_donor() -> None:
    donors = _seed("donors.csv")
    codes = [r["donor_code"] for r in donors]
    assert len(codes) == len(set(codes))
    # True types (issue 8): the generator's donor groups agree with the seed's types.
    group_types = {
        "intergovernmental": {"intergovernmental_organisation", "international_financial_institution"},
        "un_entity": {"un_entity"},
        "foundation": {"foundation"},
        "private": {"private_sector", "individual_other"},
    }
    seed_type = {r["donor_code"]: r["donor_type"] for r in donors}
    for donor in dd.NON_STATE_DONORS:
        assert seed_type[donor.code] in group_types[donor.kind], donor.code
    labels = _seed("donor_labels.csv")
    assert len({r["label"] for r in labels}) == len(labels)
    assert {r["donor_code"] for r in labels} == set(codes)
    assert {r["language"] for r in labels} <= {"en", "fr", "es"}
    # The seed knows every donor the samples print (and more, from real UN donor tables).
    assert {(d.code, d.name) for d in dd.NON_STATE_DONORS} <= {
        (r["donor_code"], r["donor_name"]) for r in donors
    }
    assert {(label, d.code, lang) for d in dd.NON_STATE_DONORS for label, lang in d.labels} <= {
        (r["label"], r["donor_code"], r["language"]) for r in labels
    }
    for r in labels:
        assert resolve_country(r["label"]).iso3 is None, f"donor label {r['label']!r} reads as a country"
    for provider in dd.UN_ENTITY_PROVIDERS:
        assert provider in DONOR_LABELS


def test_activity_tables_use_seed_labels_and_known_providers(manifests: dict[str, dict[str, Any]]) -> None:
    counts = {
        (r["year"], r["country_iso3"]): r
        for r in manifests[docs.ANNUAL_DIR]["expected"]["assistance_activities"]["by_country_year"]
    }
    for entry in _files(manifests, "annual_report"):
        presences = {cells[0] for cells in _read(entry, "field_expenditure").data()}
        seen = set()
        for table in entry["tables"]:
            if table["table_id"] != "assistance_activities":
                continue
            iso3 = table["country_iso3"]
            seen.add(iso3)
            rows = read_table(SOURCES / entry["path"], table).data()
            expected = counts[(entry["year"], iso3)]
            assert len(rows) == expected["activities"]
            assert sum(int(cells[6]) for cells in rows) == expected["upr_recommendations_addressed"]
            assert Counter(FUND_LABELS[cells[5]] for cells in rows) == Counter(expected["by_fund"])
            assert Counter(AREA_LABELS[cells[1]] for cells in rows) == Counter(expected["by_thematic_area"])
            for cells in rows:
                provider = cells[3]
                assert (
                    provider == dd.HEADQUARTERS_PROVIDER or provider in presences or provider in DONOR_LABELS
                )
        assert seen >= set(docs.SENTINEL_COUNTRIES)
        assert 28 <= len(seen) <= 40


def test_vftc_projects_overlap_with_annual_report_activities(manifests: dict[str, dict[str, Any]]) -> None:
    for year in YEARS:
        projects = _table(_file(manifests, "vftc_board_report", year), "board_projects")["countries"]
        annual = _file(manifests, "annual_report", year)
        with_vftc = set()
        for table in annual["tables"]:
            if table["table_id"] == "assistance_activities":
                rows = read_table(SOURCES / annual["path"], table).data()
                if any(FUND_LABELS[cells[5]] == "VFTC" for cells in rows):
                    with_vftc.add(table["country_iso3"])
        assert set(projects) <= with_vftc, year


def test_highlights_section(manifests: dict[str, dict[str, Any]]) -> None:
    expected = {r["year"]: r for r in manifests[docs.ANNUAL_DIR]["expected"]["highlights"]}
    labels = set(docs.HIGHLIGHT_LABELS.values())
    for entry in _files(manifests, "annual_report"):
        lines = [line for page in page_lines(SOURCES / entry["path"]) for line in page]
        found: Counter[str] = Counter()
        for i, line in enumerate(lines):
            if line in labels:
                kind = next(k for k, v in docs.HIGHLIGHT_LABELS.items() if v == line)
                found[kind] += 1
                assert lines[i + 1].startswith("Country: ") and resolve_country(lines[i + 1][9:]).iso3
                assert lines[i + 2].startswith("Area: ") and lines[i + 2][6:] in AREA_LABELS
        year = expected[entry["year"]]
        assert dict(found) == {k: year[k] for k in docs.HIGHLIGHT_LABELS}
        assert sum(found.values()) == year["total"] == len(year["items"])


def test_chapter_order_and_titles_vary(manifests: dict[str, dict[str, Any]]) -> None:
    orders = set()
    for entry in _files(manifests, "annual_report"):
        lines = [line for page in page_lines(SOURCES / entry["path"])[1:] for line in page]
        titles = entry["layout"]["chapter_titles"]
        positions = [lines.index(titles[chapter]) for chapter in entry["layout"]["chapter_order"]]
        assert positions == sorted(positions)
        for chapter, title in titles.items():
            assert title in docs.CHAPTER_TITLES[chapter]
        orders.add(tuple(entry["layout"]["chapter_order"]))
    assert len(orders) == 3


# --------------------------------------------------------------------------------------------
# Funding annexes (XLSX)
# --------------------------------------------------------------------------------------------


def test_funding_annexes_match_the_reports(manifests: dict[str, dict[str, Any]]) -> None:
    header_rows = set()
    for entry in _files(manifests, "funding_annex"):
        workbook = CalamineWorkbook.from_path(str(SOURCES / entry["path"]))
        assert workbook.sheet_names == list(docs.ANNEX_SHEETS)
        report = _file(manifests, "annual_report", entry["year"])
        for table in entry["tables"]:
            rows = workbook.get_sheet_by_name(table["sheet"]).to_python()
            header_at = table["header_row"] - 1
            header_rows.add(table["header_row"])
            assert all(not any(str(c).strip() for c in row) for row in rows[1:header_at])  # blank rows only
            assert tuple(rows[header_at]) == tuple(table["header"])
            body = rows[header_at + 1 :]
            read = ReadTable(
                table["sheet"],
                tuple(table["header"]),
                [(_kind(str(r[0]), table["table_id"]), tuple(_xlsx_cell(c) for c in r)) for r in body],
                [],
            )
            totals = check_adds_up(read, table["table_id"])
            names = _canonical(table["table_id"])
            assert {names[c]: v for c, v in totals.items()} == table["total"]
            # The same figures as the PDF of the same year.
            assert _table(report, table["table_id"])["total"] == table["total"]
            if table["table_id"] == "contributions_by_donor":
                pdf_paid = {
                    _donor_code(cells[0]): amount(cells[2])
                    for cells in _read(report, "contributions_by_donor").data()
                }
                assert {_donor_code(str(r[0])): amount(r[2]) for r in read.data()} == pdf_paid
    assert header_rows >= {1, 2}


def _xlsx_cell(value: Any) -> str:
    if isinstance(value, float):
        assert value == int(value)
        return "-" if value == 0 else f"{int(value):,}"
    return str(value)


# --------------------------------------------------------------------------------------------
# Ground truth in the manifests
# --------------------------------------------------------------------------------------------


def test_manifest_ground_truth_matches_the_tables(manifests: dict[str, dict[str, Any]]) -> None:
    expected = manifests[docs.ANNUAL_DIR]["expected"]
    for row in expected["funding_summary"]:
        entry = _file(manifests, row["document_type"], row["year"])
        glance = _glance(entry)
        value = row["value"]
        text = (
            f"{value:.1f}"
            if row["unit"] == "percent"
            else (f"{value:,}" if row["unit"] == "USD" else str(value))
        )
        assert glance[row["row_label"]] == text
        assert (entry["status"], entry["as_of"]) == (row["figure_status"], row["as_of"])
    for row in expected["contributions_sentinel_donors"]:
        read = _read(_file(manifests, "annual_report", row["year"]), "contributions_by_donor")
        found = [cells for cells in read.data() if _donor_code(cells[0]) == row["donor_code"]]
        assert bool(found) == row["present"]
        if found:
            got = [amount(c) for c in found[0][1:]]
            assert got == [row["pledged_usd"], row["paid_usd"], row["unearmarked_usd"], row["earmarked_usd"]]
    board = manifests[docs.BOARD_DIR]["expected"]
    for row in board["contributions_sentinel_donors"]:
        document_type = docs.BOARD_DOCUMENT_TYPES[row["fund_code"]]
        read = _read(
            _file(manifests, document_type, row["year"]), "board_contributions", fund_code=row["fund_code"]
        )
        found = [amount(cells[1]) for cells in read.data() if _donor_code(cells[0]) == row["donor_code"]]
        assert found == ([row["amount_usd"]] if row["amount_usd"] is not None else [])
    for row in board["board_projects"]:
        document_type = docs.BOARD_DOCUMENT_TYPES[row["fund_code"]]
        read = _read(
            _file(manifests, document_type, row["year"]), "board_projects", fund_code=row["fund_code"]
        )
        assert len(read.data()) == row["projects"]
        assert amount(read.total()[4]) == row["total_usd"]
        by_country: Counter[str] = Counter()
        for cells in read.data():
            by_country[str(resolve_country(cells[0]).iso3)] += amount(cells[4])
        assert dict(by_country) == row["by_country"]
    used = [r for r in manifests[docs.ANNUAL_DIR]["published_figures_used"] if r["used"]]
    assert {(r["scope"], r["metric"]) for r in used} >= {
        ("VFTC", "contributions_received"),
        ("VFTC", "total_expenditure"),
        ("OHCHR", "voluntary_contributions"),
        ("OHCHR", "donors"),
        ("OHCHR", "regular_budget"),
    }


# --------------------------------------------------------------------------------------------
# Helpers for bad documents, and failure without the published figures
# --------------------------------------------------------------------------------------------


def test_write_annual_report_can_break_a_total(tmp_path: Path) -> None:
    require_reference(SHARED_REFERENCE / "published_figures.csv")
    good = docs.write_annual_report(tmp_path / "good.pdf", 2019)
    assert (tmp_path / "good.pdf").read_bytes() == (
        SOURCES / docs.ANNUAL_DIR / "ohchr_report_2019.pdf"
    ).read_bytes()
    bad = docs.write_annual_report(tmp_path / "bad.pdf", 2019, break_total=True)
    table = next(t for t in bad["tables"] if t["table_id"] == "contributions_by_donor")
    assert table["printed_total_differs_by"] == {"paid_usd": 1_000}
    read = read_table(tmp_path / "bad.pdf", table)
    with pytest.raises(AssertionError, match="total"):
        check_adds_up(read, "contributions_by_donor")
    for other in bad["tables"]:  # everything else still adds up
        if other["table_id"] in AMOUNT_COLUMNS and other["table_id"] != "contributions_by_donor":
            check_adds_up(read_table(tmp_path / "bad.pdf", other), other["table_id"])
    assert good["sha256"] != bad["sha256"]
    board = docs.write_vftc_board_report(tmp_path / "vftc.pdf", 2019, break_total="board_contributions")
    table = next(t for t in board["tables"] if t["table_id"] == "board_contributions")
    with pytest.raises(AssertionError, match="total"):
        check_adds_up(read_table(tmp_path / "vftc.pdf", table), "board_contributions")


def test_truncated_copy_cannot_be_opened(tmp_path: Path) -> None:
    source = SOURCES / docs.ANNUAL_DIR / "ohchr_report_2019.pdf"
    target = docs.truncate_copy(source, tmp_path / "truncated.pdf", 0.6)
    assert target.stat().st_size == int(source.stat().st_size * 0.6)
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(target)


def test_generation_fails_clearly_without_published_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "nowhere" / "published_figures.csv"
    monkeypatch.setenv(docs.PUBLISHED_FIGURES_ENV, str(missing))
    with pytest.raises(FileNotFoundError, match=r"published figures not found at .*published_figures\.csv"):
        docs.generate_documents(tmp_path / "out")
    assert not (tmp_path / "out").exists()
