"""The document toolkit every document parser shares: a PDF's first page (status, as-of date,
symbol, period), the body with its page furniture removed, tables found by heading, amounts or a
reject quoting the cell, and `DocumentBuilder`, which turns table rows into loaded rows or
rejects without losing any (rows read = loaded + rejected).

A parser is a function `(path, reporting_year, sources_root, cache_dir) -> DocumentParse` built
from these pieces; the registry (`registry.py`) says which files it reads and stamps the
result with its source family. The contract with the generator and with dbt is
docs/document_layouts.md.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import polars as pl

from pipelines.ingest.hrc_document import (
    board_sessions,
    document_year,
    figure_status,
    is_job_number,
    read_facts,
)
from pipelines.ingest.layouts import DocumentLayout, TableLayout
from pipelines.ingest.pdf import (
    Line,
    PdfText,
    Table,
    TableRow,
    TableSpec,
    find_tables,
    header_positions,
    match_heading,
    parse_amount,
    read_pdf,
    reconcile,
    strip_furniture,
)
from pipelines.ingest.raw_schemas import DOCUMENT_SCHEMAS, DOCUMENT_TABLES
from pipelines.ingest.rejects import AUDIT_SCHEMA, REJECT_SCHEMA, conform
from pipelines.ingest.tables import UnreadableSourceError
from pipelines.reference.donors import resolve_donor


@dataclass(frozen=True)
class DocumentParse:
    """The output of one document parser over one file: rows per raw table (every raw table
    present, in its schema, possibly empty), rejects, and the count of rows read.

    `rows_read` counts table data rows (not headers, sub-totals or totals) and highlight
    paragraphs; each is loaded or rejected exactly once. A funds-table row is one row read but
    two `fund_statements` rows (contributions received and expenditure), so `rows_loaded` is
    counted by the parser, not from the frames.
    """

    source_file: str
    sha256: str
    document_type: str
    reporting_year: int
    rows_read: int
    rows_loaded: int
    tables: dict[str, pl.DataFrame]
    rejects: pl.DataFrame
    # Set by the registry, which knows where a document belongs (`in_family`).
    family: str | None = None

    @property
    def rows_rejected(self) -> int:
        return self.rejects.height

    def in_family(self, family: str) -> DocumentParse:
        """This parse as a row of `family`: its rejects and audit row carry the family."""
        rejects = self.rejects.with_columns(source_family=pl.lit(family, dtype=pl.String()))
        return dataclasses.replace(self, family=family, rejects=rejects)

    def audit_row(self) -> dict[str, object]:
        """One `raw.load_audit` row (rows read = loaded + rejected)."""
        row = {
            "source_family": self.family,
            "reporting_year": self.reporting_year,
            "source_file": self.source_file,
            "source_sha256": self.sha256,
            "rows_read": self.rows_read,
            "rows_loaded": self.rows_loaded,
            "rows_rejected": self.rows_rejected,
        }
        return {name: row[name] for name in AUDIT_SCHEMA}


@dataclass(frozen=True)
class DocumentMeta:
    """What a document's first page says about it."""

    document_type: str
    reporting_year: int
    document_symbol: str | None
    figure_status: str
    as_of: dt.date | None
    period_start: dt.date
    period_end: dt.date
    title: str | None


def read_first_page(
    lines: Sequence[Line], layout: DocumentLayout, path: Path, reporting_year: int
) -> DocumentMeta:
    """Symbol, date, period, status and year from the first page, as UN documents print them
    (hrc_document.py): the status follows from which document it is, the as-of date is the date
    it carries. A document without a date, or whose own year is not the year its file name
    claims, cannot be loaded: it would put figures in the wrong year or the wrong order."""
    facts = read_facts(lines)
    if facts.date is None:
        raise UnreadableSourceError(
            path, "first page: no date on a line of its own (a distribution date such as '20 April 2015')"
        )
    stated = document_year(layout.document_type, lines, facts.date)
    if stated is not None and stated[0] != reporting_year:
        raise UnreadableSourceError(
            path,
            f"wrong year: the document reports on {stated[0]} ({stated[1]}), "
            f"but its file name says {reporting_year}",
        )
    # Annual reports and Appeals give the calendar year's accounts; a board report covers the
    # Board sessions held since its previous report (read from its body, `board_period`).
    return DocumentMeta(
        document_type=layout.document_type,
        reporting_year=reporting_year,
        document_symbol=facts.symbol,
        figure_status=figure_status(layout.document_type),
        as_of=facts.date,
        period_start=dt.date(reporting_year, 1, 1),
        period_end=dt.date(reporting_year, 12, 31),
        title=facts.title,
    )


