"""Reading tabular source files (CSV in any of the encodings and delimiters real exports use,
and XLSX) into a frame of strings with the physical row number of every row.

Columns are found by their header wording, declared per source family as synonyms, so that an
export tool renaming "Request ID" to "Ref." or a header pushed down by title rows is a
configuration matter, not a code change. The header is searched for, within bounds, wherever a
real export puts it: below title lines, on the second sheet behind a cover or blank sheet.

What cannot be read at all fails the whole file with `UnreadableSourceError` (a data error:
never retried) naming the file and the problem: no encoding that decodes it, no header, a
column the family needs missing from the header, a last line cut short.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl
import pyarrow as pa

from pipelines.text import normalize_label

# How far down a sheet or file a header may sit (title rows, notes, a shifted export). Bounded
# so that a file with no header fails fast instead of being scanned to the end.
HEADER_SEARCH_ROWS = 30
SOURCE_ROW = "source_row"

# Delimiters office tools write; the one under which the header is found wins.
CSV_DELIMITERS = (",", ";", "\t", "|")
# Encodings tried after a BOM and strict UTF-8, chosen between by charset-normalizer: the
# Windows code page of Western European offices, Mac Roman (older Mac exports: five of its
# bytes are undefined in cp1252, and it decodes any byte, so detection must choose, not a
# fallback chain), and UTF-16 without a BOM.
DETECTED_ENCODINGS = ("cp1252", "mac_roman", "utf_16_le", "utf_16_be")
# Line ends, the delimiter and the header are decided on this much text: bounded, so that a
# CR-only file (one "line" to a reader that splits on LF) costs what an LF file costs.
SNIFF_CHARS = 1 << 16
_LINE_END = re.compile(r"\r\n|\r|\n")
# Columns stripped in one pass: more is faster (polars works on them in parallel) but holds
# more of the grid twice at once. At 852,000 rows: 3 at a time 0.31 s, 5 0.22 s, all 15 0.21 s.
STRIPPED_AT_ONCE = 5


class UnreadableSourceError(Exception):
    """A file that cannot be read at all: the whole file fails, with its name and the problem.

    A data error: the file stays unreadable until someone replaces it, so the assets fail
    without retry (Failure(allow_retries=False)), and other files and years still load."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path.name}: {problem}")
        self.path = path
        self.problem = problem


class UndecodableSourceError(UnreadableSourceError):
    """No encoding decodes the file; the message gives the byte offset and what was tried."""


class TruncatedSourceError(UnreadableSourceError):
    """The file ends inside a row: a copy or export cut short, which must not load as a year."""


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


