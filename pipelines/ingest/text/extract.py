"""Text lines with cell positions, the layer under the table finder (`table_finder.py`).

Why not a table-extraction library: pdfplumber reads our tables exactly but at ~5 pages/s, and
pymupdf found 0 of 200 tables (DESIGN.md section 7). pypdfium2 extracts text at hundreds of pages
per second; what it loses is the layout: PDFium merges a run of spaces into one and puts at most
one generated space in a gap, however wide. So this module asks PDFium for the geometry of the
characters around each run of white space (two or three calls per run, not per character) and
ends a cell where the gap is wider than two spaces. That holds whatever drew the PDF: the sample
generator's cell separator (a space and a zero-width no-break space) and reportlab's cell padding
both leave such a gap. A line's `text` joins its cells with two spaces (the contract's "cells
separated by >= 2 spaces"), and `split_cells` gives them back.

What a parser does with the lines (which heading, which header synonyms, which rows total what)
is declared per document family in `layouts.py`; this module only knows how tables look.
"""

from __future__ import annotations

import ctypes
import functools
import json
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipelines.ingest.tables import UnreadableSourceError, sha256_of

if TYPE_CHECKING:
    import pypdfium2 as pdfium

# Bump when extraction changes what it returns: cached pages of an older engine are not reused.
ENGINE_VERSION = 1
# A gap between two characters wider than this many spaces ends a cell. One space is a word
# break; the contract promises at least two between cells; reportlab's table padding gives ~4.
CELL_GAP_SPACES = 1.8
# PDFium's generated spaces have no width: estimate a space as this fraction of the font size
# (Helvetica's space is 0.278 em, Times' 0.25 em).
SPACE_EM = 0.25
# Two runs of text belong to one line when their baselines are this close (fraction of the font
# size): cells of one table row share a baseline; the next row is a full line pitch away.
SAME_LINE_EM = 0.35
# A one-cell line this close below a table row (in font sizes) is that row's wrapped second
# line; rows of a table stand further apart (line leading is ~1.2, a row pitch adds padding).
WRAP_EM = 1.3
# Extracted pages kept in memory, by file hash (a run parses each document once per asset, the
# benchmark and the tests a few times).
MEMORY_CACHE_SIZE = 64


# --------------------------------------------------------------------------- extraction


@dataclass(frozen=True, slots=True)
class Cell:
    """A run of text between two cell gaps, with its horizontal extent in PDF points."""

    text: str
    x0: float
    x1: float


@dataclass(frozen=True)
class Line:
    """One visual line of a page: its cells left to right. `page` is 1-based.

    `text` and `plain` are computed once (not slotted, so that they can be cached): the table
    finder asks every line for them once per table of the layout."""

    page: int
    y: float
    size: float
    cells: tuple[Cell, ...]

    @functools.cached_property
    def text(self) -> str:
        """The cells joined by two spaces: `split_cells(line.text)` gives the cells back."""
        return "  ".join(cell.text for cell in self.cells)

    @functools.cached_property
    def plain(self) -> str:
        """The line as prose: cells joined by one space."""
        return " ".join(cell.text for cell in self.cells)


@dataclass(frozen=True)
class PdfText:
    """Every page's lines, top to bottom, of one PDF."""

    path: Path
    sha256: str
    pages: tuple[tuple[Line, ...], ...]

    @property
    def page_count(self) -> int:
        return len(self.pages)


_WHITE = re.compile(r"\s+")
_MEMORY_CACHE: OrderedDict[str, tuple[tuple[Line, ...], ...]] = OrderedDict()


def split_cells(text: str) -> list[str]:
    """Cells of a text line: separated by runs of two or more spaces."""
    return [cell for cell in re.split(r"\s{2,}", text.strip()) if cell]


def read_pdf(path: Path, cache_dir: Path | None = None) -> PdfText:
    """Extract the lines of every page of `path`.

    Cached by the file's sha256: in memory, and under `cache_dir` (e.g. the warehouse folder)
    when given, so a re-run of a year does not extract unchanged documents again. Raises
    UnreadableSourceError for a missing, empty, truncated or otherwise corrupt PDF.
    """
    if not path.exists():
        raise UnreadableSourceError(path, "file not found")
    if path.stat().st_size == 0:
        raise UnreadableSourceError(path, "file is empty")
    digest = sha256_of(path)
    key = f"{digest}-v{ENGINE_VERSION}"
    pages = _MEMORY_CACHE.get(key)
    if pages is None and cache_dir is not None:
        pages = _read_cache(cache_dir / f"{key}.json")
    if pages is None:
        pages = _extract(path)
        if cache_dir is not None:
            _write_cache(cache_dir / f"{key}.json", pages)
    _MEMORY_CACHE[key] = pages
    _MEMORY_CACHE.move_to_end(key)
    while len(_MEMORY_CACHE) > MEMORY_CACHE_SIZE:
        _MEMORY_CACHE.popitem(last=False)
    return PdfText(path=path, sha256=digest, pages=pages)


