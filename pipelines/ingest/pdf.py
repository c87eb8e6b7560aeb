"""The PDF engine under the document parsers: text lines with cell positions, tables found by
heading and header synonyms, tables followed across page breaks, sub-totals and totals checked.

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
import datetime as dt
import functools
import json
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pipelines.ingest.tables import UnreadableSourceError, sha256_of
from pipelines.text import normalize_label

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


@dataclass(frozen=True, slots=True)
class Line:
    """One visual line of a page: its cells left to right. `page` is 1-based."""

    page: int
    y: float
    size: float
    cells: tuple[Cell, ...]

    @property
    def text(self) -> str:
        """The cells joined by two spaces: `split_cells(line.text)` gives the cells back."""
        return "  ".join(cell.text for cell in self.cells)

    @property
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
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise UnreadableSourceError(path, f"not a readable PDF ({exc})") from exc
    try:
        pages = []
        for index in range(min(len(document), limit or len(document))):
            try:
                page = document[index]
            except pdfium.PdfiumError as exc:
                raise UnreadableSourceError(path, f"page {index + 1} cannot be read ({exc})") from exc
            try:
                textpage = page.get_textpage()
                try:
                    pages.append(_page_lines(textpage, index + 1))
                finally:
                    textpage.close()
            finally:
                page.close()
        return tuple(pages)
    finally:
        document.close()


def _page_lines(textpage: object, page_number: int) -> tuple[Line, ...]:
    """Cells of one page from PDFium's text, grouped into lines by baseline."""
    import pypdfium2.raw as pdfium_c

    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0:
        return ()
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(textpage, 0, count, buffer)
    text = bytes(buffer)[: max(written - 1, 0) * 2].decode("utf-16-le", errors="replace")
    if len(text) != count:
        # A character outside the BMP takes two UTF-16 units and shifts every index after it;
        # then read character by character so that text index = character index.
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, i) or 0xFFFD) for i in range(count))

    rect = pdfium_c.FS_RECTF()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()

    def box(index: int) -> tuple[float, float]:
        # The loose box spans the glyph's advance, so the gap between two boxes is the white
        # space a reader sees (tight boxes add the side bearings of the glyphs).
        pdfium_c.FPDFText_GetLooseCharBox(textpage, index, rect)
        return rect.left, rect.right

    segments: list[tuple[float, float, float, float, str]] = []  # y, size, x0, x1, text

    def add(start: int, end: int) -> None:
        pdfium_c.FPDFText_GetCharOrigin(textpage, start, origin_x, origin_y)
        size = pdfium_c.FPDFText_GetFontSize(textpage, start)
        segments.append((origin_y.value, size, box(start)[0], box(end - 1)[1], text[start:end]))

    position = 0
    for raw_line in text.split("\r\n"):
        end = position + len(raw_line)
        # Runs of white space are the only places a cell can end (a regex finds them far
        # faster than a loop over characters); text between two cell gaps is one cell.
        start = position
        for run in _WHITE.finditer(text, position, end):
            if run.start() == start:
                start = run.end()  # leading white space
            elif run.end() < end and _is_cell_gap(textpage, run.start(), run.end(), box):
                add(start, run.start())
                start = run.end()
        stop = len(text[start:end].rstrip()) + start
        if stop > start:
            add(start, stop)
        position = end + 2
    return _group_lines(segments, page_number)


def _is_cell_gap(textpage: object, space: int, after: int, box: Callable[[int], tuple[float, float]]) -> bool:
    """Whether the white space from `space` up to `after` separates two cells: wider than
    CELL_GAP_SPACES spaces. A real space's loose box starts where the character before it ends
    and is one space wide, so two calls measure both the gap and the unit."""
    import pypdfium2.raw as pdfium_c

    left, right = box(space)
    gap = box(after)[0] - left
    width = right - left
    if width <= 0.01:
        # A space PDFium generated where two runs of text stand apart has no width of its own
        # (and its box may not start at the text before it): measure from that text.
        gap = box(after)[0] - box(space - 1)[1]
        width = SPACE_EM * pdfium_c.FPDFText_GetFontSize(textpage, space - 1)
    return gap >= CELL_GAP_SPACES * width


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


