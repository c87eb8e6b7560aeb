"""Parsers for the OHCHR annual report (PDF), the Human Rights Appeal (PDF) and the report's
funding annex (XLSX): res. 18/18 paras 6 (a), 6 (c), 7 and 14.

Each is a pure function `file -> DocumentParse`: rows for raw.funding_summary,
raw.contributions, raw.fund_statements, raw.field_expenditure, raw.assistance_activities and
raw.highlights, and rejects with a rule and a reason; no row is dropped. Tables are found by
heading and header synonyms (`layouts.py`), never by page number.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from pipelines.ingest.document_kit import (
    DocumentBuilder,
    DocumentMeta,
    DocumentParse,
    Outcome,
    PdfDocument,
    Reject,
    amount_or_reject,
    contribution_row,
    open_pdf,
    read_first_page,
    relative_name,
    totals_problem,
)
from pipelines.ingest.hrc_document import figure_status
from pipelines.ingest.layouts import (
    ACTIVITIES_BY_COUNTRY,
    ANNUAL_REPORT,
    APPEAL,
    CONTRIBUTIONS_BY_DONOR,
    FIELD_EXPENDITURE,
    FUND_CONTRIBUTIONS,
    FUNDING_AT_A_GLANCE,
    FUNDING_INDICATORS,
    OHCHR_HQ_PROVIDERS,
    OHCHR_VOLUNTARY_FUND_CODE,
    PRESENCE_TYPES,
    UN_ENTITIES,
    HighlightsLayout,
    TableLayout,
    indicator_key,
    label_lookup,
)
from pipelines.ingest.pdf import (
    Cell,
    Line,
    Table,
    TableRow,
    first_page_lines,
    heading_key,
    parse_date,
    parse_number,
    row_kind,
)
from pipelines.ingest.tables import HEADER_SEARCH_ROWS, SOURCE_ROW, UnreadableSourceError, read_tabular
from pipelines.reference.countries import resolve_country
from pipelines.reference.donors import donor_by_label
from pipelines.reference.taxonomy import fund_by_label, thematic_area_by_label
from pipelines.text import normalize_label

# Lines of a paragraph stand ~1.3 font sizes apart; a paragraph break adds its spacing.
PARAGRAPH_EM = 1.5


def parse_annual_report(
    path: Path, reporting_year: int, sources_root: Path, cache_dir: Path | None = None
) -> DocumentParse:
    """Parse `ohchr_report_<Y>.pdf`. Raises UnreadableSourceError for a file that cannot be
    read at all (corrupt PDF, a required table missing, no status on the first page)."""
    document = open_pdf(path, ANNUAL_REPORT, reporting_year, cache_dir)
    builder = _builder(document, sources_root)
    _load_funding_at_a_glance(builder, document.tables(FUNDING_AT_A_GLANCE))
    for table in document.tables(CONTRIBUTIONS_BY_DONOR):
        _load_contributions(builder, table, CONTRIBUTIONS_BY_DONOR)
    for table in document.tables(FUND_CONTRIBUTIONS):
        _load_funds(builder, table, FUND_CONTRIBUTIONS)
    presences: set[str] = set()
    for table in document.tables(FIELD_EXPENDITURE):
        presences |= {normalize_label(row.values.get("presence") or "") for row in table.data_rows}
        _load_field_expenditure(builder, table)
    for table in document.tables(ACTIVITIES_BY_COUNTRY):
        _load_activities(builder, table, presences)
    if ANNUAL_REPORT.highlights is not None:
        _load_highlights(builder, document, ANNUAL_REPORT.highlights, ANNUAL_REPORT.chapters)
    return builder.result()


def parse_appeal(
    path: Path, reporting_year: int, sources_root: Path, cache_dir: Path | None = None
) -> DocumentParse:
    """Parse `human_rights_appeal_<Y+1>.pdf`: the provisional funding figures of year Y."""
    document = open_pdf(path, APPEAL, reporting_year, cache_dir)
    builder = _builder(document, sources_root)
    _load_funding_at_a_glance(builder, document.tables(FUNDING_AT_A_GLANCE))
    return builder.result()


def _builder(document: PdfDocument, sources_root: Path) -> DocumentBuilder:
    return DocumentBuilder(
        path=document.path,
        relative=relative_name(document.path, sources_root),
        sha256=document.text.sha256,
        meta=document.meta,
    )


# --------------------------------------------------------------------------- funding tables


def _load_funding_at_a_glance(builder: DocumentBuilder, tables: Sequence[Table]) -> None:
    indicators = {
        indicator_key(label): (metric, unit)
        for metric, (unit, labels) in FUNDING_INDICATORS.items()
        for label in (metric, *labels)
    }

    def convert(row: TableRow) -> Outcome:
        label = row.values.get("indicator") or ""
        found = indicators.get(indicator_key(label))
        if found is None:
            return Reject("unknown_indicator", f"indicator '{label}' is not a known funding indicator")
        metric, unit = found
        text = row.values.get("value")
        try:
            value = parse_number(text)
        except ValueError:
            return Reject("unparseable_amount", f"value '{text}' of '{label}' is not a number")
        if value is None:
            return Reject("unparseable_amount", f"'{label}' has no value")
        return [
            {
                "scope": "OHCHR",
                "metric": metric,
                "indicator_label": label,
                "value": float(value),
                "unit": unit,
            }
        ]

    for table in tables:
        builder.load("funding_summary", table, convert)


def _load_contributions(
    builder: DocumentBuilder,
    table: Table,
    layout: TableLayout,
    sheet: str | None = None,
    fund_code: str = OHCHR_VOLUNTARY_FUND_CODE,
) -> None:
    """Donor rows -> raw.contributions. The annual report's table spans every fund: its rows
    carry the pseudo-fund OHCHR_VOLUNTARY (seed funds.csv)."""
    columns = ("pledged", "paid", "unearmarked", "earmarked")

    def convert(row: TableRow) -> Outcome:
        amounts = amount_or_reject(row, columns)
        if isinstance(amounts, Reject):
            return amounts
        return contribution_row(row, fund_code, amounts)

    builder.load("contributions", table, convert, totals_problem(table, layout), sheet=sheet)


def _load_funds(
    builder: DocumentBuilder, table: Table, layout: TableLayout, sheet: str | None = None
) -> None:
    """One row per fund -> two raw.fund_statements rows (contributions received, total
    expenditure), the same line items as the board reports', so the two sources compare."""
    funds = fund_by_label()
    meta = builder.meta

    def convert(row: TableRow) -> Outcome:
        amounts = amount_or_reject(row, ("contributions", "expenditure"))
        if isinstance(amounts, Reject):
            return amounts
        label = (row.values.get("fund") or "").strip()
        code = funds.get(normalize_label(label))
        if code is None:
            return Reject("unknown_fund", f"fund '{label}' is not in the seed fund_labels.csv")
        common = {
            "fund_code": code,
            "fund_label": label,
            "period_start": dt.date(meta.reporting_year, 1, 1),
            "period_end": dt.date(meta.reporting_year, 12, 31),
        }
        # The line item as the page labels it: the column's header ("Income from contributions").
        return [
            {
                **common,
                "line_item": item,
                "line_item_label": table.labels.get(column, default),
                "amount_usd": amounts[column],
            }
            for item, column, default in (
                ("contributions_received", "contributions", "Contributions received"),
                ("total_expenditure", "expenditure", "Expenditure"),
            )
            if amounts[column] is not None
        ]

    builder.load("fund_statements", table, convert, totals_problem(table, layout), sheet=sheet)