def clear_memory_cache() -> None:
    """For benchmarks: measure extraction, not the cache."""
    _MEMORY_CACHE.clear()


def _read_cache(file: Path) -> tuple[tuple[Line, ...], ...] | None:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # absent or half-written: extract again
    return tuple(
        tuple(
            Line(page=number, y=y, size=size, cells=tuple(Cell(t, x0, x1) for t, x0, x1 in cells))
            for y, size, cells in lines
        )
        for number, lines in enumerate(data["pages"], start=1)
    )


def _write_cache(file: Path, pages: tuple[tuple[Line, ...], ...]) -> None:
    data = {
        "engine_version": ENGINE_VERSION,
        "pages": [
            [[line.y, line.size, [[c.text, c.x0, c.x1] for c in line.cells]] for line in lines]
            for lines in pages
        ],
    }
    file.parent.mkdir(parents=True, exist_ok=True)
    # Write then rename: a concurrent reader never sees half a file.
    partial = file.with_suffix(".tmp")
    partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    partial.replace(file)


def first_page_lines(path: Path) -> tuple[Line, ...]:
    """The lines of page 1 only (what a document says about itself), without reading the rest."""
    if not path.exists():
        raise UnreadableSourceError(path, "file not found")
    pages = _extract(path, limit=1)
    return pages[0] if pages else ()


def _extract(path: Path, limit: int | None = None) -> tuple[tuple[Line, ...], ...]:
    with open_document(path) as document:
        numbers = range(1, min(len(document), limit or len(document)) + 1)
        return tuple(
            _page_lines(textpage, number) for number, _, textpage in text_pages(document, path, numbers)
        )


@contextmanager
def open_document(path: Path) -> Iterator[pdfium.PdfDocument]:
    """The PDF at `path`, opened with pypdfium2 and closed after. Raises UnreadableSourceError
    for a missing file or one PDFium cannot open (every reader of the text layer opens PDFs
    here, so they fail alike)."""
    import pypdfium2 as pdfium

    if not path.exists():
        raise UnreadableSourceError(path, "file not found")
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise UnreadableSourceError(path, f"not a readable PDF ({exc})") from exc
    try:
        yield document
    finally:
        document.close()


def text_pages(
    document: pdfium.PdfDocument, path: Path, numbers: Iterable[int] | None = None
) -> Iterator[tuple[int, pdfium.PdfPage, pdfium.PdfTextPage]]:
    """(page number, page, text page) for `numbers` (1-based; negative counts from the end, as
    a Python index; out of range skipped) or every page, in the order asked; each page is
    closed when the caller moves on. Raises UnreadableSourceError naming a page that cannot be
    read."""
    import pypdfium2 as pdfium

    count = len(document)
    for index in range(1, count + 1) if numbers is None else numbers:
        number = index if index > 0 else count + index + 1
        if not 1 <= number <= count:
            continue
        try:
            page = document[number - 1]
        except pdfium.PdfiumError as exc:
            raise UnreadableSourceError(path, f"page {number} cannot be read ({exc})") from exc
        try:
            textpage = page.get_textpage()
            try:
                yield number, page, textpage
            finally:
                textpage.close()
        finally:
            page.close()


