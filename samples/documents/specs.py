"""The sample documents' table specs.

A part of `samples.documents` (see its docstring).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

import numpy as np

from samples import document_data as dd
from samples.documents.layout import AnnualLayout, BoardLayout, _heading_index, _wording
from samples.documents.model import DonorRow, FundYear, YearModel, _pick, _Reference, _rng
from samples.documents.names import _area_label, _country_name, _donor_name
from samples.documents.pdf import TableRow, TableSpec, _check_latin, usd
from samples.documents.wordings import (
    ACTIVITY_FUND_LABELS,
    ANNUAL_FUND_LABELS,
    ANNUAL_FUND_ROWS,
    GLANCE_ITEMS,
    HEADER_WORDINGS,
    STATEMENT_ITEMS,
    SUBTOTAL_PREFIX,
    TABLE_HEADINGS,
)
from samples.request_logs import STATES


def _header(table_id: str, year: int) -> tuple[str, ...]:
    k = _wording(table_id, year)
    return tuple(wordings[k] for wordings in HEADER_WORDINGS[table_id].values())


def _heading(table_id: str, year: int) -> str:
    return TABLE_HEADINGS[table_id][_heading_index(table_id, year)]


def _glance_spec(
    model: YearModel, heading_year: int, *, provisional: bool, continued: str | None
) -> TableSpec:
    if provisional:
        values = (
            model.voluntary_contributions_provisional,
            model.donors_provisional,
            model.member_state_donors_provisional,
            model.regular_budget,
            model.unearmarked_share_provisional,
        )
    else:
        values = (
            model.voluntary_contributions,
            model.donors,
            model.member_state_donors,
            model.regular_budget,
            model.unearmarked_share,
        )
    rows = []
    info_values = {}
    for (label, metric, unit), value in zip(GLANCE_ITEMS, values, strict=True):
        text = f"{value:.1f}" if unit == "percent" else (f"{int(value):,}" if unit == "USD" else str(value))
        rows.append(TableRow((label, text)))
        info_values[metric] = value
    return TableSpec(
        "funding_at_a_glance",
        _heading("funding_at_a_glance", heading_year),
        _header("funding_at_a_glance", heading_year),
        rows,
        (False, True),
        continued,
        {"values": info_values},
    )


def _donor_table_rows(
    model: YearModel,
    layout: AnnualLayout,
    names: Mapping[str, str],
    *,
    break_by: int = 0,
    as_numbers: bool = False,
) -> tuple[list[tuple[str, str, tuple[Any, ...]]], dict[str, int]]:
    """(kind, code, cells) rows of the donor table, grouped with sub-totals, and the totals."""
    groups = [*dd.REGIONAL_GROUP_ORDER, "non_state"]
    out: list[tuple[str, str, tuple[Any, ...]]] = []

    def amounts(rows: Sequence[DonorRow]) -> tuple[int, int, int, int]:
        return (
            sum(r.pledged for r in rows),
            sum(r.paid for r in rows),
            sum(r.unearmarked for r in rows),
            sum(r.earmarked for r in rows),
        )

    def fmt(values: Sequence[int]) -> tuple[Any, ...]:
        return tuple(values) if as_numbers else tuple(usd(v, layout.zero) for v in values)

    for group in groups:
        members = [r for r in model.donor_rows if r.group == group]
        if not members:
            continue
        if layout.donor_order == "amount":
            members.sort(key=lambda r: (-r.paid, names[r.code]))
        else:
            members.sort(key=lambda r: names[r.code].casefold())
        for r in members:
            out.append(
                ("data", r.code, (names[r.code], *fmt((r.pledged, r.paid, r.unearmarked, r.earmarked))))
            )
        out.append(
            ("subtotal", group, (f"{SUBTOTAL_PREFIX}{dd.GROUP_LABELS[group]}", *fmt(amounts(members))))
        )
    totals = amounts(model.donor_rows)
    printed = list(totals)
    printed[1] += break_by
    out.append(("total", "", (layout.total_label, *fmt(printed))))
    return out, dict(
        zip(("pledged_usd", "paid_usd", "unearmarked_usd", "earmarked_usd"), totals, strict=True)
    )


def _donor_names(model: YearModel, style: str, rng: np.random.Generator, mix: float) -> dict[str, str]:
    return {
        r.code: _check_latin(_donor_name(r.code, model.year, style, rng, mix), "donor")
        for r in model.donor_rows
    }


def _donor_spec(model: YearModel, layout: AnnualLayout, seed: int, break_by: int) -> TableSpec:
    names = _donor_names(model, layout.donor_style, _rng(seed, 200, model.year), 0.15)
    rows, totals = _donor_table_rows(model, layout, names, break_by=break_by)
    spec = TableSpec(
        "contributions_by_donor",
        _heading("contributions_by_donor", model.year),
        _header("contributions_by_donor", model.year),
        [TableRow(cells, kind) for kind, _, cells in rows],
        (False, True, True, True, True),
        layout.continued,
        {"total": totals, "donors": len(model.donor_rows), "donor_codes": {v: k for k, v in names.items()}},
    )
    if break_by:
        spec.info["printed_total_differs_by"] = {"paid_usd": break_by}
    return spec


def _fund_label(code: str, year: int, options: Mapping[str, tuple[str, ...]]) -> str:
    labels = options[code]
    return labels[(year + len(code)) % len(labels)]


def _funds_spec(model: YearModel, layout: AnnualLayout, break_by: int = 0) -> TableSpec:
    rows = []
    for code in ANNUAL_FUND_ROWS:
        contributions, expenditure = model.annual_funds[code]
        label = _fund_label(code, model.year, ANNUAL_FUND_LABELS)
        rows.append(TableRow((label, usd(contributions, layout.zero), usd(expenditure, layout.zero))))
    total_in = sum(v[0] for v in model.annual_funds.values())
    total_out = sum(v[1] for v in model.annual_funds.values())
    rows.append(TableRow((layout.total_label, usd(total_in + break_by), usd(total_out)), "total"))
    return TableSpec(
        "fund_contributions",
        _heading("fund_contributions", model.year),
        _header("fund_contributions", model.year),
        rows,
        (False, True, True),
        layout.continued,
        {"total": {"contributions_usd": total_in, "expenditure_usd": total_out}},
    )


def _field_spec(model: YearModel, layout: AnnualLayout, seed: int, break_by: int = 0) -> TableSpec:
    rng = _rng(seed, 201, model.year)
    rows: list[TableRow] = []
    for region in dd.OHCHR_REGIONS:
        members = [r for r in model.presences if r.presence.region == region]
        members.sort(key=lambda r: (dd.PRESENCE_TYPES.index(r.presence.type), r.presence.name))
        for r in members:
            country = "" if r.presence.iso3 is None else _country_name(r.presence.iso3, model.year, rng, 0.2)
            rows.append(
                TableRow(
                    (
                        r.presence.name,
                        r.presence.type,
                        country,
                        usd(r.regular_budget, layout.zero),
                        usd(r.extrabudgetary, layout.zero),
                        usd(r.total, layout.zero),
                    )
                )
            )
        if layout.field_subtotals and members:
            rb, eb = sum(r.regular_budget for r in members), sum(r.extrabudgetary for r in members)
            rows.append(
                TableRow((f"{SUBTOTAL_PREFIX}{region}", "", "", usd(rb), usd(eb), usd(rb + eb)), "subtotal")
            )
    rb, eb = sum(r.regular_budget for r in model.presences), sum(r.extrabudgetary for r in model.presences)
    rows.append(TableRow((layout.total_label, "", "", usd(rb), usd(eb), usd(rb + eb + break_by)), "total"))
    return TableSpec(
        "field_expenditure",
        _heading("field_expenditure", model.year),
        _header("field_expenditure", model.year),
        rows,
        (False, False, False, True, True, True),
        layout.continued,
        {"total": {"regular_budget_usd": rb, "extrabudgetary_usd": eb, "total_usd": rb + eb}},
    )


def _activity_spec(
    model: YearModel, layout: AnnualLayout, iso3: str, heading: str, ref: _Reference, seed: int
) -> TableSpec:
    rng = _rng(seed, 202, model.year, _STATES_INDEX[iso3])
    rows = []
    for a in model.activities[iso3]:
        fund_label = str(_pick(rng, ACTIVITY_FUND_LABELS[a.fund_code]))
        rows.append(
            TableRow(
                (
                    a.title,
                    _area_label(a.area_code, ref, rng, max_len=32),
                    a.activity_type,
                    a.provider,
                    a.partner,
                    fund_label,
                    str(a.upr),
                )
            )
        )
    return TableSpec(
        "assistance_activities",
        heading,
        _header("assistance_activities", model.year),
        rows,
        (False, False, False, False, False, False, True),
        layout.continued,
        {"country_iso3": iso3, "upr_recommendations_addressed": sum(a.upr for a in model.activities[iso3])},
    )


_STATES_INDEX: Final[Mapping[str, int]] = {s.iso3: i for i, s in enumerate(STATES)}


def _statement_spec(
    fund: FundYear, year: int, layout: BoardLayout, heading_suffix: str = "", break_by: int = 0
) -> TableSpec:
    values = (
        fund.opening,
        fund.contributions,
        fund.other_income,
        fund.total_income,
        fund.expenditure,
        fund.closing,
    )
    rows = [
        TableRow((label, usd(v, layout.zero))) for (label, _), v in zip(STATEMENT_ITEMS, values, strict=True)
    ]
    if break_by:
        rows[-1] = TableRow((STATEMENT_ITEMS[-1][0], usd(fund.closing + break_by, layout.zero)))
    return TableSpec(
        "fund_statement",
        _heading("fund_statement", year) + heading_suffix,
        _header("fund_statement", year),
        rows,
        (False, True),
        layout.continued,
        {
            "fund_code": fund.fund_code,
            "values": dict(zip((k for _, k in STATEMENT_ITEMS), values, strict=True)),
        },
    )


def _board_donor_spec(
    fund: FundYear,
    year: int,
    layout: BoardLayout,
    rng: np.random.Generator,
    heading_suffix: str = "",
    break_by: int = 0,
) -> TableSpec:
    names = {
        code: _check_latin(_donor_name(code, year, "en_formal", rng, 0.1), "donor") for code, _ in fund.donors
    }
    rows = [TableRow((names[code], usd(amount, layout.zero))) for code, amount in fund.donors]
    total = sum(a for _, a in fund.donors)
    rows.append(TableRow((layout.total_label, usd(total + break_by)), "total"))
    spec = TableSpec(
        "board_contributions",
        _heading("board_contributions", year) + heading_suffix,
        _header("board_contributions", year),
        rows,
        (False, True),
        layout.continued,
        {
            "fund_code": fund.fund_code,
            "total": {"amount_usd": total},
            "donor_codes": {v: k for k, v in names.items()},
        },
    )
    if break_by:
        spec.info["printed_total_differs_by"] = {"amount_usd": break_by}
    return spec


def _projects_spec(
    fund: FundYear,
    year: int,
    layout: BoardLayout,
    ref: _Reference,
    rng: np.random.Generator,
    heading_suffix: str = "",
) -> TableSpec:
    rows: list[TableRow] = []
    for region in dd.OHCHR_REGIONS:
        members = [p for p in fund.projects if p.region == region]
        for p in members:
            country = _country_name(p.iso3, year, rng, 0.25)
            rows.append(
                TableRow((country, p.region, p.title, _area_label(p.area_code, ref, rng), usd(p.amount)))
            )
        if layout.project_subtotals and members:
            rows.append(
                TableRow(
                    (f"{SUBTOTAL_PREFIX}{region}", "", "", "", usd(sum(p.amount for p in members))),
                    "subtotal",
                )
            )
    total = sum(p.amount for p in fund.projects)
    rows.append(TableRow((layout.total_label, "", "", "", usd(total)), "total"))
    return TableSpec(
        "board_projects",
        _heading("board_projects", year) + heading_suffix,
        _header("board_projects", year),
        rows,
        (False, False, False, False, True),
        layout.continued,
        {
            "fund_code": fund.fund_code,
            "total": {"amount_usd": total},
            "countries": sorted({p.iso3 for p in fund.projects}),
        },
    )