def _load_field_expenditure(builder: DocumentBuilder, table: Table) -> None:
    types = label_lookup(PRESENCE_TYPES)

    def convert(row: TableRow) -> Outcome:
        amounts = amount_or_reject(row, ("regular_budget", "extrabudgetary", "total"))
        if isinstance(amounts, Reject):
            return amounts
        presence_type = types.get(normalize_label(row.values.get("presence_type") or ""))
        if row.values.get("presence_type") is not None and presence_type is None:
            return Reject(
                "unknown_presence_type",
                f"presence type '{row.values.get('presence_type')}' is not one of "
                + ", ".join(words[0] for words in PRESENCE_TYPES.values()),
            )
        country = (row.values.get("country") or "").strip() or None
        iso3 = None
        if country is not None:
            match = resolve_country(country)
            if match.iso3 is None:
                return Reject("unknown_country", match.reason or f"unknown country name '{country}'")
            iso3 = match.iso3
        parts = [amounts["regular_budget"], amounts["extrabudgetary"]]
        if amounts["total"] is not None and any(p is not None for p in parts):
            computed = sum((p for p in parts if p is not None), Decimal(0))
            if abs(computed - amounts["total"]) >= Decimal("0.5"):
                return Reject(
                    "row_total_mismatch",
                    f"total {row.values.get('total')} is not regular budget + extrabudgetary ({computed:,})",
                )
        return [
            {
                "presence_name": (row.values.get("presence") or "").strip(),
                "presence_type": presence_type,
                "country_name": country,
                "country_iso3": iso3,
                "regular_budget_usd": amounts["regular_budget"],
                "extrabudgetary_usd": amounts["extrabudgetary"],
                "total_usd": amounts["total"],
            }
        ]

    builder.load("field_expenditure", table, convert, totals_problem(table, FIELD_EXPENDITURE))