# --------------------------------------------------------------------------- amounts


_DASHES = {"-", "–", "—", "‒", "−"}
_NUMBER = re.compile(r"^[-−]?\d+(?:\.\d+)?$")
_GROUPED = re.compile(r"^[-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]")


def parse_amount(text: str | None) -> Decimal | None:
    """An amount as printed: `1,234,567`, `(12,345)` negative, `-`/`–` zero, empty None.

    Raises ValueError for anything else: a parser must reject the row, not guess.
    """
    if text is None:
        return None
    value = _SPACES.sub("", str(text))
    if not value:
        return None
    if value in _DASHES:
        return Decimal(0)
    negative = value.startswith("(") and value.endswith(")")
    if negative:
        value = value[1:-1]
    if not (_NUMBER.match(value) or _GROUPED.match(value)):
        raise ValueError(f"not an amount: {text!r}")
    try:
        number = Decimal(value.replace(",", "").replace("−", "-"))
    except InvalidOperation as exc:  # pragma: no cover - the patterns above admit only numbers
        raise ValueError(f"not an amount: {text!r}") from exc
    return -number if negative else number


def parse_number(text: str | None) -> Decimal | None:
    """A count or a percentage as printed (`78`, `42.5`, `42.5 %`); ValueError otherwise."""
    if text is None:
        return None
    value = str(text).strip().rstrip("%").strip()
    return parse_amount(value) if value else None


def format_amount(value: Decimal) -> str:
    """An amount as reports print it, for reasons a person compares with the page."""
    text = f"{abs(value):,.2f}".removesuffix(".00")
    return f"({text})" if value < 0 else text


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class TableSpec:
    """How to recognise one table (built from `layouts.TableLayout`).

    `headings`: normalized heading wordings. `heading_pattern`: a regex instead, for headings
    that carry a qualifier (a country name, a fund suffix); group `qualifier` is captured.
    `columns`: canonical column -> normalized header wordings; `required`: the columns a header
    row must have. `totals`: whether rows starting with a total marker are total rows.
    """

    table_id: str
    headings: tuple[str, ...]
    columns: Mapping[str, tuple[str, ...]]
    required: tuple[str, ...]
    heading_pattern: re.Pattern[str] | None = None
    totals: bool = False
    total_markers: tuple[str, ...] = ()
    subtotal_markers: tuple[str, ...] = ()
    continued_markers: tuple[str, ...] = ()
    # A heading line may be followed by a note ("in United States dollars") before the header.
    header_search_lines: int = 4
    # Headings that are a variable (a country name) must stand alone on their line.
    heading_max_cells: int = 0

    @functools.cached_property
    def lookup(self) -> dict[str, str]:
        """Header wording (lookup form) -> canonical column."""
        return {word: name for name, words in self.columns.items() for word in words}


@dataclass(frozen=True)
class TableRow:
    """A row of a table. `kind` is data, subtotal or total; `number` is the 1-based data row
    within the table (None for total rows); `values` are cells by canonical column."""

    kind: str
    number: int | None
    page: int | None
    sheet_row: int | None
    label: str
    values: Mapping[str, str | None]
    raw: Mapping[str, str | None]


@dataclass
class Table:
    table_id: str
    heading: str
    qualifier: str | None
    first_page: int | None
    header: tuple[str, ...]
    rows: list[TableRow] = field(default_factory=list)
    # Canonical column -> the header as printed, for reasons a person compares with the page.
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def data_rows(self) -> list[TableRow]:
        return [row for row in self.rows if row.kind == "data"]

    @property
    def pages(self) -> str:
        numbers = sorted(
            {row.page for row in self.rows if row.page is not None} | {self.first_page or 0} - {0}
        )
        if not numbers:
            return ""
        return str(numbers[0]) if numbers[0] == numbers[-1] else f"{numbers[0]}-{numbers[-1]}"


# "2.", "2.1", "Table 3.", "IV." before a heading; a roman numeral needs its stop, or "Civic
# space" would lose its first word.
_NUMBERING = re.compile(
    r"^(?:table\s+)?(?:[0-9]{1,2}(?:\.[0-9]+)*[.:)]?|[ivxlc]+[.)])\s+(?=\S)", re.IGNORECASE
)
_UNITS = re.compile(r"\s*\((?:usd|us\$|\$|in usd|united states dollars)\)\s*$", re.IGNORECASE)


