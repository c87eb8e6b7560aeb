"""Synthetic sample documents: the OHCHR annual reports (PDF, some years with an XLSX funding
annex), the Human Rights Appeals with provisional figures, and the fund board reports (VFTC Board
of Trustees, UPR voluntary funds), 2012-2025, with their ground truth.

The contract is ``docs/document_layouts.md``; this module is its reference implementation and
the place where every wording a parser must know is declared (`HEADER_WORDINGS`,
`TABLE_HEADINGS`, `CHAPTER_TITLES`, `HIGHLIGHT_LABELS`, `STATEMENT_ITEMS`, `GLANCE_ITEMS`).

Files (``sources/``)
--------------------
``annual_reports/ohchr_report_<Y>.pdf``, ``annual_reports/ohchr_report_<Y>_funding_annex.xlsx``
(the years of `ANNEX_HEADER_ROW`), ``annual_reports/human_rights_appeal_<Y+1>.pdf`` (every
year), ``fund_board_reports/vftc_board_report_<Y>.pdf``, and the two UPR funds' own reports
``fund_board_reports/upr_participation_fund_report_<Y>.pdf`` and
``fund_board_reports/vffta_report_<Y>.pdf`` (the fund named in the title); a ``manifest.json``
in each folder.

How the PDFs are made, and what a parser can rely on
----------------------------------------------------
* reportlab platypus, A4: portrait, except the wide tables, which are on landscape A4 pages (the
  annual report's funding and country chapters, the board reports' projects annexes); the
  standard Type 1 fonts (nothing embedded), so every printed character is in cp1252 (checked
  when drawing). A table's font shrinks (down to 6 pt) until every cell fits on one line.
* Page 1 as real documents print it, with no status or as-of line: an annual report or Appeal
  prints its title with the year and its date (``15 June 2020``); a Council report (board and
  UPR fund reports) prints ``United Nations <symbol>``, the distribution block (``Distr.:
  General``, the date, ``Original: English``), the session and its dates, the agenda item, the
  title, and its job number (``GE.20-12345(E)``) at the foot. Every page, the first included,
  carries a header line (short title and symbol) and a page-number footer.
* A table is one reportlab Table whose first row is the heading (spanning all columns), then the
  header row, then data rows, sub-total rows (first cell ``Sub-total <group>``) and a totals row
  (``Total`` or ``Grand total``). Every cell is a single line. A table that breaks across pages
  repeats its header row; in the years where `AnnualLayout.continued` / `BoardLayout.continued`
  is set it also repeats the heading with a ``(continued)`` / ``(cont.)`` suffix.
* **Cell separator.** PDFium (pypdfium2) merges every run of U+0020 spaces into one and emits at
  most one generated space for a gap, whatever the gap, so column positions alone cannot give the
  ">= 2 spaces between cells" the contract promises. Every cell after the first therefore starts
  with `CELL_SEPARATOR`, a space and a no-break space: the fonts use WinAnsiEncoding with one
  /Differences entry (byte 0xA0 -> glyph ``nbspace``, zero width, invisible), which PDFium
  reports as U+00A0 and does not merge. In pypdfium2's text a row is exactly
  ``CELL_SEPARATOR.join(cells)``, empty cells included; after replacing U+00A0 by a space (or
  NFKC) cells are separated by two spaces (four or more around an empty cell). Splitting on
  ``" \u00a0"`` gives the cells exactly; splitting on ``r"\\s{2,}"`` works too but drops empties.
  On the page, neighbouring cells are also at least three space widths apart, for readers that
  split by character geometry.
* Amounts: whole USD with thousands separators; zero as ``-`` or ``–`` (varies by year);
  negative in parentheses. Unearmarked share: one decimal (``41.3``). Counts: plain integers.

Figures
-------
Published figures are the project's own data, ``samples/data/published_figures.csv`` (read by
`load_published_figures`, path overridable with ``TCW_PUBLISHED_FIGURES``; the tests check the
file against the published record in ``../shared/reference``), and are printed exactly;
everything else is synthetic (`samples.document_data`). Every totals
and sub-total row is the sum of its rows (rows are rounded first). The sources agree with each
other (annual report, annex, VFTC and UPR fund reports) except for one documented, planted
disagreement (`PLANTED_DIFFERENCE`). Bad documents are never in ``sources/``: tests make them
with `write_annual_report(..., break_total=True)` & co. and `truncate_copy`.

Modules, one per part of the job: `constants`, `wordings` (every printed wording), `layout`
(what varies by year), `published` (the published figures), `model` (each year's figures),
`names` (names as documents write them), `pdf` (reportlab rendering), `specs` (table specs),
`render` (the documents), `truth` (the manifests' ground truth), `generate` (entry points).
Needs the optional extra ``samples`` (numpy, reportlab): ``pip install -e '.[samples]'``.

API: `generate_documents(out_dir, years, seed) -> DocumentsManifest`;
``tcw sources generate [--out SOURCES_DIR]`` (default: the settings' sources).

Same seed and published figures -> byte-identical files (reportlab ``invariant=1``: fixed dates
and document ID; xlsxwriter: fixed creation date).
"""