# --------------------------------------------------------------------------- country chapters


def provider_type(name: str, presences: set[str]) -> str | None:
    """ohchr_hq, field_presence (a presence of the report's own field-presence table) or
    un_entity (a UN entity of `layouts.UN_ENTITIES`, or a donor the seed donors.csv types as
    un_entity); None when it is none of them."""
    key = normalize_label(name)
    hq, entities = _provider_keys()
    if key in hq:
        return "ohchr_hq"
    if key in presences:
        return "field_presence"
    if key in entities:
        return "un_entity"
    # UN entities that deliver activities are donors too: the donor seed knows their names.
    seeded = donor_by_label().get(key)
    if seeded is not None and seeded[1] == "un_entity":
        return "un_entity"
    return None


@functools.cache
def _provider_keys() -> tuple[frozenset[str], frozenset[str]]:
    """The lookup forms of OHCHR's headquarters providers and of the UN entities (asked for
    every activity row)."""
    return (
        frozenset(normalize_label(p) for p in OHCHR_HQ_PROVIDERS),
        frozenset(normalize_label(e) for e in UN_ENTITIES),
    )


def _load_activities(builder: DocumentBuilder, table: Table, presences: set[str]) -> None:
    country = table.qualifier or ""
    match = resolve_country(country)
    areas = thematic_area_by_label()
    funds = fund_by_label()

    def convert(row: TableRow) -> Outcome:
        values = row.values
        if match.iso3 is None:
            return Reject("unknown_country", match.reason or f"unknown country name '{country}'")
        area = (values.get("thematic_area") or "").strip()
        area_code = areas.get(normalize_label(area))
        if area_code is None:
            return Reject(
                "unknown_thematic_area",
                f"thematic area '{area}' is not in the label mapping (seed thematic_area_labels.csv)",
            )
        funding = (values.get("funding") or "").strip()
        fund_code = funds.get(normalize_label(funding))
        if fund_code is None:
            return Reject("unknown_fund", f"funding '{funding}' is not in the seed fund_labels.csv")
        provider = (values.get("provider") or "").strip()
        kind = provider_type(provider, presences)
        if kind is None:
            return Reject(
                "unknown_provider",
                f"provider '{provider}' is neither OHCHR headquarters, a field presence of this report "
                "nor a known UN entity (layouts.UN_ENTITIES)",
            )
        upr_text = values.get("upr")
        try:
            upr = parse_number(upr_text)
        except ValueError:
            upr = Decimal("NaN")
        if upr is not None and (upr.is_nan() or upr != int(upr) or upr < 0):
            return Reject("unparseable_number", f"UPR recommendations addressed '{upr_text}' is not a count")
        return [
            {
                "country_name": country,
                "country_iso3": match.iso3,
                "activity_title": (values.get("activity") or "").strip(),
                "thematic_area_label": area,
                "thematic_area_code": area_code,
                "activity_type": (values.get("activity_type") or "").strip() or None,
                "provider_type": kind,
                "provider_name": provider,
                "partner_entity": (values.get("partner") or "").strip() or None,
                "funding_label": funding,
                "fund_code": fund_code,
                "upr_recommendations_addressed": int(upr) if upr is not None else None,
            }
        ]

    builder.load("assistance_activities", table, convert)


# --------------------------------------------------------------------------- highlights