# Bounded caches: documents repeat the same few thousand strings (headers, labels, headings)
# on every page, and every line is tested against every table of its layout.
@functools.lru_cache(maxsize=1 << 16)
def heading_key(text: str) -> str:
    """A heading line's lookup form: normalized, numbering ("2.", "Table 3.") removed."""
    return normalize_label(_NUMBERING.sub("", text.strip()))


@functools.lru_cache(maxsize=1 << 16)
def header_key(text: str) -> str:
    """A header cell's lookup form: normalized, a USD unit suffix removed, so that the layout
    lists "Pledged" once for "Pledged (USD)", "Pledged (US$)" and "Pledged"."""
    return normalize_label(_UNITS.sub("", text))


def strip_continued(key: str, markers: Sequence[str]) -> tuple[str, bool]:
    for marker in markers:
        if key.endswith(marker):
            return key[: -len(marker)].rstrip(" -–—,"), True
    return key, False


@functools.lru_cache(maxsize=1 << 16)
def _label_key(text: str) -> str:
    return normalize_label(text)


def match_heading(line: Line, spec: TableSpec) -> tuple[bool, str | None, bool] | None:
    """(matched, qualifier, continued) if `line` is a heading of `spec`'s table, else None.
    A heading is a line of one cell, or two when its numbering stands apart ("2." / title)."""
    if len(line.cells) > 2:
        return None
    key, continued = strip_continued(heading_key(line.plain), spec.continued_markers)
    if key in spec.headings:
        return True, None, continued
    if spec.heading_pattern is not None and (match := spec.heading_pattern.match(key)):
        qualifier = match.groupdict().get("qualifier")
        if qualifier is not None:
            # Keep the qualifier as the page wrote it (case, accents), not the lookup key.
            original, _ = strip_continued(_NUMBERING.sub("", line.plain.strip()), spec.continued_markers)
            qualifier = _original_tail(original, qualifier)
        return True, qualifier, continued
    return None


def _original_tail(original: str, normalized_tail: str) -> str:
    """The end of `original` whose normalized form is `normalized_tail`."""
    for start in range(len(original)):
        if normalize_label(original[start:]) == normalized_tail:
            return original[start:].strip()
    return normalized_tail


def header_positions(cells: Sequence[str], spec: TableSpec) -> dict[str, int] | None:
    """Canonical column -> cell index if the cells are `spec`'s header row (all required
    columns present), else None."""
    if len(cells) < len(spec.required):
        return None
    lookup = spec.lookup
    positions: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = lookup.get(header_key(cell)) or lookup.get(_label_key(cell))
        if name and name not in positions:
            positions[name] = index
    if all(name in positions for name in spec.required):
        return positions
    return None


def row_kind(label: str | None, spec: TableSpec) -> str:
    """data, subtotal or total, from the first cell."""
    if not spec.totals or not label:
        return "data"
    key = normalize_label(label)
    for kind, markers in (("subtotal", spec.subtotal_markers), ("total", spec.total_markers)):
        for marker in markers:
            if key == marker or (key.startswith(marker) and not key[len(marker)].isalnum()):
                return kind
    return "data"


@dataclass(frozen=True)
class _Header:
    cells: tuple[Cell, ...]
    positions: dict[str, int]
    lines: int  # 1, or 2 when the header wrapped


def _try_header(lines: Sequence[Line], index: int, spec: TableSpec) -> _Header | None:
    line = lines[index]
    positions = header_positions([c.text for c in line.cells], spec)
    if positions is not None:
        return _Header(line.cells, positions, 1)
    # A header cell that wraps ("Pledged" / "(USD)") puts the header on two lines: merge the
    # cells that stand over each other.
    if index + 1 < len(lines):
        merged = _merge_wrapped(line, lines[index + 1])
        if merged is not None:
            positions = header_positions([c.text for c in merged], spec)
            if positions is not None:
                return _Header(merged, positions, 2)
    return None


