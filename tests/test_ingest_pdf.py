"""The PDF engine on small PDFs that reportlab builds here: cells from pypdfium2's text, tables
found by heading and header synonyms across page breaks, sub-totals and totals, amounts."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest

from pipelines.ingest import pdf
from pipelines.ingest.layouts import CONTRIBUTIONS_BY_DONOR, FIELD_EXPENDITURE
from pipelines.ingest.pdf import (
    UnreadableSourceError,
    find_tables,
    parse_amount,
    read_pdf,
    reconcile,
    split_cells,
    strip_furniture,
)

# ----------------------------------------------------------------------------- building PDFs

Block = tuple[str, object]


def build_pdf(
    path: Path,
    blocks: Sequence[Block],
    *,
    title: str = "OHCHR Report 2019",
    symbol: str = "A/HRC/43/3",
    as_of: str = "2020-06-15",
    first_page: bool = True,
    cover: Sequence[str] = (),
) -> Path:
    """A text PDF like the sample documents: A4, page header with title and symbol, page number
    footer, the first page as UN documents print it: the title, `cover` lines (a distribution
    block, a session...) and the document's date on a line of its own. Blocks: ("heading",
    text), ("para", text), ("table", rows) with the header as first row (repeated on continuation pages),
    ("pagebreak", None)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()

    def furniture(canvas: object, document: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont("Helvetica", 8)  # type: ignore[attr-defined]
        canvas.drawString(56, 810, title)  # type: ignore[attr-defined]
        canvas.drawRightString(540, 810, symbol)  # type: ignore[attr-defined]
        canvas.drawCentredString(297, 30, str(document.page))  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]

    story: list[object] = []
    if first_page:
        import datetime as dt

        story.append(Paragraph(title, styles["Title"]))
        date = dt.date.fromisoformat(as_of) if as_of else None
        for line in (*cover, f"{date.day} {date:%B %Y}" if date else ""):
            story.append(Paragraph(line, styles["Normal"]))
        story.append(Spacer(1, 12))
    for kind, content in blocks:
        if kind == "heading":
            story.append(Paragraph(str(content), styles["Heading2"]))
        elif kind == "para":
            story.append(Paragraph(str(content), styles["Normal"]))
        elif kind == "pagebreak":
            story.append(PageBreak())
        elif kind == "wrapped_table":
            # First column 90 pt wide, as Paragraphs: long names wrap onto a second line.
            cell = styles["Normal"].clone("cell", fontSize=8, leading=9.6)
            rows = [[Paragraph(r[0], cell), *r[1:]] for r in content]  # type: ignore[union-attr]
            table = Table(rows, repeatRows=1, colWidths=[90] + [70] * (len(rows[0]) - 1))
            table.setStyle(
                TableStyle(
                    [
                        ("FONTSIZE", (0, 0), (-1, -1), 8),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                    ]
                )
            )
            story.append(table)
        elif kind == "table":
            rows = [list(r) for r in content]  # type: ignore[union-attr]
            # Columns as wide as their widest cell plus reportlab's padding: no cell overflows
            # into its neighbour, as in a real report.
            widths = [
                max(stringWidth(str(row[i]), "Helvetica", 8) for row in rows) + 14
                for i in range(len(rows[0]))
            ]
            table = Table(rows, repeatRows=1, colWidths=widths)
            table.setStyle(
                TableStyle(
                    [
                        ("FONTSIZE", (0, 0), (-1, -1), 8),
                        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                        ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                    ]
                )
            )
            story.append(table)
            story.append(Spacer(1, 10))
    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path


DONOR_HEADER = ["Donor", "Pledged (USD)", "Paid (USD)", "Unearmarked (USD)", "Earmarked (USD)"]


