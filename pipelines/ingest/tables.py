"""Reading tabular source files (CSV in any of the encodings and delimiters real exports use,
and XLSX) into a frame of strings with the physical row number of every row.

Columns are found by their header wording, declared per source family as synonyms, so that an
export tool renaming "Request ID" to "Ref." or a header pushed down by a title row is a
configuration matter, not a code change.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.text import normalize_label

# How far down a sheet a header may sit (title rows, notes, a shifted export).
HEADER_SEARCH_ROWS = 15
SOURCE_ROW = "source_row"


class UnreadableSourceError(Exception):
    """A file that cannot be read at all: the whole file fails, with its name and the problem."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path.name}: {problem}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True)
class TabularSource:
    """One table read from a file: canonical columns as strings plus `source_row`."""

    path: Path
    sha256: str
    sheet: str | None
    encoding: str | None
    delimiter: str | None
    header_row: int
    frame: pl.DataFrame


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """Decode a CSV export. A BOM is trusted; otherwise UTF-8 is tried strictly and the
    Windows code page of Western European offices (cp1252) is the fallback: cp1252 decodes any
    byte sequence, so it must come last, and a UTF-8 file never decodes wrongly as UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252"), "cp1252"


def sniff_delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first_line, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _cell_text(value: object) -> str | None:
    """XLSX cells arrive typed; keep them as the text a person would read in the cell."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() or None


def _grid_from_rows(rows: list[list[str | None]], line_numbers: list[int]) -> pl.DataFrame:
    """Rows of cells as a frame of string columns c0..cN plus the physical row number."""
    width = max((len(r) for r in rows), default=0)
    columns = {f"c{i}": [r[i] if i < len(r) else None for r in rows] for i in range(width)}
    return pl.DataFrame(
        {SOURCE_ROW: line_numbers, **columns},
        schema={SOURCE_ROW: pl.Int64, **{name: pl.String for name in columns}},
    )


def _read_csv_grid(path: Path, data: bytes) -> tuple[pl.DataFrame, str, str]:
    text, encoding = decode_csv_bytes(data)
    delimiter = sniff_delimiter(text)
    # Fast path: polars (an order of magnitude faster than the csv module) keeps blank lines as
    # empty records, so record i sits on line i + 1, unless a quoted field spans lines.
    try:
        grid = pl.read_csv(
            text.encode("utf-8"),
            has_header=False,
            separator=delimiter,
            infer_schema=False,
            truncate_ragged_lines=True,
        )
    except pl.exceptions.PolarsError as exc:
        raise UnreadableSourceError(path, f"malformed CSV: {exc}") from exc
    grid = grid.rename({name: f"c{i}" for i, name in enumerate(grid.columns)})
    multiline = grid.select(pl.any_horizontal(pl.all().str.contains(r"[\r\n]").any())).item()
    if not multiline:
        grid = grid.with_columns(
            pl.all().str.strip_chars().replace("", None),
            pl.int_range(1, grid.height + 1, dtype=pl.Int64).alias(SOURCE_ROW),
        )
        return grid, encoding, delimiter
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str | None]] = []
    line_numbers: list[int] = []
    try:
        for record in reader:
            # line_num is the physical line where the record ended: right even when a quoted
            # field spans lines, which naive counting of records would get wrong.
            line_numbers.append(reader.line_num)
            rows.append([(field.strip() or None) for field in record])
    except csv.Error as exc:
        raise UnreadableSourceError(path, f"malformed CSV near line {reader.line_num}: {exc}") from exc
    return _grid_from_rows(rows, line_numbers), encoding, delimiter


def _read_xlsx_grid(path: Path, sheet_names: Sequence[str] | None) -> tuple[pl.DataFrame, str]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError, ValueError) as exc:
        raise UnreadableSourceError(path, f"not a readable XLSX workbook ({exc})") from exc
    names = list(workbook.sheet_names)
    wanted = [n for n in names if sheet_names is None or n in sheet_names] or names[:1]
    sheet = workbook.get_sheet_by_name(wanted[0])
    # Calamine drops leading empty rows; `start` says where the used range begins, so the row
    # numbers below are the ones a person sees in Excel.
    first_row = sheet.start[0] + 1 if sheet.start else 1
    rows = [[_cell_text(v) for v in record] for record in sheet.to_python(skip_empty_area=False)]
    return _grid_from_rows(rows, list(range(first_row, first_row + len(rows)))), sheet.name


def read_tabular(
    path: Path,
    synonyms: Mapping[str, Sequence[str]],
    required: Sequence[str],
    sheet_names: Sequence[str] | None = None,
) -> TabularSource:
    """Read a CSV or XLSX file into canonical string columns.

    `synonyms` maps each canonical column to the header wordings sources use for it. The header
    is the first row (within HEADER_SEARCH_ROWS) in which every `required` column is found.
    """
    if not path.exists():
        raise UnreadableSourceError(path, "file not found")
    data = path.read_bytes()
    if not data:
        raise UnreadableSourceError(path, "file is empty")
    suffix = path.suffix.lower()
    encoding = delimiter = sheet = None
    if suffix in {".csv", ".txt", ".tsv"}:
        grid, encoding, delimiter = _read_csv_grid(path, data)
    elif suffix in {".xlsx", ".xlsm", ".xls"}:
        grid, sheet = _read_xlsx_grid(path, sheet_names)
    else:
        raise UnreadableSourceError(path, f"unsupported file type '{suffix}'")

    lookup = {
        normalize_label(w): canonical for canonical, words in synonyms.items() for w in (canonical, *words)
    }
    cells = [c for c in grid.columns if c != SOURCE_ROW]
    top = grid.head(HEADER_SEARCH_ROWS).select(cells).rows()
    header_index, positions = _locate_header(top, lookup, required)
    if header_index is None:
        raise UnreadableSourceError(
            path,
            f"no header row with the columns {', '.join(required)} in the first "
            f"{HEADER_SEARCH_ROWS} rows" + (f" of sheet '{sheet}'" if sheet else ""),
        )
    body = grid.slice(header_index + 1).select(
        SOURCE_ROW, *(pl.col(cells[index]).alias(name) for name, index in positions.items())
    )
    # Blank spacer rows are layout, not data.
    frame = body.filter(pl.any_horizontal(pl.exclude(SOURCE_ROW).is_not_null()))
    frame = frame.with_columns(
        pl.lit(None, dtype=pl.String).alias(name) for name in synonyms if name not in frame.columns
    )
    return TabularSource(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        sheet=sheet,
        encoding=encoding,
        delimiter=delimiter,
        header_row=int(grid[SOURCE_ROW][header_index]),
        frame=frame,
    )


def _locate_header(
    rows: Sequence[Sequence[str | None]], lookup: Mapping[str, str], required: Sequence[str]
) -> tuple[int | None, dict[str, int]]:
    for index, row in enumerate(rows):
        positions: dict[str, int] = {}
        for position, cell in enumerate(row):
            canonical = lookup.get(normalize_label(cell)) if cell else None
            if canonical and canonical not in positions:
                positions[canonical] = position
        if all(name in positions for name in required):
            return index, positions
    return None, {}