from samples.documents.constants import (
    ANNEX_HEADER_ROW,
    ANNEX_SHEETS,
    ANNUAL_DIR,
    BOARD_DIR,
    BOARD_DOCUMENT_TYPES,
    CELL_SEPARATOR,
    DEFAULT_SEED,
    DEFAULT_YEARS,
    DOCUMENT_TYPES,
    GENERATOR_MODULE,
    GENERATOR_VERSION,
    MANIFEST_NAME,
    PLANTED_DIFFERENCE,
    PUBLISHED_FIGURES_ENV,
    SENTINEL_COUNTRIES,
    SENTINEL_DONORS,
)
from samples.documents.generate import (
    DocumentsManifest,
    generate_documents,
    truncate_copy,
    write_annual_report,
    write_appeal,
    write_funding_annex,
    write_upr_participation_fund_report,
    write_vffta_report,
    write_vftc_board_report,
)
from samples.documents.published import (
    PublishedFigures,
    load_published_figures,
)
from samples.documents.wordings import (
    CHAPTER_TITLES,
    CONTINUED_SUFFIXES,
    GLANCE_ITEMS,
    HEADER_WORDINGS,
    HIGHLIGHT_LABELS,
    IGNORED_TABLE_HEADINGS,
    STATEMENT_ITEMS,
    SUBTOTAL_PREFIX,
    TABLE_HEADINGS,
    TOTAL_LABELS,
)

__all__ = [
    "ANNEX_HEADER_ROW",
    "ANNEX_SHEETS",
    "ANNUAL_DIR",
    "BOARD_DIR",
    "BOARD_DOCUMENT_TYPES",
    "CELL_SEPARATOR",
    "CHAPTER_TITLES",
    "CONTINUED_SUFFIXES",
    "DEFAULT_SEED",
    "DEFAULT_YEARS",
    "DOCUMENT_TYPES",
    "GENERATOR_MODULE",
    "GENERATOR_VERSION",
    "GLANCE_ITEMS",
    "HEADER_WORDINGS",
    "HIGHLIGHT_LABELS",
    "IGNORED_TABLE_HEADINGS",
    "MANIFEST_NAME",
    "PLANTED_DIFFERENCE",
    "PUBLISHED_FIGURES_ENV",
    "SENTINEL_COUNTRIES",
    "SENTINEL_DONORS",
    "STATEMENT_ITEMS",
    "SUBTOTAL_PREFIX",
    "TABLE_HEADINGS",
    "TOTAL_LABELS",
    "DocumentsManifest",
    "PublishedFigures",
    "generate_documents",
    "load_published_figures",
    "truncate_copy",
    "write_annual_report",
    "write_appeal",
    "write_funding_annex",
    "write_upr_participation_fund_report",
    "write_vffta_report",
    "write_vftc_board_report",
]
