"""PDF text and tables: the project's engine (pypdfium2) against pdfplumber on the same files.

`compare(paths)` reads every page's text and the tables of each document with both libraries
and reports pages per second and whether they found the same tables.

* pypdfium2: `pipelines.ingest.pdf` as the parsers use it (text lines with cells, page furniture
  removed, every table of the document's layout found), without its cache.
* pdfplumber: per page `extract_text()` and `extract_tables()` (text strategy: our tables have
  no ruling lines), which is what using it for text and tables costs. Its own table finder cuts
  a whole page into one grid (prose included), so tables are compared on its characters
  instead: grouped into lines and cells by the same gap rule and passed to the same table
  finder, every table row must have the same cells as ours.

pdfplumber is only a dev dependency, the yardstick.

    python -m benchmarks.pdf sources/annual_reports/*.pdf sources/fund_board_reports/*.pdf
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from pipelines.ingest import pdf
from pipelines.ingest.document_kit import pdf_document
from pipelines.ingest.layouts import LAYOUTS
from pipelines.ingest.registry import classify
from pipelines.text import normalize_label

# Tables without ruling lines (ours have one rule under the header): pdfplumber must find
# columns from the text's alignment.
PDFPLUMBER_SETTINGS = {"vertical_strategy": "text", "horizontal_strategy": "text"}


Tables = list[list[tuple[str, ...]]]


def _tables(text: pdf.PdfText) -> Tables:
    """The document's tables as its parser reads them (first page, furniture, every table of
    its layout): header row, then every row, as normalized cells."""
    source = classify(text.path)
    if source is None or source.document_type not in LAYOUTS:
        return []
    layout = LAYOUTS[source.document_type]
    document = pdf_document(text, layout, source.reporting_year)
    tables = []
    for table_layout in layout.tables:
        for table in document.tables(table_layout, required=False):
            rows = [tuple(normalize_label(c) for c in table.header)]
            rows += [tuple(normalize_label(v) for v in row.raw.values() if v) for row in table.rows]
            tables.append(rows)
    return tables


def _engine(path: Path) -> tuple[int, Tables]:
    text = pdf.read_pdf(path)
    return text.page_count, _tables(text)


def _plumber(path: Path) -> tuple[int, Tables]:
    import pdfplumber

    pages: list[tuple[pdf.Line, ...]] = []
    with pdfplumber.open(str(path)) as document:
        for number, page in enumerate(document.pages, start=1):
            page.extract_text()
            page.extract_tables(PDFPLUMBER_SETTINGS)
            pages.append(_plumber_lines(page.chars, float(page.height), number))
    return len(pages), _tables(pdf.PdfText(path=path, sha256="", pages=tuple(pages)))


def _plumber_lines(chars: Sequence[dict[str, object]], height: float, number: int) -> tuple[pdf.Line, ...]:
    """pdfplumber's characters as engine lines: same baseline -> one line; a gap wider than
    CELL_GAP_SPACES spaces -> a new cell (the engine's rule)."""
    rows: dict[float, list[dict[str, object]]] = {}
    for char in chars:
        rows.setdefault(round(float(char["bottom"]), 0), []).append(char)  # type: ignore[arg-type]
    lines = []
    for bottom in sorted(rows):
        cells: list[pdf.Cell] = []
        text, x0, x1 = "", 0.0, 0.0
        size = max(float(c["size"]) for c in rows[bottom])  # type: ignore[arg-type]
        space = pdf.SPACE_EM * size
        for char in sorted(rows[bottom], key=lambda c: float(c["x0"])):  # type: ignore[arg-type]
            c0, c1, ch = float(char["x0"]), float(char["x1"]), str(char["text"])  # type: ignore[arg-type]
            if text and c0 - x1 >= pdf.CELL_GAP_SPACES * space:
                cells.append(pdf.Cell(" ".join(text.split()), x0, x1))
                text = ""
            if not text:
                x0 = c0
            if text and c0 - x1 > 0.5 * space and not text.endswith(" "):
                text += " "
            text += ch
            x1 = c1 if ch.strip() else x1
        if text.strip():
            cells.append(pdf.Cell(" ".join(text.split()), x0, x1))
        cells = [c for c in cells if c.text]
        if cells:
            lines.append(pdf.Line(number, round(height - bottom, 2), size, tuple(cells)))
    return tuple(lines)


def compare(paths: Sequence[Path]) -> dict[str, object]:
    """Pages/s for text + tables with pypdfium2 (this project's engine, no cache) and with
    pdfplumber, on the same documents, and how many of our tables pdfplumber found the same."""
    paths = [Path(p) for p in paths]
    pdf.clear_memory_cache()
    start = time.perf_counter()
    ours = {path: _engine(path) for path in paths}
    engine_seconds = time.perf_counter() - start
    pdf.clear_memory_cache()

    start = time.perf_counter()
    theirs = {path: _plumber(path) for path in paths}
    plumber_seconds = time.perf_counter() - start

    pages = sum(count for count, _ in ours.values())
    tables = same = rows = rows_same = 0
    differing: list[str] = []
    for path, (_, found) in ours.items():
        other = theirs[path][1]
        other_rows = {row for table in other for row in table}
        tables += len(found)
        same += sum(table in other for table in found)
        for table in found:
            matched = [row in other_rows for row in table]
            rows += len(matched)
            rows_same += sum(matched)
            if not all(matched) and len(differing) < 5:
                first = next(row for row, ok in zip(table, matched, strict=True) if not ok)
                differing.append(f"{path.name}: table {table[0][:2]}: row {first} not in pdfplumber's")
        if len(other) != len(found) and len(differing) < 5:
            differing.append(f"{path.name}: {len(found)} tables here, {len(other)} from pdfplumber")
    return {
        "documents": len(paths),
        "pages": pages,
        "pypdfium2_seconds": round(engine_seconds, 3),
        "pypdfium2_pages_per_second": round(pages / engine_seconds) if engine_seconds else None,
        "pdfplumber_seconds": round(plumber_seconds, 3),
        "pdfplumber_pages_per_second": round(pages / plumber_seconds, 1) if plumber_seconds else None,
        "tables": tables,
        "tables_pdfplumber": sum(len(t) for _, t in theirs.values()),
        "tables_same_in_pdfplumber": same,
        "rows": rows,
        "rows_same_in_pdfplumber": rows_same,
        "examples_of_differences": differing,
    }


if __name__ == "__main__":
    print(json.dumps(compare([Path(p) for p in sys.argv[1:]]), indent=2))
