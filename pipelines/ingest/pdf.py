"""The PDF text layer, kept at its old path so the parsers' imports keep working.

The layer now lives in `pipelines.ingest.text`: `extract` (lines with cell positions, cache),
`amounts`, `table_finder` (tables by heading and header, totals), `furniture` (running headers
and footers, first-page dates and labels) and `prose` (running text: U+FFFE and special
hyphens, NBSP and thin spaces, symbol / job number / page-number lines, hyphenation). New code
imports from there; this module re-exports the public names.
"""

from __future__ import annotations

# The old module imported these and callers took them from here.
from pipelines.ingest.tables import UnreadableSourceError, sha256_of
from pipelines.ingest.text.amounts import (
    format_amount,
    parse_amount,
    parse_number,
)
from pipelines.ingest.text.extract import (
    CELL_GAP_SPACES,
    ENGINE_VERSION,
    MEMORY_CACHE_SIZE,
    SAME_LINE_EM,
    SPACE_EM,
    WRAP_EM,
    Cell,
    Line,
    PdfText,
    clear_memory_cache,
    first_page_lines,
    read_pdf,
    split_cells,
)
from pipelines.ingest.text.furniture import (
    labelled_value,
    parse_date,
    parse_period,
    strip_furniture,
)
from pipelines.ingest.text.prose import (
    ProseLine,
    body_lines,
    is_furniture,
    join_lines,
    normalize_chars,
    page_count,
    read_prose,
    vocabulary,
)
from pipelines.ingest.text.table_finder import (
    Table,
    TableRow,
    TableSpec,
    assign_cells,
    find_tables,
    header_key,
    header_positions,
    heading_key,
    match_heading,
    reconcile,
    row_kind,
    strip_continued,
)

__all__ = [
    "CELL_GAP_SPACES",
    "ENGINE_VERSION",
    "MEMORY_CACHE_SIZE",
    "SAME_LINE_EM",
    "SPACE_EM",
    "WRAP_EM",
    "Cell",
    "Line",
    "PdfText",
    "ProseLine",
    "Table",
    "TableRow",
    "TableSpec",
    "UnreadableSourceError",
    "assign_cells",
    "body_lines",
    "clear_memory_cache",
    "find_tables",
    "first_page_lines",
    "format_amount",
    "header_key",
    "header_positions",
    "heading_key",
    "is_furniture",
    "join_lines",
    "labelled_value",
    "match_heading",
    "normalize_chars",
    "page_count",
    "parse_amount",
    "parse_date",
    "parse_number",
    "parse_period",
    "read_pdf",
    "read_prose",
    "reconcile",
    "row_kind",
    "sha256_of",
    "split_cells",
    "strip_continued",
    "strip_furniture",
    "vocabulary",
]