_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode_csv_bytes(data: bytes, path: Path) -> tuple[str, str]:
    """Decode a CSV export: text and the encoding used.

    A BOM is trusted. Otherwise strict UTF-8 first (a non-UTF-8 file practically never decodes
    as UTF-8), then charset-normalizer chooses among DETECTED_ENCODINGS by how plausible the
    decoded text is; its choice must then decode the whole file strictly. Raises
    UndecodableSourceError naming the byte offset and every encoding tried.
    """
    tried: list[str] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise UndecodableSourceError(
                    path,
                    f"starts with a {encoding} byte-order mark but byte offset {exc.start} is not {encoding}",
                ) from exc
            return text.removeprefix("\ufeff"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_offset = exc.start
        tried.append(f"utf-8 (invalid byte 0x{data[exc.start]:02x} at byte offset {exc.start})")
    # A file whose non-ASCII text is mostly valid UTF-8 is a UTF-8 file with damaged bytes, not
    # a legacy code page: Mac Roman decodes any byte and would turn it into plausible mojibake.
    # (Legacy text almost never forms valid UTF-8 sequences.) Counted at C speed.
    lenient = data.decode("utf-8", errors="replace")
    invalid = lenient.count("\ufffd")
    utf8_chars = len(lenient) - len(lenient.encode("ascii", errors="ignore")) - invalid
    if utf8_chars > invalid:
        raise UndecodableSourceError(
            path,
            f"cannot decode the file: it is UTF-8 ({utf8_chars} non-ASCII characters read as UTF-8) "
            f"but {invalid} byte sequences are not, the first at byte offset {first_offset}: "
            "a damaged file; tried " + "; ".join(tried) + ". Re-export it as UTF-8 CSV.",
        )
    from charset_normalizer import from_bytes

    matches = from_bytes(data, cp_isolation=list(DETECTED_ENCODINGS))
    for match in matches:
        try:
            return data.decode(match.encoding), match.encoding.replace("_", "-")
        except UnicodeDecodeError as exc:
            tried.append(f"{match.encoding} (byte offset {exc.start})")
    rejected = [e for e in DETECTED_ENCODINGS if e not in {m.encoding for m in matches}]
    if rejected:
        tried.append(f"{', '.join(rejected)} (undecodable or implausible text, per charset-normalizer)")
    raise UndecodableSourceError(
        path,
        f"cannot decode the file: first bad byte at byte offset {first_offset}; tried no BOM, "
        + "; ".join(tried)
        + ". Re-export it as UTF-8 CSV.",
    )


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


def _header_lookup(synonyms: Mapping[str, Sequence[str]]) -> dict[str, str]:
    return {
        normalize_label(w): canonical for canonical, words in synonyms.items() for w in (canonical, *words)
    }


def _sample_lines(sample: str, complete: bool) -> list[tuple[int, str]]:
    """The first lines of `sample` (the file's first SNIFF_CHARS characters; `complete` when
    that is the whole file) with the offset each starts at.

    A line cut by the sample bound is left out, so that a header is never matched on half a
    line."""
    lines: list[tuple[int, str]] = []
    start = 0
    for end in _LINE_END.finditer(sample):
        lines.append((start, sample[start : end.start()]))
        start = end.end()
        if len(lines) >= HEADER_SEARCH_ROWS:
            return lines
    if complete and start < len(sample):
        lines.append((start, sample[start:]))
    return lines


def _find_csv_header(
    lines: list[tuple[int, str]], lookup: Mapping[str, str], required: Sequence[str]
) -> tuple[int, str, list[str | None]] | None:
    """(line index, delimiter, header cells) of the first line that is a header under one of
    the CSV_DELIMITERS. Trying the header itself beats a statistical sniff: title lines
    ("Requests received in 2021") carry no delimiter, and a wrong guess shows as no header."""
    for delimiter in CSV_DELIMITERS:
        rows = [next(csv.reader([line], delimiter=delimiter), []) for _, line in lines]
        cells = [[(field.strip() or None) for field in row] for row in rows]
        index, _ = _locate_header(cells, lookup, required)
        if index is not None:
            return index, delimiter, cells[index]
    return None


def _check_not_truncated(path: Path, text: str, delimiter: str, header_width: int) -> None:
    """A file cut during copy or export ends inside a row: no final line break and a last line
    with fewer fields than the header, or an open quote. Such a file must not load as the
    year (it would publish part of it). A complete last row without a final line break (some
    tools write none) cannot be told from one cut inside its last field and is accepted."""
    if text.endswith(("\n", "\r")):
        return
    line_number = len(_LINE_END.findall(text)) + 1
    last = text[text.rfind("\n", 0, len(text)) + 1 :].rsplit("\r", 1)[-1]
    if last.count('"') % 2:
        raise TruncatedSourceError(
            path, f"the file ends inside a quoted field on line {line_number}: it looks cut short"
        )
    fields = len(next(csv.reader([last], delimiter=delimiter), []))
    if 0 < fields < header_width:
        raise TruncatedSourceError(
            path,
            f"the last line ({line_number}) stops after {fields} of the header's {header_width} fields "
            "with no line break: the file looks cut short (a partial copy or export); "
            "it is not loaded rather than loading part of the year",
        )


def _check_utf8(data: bytes) -> None:
    """Raise pyarrow.ArrowInvalid unless `data` is UTF-8: the file's bytes seen in place as one
    Arrow string (no copy of a file that may be hundreds of megabytes) and validated at C speed."""
    offsets = pa.py_buffer(np.array([0, len(data)], dtype=np.int64))
    pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, pa.py_buffer(data)]).validate(full=True)


def _utf8_bytes(data: bytes, path: Path) -> tuple[bytes, str, bool, str]:
    """The file as UTF-8 bytes for polars' reader, its first SNIFF_CHARS characters, whether
    those are the whole file, and the encoding it was written in.

    A UTF-8 file without a BOM (what nearly every export is) is checked by polars' validator
    and passed on as it is: decoding a large file into a Python string and encoding it again
    cost more than reading it. Anything else goes through `decode_csv_bytes`."""
    if not data.startswith(tuple(bom for bom, _ in _BOMS)):
        try:
            _check_utf8(data)
        except pa.ArrowInvalid:
            pass  # not UTF-8: decode_csv_bytes decides what it is, or says why nothing fits
        else:
            # A character is at most four bytes, so this holds the first SNIFF_CHARS of them
            # (a character cut at the end of the slice is dropped with errors="ignore").
            head = data[: 4 * SNIFF_CHARS].decode("utf-8", errors="ignore")
            whole = len(data) <= 4 * SNIFF_CHARS and len(head) <= SNIFF_CHARS
            return data, head[:SNIFF_CHARS], whole, "utf-8"
    text, encoding = decode_csv_bytes(data, path)
    return text.encode("utf-8"), text[:SNIFF_CHARS], len(text) <= SNIFF_CHARS, encoding


