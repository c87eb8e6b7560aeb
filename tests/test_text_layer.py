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
    assert normalize_chars("Guinea\ufffeBissau") == "Guinea-Bissau"
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
    """Every body line of the real documents: no U+FFFE, no line that is only a symbol, a job
    number or a page number (one report of each year, and the 2020 OHCHR excerpt)."""
    reports = require_reference(SHARED_REFERENCE / "upr" / "reports")
    excerpt = require_reference(SHARED_REFERENCE / "real_documents" / "ohchr_report_2020_excerpt.pdf")
    files = [excerpt] + [sorted(reports.glob(f"*{year}.pdf"))[0] for year in range(2008, 2015)]
    for file in files:
        count = 0
        for number, raw in read_prose(file):
            for line in body_lines(number, raw):
                count += 1
                assert "\ufffe" not in line.text, (file.name, number, line.text)
                assert not FURNITURE_LINE.match(line.text), (file.name, number, line.text)
        assert count > 100, file.name
