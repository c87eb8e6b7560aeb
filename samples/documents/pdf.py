"""The sample documents' pDF rendering.

A part of `samples.documents` (see its docstring).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from samples.documents.constants import CELL_SEPARATOR, GENERATOR_MODULE

FONT: Final = "TCW-Helvetica"
FONT_BOLD: Final = "TCW-Helvetica-Bold"
FONT_ITALIC: Final = "TCW-Helvetica-Oblique"
_ENCODING: Final = "cp1252"  # the name doubles as the Python codec reportlab encodes text with
PAGE_MARGIN: Final = 15 * mm
HEADING_SIZE: Final = 9.5
MIN_TABLE_FONT_SIZE: Final = 6.0


def _register_fonts() -> None:
    """Standard Type 1 fonts with WinAnsiEncoding plus one difference: byte 0xA0 is the glyph
    ``nbspace``, which PDFium extracts as U+00A0 instead of merging it into a space (see the
    module docstring). Nothing is embedded."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    encoding = pdfmetrics.Encoding(_ENCODING, "WinAnsiEncoding")
    encoding[0xA0] = "nbspace"
    pdfmetrics.registerEncoding(encoding)
    for name, face in (
        (FONT, "Helvetica"),
        (FONT_BOLD, "Helvetica-Bold"),
        (FONT_ITALIC, "Helvetica-Oblique"),
    ):
        pdfmetrics.registerFont(pdfmetrics.Font(name, face, _ENCODING))
    # Paragraphs map a font name to its family (bold/italic variants).
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD)


def _check_latin(text: str, where: str) -> str:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError as exc:
        raise ValueError(f"{where}: {text!r} is not cp1252-encodable (standard PDF fonts)") from exc
    return text


def usd(value: int, zero: str = "-") -> str:
    """An amount as the PDFs print it: 1,234,567; (12,345) if negative; the zero sign if 0."""
    if value == 0:
        return zero
    return f"({-value:,})" if value < 0 else f"{value:,}"


@dataclass
class TableRow:
    cells: tuple[str, ...]
    kind: str = "data"  # data | subtotal | total


@dataclass
class TableSpec:
    table_id: str
    heading: str
    header: tuple[str, ...]
    rows: list[TableRow]
    numeric: tuple[bool, ...]
    continued: str | None = None
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "data_rows": sum(r.kind == "data" for r in self.rows),
            "subtotal_rows": sum(r.kind == "subtotal" for r in self.rows),
            "total_rows": sum(r.kind == "total" for r in self.rows),
        }


class _DocTable(Table):
    """A Table that records the pages it is drawn on, and on a continuation repeats its heading
    row with a suffix ("(continued)") when asked to."""

    tcw_key: str | None = None
    tcw_pages: dict[str, list[int]] | None = None
    tcw_heading: str | None = None
    tcw_suffix: str | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        for part in parts:
            if isinstance(part, _DocTable):
                part.tcw_key, part.tcw_pages = self.tcw_key, self.tcw_pages
                part.tcw_heading, part.tcw_suffix = self.tcw_heading, self.tcw_suffix
        if len(parts) == 2 and self.tcw_suffix and isinstance(parts[1], _DocTable):
            # The parts share row lists: replace the row, do not edit it in place.
            tail = parts[1]
            tail._cellvalues[0] = [f"{self.tcw_heading}{self.tcw_suffix}", *tail._cellvalues[0][1:]]
        return parts

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        if self.tcw_key is not None and self.tcw_pages is not None:
            self.tcw_pages.setdefault(self.tcw_key, []).append(canvas.getPageNumber())
        super().drawOn(canvas, x, y, _sW)


_VOWELS: Final = frozenset("aeiouy")


def hyphenate(word: str) -> list[tuple[str, str]]:
    """Where a long word may break at a line end (reportlab asks for (head, tail) pairs, longest
    head first): before a consonant that stands between two vowels (`imple-mentation`). Real
    reports hyphenate their prose; the parsers must join such line ends, so prose gets them.
    Deterministic (no dictionary): the same text always breaks the same way."""
    if len(word) < 9 or not word.isalpha() or not word.islower():
        return []
    points = [
        i
        for i in range(3, len(word) - 3)
        if word[i - 1] in _VOWELS and word[i] not in _VOWELS and word[i + 1] in _VOWELS
    ]
    return [(word[:i], word[i:]) for i in reversed(points)]