def _page_lines(textpage: object, page_number: int) -> tuple[Line, ...]:
    """Cells of one page from PDFium's text, grouped into lines by baseline.

    The character geometry comes from PDFium one call per character: this is the hot loop of
    every PDF parser, so it calls the C functions directly on the raw text-page handle with
    pre-built output buffers and without ctypes' argument conversion (`_char_geometry`), and
    reads each box once."""
    import pypdfium2.raw as pdfium_c

    raw = textpage.raw  # type: ignore[attr-defined]
    count = pdfium_c.FPDFText_CountChars(raw)
    if count <= 0:
        return ()
    text = _page_text(raw, count)
    handle = ctypes.cast(raw, ctypes.c_void_p)
    get_box, font_size, get_origin = _char_geometry()
    # The loose box spans the glyph's advance, so the gap between two boxes is the white space
    # a reader sees (tight boxes add the side bearings of the glyphs).
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    origin_x_ref, origin_y_ref = ctypes.byref(origin_x), ctypes.byref(origin_y)
    segments: list[tuple[float, float, float, float, str]] = []  # y, size, x0, x1, text

    def add(start: int, end: int, x0: float | None) -> None:
        get_origin(handle, start, origin_x_ref, origin_y_ref)
        if x0 is None:
            get_box(handle, start, rect_ref)
            x0 = rect.left
        get_box(handle, end - 1, rect_ref)
        segments.append((origin_y.value, font_size(handle, start), x0, rect.right, text[start:end]))

    position = 0
    for raw_line in text.split("\r\n"):
        end = position + len(raw_line)
        # Runs of white space are the only places a cell can end (a regex finds them far
        # faster than a loop over characters); text between two cell gaps is one cell.
        start, start_x = position, None
        for run in _WHITE.finditer(text, position, end):
            space, after = run.span()
            if space == start:
                start, start_x = after, None  # leading white space
                continue
            if after >= end:
                continue
            # A cell gap is wider than CELL_GAP_SPACES spaces. A real space's loose box starts
            # where the character before it ends and is one space wide, so two boxes measure
            # both the gap and the unit.
            get_box(handle, space, rect_ref)
            left, width = rect.left, rect.right - rect.left
            get_box(handle, after, rect_ref)
            next_x = rect.left
            gap = next_x - left
            if width <= 0.01:
                # A space PDFium generated where two runs of text stand apart has no width of
                # its own (and its box may not start at the text before it): measure from that
                # text.
                get_box(handle, space - 1, rect_ref)
                gap = next_x - rect.right
                width = SPACE_EM * font_size(handle, space - 1)
            if gap >= CELL_GAP_SPACES * width:
                add(start, space, start_x)
                start, start_x = after, next_x
        stop = len(text[start:end].rstrip()) + start
        if stop > start:
            add(start, stop, start_x)
        position = end + 2
    return _group_lines(segments, page_number)


@functools.cache
def _char_geometry() -> tuple[Callable[..., Any], Callable[..., Any], Callable[..., Any]]:
    """PDFium's FPDFText_GetLooseCharBox, FPDFText_GetFontSize and FPDFText_GetCharOrigin as
    foreign functions without declared argument types: ctypes then passes the arguments as
    they are (a `c_void_p` text page, an int index, `byref` outputs) instead of converting
    each one, which makes a call 0.3 µs instead of 0.75 µs, and a page makes ~1,100 calls.
    tests/test_ingest_pdf.py checks that they answer as pypdfium2's declared functions do."""
    import pypdfium2.raw as pdfium_c

    def unchecked(function: object, restype: type) -> Callable[..., Any]:
        address = ctypes.cast(function, ctypes.c_void_p).value
        foreign = ctypes.CFUNCTYPE(restype)(address)
        foreign.argtypes = None  # type: ignore[assignment]
        return foreign

    return (
        unchecked(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int),
        unchecked(pdfium_c.FPDFText_GetFontSize, ctypes.c_double),
        unchecked(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int),
    )


def _page_text(handle: object, count: int) -> str:
    """The page's text, one Python character per PDFium character index."""
    import pypdfium2.raw as pdfium_c

    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(handle, 0, count, buffer)
    text = bytes(buffer)[: max(written - 1, 0) * 2].decode("utf-16-le", errors="replace")
    if len(text) != count:
        # A character outside the BMP takes two UTF-16 units and shifts every index after it;
        # then read character by character so that text index = character index.
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(handle, i) or 0xFFFD) for i in range(count))
    return text


def _group_lines(
    segments: list[tuple[float, float, float, float, str]], page_number: int
) -> tuple[Line, ...]:
    """Runs of text -> lines, top to bottom, cells left to right. PDFium returns text in
    content-stream order (a footer drawn first comes first); layout order is what a reader sees."""
    lines: list[Line] = []
    ordered = sorted(segments, key=lambda s: (-s[0], s[2]))
    group: list[tuple[float, float, float, float, str]] = []
    for segment in ordered:
        if group and abs(group[0][0] - segment[0]) > SAME_LINE_EM * max(group[0][1], segment[1], 1.0):
            lines.append(_line(group, page_number))
            group = []
        group.append(segment)
    if group:
        lines.append(_line(group, page_number))
    return tuple(lines)


def _line(group: list[tuple[float, float, float, float, str]], page_number: int) -> Line:
    cells = tuple(
        Cell(text, round(x0, 2), round(x1, 2)) for _, _, x0, x1, text in sorted(group, key=lambda s: s[2])
    )
    return Line(
        page=page_number, y=round(group[0][0], 2), size=round(max(s[1] for s in group), 2), cells=cells
    )
