"""Raw tables written from documents (annual reports, appeals, funding annexes, fund board
reports), the result of parsing one document, and what the document parsers share: finding the
documents of a year, reading a PDF's first page, resolving donors, and turning table rows into
loaded rows or rejects without losing any.

The contract with the generator and with dbt is docs/document_layouts.md. Every raw row carries
the document's provenance: reporting year, type, symbol, figure status (provisional / final) and
as-of date (the same figure is published twice, and a restatement never overwrites history),
and the file, hash, page or sheet, table and row it came from.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import polars as pl

from pipelines.ingest.layouts import DocumentLayout, TableLayout
from pipelines.ingest.pdf import (
    Line,
    PdfText,
    Table,
    TableRow,
    find_tables,
    header_positions,
    labelled_value,
    match_heading,
    parse_amount,
    parse_date,
    parse_period,
    read_pdf,
    reconcile,
    strip_furniture,
)
from pipelines.ingest.rejects import AUDIT_SCHEMA, REJECT_SCHEMA, conform
from pipelines.ingest.tables import UnreadableSourceError
from pipelines.reference.countries import resolve_country
from pipelines.reference.seeds import seed_path
from pipelines.text import normalize_label

AMOUNT = pl.Decimal(18, 2)

# Provenance every raw row starts with (document facts) and ends with (where in the file).
DOCUMENT_COLUMNS: dict[str, pl.DataType] = {
    "reporting_year": pl.Int32(),
    "document_type": pl.String(),
    "document_symbol": pl.String(),
    "figure_status": pl.String(),
    "as_of": pl.Date(),
}
SOURCE_COLUMNS: dict[str, pl.DataType] = {
    "source_file": pl.String(),
    "source_sha256": pl.String(),
    "source_page": pl.Int32(),
    "source_sheet": pl.String(),
    "source_table": pl.String(),
    "source_row": pl.Int64(),
}


def _schema(columns: dict[str, pl.DataType]) -> dict[str, pl.DataType]:
    return {**DOCUMENT_COLUMNS, **columns, **SOURCE_COLUMNS}


# The contract's columns, plus the label as the document wrote it next to each resolved code
# (country_name, fund_label, ...), as the request-log rows do: a reviewer sees what was read.
RAW_SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "funding_summary": _schema(
        {
            "scope": pl.String(),
            "metric": pl.String(),
            "indicator_label": pl.String(),
            "value": pl.Float64(),
            "unit": pl.String(),
        }
    ),
    "contributions": _schema(
        {
            "donor_name": pl.String(),
            "donor_code": pl.String(),
            "donor_type": pl.String(),
            "fund_code": pl.String(),
            "pledged_usd": AMOUNT,
            "paid_usd": AMOUNT,
            "unearmarked_usd": AMOUNT,
            "earmarked_usd": AMOUNT,
        }
    ),
    "fund_statements": _schema(
        {
            "fund_code": pl.String(),
            "fund_label": pl.String(),
            "period_start": pl.Date(),
            "period_end": pl.Date(),
            "line_item": pl.String(),
            "line_item_label": pl.String(),
            "amount_usd": AMOUNT,
        }
    ),
    "field_expenditure": _schema(
        {
            "presence_name": pl.String(),
            "presence_type": pl.String(),
            "country_name": pl.String(),
            "country_iso3": pl.String(),
            "regular_budget_usd": AMOUNT,
            "extrabudgetary_usd": AMOUNT,
            "total_usd": AMOUNT,
        }
    ),
    "assistance_activities": _schema(
        {
            "country_name": pl.String(),
            "country_iso3": pl.String(),
            "activity_title": pl.String(),
            "thematic_area_label": pl.String(),
            "thematic_area_code": pl.String(),
            "activity_type": pl.String(),
            "provider_type": pl.String(),
            "provider_name": pl.String(),
            "partner_entity": pl.String(),
            "funding_label": pl.String(),
            "fund_code": pl.String(),
            "upr_recommendations_addressed": pl.Int32(),
        }
    ),
    "board_projects": _schema(
        {
            "fund_code": pl.String(),
            "country_name": pl.String(),
            "country_iso3": pl.String(),
            "region": pl.String(),
            "project_title": pl.String(),
            "thematic_area_label": pl.String(),
            "thematic_area_code": pl.String(),
            "amount_usd": AMOUNT,
        }
    ),
    "highlights": _schema(
        {
            "country_name": pl.String(),
            "country_iso3": pl.String(),
            "thematic_area_label": pl.String(),
            "thematic_area_code": pl.String(),
            "kind": pl.String(),
            "title": pl.String(),
            "body": pl.String(),
        }
    ),
}
RAW_TABLES: tuple[str, ...] = tuple(RAW_SCHEMAS)

# Families are the folders under sources/; document types are the contract's.
FAMILY_OF: dict[str, str] = {
    "annual_report": "annual_reports",
    "funding_annex": "annual_reports",
    "appeal": "annual_reports",
    "vftc_board_report": "fund_board_reports",
    "upr_funds_report": "fund_board_reports",
}
# File name -> (document type, reporting year = the year in the name + offset). The Appeal
# for Y+1 is published in January Y+1 with the provisional figures of Y.
FILE_PATTERNS: tuple[tuple[str, re.Pattern[str], int], ...] = (
    ("annual_report", re.compile(r"^ohchr_report_(\d{4})\.pdf$", re.IGNORECASE), 0),
    ("funding_annex", re.compile(r"^ohchr_report_(\d{4})_funding_annex\.xlsx$", re.IGNORECASE), 0),
    ("appeal", re.compile(r"^human_rights_appeal_(\d{4})\.pdf$", re.IGNORECASE), -1),
    ("vftc_board_report", re.compile(r"^vftc_board_report_(\d{4})\.pdf$", re.IGNORECASE), 0),
    ("upr_funds_report", re.compile(r"^upr_funds_report_(\d{4})\.pdf$", re.IGNORECASE), 0),
)


@dataclass(frozen=True)
class DocumentSource:
    """A source document found on disk: what it is and which reporting year it reports on."""

    path: Path
    document_type: str
    family: str
    reporting_year: int


def classify(path: Path) -> DocumentSource | None:
    """The document type and reporting year of a file, from its name (None if not a document)."""
    for document_type, pattern, offset in FILE_PATTERNS:
        if match := pattern.match(path.name):
            return DocumentSource(path, document_type, FAMILY_OF[document_type], int(match.group(1)) + offset)
    return None


def discover(sources_dir: Path, years: Iterable[int] | None = None) -> dict[int, list[DocumentSource]]:
    """Documents under `sources_dir` (annual_reports/, fund_board_reports/) by reporting year."""
    wanted = set(years) if years is not None else None
    found: dict[int, list[DocumentSource]] = {}
    for folder in sorted(set(FAMILY_OF.values())):
        for path in sorted((sources_dir / folder).glob("*")):
            source = classify(path)
            if source is not None and (wanted is None or source.reporting_year in wanted):
                found.setdefault(source.reporting_year, []).append(source)
    # Within a year: the order of FILE_PATTERNS (report, annex, appeal, board reports).
    order = {document_type: i for i, (document_type, _, _) in enumerate(FILE_PATTERNS)}
    return {
        year: sorted(sources, key=lambda s: (order[s.document_type], s.path.name))
        for year, sources in sorted(found.items())
    }


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
    family: str
    reporting_year: int
    rows_read: int
    rows_loaded: int
    tables: dict[str, pl.DataFrame]
    rejects: pl.DataFrame

    @property
    def rows_rejected(self) -> int:
        return self.rejects.height

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


def parse_document(
    source: DocumentSource, sources_root: Path, cache_dir: Path | None = None
) -> DocumentParse:
    """Parse any document found by `discover`. Raises UnreadableSourceError."""
    # Imported here: the parsers import this module.
    from pipelines.ingest import annual_reports, fund_board_reports

    parsers: dict[str, Callable[..., DocumentParse]] = {
        "annual_report": annual_reports.parse_annual_report,
        "appeal": annual_reports.parse_appeal,
        "funding_annex": annual_reports.parse_funding_annex,
        "vftc_board_report": fund_board_reports.parse_vftc_board_report,
        "upr_funds_report": fund_board_reports.parse_upr_funds_report,
    }
    return parsers[source.document_type](
        source.path, source.reporting_year, sources_root, cache_dir=cache_dir
    )


# --------------------------------------------------------------------------- reference data


@functools.cache
def donor_by_label() -> dict[str, tuple[str, str]]:
    """Normalized non-State donor label -> (donor_code, the seed's donor_type), from the seeds
    donor_labels.csv and donors.csv. A donor's own name counts as a label."""
    labels_csv, donors_csv = seed_path("donor_labels"), seed_path("donors")
    if not donors_csv.exists():
        return {}
    with donors_csv.open(encoding="utf-8", newline="") as handle:
        donors = {row["donor_code"]: row for row in csv.DictReader(handle)}
    mapping: dict[str, tuple[str, str]] = {}

    def add(label: str, code: str, where: str) -> None:
        if code not in donors:
            raise ValueError(f"{where}: donor code {code!r} is not in donors.csv")
        key = normalize_label(label)
        if mapping.setdefault(key, (code, donors[code]["donor_type"]))[0] != code:
            raise ValueError(f"{where}: label {label!r} maps to both {mapping[key][0]} and {code}")

    for code, row in donors.items():
        add(row["donor_name"], code, "donors.csv")
    if labels_csv.exists():
        with labels_csv.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                add(row["label"], row["donor_code"], f"donor_labels.csv:{line}")
    return mapping


@dataclass(frozen=True)
class Donor:
    code: str | None
    donor_type: str | None
    reason: str | None = None


def resolve_donor(name: str | None) -> Donor:
    """A donor as a document names it: a State (any UN language, formal or short) through the
    country resolver, anyone else through the donor label seed. Never a guess.

    The seed is asked first: it is the project's own decision (it may say that a name a State
    could also be read as is, in donor tables, an organisation)."""
    if not name or not name.strip():
        return Donor(None, None, "the row names no donor")
    seeded = donor_by_label().get(normalize_label(name))
    if seeded is not None:
        code, seed_type = seeded
        # raw.contributions knows two donor types; the seed may say which kind of non-State
        # donor (a UN entity, a foundation): that stays in the seed, for the marts to join.
        return Donor(code, "member_state" if seed_type == "member_state" else "non_state")
    country = resolve_country(name)
    if country.iso3:
        return Donor(country.iso3, "member_state")
    return Donor(
        None,
        None,
        f"donor '{name}' is neither a State ({country.reason}) nor a label in the seed donor_labels.csv",
    )


# --------------------------------------------------------------------------- PDF documents


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


_SYMBOL = re.compile(r"\b[A-Z]{1,4}(?:/[A-Z0-9.]+){2,}\b")


def read_first_page(
    lines: Sequence[Line], layout: DocumentLayout, path: Path, reporting_year: int
) -> DocumentMeta:
    """Status, as-of date, symbol and period from the first page. A document that does not
    state its status cannot be loaded: provisional and final figures must never mix."""
    labels = layout.first_page
    status_text = labelled_value(lines, labels.status)
    status = None
    if status_text:
        key = normalize_label(status_text)
        for code, words in labels.statuses.items():
            if any(key == normalize_label(w) or key.startswith(normalize_label(w) + " ") for w in words):
                status = code
    if status is None:
        found = f"'{status_text}'" if status_text else "no 'Status:' line"
        raise UnreadableSourceError(
            path, f"first page: figure status must be provisional or final, found {found}"
        )
    as_of_text = labelled_value(lines, labels.as_of)
    as_of = parse_date(as_of_text) if as_of_text else None
    if as_of is None:
        raise UnreadableSourceError(
            path,
            f"first page: no readable 'As of:' date (found {as_of_text!r})"
            if as_of_text
            else "first page: no 'As of:' line",
        )
    symbol = labelled_value(lines, labels.symbol)
    if not symbol:
        symbol = next((m.group(0) for line in lines if (m := _SYMBOL.search(line.plain))), None)
    period_text = labelled_value(lines, labels.period) or ""
    # "1 January - 31 December 2015"; from 2016 a VFTC report covers "Board sessions held in
    # 2019", whose accounts are still those of the calendar year.
    period = parse_period(period_text) or (dt.date(reporting_year, 1, 1), dt.date(reporting_year, 12, 31))
    title = lines[0].plain if lines else None
    return DocumentMeta(
        document_type=layout.document_type,
        reporting_year=reporting_year,
        document_symbol=symbol,
        figure_status=status,
        as_of=as_of,
        period_start=period[0],
        period_end=period[1],
        title=title,
    )


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
        spec = layout.spec()
        others = [t.spec() for t in self.layout.tables if t.table_id != layout.table_id]

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
    specs = [t.spec() for t in layout.tables]

    def keep(line: Line) -> bool:
        # Header rows and headings stand at the top of continuation pages on purpose.
        cells = [c.text for c in line.cells]
        return any(
            header_positions(cells, s) is not None or (s.headings and match_heading(line, s) is not None)
            for s in specs
        )

    marks = [m for m in (meta.document_symbol,) if m]
    return PdfDocument(
        path=path, text=text, meta=meta, layout=layout, body=strip_furniture(text.pages, keep, marks)
    )


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
    family: str
    rows: dict[str, list[dict[str, object]]] = field(
        default_factory=lambda: {name: [] for name in RAW_TABLES}
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
        for name, schema in RAW_SCHEMAS.items():
            records = [{**document, **source, **row} for row in self.rows[name]]
            frame = (
                pl.DataFrame(records, schema=schema, orient="row") if records else pl.DataFrame(schema=schema)
            )
            tables[name] = frame
        rejects = (
            pl.DataFrame(
                [
                    {
                        "source_family": self.family,
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
            family=self.family,
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