def board_period(meta: DocumentMeta, body: Sequence[Sequence[Line]]) -> DocumentMeta:
    """The meta with the period of the Board sessions the report covers (first day of the first
    session to last day of the last), or unchanged when the report lists no session."""
    sessions = board_sessions([line for page in body for line in page])
    if not sessions:
        return meta
    return dataclasses.replace(
        meta, period_start=min(s[1] for s in sessions), period_end=max(s[2] for s in sessions)
    )


_SPECS: dict[int, tuple[TableLayout, TableSpec]] = {}


def table_spec(layout: TableLayout) -> TableSpec:
    """`layout.spec()`, built once per layout: a spec remembers its answers for headings and
    header cells already seen (`TableSpec.headings_seen`, `columns_seen`), which every table
    search of every document reuses."""
    cached = _SPECS.get(id(layout))
    if cached is None or cached[0] is not layout:
        cached = _SPECS[id(layout)] = (layout, layout.spec())
    return cached[1]


@dataclass(frozen=True)
class PdfDocument:
    """A PDF with its page furniture removed and its first page read."""

    path: Path
    text: PdfText
    meta: DocumentMeta
    layout: DocumentLayout
    body: list[list[Line]]

    def tables(self, layout: TableLayout, required: bool | None = None) -> list[Table]:
        """Every occurrence of `layout`'s table. A required table that is not there makes the
        whole file unreadable, naming the headings searched."""
        spec = table_spec(layout)
        others = [table_spec(t) for t in self.layout.tables if t.table_id != layout.table_id]

        def starts_other(line: Line) -> bool:
            # Another table's heading or header row: this table has ended.
            cells = [c.text for c in line.cells]
            return any(
                (s.headings and match_heading(line, s) is not None) or header_positions(cells, s) is not None
                for s in others
            )

        found = find_tables(self.body, spec, stop=starts_other)
        must = layout.table_id in self.layout.required_tables if required is None else required
        if must and not found:
            if layout.heading_is_qualifier:
                searched = "a country name followed by the header " + " | ".join(layout.columns)
            else:
                searched = "; ".join(f"'{h}'" for h in layout.headings)
            first = layout.headings[0] if layout.headings else layout.table_id
            raise UnreadableSourceError(
                self.path, f"no table '{first}' found (searched headings: {searched})"
            )
        return found


def open_pdf(
    path: Path, layout: DocumentLayout, reporting_year: int, cache_dir: Path | None = None
) -> PdfDocument:
    """Read a PDF (cached by hash), its first page and its body. Raises UnreadableSourceError."""
    return pdf_document(read_pdf(path, cache_dir), layout, reporting_year)


def pdf_document(text: PdfText, layout: DocumentLayout, reporting_year: int) -> PdfDocument:
    """A document from extracted lines (the benchmark feeds pdfplumber's lines through here)."""
    path = text.path
    if not text.pages or not any(text.pages):
        raise UnreadableSourceError(path, "the PDF has no text (a scan, or empty pages)")
    meta = read_first_page(text.pages[0], layout, path, reporting_year)
    specs = [table_spec(t) for t in layout.tables]

    def keep(line: Line) -> bool:
        # Header rows and headings stand at the top of continuation pages on purpose.
        cells = [c.text for c in line.cells]
        return any(
            header_positions(cells, s) is not None or (s.headings and match_heading(line, s) is not None)
            for s in specs
        )

    marks = [m for m in (meta.document_symbol,) if m]
    body = [
        [line for line in page if not is_job_number(line)]
        for page in strip_furniture(text.pages, keep, marks)
    ]
    return PdfDocument(path=path, text=text, meta=meta, layout=layout, body=body)


# --------------------------------------------------------------------------- rows and rejects


@dataclass(frozen=True)
class Reject:
    """Why a row cannot be loaded: the first rule it breaks."""

    rule: str
    reason: str


Outcome = list[dict[str, object]] | Reject


def contribution_row(row: TableRow, fund_code: str, amounts: dict[str, Decimal | None]) -> Outcome:
    """A donor-table row as a raw.contributions row (`amounts` by pledged, paid, unearmarked,
    earmarked; missing ones stay null), or an `unknown_donor` reject naming the donor."""
    name = (row.values.get("donor") or "").strip()
    donor = resolve_donor(name)
    if donor.code is None:
        return Reject("unknown_donor", donor.reason or f"donor '{name}' is unknown")
    return [
        {
            "donor_name": name,
            "donor_code": donor.code,
            "donor_type": donor.donor_type,
            "fund_code": fund_code,
            **{f"{kind}_usd": amounts.get(kind) for kind in ("pledged", "paid", "unearmarked", "earmarked")},
        }
    ]


def amount_or_reject(
    row: TableRow, columns: Sequence[str], labels: dict[str, str] | None = None
) -> dict[str, Decimal | None] | Reject:
    """The row's amounts in `columns`, or an `unparseable_amount` reject quoting the cell."""
    values: dict[str, Decimal | None] = {}
    for column in columns:
        text = row.values.get(column)
        try:
            values[column] = parse_amount(text)
        except ValueError:
            name = (labels or {}).get(column, column)
            return Reject("unparseable_amount", f"{name} '{text}' is not an amount")
    return values


