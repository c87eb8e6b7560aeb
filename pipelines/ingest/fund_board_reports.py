"""Parsers for the fund reports: the Board of Trustees of the VFTC (res. 18/18 para. 8) and
the two UPR funds' own reports (para. 14): the Voluntary Fund for Participation in the Universal
Periodic Review and the Voluntary Fund for Financial and Technical Assistance in the
Implementation of the Universal Periodic Review (VFFTA).

Each report is about one fund and has a statement of income and expenditure, contributions by
donor and projects funded by country. A UPR fund report's fund is the one its title names (as
printed on the first page), never the file name's. Rows go to raw.fund_statements,
raw.contributions and raw.board_projects; nothing is dropped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from pipelines.ingest.document_kit import (
    DocumentBuilder,
    DocumentParse,
    Outcome,
    PdfDocument,
    Reject,
    amount_or_reject,
    board_period,
    contribution_row,
    open_pdf,
    relative_name,
    totals_problem,
)
from pipelines.ingest.hrc_document import SYMBOL
from pipelines.ingest.layouts import (
    STATEMENT_LINE_ITEMS,
    UPR_PARTICIPATION_FUND_REPORT,
    VFFTA_REPORT,
    VFTC_BOARD_REPORT,
    VFTC_FUND_CODE,
    DocumentLayout,
    label_lookup,
    upr_fund_of_title,
)
from pipelines.ingest.pdf import Table, TableRow, format_amount, header_key, parse_amount
from pipelines.reference.countries import resolve_country
from pipelines.reference.taxonomy import thematic_area_by_label
from pipelines.text import normalize_label

# A statement balances to the dollar, like a total.
TOLERANCE = Decimal("0.5")


def parse_vftc_board_report(
    path: Path, reporting_year: int, sources_root: Path, cache_dir: Path | None = None
) -> DocumentParse:
    """Parse `vftc_board_report_<Y>.pdf`. Raises UnreadableSourceError."""
    return _parse(
        path, reporting_year, sources_root, cache_dir, VFTC_BOARD_REPORT, lambda title: VFTC_FUND_CODE
    )


def parse_upr_participation_fund_report(
    path: Path, reporting_year: int, sources_root: Path, cache_dir: Path | None = None
) -> DocumentParse:
    """Parse `upr_participation_fund_report_<Y>.pdf`: the fund is the one its title names."""
    return _parse(
        path, reporting_year, sources_root, cache_dir, UPR_PARTICIPATION_FUND_REPORT, upr_fund_of_title
    )


def parse_vffta_report(
    path: Path, reporting_year: int, sources_root: Path, cache_dir: Path | None = None
) -> DocumentParse:
    """Parse `vffta_report_<Y>.pdf`: the fund is the one its title names."""
    return _parse(path, reporting_year, sources_root, cache_dir, VFFTA_REPORT, upr_fund_of_title)


def _parse(
    path: Path,
    reporting_year: int,
    sources_root: Path,
    cache_dir: Path | None,
    layout: DocumentLayout,
    fund_of: Callable[[str | None], str | None],
) -> DocumentParse:
    document = open_pdf(path, layout, reporting_year, cache_dir)
    if layout.document_type == VFTC_BOARD_REPORT.document_type:
        # The VFTC report covers Board sessions, not a calendar year: its statements carry the
        # sessions' period (the reporting year stays the year of the accounts, the file's).
        document = dataclasses.replace(document, meta=board_period(document.meta, document.body))
    builder = DocumentBuilder(
        path=path,
        relative=relative_name(path, sources_root),
        sha256=document.text.sha256,
        meta=document.meta,
    )
    # One fund per report: a title that names no known fund rejects every row with the reason
    # (kept in raw.rejects) rather than guessing the fund from the file name.
    title = document.meta.title
    fund = fund_of(title)
    fund_or_reject: str | Reject = fund if fund is not None else _unknown_fund(title)
    statements, donors, projects = (layout.table(t) for t in layout.required_tables)
    for table in document.tables(statements):
        _load_statement(builder, document, table, fund_or_reject)
    for table in document.tables(donors):
        _load_donors(builder, table, fund_or_reject, totals_problem(table, donors))
    for table in document.tables(projects):
        _load_projects(builder, table, fund_or_reject, totals_problem(table, projects))
    return builder.result()


def _unknown_fund(title: str | None) -> Reject:
    # The title's line may carry the running header's symbol: quote the title alone.
    shown = SYMBOL.sub("", title or "").strip()
    return Reject(
        "unknown_fund",
        f"the first page's title '{shown}' names neither the Voluntary Fund for Participation"
        " in the Universal Periodic Review nor the Voluntary Fund for Financial and Technical"
        " Assistance in the Implementation of the Universal Periodic Review",
    )


# --------------------------------------------------------------------------- statement


def statement_problem(table: Table) -> str | None:
    """Why a statement does not balance, or None. Opening balance + total income - total
    expenditure must equal the closing balance, and contributions + other income the total
    income (to the dollar)."""
    items = label_lookup(STATEMENT_LINE_ITEMS)
    amounts: dict[str, Decimal] = {}
    for row in table.data_rows:
        item = items.get(header_key(row.values.get("item") or ""))
        try:
            value = parse_amount(row.values.get("amount"))
        except ValueError:
            continue
        if item is not None and value is not None and item not in amounts:
            amounts[item] = value
    needed = ("opening_balance", "total_income", "total_expenditure", "closing_balance")
    missing = [name for name in needed if name not in amounts]
    where = f"statement '{table.heading}' on page {table.pages}"
    if missing:
        return f"{where} has no readable line for {', '.join(missing)}"
    problems = []
    computed = amounts["opening_balance"] + amounts["total_income"] - amounts["total_expenditure"]
    if abs(computed - amounts["closing_balance"]) >= TOLERANCE:
        problems.append(
            f"opening {format_amount(amounts['opening_balance'])}"
            f" + income {format_amount(amounts['total_income'])}"
            f" - expenditure {format_amount(amounts['total_expenditure'])} = {format_amount(computed)},"
            f" printed closing balance {format_amount(amounts['closing_balance'])}"
        )
    if "contributions_received" in amounts:
        income = amounts["contributions_received"] + amounts.get("other_income", Decimal(0))
        if abs(income - amounts["total_income"]) >= TOLERANCE:
            problems.append(
                f"contributions + other income = {format_amount(income)},"
                f" printed total income {format_amount(amounts['total_income'])}"
            )
    return f"{where} does not balance: " + "; ".join(problems) if problems else None


def _load_statement(
    builder: DocumentBuilder, document: PdfDocument, table: Table, fund_code: str | Reject
) -> None:
    items = label_lookup(STATEMENT_LINE_ITEMS)
    meta = document.meta
    problem = statement_problem(table)

    def convert(row: TableRow) -> Outcome:
        amounts = amount_or_reject(row, ("amount",))
        if isinstance(amounts, Reject):
            return amounts
        if isinstance(fund_code, Reject):
            return fund_code
        label = (row.values.get("item") or "").strip()
        item = items.get(header_key(label))
        if item is None:
            return Reject(
                "unknown_line_item",
                f"line '{label}' is not a statement line item ({', '.join(STATEMENT_LINE_ITEMS)})",
            )
        return [
            {
                "fund_code": fund_code,
                "fund_label": table.qualifier,
                "period_start": meta.period_start,
                "period_end": meta.period_end,
                "line_item": item,
                "line_item_label": label,
                "amount_usd": amounts["amount"],
            }
        ]

    builder.load(
        "fund_statements",
        table,
        convert,
        ("statement_does_not_balance", problem) if problem else None,
    )


# --------------------------------------------------------------------------- donors, projects


def _load_donors(
    builder: DocumentBuilder, table: Table, fund_code: str | Reject, problem: tuple[str, str] | None
) -> None:
    """`Donor | Amount`: the amount a donor paid into the fund in the period (paid_usd)."""

    def convert(row: TableRow) -> Outcome:
        amounts = amount_or_reject(row, ("amount",))
        if isinstance(amounts, Reject):
            return amounts
        if isinstance(fund_code, Reject):
            return fund_code
        return contribution_row(row, fund_code, {"paid": amounts["amount"]})

    builder.load("contributions", table, convert, problem)


def _load_projects(
    builder: DocumentBuilder, table: Table, fund_code: str | Reject, problem: tuple[str, str] | None
) -> None:
    areas = thematic_area_by_label()

    def convert(row: TableRow) -> Outcome:
        amounts = amount_or_reject(row, ("amount",))
        if isinstance(amounts, Reject):
            return amounts
        if isinstance(fund_code, Reject):
            return fund_code
        country = (row.values.get("country") or "").strip()
        match = resolve_country(country)
        if match.iso3 is None:
            return Reject("unknown_country", match.reason or f"unknown country name '{country}'")
        area = (row.values.get("thematic_area") or "").strip() or None
        area_code = areas.get(normalize_label(area)) if area else None
        if area is not None and area_code is None:
            return Reject(
                "unknown_thematic_area",
                f"thematic area '{area}' is not in the label mapping (seed thematic_area_labels.csv)",
            )
        return [
            {
                "fund_code": fund_code,
                "country_name": country,
                "country_iso3": match.iso3,
                "region": (row.values.get("region") or "").strip() or None,
                "project_title": (row.values.get("project") or "").strip(),
                "thematic_area_label": area,
                "thematic_area_code": area_code,
                "amount_usd": amounts["amount"],
            }
        ]

    builder.load("board_projects", table, convert, problem)


__all__ = [
    "parse_upr_participation_fund_report",
    "parse_vffta_report",
    "parse_vftc_board_report",
    "statement_problem",
]