def donor_rows(regions: int = 3, per_region: int = 25, break_total: int = 0) -> list[list[str]]:
    """Rows grouped by region with sub-totals and a total; `break_total` is added to the
    printed total so that it does not add up."""
    states = ["Kenya", "Norway", "Côte d’Ivoire", "Venezuela (Bolivarian Republic of)", "Türkiye", "Suède"]
    rows = [DONOR_HEADER]
    grand = [0, 0, 0, 0]
    for region in range(regions):
        sub = [0, 0, 0, 0]
        for i in range(per_region):
            values = [1000 * (i + 1) + region, 900 * (i + 1), 100 * i, 900 * (i + 1) - 100 * i]
            sub = [a + b for a, b in zip(sub, values, strict=True)]
            rows.append([states[(i + region) % len(states)], *[f"{v:,}" for v in values]])
        grand = [a + b for a, b in zip(grand, sub, strict=True)]
        rows.append([f"Sub-total region {region + 1}", *[f"{v:,}" for v in sub]])
    grand[1] += break_total
    rows.append(["Total", *[f"{v:,}" for v in grand]])
    return rows


def body(path: Path) -> list[list[pdf.Line]]:
    text = read_pdf(path)
    specs = [CONTRIBUTIONS_BY_DONOR.spec(), FIELD_EXPENDITURE.spec()]
    return strip_furniture(
        text.pages,
        keep=lambda line: any(pdf.header_positions([c.text for c in line.cells], s) for s in specs),
        marks=["A/HRC/43/3"],
    )


# ----------------------------------------------------------------------------- tests


def test_amounts_as_reports_print_them() -> None:
    assert parse_amount("1,234,567") == Decimal(1234567)
    assert parse_amount("(12,345)") == Decimal(-12345)
    assert parse_amount("-") == Decimal(0)
    assert parse_amount("–") == Decimal(0)
    assert parse_amount("") is None
    assert parse_amount(None) is None
    assert parse_amount("1234567.5") == Decimal("1234567.5")
    assert parse_amount("-12,345") == Decimal(-12345)
    for bad in ("12,34", "1.234.567", "n/a", "12 345 USD", "1,2345"):
        with pytest.raises(ValueError):
            parse_amount(bad)


def test_split_cells_on_two_or_more_spaces() -> None:
    assert split_cells("Côte d'Ivoire  1,000   (200)") == ["Côte d'Ivoire", "1,000", "(200)"]
    assert split_cells("  one cell only ") == ["one cell only"]


def test_lines_keep_cells_apart_and_text_separates_them_by_two_spaces(tmp_path: Path) -> None:
    path = build_pdf(
        tmp_path / "cells.pdf",
        [
            ("heading", "Voluntary contributions by donor"),
            (
                "table",
                [DONOR_HEADER, ["Venezuela (Bolivarian Republic of)", "1,000", "900", "-", "(12,345)"]],
            ),
        ],
    )
    lines = [line for page in read_pdf(path).pages for line in page]
    row = next(line for line in lines if line.cells[0].text.startswith("Venezuela"))
    assert [c.text for c in row.cells] == [
        "Venezuela (Bolivarian Republic of)",
        "1,000",
        "900",
        "-",
        "(12,345)",
    ]
    assert split_cells(row.text) == [c.text for c in row.cells]
    # Words of one cell stay together; the page header's title and symbol are two cells.
    header = lines[0]
    assert [c.text for c in header.cells] == ["OHCHR Report 2019", "A/HRC/43/3"]