def _merge_wrapped(top: Line, bottom: Line) -> tuple[Cell, ...] | None:
    if abs(top.y - bottom.y) > 1.6 * max(top.size, bottom.size, 1.0):
        return None
    cells = [Cell(c.text, c.x0, c.x1) for c in top.cells]
    for cell in bottom.cells:
        for i, upper in enumerate(cells):
            if cell.x0 < upper.x1 and upper.x0 < cell.x1:
                cells[i] = Cell(f"{upper.text} {cell.text}", min(upper.x0, cell.x0), max(upper.x1, cell.x1))
                break
        else:
            cells.append(cell)
    return tuple(sorted(cells, key=lambda c: c.x0))


def assign_cells(cells: Sequence[Cell], header: Sequence[Cell]) -> list[str | None]:
    """The row's text per header column. A row with one cell per column is taken in order; a
    row with empty cells (a regional office has no country) is placed by position: each cell
    goes to the header column it overlaps most, or the nearest one."""
    if len(cells) == len(header):
        return [c.text for c in cells]
    slots: list[str | None] = [None] * len(header)
    for cell in cells:
        best = max(
            range(len(header)),
            key=lambda i: (
                min(cell.x1, header[i].x1) - max(cell.x0, header[i].x0),
                -abs((cell.x0 + cell.x1) - (header[i].x0 + header[i].x1)),
            ),
        )
        slots[best] = cell.text if slots[best] is None else f"{slots[best]} {cell.text}"
    return slots


def find_tables(
    pages: Sequence[Sequence[Line]],
    spec: TableSpec,
    stop: Callable[[Line], bool] = lambda line: False,
) -> list[Table]:
    """Every occurrence of `spec`'s table in `pages` (lines without page furniture).

    A table starts at a heading line followed (within `header_search_lines`) by a header row.
    It goes on while lines are rows of it (two or more cells); at the end of a page it goes on
    where the next page repeats the header row, with or without a `(continued)` heading. It
    ends at a line that is not a row, at the start of another table, at a line `stop` says
    starts something else, or after its total row.
    """
    flat = [line for page in pages for line in page]
    tables: list[Table] = []
    index = 0
    while index < len(flat):
        start = _table_start(flat, index, spec)
        if start is None:
            index += 1
            continue
        (_, qualifier, _), header_index, header, heading_text = start
        table = Table(
            table_id=spec.table_id,
            heading=heading_text,
            qualifier=qualifier,
            first_page=flat[index].page,
            header=tuple(c.text for c in header.cells),
            labels={name: header.cells[i].text for name, i in header.positions.items()},
        )
        index = _read_rows(flat, header_index + header.lines, header, spec, table, stop)
        tables.append(table)
    return tables


def _table_start(
    lines: Sequence[Line], index: int, spec: TableSpec
) -> tuple[tuple[bool, str | None, bool], int, _Header, str] | None:
    """(heading match, header index, header, heading text) if a table of `spec` starts at
    `lines[index]`. A long heading may wrap onto a second line ("Contributions by donor -
    Voluntary Fund for Financial and" / "Technical Assistance"): the two lines are tried
    together first, so that the qualifier is whole."""
    line = lines[index]
    if spec.heading_max_cells and len(line.cells) > spec.heading_max_cells:
        return None
    candidates = [(line, 1)]
    if spec.headings and index + 1 < len(lines) and _wraps_onto(line, lines[index + 1]):
        following = lines[index + 1]
        joined = Cell(f"{line.plain} {following.plain}", line.cells[0].x0, following.cells[-1].x1)
        candidates.insert(0, (Line(line.page, line.y, line.size, (joined,)), 2))
    for candidate, used in candidates:
        heading = match_heading(candidate, spec)
        if heading is None:
            continue
        for header_index in range(index + used, min(index + used + spec.header_search_lines, len(lines))):
            header = _try_header(lines, header_index, spec)
            if header is not None:
                return heading, header_index, header, candidate.plain
    return None


def _wraps_onto(line: Line, following: Line) -> bool:
    """Whether `following` continues `line` as the second line of one paragraph."""
    return (
        len(line.cells) == 1
        and len(following.cells) == 1
        and following.page == line.page
        and abs(line.y - following.y) <= 1.6 * max(line.size, following.size, 1.0)
    )