_STYLES: Final = {
    "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=20, leading=25, spaceAfter=10),
    "meta": ParagraphStyle("meta", fontName=FONT, fontSize=10.5, leading=14),
    "note": ParagraphStyle("note", fontName=FONT_ITALIC, fontSize=8.5, leading=11, spaceBefore=14),
    "h1": ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=16, leading=20, spaceBefore=4, spaceAfter=8),
    "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=12.5, leading=16, spaceBefore=8, spaceAfter=5),
    "h3": ParagraphStyle("h3", fontName=FONT_BOLD, fontSize=10.5, leading=13, spaceBefore=6, spaceAfter=3),
    "body": ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, spaceAfter=5),
    # Prose that no parser reads (forewords, narratives): justified and hyphenated, as reports
    # print it, so the text layer meets `implemen-` + `tation` line ends.
    "prose": ParagraphStyle(
        "prose",
        fontName=FONT,
        fontSize=9.5,
        leading=12.5,
        spaceAfter=5,
        alignment=4,
        hyphenationLang=hyphenate,
    ),
    "label": ParagraphStyle("label", fontName=FONT_BOLD, fontSize=9.5, leading=12.5, spaceBefore=6),
    "line": ParagraphStyle("line", fontName=FONT, fontSize=9.5, leading=12.5),
}