def test_unchecked_character_geometry_answers_as_pypdfium2_does(tmp_path: Path) -> None:
    """The text layer calls PDFium's character functions without ctypes' argument checks
    (`extract._char_geometry`): they must give what pypdfium2's declared functions give, so
    that a pypdfium2 whose signatures changed fails here rather than misplacing cells."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from pipelines.ingest.text.extract import _char_geometry

    path = build_pdf(tmp_path / "cells.pdf", [("table", [DONOR_HEADER, ["Kenya", "1,000", "900", "-", "5"]])])
    get_box, font_size, get_origin = _char_geometry()
    document = pdfium.PdfDocument(str(path))
    textpage = document[0].get_textpage()
    handle = ctypes.cast(textpage.raw, ctypes.c_void_p)
    checked, unchecked = pdfium_c.FS_RECTF(), pdfium_c.FS_RECTF()
    x, y, checked_x, checked_y = (ctypes.c_double() for _ in range(4))
    sides = ("left", "top", "right", "bottom")
    for index in range(pdfium_c.FPDFText_CountChars(textpage.raw)):
        pdfium_c.FPDFText_GetLooseCharBox(textpage.raw, index, checked)
        assert get_box(handle, index, ctypes.byref(unchecked)) == 1
        assert [getattr(unchecked, side) for side in sides] == [getattr(checked, side) for side in sides]
        assert font_size(handle, index) == pdfium_c.FPDFText_GetFontSize(textpage.raw, index)
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, index, checked_x, checked_y)
        assert get_origin(handle, index, ctypes.byref(x), ctypes.byref(y)) == 1
        assert (x.value, y.value) == (checked_x.value, checked_y.value)


def test_table_across_pages_with_repeated_header_subtotals_and_total(tmp_path: Path) -> None:
    rows = donor_rows()
    path = build_pdf(
        tmp_path / "long.pdf", [("heading", "Voluntary contributions by donor"), ("table", rows)]
    )
    assert read_pdf(path).page_count >= 2
    tables = find_tables(body(path), CONTRIBUTIONS_BY_DONOR.spec())
    assert len(tables) == 1
    table = tables[0]
    assert [r.kind for r in table.rows].count("subtotal") == 3
    assert table.rows[-1].kind == "total"
    assert len(table.data_rows) == 75
    assert [r.number for r in table.data_rows] == list(range(1, 76))
    assert len({r.page for r in table.rows}) >= 2
    assert table.data_rows[0].values["donor"] == "Kenya"
    assert reconcile(table, CONTRIBUTIONS_BY_DONOR.amounts, require_total=True) == []


def test_total_that_does_not_add_up_names_page_printed_and_computed(tmp_path: Path) -> None:
    path = build_pdf(
        tmp_path / "bad.pdf",
        [("heading", "Voluntary contributions by donor"), ("table", donor_rows(1, 5, break_total=67))],
    )
    (table,) = find_tables(body(path), CONTRIBUTIONS_BY_DONOR.spec())
    problems = reconcile(table, CONTRIBUTIONS_BY_DONOR.amounts, require_total=True)
    assert len(problems) == 1
    assert problems[0] == "total 'Total' on page 1: Paid (USD) printed 13,567, computed 13,500"


def test_continued_heading_and_empty_cells_placed_by_position(tmp_path: Path) -> None:
    header = ["Field presence", "Type", "Country", "Regular budget", "Extrabudgetary", "Total"]
    first = [header, ["OHCHR Kenya", "Country office", "Kenya", "100", "200", "300"]]
    second = [
        header,
        ["Regional Office for East Africa", "Regional office", "", "50", "-", "50"],
        ["Total", "", "", "150", "200", "350"],
    ]
    path = build_pdf(
        tmp_path / "continued.pdf",
        [
            ("heading", "Expenditure by field presence"),
            ("table", first),
            ("pagebreak", None),
            ("heading", "Expenditure by field presence (continued)"),
            ("table", second),
        ],
    )
    (table,) = find_tables(body(path), FIELD_EXPENDITURE.spec())
    assert [r.values["presence"] for r in table.data_rows] == [
        "OHCHR Kenya",
        "Regional Office for East Africa",
    ]
    regional = table.data_rows[1]
    assert regional.values["country"] is None
    assert regional.values["regular_budget"] == "50" and regional.values["extrabudgetary"] == "-"
    assert regional.page == 2 and regional.number == 2
    assert reconcile(table, FIELD_EXPENDITURE.amounts, require_total=True) == []


def test_group_labels_and_wrapped_cells_inside_a_table(tmp_path: Path) -> None:
    rows = [
        ["Donor", "Pledged", "Paid"],
        ["Western European and other States", "", ""],
        ["Norway", "10", "10"],
        ["United Kingdom of Great Britain and Northern Ireland", "20", "20"],
        ["Sub-total Western European and other States", "30", "30"],
        ["African States", "", ""],
        ["Kenya", "5", "5"],
        ["Sub-total African States", "5", "5"],
        ["Total", "35", "35"],
    ]
    path = build_pdf(
        tmp_path / "groups.pdf", [("heading", "Contributions by donor"), ("wrapped_table", rows)]
    )
    (table,) = find_tables(body(path), CONTRIBUTIONS_BY_DONOR.spec())
    assert [r.kind for r in table.rows] == [
        "group",
        "data",
        "data",
        "subtotal",
        "group",
        "data",
        "subtotal",
        "total",
    ]
    assert [r.values["donor"] for r in table.data_rows] == [
        "Norway",
        "United Kingdom of Great Britain and Northern Ireland",
        "Kenya",
    ]
    assert table.rows[3].label == "Sub-total Western European and other States"
    assert reconcile(table, ("pledged", "paid"), require_total=True) == []


def test_header_wordings_of_another_year(tmp_path: Path) -> None:
    rows = [
        ["Contributor", "Pledges", "Income received", "Non-earmarked", "Earmarked funds"],
        ["Norway", "10", "10", "5", "5"],
        ["Total", "10", "10", "5", "5"],
    ]
    path = build_pdf(tmp_path / "wording.pdf", [("heading", "2. Contributions by donor"), ("table", rows)])
    (table,) = find_tables(body(path), CONTRIBUTIONS_BY_DONOR.spec())
    assert table.data_rows[0].values == {
        "donor": "Norway",
        "pledged": "10",
        "paid": "10",
        "unearmarked": "5",
        "earmarked": "5",
    }


def test_truncated_pdf_is_unreadable_and_names_the_file(tmp_path: Path) -> None:
    good = build_pdf(tmp_path / "good.pdf", [("heading", "Voluntary contributions by donor")])
    broken = tmp_path / "ohchr_report_2019.pdf"
    broken.write_bytes(good.read_bytes()[: good.stat().st_size // 3])
    with pytest.raises(UnreadableSourceError) as caught:
        read_pdf(broken)
    assert "ohchr_report_2019.pdf" in str(caught.value)
    (tmp_path / "empty.pdf").write_bytes(b"")
    with pytest.raises(UnreadableSourceError, match=r"empty\.pdf: file is empty"):
        read_pdf(tmp_path / "empty.pdf")


def test_extraction_is_cached_by_file_hash(tmp_path: Path) -> None:
    path = build_pdf(
        tmp_path / "cached.pdf",
        [("heading", "Voluntary contributions by donor"), ("table", donor_rows(1, 3))],
    )
    cache = tmp_path / "cache"
    first = read_pdf(path, cache)
    assert len(list(cache.glob(f"{first.sha256}-v*.json"))) == 1
    pdf.clear_memory_cache()
    again = read_pdf(path, cache)  # from the file cache
    assert again.pages == first.pages


def test_running_headers_and_footers_go_and_table_rows_at_page_edges_stay() -> None:
    def line(page: int, y: float, *cells: str) -> pdf.Line:
        return pdf.Line(
            page, y, 8.0, tuple(pdf.Cell(c, 100.0 * i, 100.0 * i + 50) for i, c in enumerate(cells))
        )

    pages = [
        [
            line(n, 800, "Human Rights Appeal 2020"),
            line(n, 700, "Donor", "Amount"),
            line(n, 600, "Norway", f"{n},000"),
            line(n, 500, "Total", f"{n * 7},500"),
            line(n, 40, "UN Human Rights", f"- {n + 1} -"),  # printed page = physical + 1
        ]
        for n in range(1, 5)
    ]
    body = strip_furniture(pages, keep=lambda ln: ln.cells[0].text == "Donor")
    assert [[ln.plain for ln in page] for page in body][2] == ["Donor Amount", "Norway 3,000", "Total 21,500"]