def _read_rows(
    lines: Sequence[Line],
    index: int,
    header: _Header,
    spec: TableSpec,
    table: Table,
    stop: Callable[[Line], bool],
) -> int:
    names = {position: name for name, position in header.positions.items()}
    number = 0
    row_line = -1  # the index of the last line read into a row
    while index < len(lines):
        line = lines[index]
        repeated = _try_header(lines, index, spec)
        if repeated is not None:
            # The header repeated on a continuation page (reportlab's repeatRows). Its columns
            # may stand elsewhere on the new page: place the rows below it by this one.
            header = repeated
            names = {position: name for name, position in header.positions.items()}
            index += repeated.lines
            continue
        start = _table_start(lines, index, spec)
        if start is not None:
            (_, qualifier, continued), header_index, _, _ = start
            top_of_page = index == 0 or lines[index - 1].page != line.page
            closed = bool(table.rows) and table.rows[-1].kind == "total"
            if qualifier == table.qualifier and (continued or (top_of_page and not closed)):
                # "Voluntary contributions by donor (continued)", or the heading repeated at the
                # top of the next page of a table that has not reached its total: same table.
                index = header_index
                continue
            break  # the next table of the same kind (another country) starts here
        if stop(line):
            break
        if len(line.cells) < 2:
            run = _one_cell_run(lines, index)
            single = _single_cell_row(lines, index, run, header, spec, table, stop, row_line == index - 1)
            if single is None:
                break
            if single == "wrapped":
                for part in lines[index:run]:
                    table.rows[-1] = _append_wrapped(table.rows[-1], part, header, names)
                row_line = run - 1
            else:
                # A group label inside the table ("African States"): neither data nor total.
                label = " ".join(part.plain for part in lines[index:run])
                table.rows.append(TableRow("group", None, line.page, None, label, {}, {}))
            index = run
            continue
        slots = assign_cells(line.cells, header.cells)
        values = {names[i]: slots[i] for i in names}
        raw = {(names.get(i) or header.cells[i].text): slots[i] for i in range(len(slots))}
        label = slots[0] or ""
        kind = row_kind(label, spec)
        if kind == "data" and table.rows and table.rows[-1].kind == "total":
            break  # nothing but further total rows follows a table's total
        if kind == "data":
            number += 1
        table.rows.append(
            TableRow(
                kind=kind,
                number=number if kind == "data" else None,
                page=line.page,
                sheet_row=None,
                label=label,
                values=values,
                raw=raw,
            )
        )
        row_line = index
        index += 1
    return index


def _close(upper: Line, lower: Line) -> bool:
    """Whether `lower` is the next line of the same paragraph or cell as `upper`."""
    return upper.page == lower.page and 0 < upper.y - lower.y <= WRAP_EM * max(upper.size, lower.size)


def _one_cell_run(lines: Sequence[Line], index: int) -> int:
    """The end of the run of one-cell lines from `index` that follow each other closely (one
    label wrapped onto several lines)."""
    end = index + 1
    while end < len(lines) and len(lines[end].cells) == 1 and _close(lines[end - 1], lines[end]):
        end += 1
    return end


def _single_cell_row(
    lines: Sequence[Line],
    index: int,
    run: int,
    header: _Header,
    spec: TableSpec,
    table: Table,
    stop: Callable[[Line], bool],
    after_row: bool,
) -> str | None:
    """What the one-cell lines `lines[index:run]` inside a table are: "wrapped" (the rest of
    the row above, a long cell that wrapped: closer to it than rows are to each other), "group"
    (a label over a group of rows, in the first column, followed by a row), or None (the table
    has ended)."""
    line = lines[index]
    last = table.rows[-1] if table.rows else None
    if after_row and last is not None and last.kind != "group" and _close(lines[index - 1], line):
        return "wrapped"
    if last is not None and last.kind == "total":
        return None  # a table ends with its total
    following = lines[run] if run < len(lines) else None
    # Group labels belong to tables with sub-totals, and a group's first row ends in an amount:
    # a heading followed by some other table's header row is not a group.
    if (
        spec.totals
        and following is not None
        and len(following.cells) >= 2
        and _is_amount(following.cells[-1].text)
        and abs(line.cells[0].x0 - header.cells[0].x0) <= max(line.size, 1.0)
        and not stop(following)
        and _try_header(lines, run, spec) is None
        and _table_start(lines, run, spec) is None
    ):
        return "group"
    return None