class PdfWriter:
    """One document: a flow of paragraphs and tables on portrait/landscape A4 pages with a header
    line (title and symbol) and a page-number footer; records the pages of every table."""

    def __init__(self, title: str, short_title: str, symbol: str, footer: str, subject: str) -> None:
        _register_fonts()
        self.title = _check_latin(title, "title")
        self.short_title = short_title
        self.symbol = symbol
        self.footer = footer
        self.subject = subject
        self.story: list[Flowable] = []
        self.table_pages: dict[str, list[int]] = {}
        self.orientation = "portrait"
        self.job_number: str | None = None

    # -- flowables
    def cover(self, lines: Sequence[str], title_at: int = 0, job_number: str | None = None) -> None:
        """The first page as UN documents print it: `lines` (distribution block, session, agenda
        item...) with the title at position `title_at`, and the job number at the page's foot
        (HRC documents). No `Status:` or `As of:` line: real documents print none."""
        lines = list(lines)
        for line in [*lines[:title_at], None, *lines[title_at:]]:
            if line is None:
                self.story.append(Paragraph(escape(self.title), _STYLES["title"]))
            else:
                self.story.append(Paragraph(escape(_check_latin(line, "cover")), _STYLES["meta"]))
        self.job_number = job_number
        self.story.append(
            Paragraph(
                "Synthetic sample document generated for the tc-warehouse tests; not an official "
                "United Nations document. Figures other than those listed as published in "
                "sources/README.md are invented.",
                _STYLES["note"],
            )
        )

    def paragraph(self, text: str, style: str = "body") -> None:
        self.story.append(Paragraph(escape(_check_latin(text, "paragraph")), _STYLES[style]))

    def spacer(self, height: float = 6) -> None:
        self.story.append(Spacer(1, height))

    def new_page(self, orientation: str | None = None) -> None:
        if orientation is not None:
            self.orientation = orientation
        self.story.append(NextPageTemplate(self.orientation))
        self.story.append(PageBreak())

    def table(self, spec: TableSpec, key: str, base_size: float = 8.0) -> None:
        for r in [spec.header, *(row.cells for row in spec.rows)]:
            if len(r) != len(spec.header):
                raise ValueError(f"{key}: a row has {len(r)} cells, the header {len(spec.header)}")
        frame_width = self._frame_width()
        heading_width = pdfmetrics.stringWidth(spec.heading + (spec.continued or ""), FONT_BOLD, HEADING_SIZE)
        size = base_size
        while True:
            widths = self._column_widths(spec, size)
            if sum(widths) <= frame_width or size <= MIN_TABLE_FONT_SIZE:
                break
            size -= 0.25
        if sum(widths) > frame_width:
            raise ValueError(f"{key}: table too wide ({sum(widths):.0f} > {frame_width:.0f} pt)")
        if heading_width + 8 > sum(widths):
            widths[0] += min(heading_width + 8 - sum(widths), frame_width - sum(widths))
        data: list[list[str]] = [[spec.heading, *[""] * (len(spec.header) - 1)], self._cells(spec.header)]
        data += [self._cells(r.cells) for r in spec.rows]
        style = [
            ("FONT", (0, 0), (-1, -1), FONT, size),
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, HEADING_SIZE),
            ("SPAN", (0, 0), (-1, 0)),
            ("FONT", (0, 1), (-1, 1), FONT_BOLD, size),
            ("LINEBELOW", (0, 1), (-1, 1), 0.6, colors.black),
            ("TOPPADDING", (0, 0), (-1, -1), 1.2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ]
        for c, numeric in enumerate(spec.numeric):
            if numeric:
                style.append(("ALIGN", (c, 1), (c, -1), "RIGHT"))
        for i, row in enumerate(spec.rows, start=2):
            if row.kind != "data":
                style.append(("FONT", (0, i), (-1, i), FONT_BOLD, size))
                style.append(("LINEABOVE", (0, i), (-1, i), 0.4, colors.grey))
        table = _DocTable(data, colWidths=widths, repeatRows=2 if spec.continued else (1,), hAlign="LEFT")
        table.setStyle(TableStyle(style))
        table.tcw_key, table.tcw_pages = key, self.table_pages
        table.tcw_heading, table.tcw_suffix = spec.heading, spec.continued
        self.story.append(table)
        self.story.append(Spacer(1, 8))

    # -- helpers
    def _frame_width(self) -> float:
        if self.orientation == "two_columns":
            raise ValueError("tables are single-column: start a portrait or landscape page first")
        width = landscape(A4)[0] if self.orientation == "landscape" else A4[0]
        return width - 2 * PAGE_MARGIN - 12  # Frame's own padding

    @staticmethod
    def _cells(cells: Sequence[str]) -> list[str]:
        for c in cells:
            _check_latin(c, "table cell")
        return [cells[0], *(CELL_SEPARATOR + c for c in cells[1:])]

    def _column_widths(self, spec: TableSpec, size: float) -> list[float]:
        widths = [0.0] * len(spec.header)
        rows = [(self._cells(spec.header), FONT_BOLD)]
        rows += [(self._cells(r.cells), FONT if r.kind == "data" else FONT_BOLD) for r in spec.rows]
        for cells, font in rows:
            for c, text in enumerate(cells):
                widths[c] = max(widths[c], pdfmetrics.stringWidth(text, font, size))
        # Cell padding (2 + 2) and a little air; the separator's space keeps columns apart.
        return [w + 4 + (6 if spec.numeric[c] else 2) for c, w in enumerate(widths)]

    # -- output
    def build(self, path: Path) -> int:
        """Write the PDF; return its page count."""
        pages = {"n": 0}

        def header(canvas: Canvas, doc: BaseDocTemplate) -> None:
            width, height = canvas._pagesize
            canvas.saveState()
            canvas.setFont(FONT, 7.5)
            canvas.drawString(PAGE_MARGIN, height - 11 * mm, self.short_title)
            canvas.drawRightString(width - PAGE_MARGIN, height - 11 * mm, self.symbol)
            canvas.setLineWidth(0.4)
            canvas.line(PAGE_MARGIN, height - 12.5 * mm, width - PAGE_MARGIN, height - 12.5 * mm)
            canvas.restoreState()

        def footer(canvas: Canvas, doc: BaseDocTemplate) -> None:
            width, _ = canvas._pagesize
            pages["n"] = canvas.getPageNumber()
            canvas.saveState()
            canvas.setFont(FONT, 8)
            canvas.drawCentredString(width / 2, 10 * mm, self.footer.format(n=canvas.getPageNumber()))
            if self.job_number and canvas.getPageNumber() == 1:
                canvas.drawString(PAGE_MARGIN, 10 * mm, self.job_number)
            canvas.restoreState()

        def frame(size: tuple[float, float], name: str) -> Frame:
            return Frame(
                PAGE_MARGIN,
                PAGE_MARGIN,
                size[0] - 2 * PAGE_MARGIN,
                size[1] - 2 * PAGE_MARGIN - 4 * mm,
                id=name,
            )

        def column(index: int) -> Frame:
            gap = 8 * mm
            width = (A4[0] - 2 * PAGE_MARGIN - gap) / 2
            return Frame(
                PAGE_MARGIN + index * (width + gap),
                PAGE_MARGIN,
                width,
                A4[1] - 2 * PAGE_MARGIN - 4 * mm,
                id=f"column{index}",
            )

        doc = BaseDocTemplate(
            str(path),
            pagesize=A4,
            title=self.title,
            author="tc-warehouse sample generator (synthetic)",
            subject=self.subject,
            creator=GENERATOR_MODULE,
            invariant=1,
            pageCompression=1,
        )
        doc.addPageTemplates(
            [
                PageTemplate(
                    "cover",
                    [frame(A4, "cover")],
                    onPage=header,
                    onPageEnd=footer,
                    pagesize=A4,
                    autoNextPageTemplate="portrait",
                ),
                PageTemplate(
                    "portrait", [frame(A4, "portrait")], onPage=header, onPageEnd=footer, pagesize=A4
                ),
                PageTemplate(
                    # Prose in two columns, as the annual report prints its chapters' text.
                    "two_columns",
                    [column(0), column(1)],
                    onPage=header,
                    onPageEnd=footer,
                    pagesize=A4,
                ),
                PageTemplate(
                    "landscape",
                    [frame(landscape(A4), "landscape")],
                    onPage=header,
                    onPageEnd=footer,
                    pagesize=landscape(A4),
                ),
            ]
        )
        doc.build(self.story)
        return pages["n"]