def _line_count(body: bytes) -> tuple[int, bool]:
    """Lines in `body`, and whether a CR stands alone in it (not in a CRLF)."""
    lines = body.count(b"\n") + (not body.endswith(b"\n"))
    return lines, b"\r" in body and body.count(b"\r") != body.count(b"\r\n")


def _spans_lines(lines: tuple[int, bool], grid: pl.DataFrame) -> bool:
    """Whether a field of `grid` holds a line break, so that records and lines part ways.

    When polars made one record per line (`lines` is `_line_count` of the text it read) and no
    CR stands alone, no field can hold one (a record spanning lines would leave fewer records
    than lines): counted at C speed, which spares searching every cell. Otherwise the cells are
    searched."""
    count, lone_cr = lines
    if grid.height == count and not lone_cr:
        return False
    return bool(grid.select(pl.any_horizontal(pl.all().str.contains(r"[\r\n]").any())).item())


def _csv_body(
    path: Path, data: bytes, lookup: Mapping[str, str], required: Sequence[str]
) -> tuple[bytes, int, str, str]:
    """The file's UTF-8 bytes from its header line on, how many lines precede that line, the
    delimiter and the file's encoding."""
    raw, sample, whole, encoding = _utf8_bytes(data, path)
    if "\n" not in sample and "\r" in sample:
        # Classic Mac OS line ends: polars and the csv module split on LF, so make them LF
        # (byte 13 is never part of a multi-byte UTF-8 character).
        raw, sample = raw.replace(b"\r", b"\n"), sample.replace("\r", "\n")
    lines = _sample_lines(sample, whole)
    found = _find_csv_header(lines, lookup, required)
    if found is None:
        raise UnreadableSourceError(
            path,
            f"no header row with the columns {', '.join(required)} in the first {len(lines)} lines "
            "(delimiters tried: comma, semicolon, tab, |)",
        )
    header_index, delimiter, header_cells = found
    if not raw.endswith((b"\n", b"\r")):
        _check_not_truncated(path, raw.decode("utf-8"), delimiter, len(header_cells))
    # Rows above the header (titles, notes) are layout: reading starts at the header line.
    offset = len(sample[: lines[header_index][0]].encode("utf-8"))
    return (raw[offset:] if offset else raw), header_index, delimiter, encoding


def _read_csv_grid(
    path: Path, lookup: Mapping[str, str], required: Sequence[str]
) -> tuple[pl.DataFrame, str, str, str]:
    """The CSV from its header line on, as a grid whose first row is the header (with the
    encoding, the delimiter and the file's sha256)."""
    data = path.read_bytes()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="csv-bytes") as side:
        # hashlib lets go of the GIL: the digest is taken while the header is found and polars
        # reads the file, and the lines are counted on the side too (at 190 MB, 0.3 s together).
        sha256 = side.submit(hashlib.sha256, data)
        # The first record is the header and record i sits on line `skipped + i + 1`.
        body, skipped, delimiter, encoding = _csv_body(path, data, lookup, required)
        lines = side.submit(_line_count, body)
        # Fast path: polars (an order of magnitude faster than the csv module) keeps blank lines
        # as empty records, so record i sits on line i + 1, unless a quoted field spans lines.
        try:
            grid = pl.read_csv(
                body,
                has_header=False,
                separator=delimiter,
                infer_schema=False,
                truncate_ragged_lines=True,
            )
        except pl.exceptions.PolarsError as exc:
            raise UnreadableSourceError(path, f"malformed CSV: {exc}") from exc
        digest = sha256.result().hexdigest()
        del data  # only one copy of a file that may be hundreds of megabytes is held
        grid = grid.rename({name: f"c{i}" for i, name in enumerate(grid.columns)})
        if _spans_lines(lines.result(), grid):
            grid = _csv_module_grid(path, body.decode("utf-8"), delimiter, skipped)
            return grid, encoding, delimiter, digest
    del body  # freed before the stripped columns are made, which bounds peak memory
    # A few columns at a time, each replaced in place: the grid is never held twice. Stripping
    # and then nulling blanks in two passes costs half of doing both in one `when`.
    columns = grid.columns
    for at in range(0, len(columns), STRIPPED_AT_ONCE):
        part = columns[at : at + STRIPPED_AT_ONCE]
        grid = grid.with_columns(pl.col(part).str.strip_chars()).with_columns(pl.col(part).replace("", None))
    grid = grid.with_columns(
        pl.int_range(skipped + 1, skipped + grid.height + 1, dtype=pl.Int64).alias(SOURCE_ROW)
    )
    return grid, encoding, delimiter, digest


