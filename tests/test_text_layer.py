"""The text layer under the parsers (issue 8 section 2): characters as printed, hyphenation
decided by the document's own words, page furniture removed, on the real documents in
../shared/reference."""

from __future__ import annotations

import re

from pipelines.ingest import pdf
from pipelines.ingest.text.prose import (
    ProseLine,
    body_lines,
    is_furniture,
    join_lines,
    normalize_chars,
    read_prose,
    vocabulary,
)
from tests.conftest import SHARED_REFERENCE, require_reference

FURNITURE_LINE = re.compile(r"^\s*(?:A/HRC/\d+/\d+|GE\.\d{2}-\d{5}.*|Page \d+|\d{1,3})\s*$")


def test_special_characters_as_printed() -> None:
    assert normalize_chars("Secretary\u2011General") == "Secretary-General"
    assert normalize_chars("US$\u00a01\u202f234\u2009567") == "US$ 1 234 567"
    assert normalize_chars("imple\u00admentation") == "implementation"
    assert normalize_chars("implemen\u00ad") == "implemen-"
    assert normalize_chars("recommendations\u2217\u2217") == "recommendations**"


def test_hyphenation_joined_or_kept_as_the_word_needs() -> None:
    words = vocabulary([ProseLine(1, "the implementation of the plan")])

    def joined(*lines: str) -> str:
        return join_lines([ProseLine(1, line) for line in lines], words)

    assert joined("its implemen-", "tation plan") == "its implementation plan"
    assert joined("Guinea-", "Bissau and") == "Guinea-Bissau and"  # capitalized: a compound
    assert joined("and non-", "discrimination") == "and non-discrimination"  # prefix
    assert joined("a follow-", "up mechanism") == "a follow-up mechanism"
    assert joined("the two", "lines") == "the two lines"
    # PDFium's U+FFFE: a hyphen at the end of a visual line, at a line end or mid-line.
    assert joined("Guinea\ufffe", "Bissau") == "Guinea-Bissau"
    assert joined("Guinea\ufffeBissau and") == "Guinea-Bissau and"
    assert joined("COVID\ufffe19 responses") == "COVID-19 responses"
    assert joined("the partic\ufffeipants") == "the participants"
    assert joined("ill\ufffetreatment in") == "ill-treatment in"
    assert joined("the implemen\ufffe", "tation") == "the implementation"


def test_page_furniture() -> None:
    for line in ("A/HRC/21/13", "GE.12-14978 3", "4 GE.12-14978", "Page 15", "GE.19-01520(E)", " 12 "):
        assert is_furniture(line), line
    for line in ("129.1 Ratify OP-CAT (Slovenia);", "Total 1,234", "II. Conclusions"):
        assert not is_furniture(line), line
    lines = body_lines(3, "A/HRC/8/39\r\nPage 3\r\n1. Text of the paragraph\r\n______\r\n1 A footnote\r\n")
    assert [line.text for line in lines] == ["1. Text of the paragraph"]


def test_old_import_path_still_works() -> None:
    from pipelines.ingest.text.extract import read_pdf
    from pipelines.ingest.text.table_finder import find_tables

    assert pdf.read_pdf is read_pdf and pdf.find_tables is find_tables


def test_no_u_fffe_or_furniture_in_the_real_documents() -> None:
    """Every page of the real documents as prose: no U+FFFE, no line that is only a symbol,
    a job number or a page number (one report of each year, and the 2020 OHCHR excerpt)."""
    reports = require_reference(SHARED_REFERENCE / "upr" / "reports")
    excerpt = require_reference(SHARED_REFERENCE / "real_documents" / "ohchr_report_2020_excerpt.pdf")
    files = [excerpt] + [sorted(reports.glob(f"*{year}.pdf"))[0] for year in range(2008, 2015)]
    for file in files:
        pages = [body_lines(number, raw) for number, raw in read_prose(file)]
        words = vocabulary(line for lines in pages for line in lines)
        assert sum(map(len, pages)) > 100, file.name
        for lines in pages:
            for line in lines:
                assert not FURNITURE_LINE.match(line.text), (file.name, line.page, line.text)
            text = join_lines(lines, words)
            assert "\ufffe" not in text, (file.name, text)
        if file == excerpt:
            text = " ".join(join_lines(lines, words) for lines in pages)
            for word in ("institutionalized", "elaboration", "participants", "COVID-19", "challenges"):
                assert word in text, word


def _excerpt_page(number: int) -> list[list[object]]:
    from pipelines.ingest.text.columns import read_columns

    excerpt = require_reference(SHARED_REFERENCE / "real_documents" / "ohchr_report_2020_excerpt.pdf")
    return read_columns(excerpt)[number - 1]


def test_key_facts_panel_as_label_value_pairs() -> None:
    from pipelines.ingest.text.columns import label_value_pairs

    pairs = dict(label_value_pairs(_excerpt_page(2)))
    assert pairs == {
        "Population size": "145.93 million",
        "Surface area": "17,098,000 km",
        "Human Development Index": "0.824 (rank: 52/189 in 2019)",
        "NHRI (if applicable)": "“A” Status (2014)",
        "Type of engagement": "Human rights staff (Other type of field presence)",
        "Year established": "2008",
        "Field office(s)": "Moscow",
        "UN partnership framework": "-",
        "Staff as of 31 December 2020": "5",
        "XB requirements 2020": "US$1,014,000",
    }


def test_columns_in_reading_order() -> None:
    """Page 401 of the 2020 report: the panel, then the left column, the middle one and the
    right one (which continues the middle column's last sentence), as a reader reads them."""
    blocks = _excerpt_page(2)
    lines = [ProseLine(2, segment.text) for block in blocks for segment in block]  # type: ignore[attr-defined]
    text = join_lines(lines, vocabulary(lines))
    order = [
        "XB requirements 2020",
        "P6 – Human rights higher education programmes expanded and institutionalized",
        "States countries. OHCHR contributed to improving the narrative",
        "provided expert advice to the authors of three new and four updated textbooks",
        "webinars and events that focused on the human rights of ethnic minorities",
        "in-person meetings are eased. Development D2 – Business actors",
    ]
    positions = [text.find(part) for part in order]
    assert -1 not in positions, [part for part, at in zip(order, positions, strict=True) if at < 0]
    assert positions == sorted(positions)