def _load_highlights(
    builder: DocumentBuilder, document: PdfDocument, layout: HighlightsLayout, chapters: Sequence[str]
) -> None:
    """Paragraphs of the highlights section -> raw.highlights, one row per paragraph."""
    headings = {heading_key(h) for h in layout.headings}
    ends = {heading_key(c) for c in chapters} - headings
    lines = [line for page in document.body for line in page]
    start = next((i for i, line in enumerate(lines) if heading_key(line.plain) in headings), None)
    if start is None:
        raise UnreadableSourceError(
            document.path,
            "no highlights section found (searched headings: "
            + "; ".join(f"'{h}'" for h in layout.headings)
            + ")",
        )
    section: list[Line] = []
    for line in lines[start + 1 :]:
        if heading_key(line.plain) in ends:
            break
        section.append(line)
    kinds = {normalize_label(word): code for code, words in layout.kinds.items() for word in words}
    entries: list[tuple[str, str, list[Line]]] = []  # kind code, label as written, lines
    for line in section:
        head, sep, rest = line.plain.partition(":")
        if sep and normalize_label(head) in kinds:
            # "Success story: Title" puts the title on the label line.
            first = [_text_line(line, rest.strip())] if rest.strip() else []
            entries.append((kinds[normalize_label(head)], head.strip(), first))
            continue
        if entries:
            entries[-1][2].append(line)
    areas = thematic_area_by_label()
    country_labels = {normalize_label(label) for label in layout.country_labels}
    area_labels = {normalize_label(label) for label in layout.area_labels}
    for number, (kind, label, body_lines) in enumerate(entries, start=1):
        country = area = None
        text: list[Line] = []
        for line in body_lines:
            head, sep, rest = line.plain.partition(":")
            key = normalize_label(head) if sep else ""
            if key in country_labels and country is None:
                country = rest.strip()
            elif key in area_labels and area is None:
                area = rest.strip()
            else:
                text.append(line)
        title, body = (text[0].plain.strip(), _paragraphs(text[1:])) if text else (None, "")
        page = body_lines[0].page if body_lines else None
        raw = {"kind": label, "country": country, "area": area, "title": title, "body": body}
        where = {
            "source_page": page,
            "source_sheet": None,
            "source_table": "highlights",
            "source_row": number,
        }
        builder.load_one("highlights", where, _highlight(kind, country, area, title, body, areas), raw)


def _paragraphs(lines: Sequence[Line]) -> str:
    """Lines of text as paragraphs: lines of one paragraph joined by a space, paragraphs by a
    blank line. A new paragraph is a gap wider than a line's leading (its spaceBefore)."""
    text = ""
    for previous, line in zip([None, *lines[:-1]], lines, strict=True):
        gap = previous.y - line.y if previous is not None and previous.page == line.page else 0.0
        separator = "\n\n" if gap > PARAGRAPH_EM * line.size else " "
        text = f"{text}{separator}{line.plain.strip()}" if text else line.plain.strip()
    return text


def _text_line(line: Line, text: str) -> Line:
    return Line(line.page, line.y, line.size, (Cell(text, line.cells[0].x0, line.cells[-1].x1),))


def _highlight(
    kind: str, country: str | None, area: str | None, title: str | None, body: str, areas: dict[str, str]
) -> Outcome:
    if not title or not body:
        return Reject("incomplete_highlight", "the paragraph has no title line or no text")
    iso3 = None
    if country:
        match = resolve_country(country)
        if match.iso3 is None:
            return Reject("unknown_country", match.reason or f"unknown country name '{country}'")
        iso3 = match.iso3
    area_code = areas.get(normalize_label(area)) if area else None
    if area and area_code is None:
        return Reject(
            "unknown_thematic_area",
            f"thematic area '{area}' is not in the label mapping (seed thematic_area_labels.csv)",
        )
    return [
        {
            "country_name": country,
            "country_iso3": iso3,
            "thematic_area_label": area,
            "thematic_area_code": area_code,
            "kind": kind,
            "title": title,
            "body": body,
        }
    ]


# --------------------------------------------------------------------------- funding annex