def _is_amount(text: str) -> bool:
    try:
        return parse_amount(text) is not None
    except ValueError:
        return False


def _append_wrapped(row: TableRow, line: Line, header: _Header, names: Mapping[int, str]) -> TableRow:
    """`row` with the text of its wrapped second line added to the cells it stands under."""
    values, raw = dict(row.values), dict(row.raw)
    for position, text in enumerate(assign_cells(line.cells, header.cells)):
        if text is None:
            continue
        key = names.get(position) or header.cells[position].text
        raw[key] = f"{raw[key]} {text}" if raw.get(key) else text
        if position in names:
            values[names[position]] = raw[key]
    label = raw.get(names.get(0) or header.cells[0].text) or row.label
    return TableRow(row.kind, row.number, row.page, row.sheet_row, label, values, raw)


# --------------------------------------------------------------------------- totals


def reconcile(table: Table, amount_columns: Sequence[str], require_total: bool = False) -> list[str]:
    """Problems with `table`'s sub-totals and total; empty when everything adds up.

    A sub-total sums the data rows since the previous sub-total (or the table's start); the
    last total row sums every data row. Reports round each row first and then add, so totals
    must match to the dollar. A row whose amount cannot be read is left out of the sums and
    said so: the printed total then cannot be confirmed.
    """
    problems: list[str] = []
    unreadable: list[int] = []
    group: dict[str, Decimal] = dict.fromkeys(amount_columns, Decimal(0))
    overall: dict[str, Decimal] = dict.fromkeys(amount_columns, Decimal(0))
    totals = [row for row in table.rows if row.kind == "total"]
    where = "page" if table.first_page is not None else "sheet row"

    def name(column: str) -> str:
        return table.labels.get(column, column)

    def position(row: TableRow) -> str:
        return f"{where} {row.page if row.page is not None else row.sheet_row}"

    for row in table.rows:
        if row.kind == "data":
            for column in amount_columns:
                try:
                    value = parse_amount(row.values.get(column))
                except ValueError:
                    if row.number not in unreadable:
                        unreadable.append(row.number or 0)
                    continue
                if value is not None:
                    group[column] += value
                    overall[column] += value
            continue
        sums = overall if row.kind == "total" and row is totals[-1] else group
        what = "total" if sums is overall else "sub-total"
        for column in amount_columns:
            text = row.values.get(column)
            try:
                printed = parse_amount(text)
            except ValueError:
                problems.append(
                    f"{what} '{row.label}' on {position(row)}: {column} {text!r} is not an amount"
                )
                continue
            if printed is not None and abs(printed - sums[column]) >= Decimal("0.5"):
                problems.append(
                    f"{what} '{row.label}' on {position(row)}: {name(column)} printed "
                    f"{format_amount(printed)}, computed {format_amount(sums[column])}"
                )
        group = dict.fromkeys(amount_columns, Decimal(0))
    if require_total and not totals:
        problems.append(f"no total row found (table '{table.heading}' from page {table.first_page})")
    if problems and unreadable:
        problems.append(f"rows {', '.join(map(str, unreadable))} have amounts that cannot be read")
    return problems


# --------------------------------------------------------------------------- page furniture

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+|p\.\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/|sur|de)\s*\d{1,4})?$", re.IGNORECASE
)
_DIGITS = re.compile(r"(?<![\d,.])\d+(?![\d,.])")