@dataclass
class DocumentBuilder:
    """Collects one document's loaded rows and rejects, keeping rows read = loaded + rejected."""

    path: Path
    relative: str
    sha256: str
    meta: DocumentMeta
    rows: dict[str, list[dict[str, object]]] = field(
        default_factory=lambda: {name: [] for name in DOCUMENT_TABLES}
    )
    rejects: list[dict[str, object]] = field(default_factory=list)
    rows_read: int = 0
    rows_loaded: int = 0

    def table_id(self, table: Table) -> str:
        return f"{table.table_id}/{table.qualifier}" if table.qualifier else table.table_id

    def load(
        self,
        raw_table: str,
        table: Table,
        convert: Callable[[TableRow], Outcome],
        table_problem: tuple[str, str] | None = None,
        sheet: str | None = None,
    ) -> None:
        """Load or reject every data row of `table`.

        Order of rules: a row's own unreadable amount first (it is why the table may not add
        up), then the table's problem (totals that do not reconcile, a statement that does
        not balance: every row of such a table is rejected, its figures cannot be trusted),
        then the row's other rules (unknown donor, country, fund, area).
        """
        source_table = self.table_id(table)
        for row in table.data_rows:
            self.rows_read += 1
            outcome = convert(row)
            if table_problem is not None and not (
                isinstance(outcome, Reject) and outcome.rule == "unparseable_amount"
            ):
                outcome = Reject(*table_problem)
            where = {
                "source_page": row.page,
                "source_sheet": sheet,
                "source_table": source_table,
                "source_row": row.sheet_row if sheet is not None else row.number,
            }
            if isinstance(outcome, Reject):
                self.reject(where, outcome, row.raw)
                continue
            self.rows_loaded += 1
            for values in outcome:
                self.rows[raw_table].append({**values, **where})

    def load_one(
        self, raw_table: str, where: dict[str, object], outcome: Outcome, raw: dict[str, str | None]
    ) -> None:
        """Load or reject one row that is not a table row (a highlight paragraph)."""
        self.rows_read += 1
        if isinstance(outcome, Reject):
            self.reject(where, outcome, raw)
            return
        self.rows_loaded += 1
        for values in outcome:
            self.rows[raw_table].append({**values, **where})

    def reject(self, where: dict[str, object], reject: Reject, raw: dict[str, str | None]) -> None:
        self.rejects.append(
            {
                **where,
                "rule": reject.rule,
                "reason": reject.reason,
                "raw_values": json.dumps(dict(raw), ensure_ascii=False),
            }
        )

    def result(self) -> DocumentParse:
        document = {
            "reporting_year": self.meta.reporting_year,
            "document_type": self.meta.document_type,
            "document_symbol": self.meta.document_symbol,
            "figure_status": self.meta.figure_status,
            "as_of": self.meta.as_of,
        }
        source = {"source_file": self.relative, "source_sha256": self.sha256}
        tables = {}
        for name, schema in DOCUMENT_SCHEMAS.items():
            records = [{**document, **source, **row} for row in self.rows[name]]
            frame = (
                pl.DataFrame(records, schema=schema, orient="row") if records else pl.DataFrame(schema=schema)
            )
            tables[name] = frame
        rejects = (
            pl.DataFrame(
                [
                    {
                        "source_family": None,
                        "reporting_year": self.meta.reporting_year,
                        **source,
                        **reject,
                    }
                    for reject in self.rejects
                ],
                schema=REJECT_SCHEMA,
                orient="row",
            )
            if self.rejects
            else pl.DataFrame(schema=REJECT_SCHEMA)
        )
        return DocumentParse(
            source_file=self.relative,
            sha256=self.sha256,
            document_type=self.meta.document_type,
            reporting_year=self.meta.reporting_year,
            rows_read=self.rows_read,
            rows_loaded=self.rows_loaded,
            tables=tables,
            rejects=conform(rejects, REJECT_SCHEMA),
        )


def relative_name(path: Path, sources_root: Path) -> str:
    return path.relative_to(sources_root).as_posix() if path.is_relative_to(sources_root) else path.name


def totals_problem(table: Table, layout: TableLayout) -> tuple[str, str] | None:
    """`totals_mismatch` with a reason naming the table, its pages, printed and computed totals."""
    if not layout.totals:
        return None
    problems = reconcile(table, layout.amounts, require_total=layout.total_required)
    if not problems:
        return None
    # Each problem names its page (or sheet row), the printed and the computed figure.
    return ("totals_mismatch", f"table '{table.heading}' does not add up: " + "; ".join(problems))