def _csv_module_grid(path: Path, body: str, delimiter: str, skipped: int) -> pl.DataFrame:
    """The grid read by the csv module, for a file where a quoted field spans lines."""
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    rows: list[list[str | None]] = []
    line_numbers: list[int] = []
    try:
        for record in reader:
            # line_num is the physical line where the record ended: right even when a quoted
            # field spans lines, which naive counting of records would get wrong.
            line_numbers.append(skipped + reader.line_num)
            rows.append([(field.strip() or None) for field in record])
    except csv.Error as exc:
        raise UnreadableSourceError(
            path, f"malformed CSV near line {skipped + reader.line_num}: {exc}"
        ) from exc
    return _grid_from_rows(rows, line_numbers)


def _read_xlsx_grid(
    path: Path, sheet_names: Sequence[str] | None, lookup: Mapping[str, str], required: Sequence[str]
) -> tuple[pl.DataFrame, str]:
    """The first sheet (of `sheet_names`, else of the workbook) whose first HEADER_SEARCH_ROWS
    rows hold the header: a blank first sheet or a cover sheet is passed over."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError, ValueError) as exc:
        raise UnreadableSourceError(path, f"not a readable XLSX workbook ({exc})") from exc
    names = list(workbook.sheet_names)
    candidates = [n for n in names if sheet_names is None or n in sheet_names] or names[:1]
    for name in candidates:
        sheet = workbook.get_sheet_by_name(name)
        top = [[_cell_text(v) for v in record] for record in sheet.to_python(nrows=HEADER_SEARCH_ROWS)]
        if _locate_header(top, lookup, required)[0] is None:
            continue
        # With skip_empty_area=False calamine starts at A1 (empty rows above the used range
        # included), so row i is Excel's row i + 1: the row numbers a person sees.
        rows = [[_cell_text(v) for v in record] for record in sheet.to_python(skip_empty_area=False)]
        return _grid_from_rows(rows, list(range(1, len(rows) + 1))), sheet.name
    raise UnreadableSourceError(
        path,
        f"no header row with the columns {', '.join(required)} in the first {HEADER_SEARCH_ROWS} rows of "
        + ("sheet " if len(candidates) == 1 else "any of the sheets ")
        + ", ".join(f"'{n}'" for n in candidates),
    )


def read_tabular(
    path: Path,
    synonyms: Mapping[str, Sequence[str]],
    required: Sequence[str],
    sheet_names: Sequence[str] | None = None,
    expected: Sequence[str] = (),
) -> TabularSource:
    """Read a CSV or XLSX file into canonical string columns.

    `synonyms` maps each canonical column to the header wordings sources use for it. The header
    is the first row (within HEADER_SEARCH_ROWS, on the first sheet that has one) in which every
    `required` column is found. `expected` columns must then be in that header too: a file
    without them fails, naming the column, rather than loading its values as empty.
    """
    if not path.exists():
        raise UnreadableSourceError(path, "file not found")
    if not path.stat().st_size:
        raise UnreadableSourceError(path, "file is empty")
    suffix = path.suffix.lower()
    lookup = _header_lookup(synonyms)
    encoding = delimiter = sheet = None
    if suffix in {".csv", ".txt", ".tsv"}:
        grid, encoding, delimiter, sha256 = _read_csv_grid(path, lookup, required)
    elif suffix in {".xlsx", ".xlsm", ".xls"}:
        grid, sheet = _read_xlsx_grid(path, sheet_names, lookup, required)
        sha256 = sha256_of(path)
    else:
        raise UnreadableSourceError(path, f"unsupported file type '{suffix}'")

    cells = [c for c in grid.columns if c != SOURCE_ROW]
    top = grid.head(HEADER_SEARCH_ROWS).select(cells).rows()
    header_index, positions = _locate_header(top, lookup, required)
    if header_index is None:  # the readers above only return a grid with a header in it
        raise UnreadableSourceError(path, f"no header row with the columns {', '.join(required)}")
    header_row = int(grid[SOURCE_ROW][header_index])
    missing = [name for name in expected if name not in positions]
    if missing:
        raise UnreadableSourceError(
            path,
            f"the header (row {header_row}{f' of sheet {sheet!r}' if sheet else ''}) has no column "
            + "; no column ".join(
                f"{name} (looked for: {', '.join(repr(w) for w in synonyms[name])})" for name in missing
            )
            + ": the file is not loaded rather than loading those values as empty",
        )
    body = grid.slice(header_index + 1).select(
        SOURCE_ROW, *(pl.col(cells[index]).alias(name) for name, index in positions.items())
    )
    # Blank spacer rows are layout, not data. (Most files have none: then the frame is not
    # copied by a filter.)
    filled = body.select(pl.any_horizontal(pl.exclude(SOURCE_ROW).is_not_null())).to_series()
    frame = body if filled.all() else body.filter(filled)
    frame = frame.with_columns(
        pl.lit(None, dtype=pl.String).alias(name) for name in synonyms if name not in frame.columns
    )
    return TabularSource(
        path=path,
        sha256=sha256,
        sheet=sheet,
        encoding=encoding,
        delimiter=delimiter,
        header_row=header_row,
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