def strip_furniture(
    pages: Sequence[Sequence[Line]], keep: Callable[[Line], bool], marks: Iterable[str] = ()
) -> list[list[Line]]:
    """The pages without running headers and footers.

    A line among the first or last two of its page is furniture when it is a page number, when
    it contains one of `marks` (the document symbol: page headers carry it), or when the same
    line, page number aside, stands there on at least half the pages (two at least). Only the
    page number is set aside, not every digit: a table's "Total  1,234" at the foot of several
    pages is not a running footer. `keep` protects the lines that matter even at a page's edge:
    a header row repeated on every continuation page must not be taken for a running header.
    """
    mark_keys = [normalize_label(m) for m in marks if m]
    edges: dict[str, int] = {}
    for number, lines in enumerate(pages, start=1):
        for key in {_running_key(line, number) for line in _edge_lines(lines)}:
            edges[key] = edges.get(key, 0) + 1
    repeated = {key for key, count in edges.items() if count >= max(2, (len(pages) + 1) // 2)}
    body: list[list[Line]] = []
    for number, lines in enumerate(pages, start=1):
        edge_ids = {id(line) for line in _edge_lines(lines)}
        kept = []
        for line in lines:
            if id(line) in edge_ids and not keep(line):
                key = normalize_label(line.plain)
                if (
                    _PAGE_NUMBER.match(line.plain.strip())
                    or any(mark in key for mark in mark_keys)
                    or _running_key(line, number) in repeated
                ):
                    continue
            kept.append(line)
        body.append(kept)
    return body


def _running_key(line: Line, page: int) -> str:
    """A line's text with its page number set aside. A printed page number may lag the
    physical one (an unnumbered cover): numbers within 3 of the page count as the page's."""

    def page_number(match: re.Match[str]) -> str:
        return "#" if abs(int(match.group(0)) - page) <= 3 else match.group(0)

    return _DIGITS.sub(page_number, normalize_label(line.plain))


def _edge_lines(lines: Sequence[Line]) -> list[Line]:
    return list(lines[:2]) + list(lines[2:][-2:])


# --------------------------------------------------------------------------- first page

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "janvier", "enero"),
            ("february", "février", "fevrier", "febrero"),
            ("march", "mars", "marzo"),
            ("april", "avril", "abril"),
            ("may", "mai", "mayo"),
            ("june", "juin", "junio"),
            ("july", "juillet", "julio"),
            ("august", "août", "aout", "agosto"),
            ("september", "septembre", "septiembre"),
            ("october", "octobre", "octubre"),
            ("november", "novembre", "noviembre"),
            ("december", "décembre", "decembre", "diciembre"),
        ),
        start=1,
    )
    for name in names
}
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WORD_DATE = re.compile(r"(\d{1,2})\s+([^\W\d_]+)\s+(\d{4})")
_SPAN = re.compile(
    r"(?P<d1>\d{1,2})\s+(?P<m1>[^\W\d_]+)(?:\s+(?P<y1>\d{4}))?\s*(?:-|–|—|to|au|al)\s*"
    r"(?P<d2>\d{1,2})\s+(?P<m2>[^\W\d_]+)\s+(?P<y2>\d{4})"
)


def parse_date(text: str) -> dt.date | None:
    """The first date in `text`: ISO (2020-06-15) or words (15 June 2020)."""
    if match := _ISO_DATE.search(text):
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    if (match := _WORD_DATE.search(text)) and match[2].casefold() in _MONTHS:
        try:
            return dt.date(int(match[3]), _MONTHS[match[2].casefold()], int(match[1]))
        except ValueError:
            return None
    return None


def parse_period(text: str) -> tuple[dt.date, dt.date] | None:
    """`1 January - 31 December 2015` -> (2015-01-01, 2015-12-31)."""
    match = _SPAN.search(text)
    if not match:
        return None
    m1, m2 = _MONTHS.get(match["m1"].casefold()), _MONTHS.get(match["m2"].casefold())
    if m1 is None or m2 is None:
        return None
    y2 = int(match["y2"])
    y1 = int(match["y1"]) if match["y1"] else y2
    try:
        return dt.date(y1, m1, int(match["d1"])), dt.date(y2, m2, int(match["d2"]))
    except ValueError:
        return None


def labelled_value(lines: Iterable[Line], labels: Sequence[str]) -> str | None:
    """The text after the first `<label>:` among `lines` (`Status: final` -> `final`)."""
    keys = [normalize_label(label) for label in labels]
    for line in lines:
        text = line.plain.strip()
        head, sep, tail = text.partition(":")
        if sep and normalize_label(head) in keys:
            return tail.strip()
    return None