def parse_funding_annex(
    path: Path, reporting_year: int, sources_root: Path, cache_dir: Path | None = None
) -> DocumentParse:
    """Parse `ohchr_report_<Y>_funding_annex.xlsx`: sheet `Contributions by donor` (required)
    and sheet `Funds`. The header may sit below a title row; `read_tabular` finds it by its
    wordings. Its figures are final (the annex of the annual report); the as-of date is a date
    cell above the header, else the report's date (`_annex_meta`)."""
    from python_calamine import CalamineError, CalamineWorkbook

    del cache_dir  # XLSX is read directly; calamine is fast enough to need no cache
    try:
        sheets = list(CalamineWorkbook.from_path(str(path)).sheet_names)
    except (CalamineError, OSError, ValueError) as exc:
        raise UnreadableSourceError(path, f"not a readable XLSX workbook ({exc})") from exc
    donors_sheet = _sheet(sheets, CONTRIBUTIONS_BY_DONOR)
    if donors_sheet is None:
        raise UnreadableSourceError(
            path,
            f"no sheet for table '{CONTRIBUTIONS_BY_DONOR.headings[0]}' (searched sheets: "
            + ", ".join(f"'{s}'" for s in CONTRIBUTIONS_BY_DONOR.sheets)
            + f"; found: {', '.join(sheets)})",
        )
    donors = _sheet_table(path, donors_sheet, CONTRIBUTIONS_BY_DONOR)
    meta = _annex_meta(path, donors_sheet, reporting_year)
    builder = DocumentBuilder(
        path=path, relative=relative_name(path, sources_root), sha256=donors[1], meta=meta
    )
    _load_contributions(builder, donors[0], CONTRIBUTIONS_BY_DONOR, sheet=donors_sheet)
    funds_sheet = _sheet(sheets, FUND_CONTRIBUTIONS)
    if funds_sheet is not None:
        _load_funds(
            builder,
            _sheet_table(path, funds_sheet, FUND_CONTRIBUTIONS)[0],
            FUND_CONTRIBUTIONS,
            sheet=funds_sheet,
        )
    return builder.result()


def _sheet(sheets: Sequence[str], layout: TableLayout) -> str | None:
    wanted = {normalize_label(s) for s in layout.sheets}
    return next((s for s in sheets if normalize_label(s) in wanted), None)


def _sheet_table(path: Path, sheet: str, layout: TableLayout) -> tuple[Table, str]:
    """A sheet read through `read_tabular` as an engine Table (rows, sub-totals, totals)."""
    spec = layout.spec()
    # Sheet headers carry units like the PDFs ("Pledges (USD)"); read_tabular matches whole cells.
    synonyms = {
        name: tuple(f"{w}{unit}" for w in words for unit in ("", " (USD)", " (US$)", " in USD"))
        for name, words in layout.columns.items()
    }
    source = read_tabular(path, synonyms, layout.required, sheet_names=[sheet])
    table = Table(
        table_id=layout.table_id, heading=sheet, qualifier=None, first_page=None, header=tuple(layout.columns)
    )
    first = next(iter(layout.columns))
    number = 0
    for record in source.frame.iter_rows(named=True):
        values = {name: record.get(name) for name in layout.columns}
        label = values.get(first) or ""
        kind = row_kind(label, spec)
        number += kind == "data"
        table.rows.append(
            TableRow(
                kind=kind,
                number=number if kind == "data" else None,
                page=None,
                sheet_row=int(record[SOURCE_ROW]),
                label=label,
                values=values,
                raw=values,
            )
        )
    return table, source.sha256


def _annex_meta(path: Path, sheet: str, reporting_year: int) -> DocumentMeta:
    """As-of date and symbol of an annex. Its figures are final (it is published with the annual
    report). The date is a date cell above the header when the workbook prints one (`31 May
    2017`, or a date-typed cell), else the date of the report it is the annex of
    (`ohchr_report_<Y>.pdf` beside it), else none."""
    from python_calamine import CalamineWorkbook

    as_of: dt.date | None = None
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()[:HEADER_SEARCH_ROWS]
    for record in rows:
        for cell in record:
            if as_of is None and isinstance(cell, dt.date):
                as_of = cell.date() if isinstance(cell, dt.datetime) else cell
            elif as_of is None and isinstance(cell, str) and _DATE_CELL.match(cell.strip()):
                as_of = parse_date(cell)
    symbol = None
    report = path.with_name(path.name.replace("_funding_annex.xlsx", ".pdf"))
    if report != path and report.exists():
        try:
            meta = read_first_page(first_page_lines(report), ANNUAL_REPORT, report, reporting_year)
        except UnreadableSourceError:
            meta = None  # the report itself fails on its own; the annex still loads
        if meta is not None:
            as_of, symbol = as_of or meta.as_of, meta.document_symbol
    return DocumentMeta(
        document_type="funding_annex",
        reporting_year=reporting_year,
        document_symbol=symbol,
        figure_status=figure_status("funding_annex"),
        as_of=as_of,
        period_start=dt.date(reporting_year, 1, 1),
        period_end=dt.date(reporting_year, 12, 31),
        title=None,
    )


# A cell that is a date and nothing else ("31 May 2017", "2017-05-31").
_DATE_CELL = re.compile(r"^(?:\d{1,2}\s+[^\W\d_]+\s+\d{4}|\d{4}-\d{2}-\d{2})$")


__all__ = ["parse_annual_report", "parse_appeal", "parse_funding_annex", "provider_type"]
