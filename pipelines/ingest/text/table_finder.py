"""Tables found by heading and header synonyms, followed across page breaks, and their
sub-totals and totals checked (what a parser declares per family is in `layouts.py`)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from pipelines.ingest.text.amounts import format_amount, parse_amount
from pipelines.ingest.text.extract import WRAP_EM, Cell, Line
from pipelines.text import normalize_label

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

    @functools.cached_property
    def wordings_have_letters(self) -> bool:
        """Whether every header wording has a letter (see `_header_positions`)."""
        return all(_ANY_LETTER.search(word) for word in self.lookup)

    @functools.cached_property
    def headings_seen(self) -> dict[str, tuple[bool, str | None, bool] | None]:
        """Answers of `match_heading` by line text for this table: a document asks it of every
        line once per table of its layout, and again while reading rows. Cleared when it
        reaches _MEMO_SIZE entries."""
        return {}

    @functools.cached_property
    def columns_seen(self) -> dict[str, str | None]:
        """The column each cell text names in this table's header (None: none), for
        `header_positions`: every row is asked whether it is a header row, and the same
        labels and header wordings recur on every page. Cleared at _MEMO_SIZE entries."""
        return {}


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


@functools.lru_cache(maxsize=1 << 16)
def _heading_parts(plain: str, markers: tuple[str, ...]) -> tuple[str, bool]:
    """`strip_continued(heading_key(plain), markers)`: the same for every table a line is
    tested against (all layouts share the continuation markers)."""
    return strip_continued(heading_key(plain), markers)


_MEMO_SIZE = 1 << 16
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_ANY_LETTER = re.compile(r"[^\W\d_]")


_UNSEEN = object()
_HEADING_MAX_CELLS = 2  # see match_heading


def _remember(seen: dict[str, object], key: str, value: object) -> object:
    """Keep `value` as the answer for `key` (a memo cleared at _MEMO_SIZE entries); lookups
    stay inline in the hot loops, only a first answer comes here."""
    if len(seen) >= _MEMO_SIZE:
        seen.clear()
    seen[key] = value
    return value


def match_heading(line: Line, spec: TableSpec) -> tuple[bool, str | None, bool] | None:
    """(matched, qualifier, continued) if `line` is a heading of `spec`'s table, else None.
    A heading is a line of one cell, or two when its numbering stands apart ("2." / title)."""
    if len(line.cells) > _HEADING_MAX_CELLS:
        return None
    return _heading_of(line.plain, spec)


def _heading_of(plain: str, spec: TableSpec) -> tuple[bool, str | None, bool] | None:
    """`match_heading` of a line whose text is `plain`, remembered per table."""
    seen = spec.headings_seen
    found = seen.get(plain, _UNSEEN)
    if found is _UNSEEN:
        found = _remember(seen, plain, _match_heading(plain, spec))  # type: ignore[arg-type]
    return found  # type: ignore[return-value]


def _match_heading(plain: str, spec: TableSpec) -> tuple[bool, str | None, bool] | None:
    key, continued = _heading_parts(plain, spec.continued_markers)
    if key in spec.headings:
        return True, None, continued
    if spec.heading_pattern is not None and (match := spec.heading_pattern.match(key)):
        qualifier = match.groupdict().get("qualifier")
        if qualifier is not None:
            # Keep the qualifier as the page wrote it (case, accents), not the lookup key.
            original, _ = strip_continued(_NUMBERING.sub("", plain.strip()), spec.continued_markers)
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
    seen = spec.columns_seen
    positions: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = seen.get(cell, _UNSEEN)
        if name is _UNSEEN:
            name = _remember(seen, cell, _column_of(cell, spec))  # type: ignore[arg-type]
        if name and name not in positions:
            positions[name] = index
    if all(name in positions for name in spec.required):
        return positions
    return None


def _column_of(cell: str, spec: TableSpec) -> str | None:
    """The canonical column whose header wording `cell` is, or None."""
    if spec.wordings_have_letters and cell.isascii() and not _ASCII_LETTER.search(cell):
        # An amount or a dash: no header wording (all have a letter) can be its lookup form
        # (an ASCII cell keeps its letters through normalize_label); most cells of a data
        # row, asked whether they are a header.
        return None
    lookup = spec.lookup
    name = lookup.get(header_key(cell))
    if name or not _UNITS.search(cell):
        # Without a unit suffix the cell's two lookup forms are one.
        return name
    return lookup.get(_label_key(cell))


def row_kind(label: str | None, spec: TableSpec) -> str:
    """data, subtotal or total, from the first cell."""
    if not spec.totals or not label:
        return "data"
    key = _label_key(label)
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
    cells = list(top.cells)
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
    # Table rows are ruled out by their cell count before any text is compared.
    most = min(_HEADING_MAX_CELLS, spec.heading_max_cells or _HEADING_MAX_CELLS)
    if len(line.cells) > most:
        return None
    candidates = [(line.plain, 1)]
    if spec.headings and index + 1 < len(lines) and _wraps_onto(line, lines[index + 1]):
        candidates.insert(0, (f"{line.plain} {lines[index + 1].plain}", 2))
    for plain, used in candidates:
        heading = _heading_of(plain, spec)
        if heading is None:
            continue
        for header_index in range(index + used, min(index + used + spec.header_search_lines, len(lines))):
            header = _try_header(lines, header_index, spec)
            if header is not None:
                return heading, header_index, header, plain
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
