"""The sample documents' ground truth.

A part of `samples.documents` (see its docstring).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from samples import document_data as dd
from samples.documents.constants import (
    ANNEX_HEADER_ROW,
    ANNUAL_DIR,
    BOARD_DIR,
    BOARD_DOCUMENT_TYPES,
    PLANTED_DIFFERENCE,
    SENTINEL_DONORS,
)
from samples.documents.model import YearModel
from samples.documents.published import PublishedFigures
from samples.documents.render import DocumentEntry
from samples.documents.wordings import (
    ACTIVITY_FUND_WEIGHTS,
    ANNUAL_FUND_ROWS,
    BOARD_FUNDS,
    GLANCE_ITEMS,
    HIGHLIGHT_LABELS,
    PROVIDER_TYPES,
)


def _expected_annual(models: Mapping[int, YearModel], files: Sequence[DocumentEntry]) -> dict[str, Any]:
    by_type_year = {(f.document_type, f.year): f for f in files}
    summary = []
    for year, m in models.items():
        for doc_type, status, values in (
            (
                "annual_report",
                "final",
                (
                    m.voluntary_contributions,
                    m.donors,
                    m.member_state_donors,
                    m.regular_budget,
                    m.unearmarked_share,
                ),
            ),
            (
                "appeal",
                "provisional",
                (
                    m.voluntary_contributions_provisional,
                    m.donors_provisional,
                    m.member_state_donors_provisional,
                    m.regular_budget,
                    m.unearmarked_share_provisional,
                ),
            ),
        ):
            entry = by_type_year[(doc_type, year)]
            for (label, metric, unit), value in zip(GLANCE_ITEMS, values, strict=True):
                summary.append(
                    {
                        "year": year,
                        "document_type": doc_type,
                        "file": entry.path,
                        "figure_status": status,
                        "as_of": entry.as_of,
                        "scope": "OHCHR",
                        "metric": metric,
                        "row_label": label,
                        "value": value,
                        "unit": unit,
                        "provenance": m.provenance[metric if status == "final" else f"{metric}_provisional"],
                    }
                )
    contributions = []
    for year, m in models.items():
        rows = {r.code: r for r in m.donor_rows}
        for code in SENTINEL_DONORS:
            r = rows.get(code)
            contributions.append(
                {
                    "year": year,
                    "donor_code": code,
                    "scope": "all_voluntary_contributions",
                    "documents": ["annual_report"] + (["funding_annex"] if year in ANNEX_HEADER_ROW else []),
                    "present": r is not None,
                    "pledged_usd": r.pledged if r else None,
                    "paid_usd": r.paid if r else None,
                    "unearmarked_usd": r.unearmarked if r else None,
                    "earmarked_usd": r.earmarked if r else None,
                    "published": bool(r and r.published),
                }
            )
    funds_table = [
        {
            "year": year,
            "fund_code": code,
            "contributions_usd": m.annual_funds[code][0],
            "expenditure_usd": m.annual_funds[code][1],
        }
        for year, m in models.items()
        for code in ANNUAL_FUND_ROWS
    ]
    field = [
        {
            "year": year,
            "presences": len(m.presences),
            "by_type": {t: sum(r.presence.type == t for r in m.presences) for t in dd.PRESENCE_TYPES},
            "regular_budget_usd": sum(r.regular_budget for r in m.presences),
            "extrabudgetary_usd": sum(r.extrabudgetary for r in m.presences),
            "total_usd": sum(r.total for r in m.presences),
        }
        for year, m in models.items()
    ]
    activity_counts = []
    totals = []
    for year, m in models.items():
        for iso3 in m.countries:
            acts = m.activities[iso3]
            activity_counts.append(
                {
                    "year": year,
                    "country_iso3": iso3,
                    "activities": len(acts),
                    "upr_recommendations_addressed": sum(a.upr for a in acts),
                    "by_fund": {
                        c: sum(a.fund_code == c for a in acts)
                        for c in ACTIVITY_FUND_WEIGHTS
                        if any(a.fund_code == c for a in acts)
                    },
                    "by_provider_type": {
                        t: sum(a.provider_type == t for a in acts)
                        for t in PROVIDER_TYPES
                        if any(a.provider_type == t for a in acts)
                    },
                    "by_thematic_area": dict(sorted(_count(a.area_code for a in acts).items())),
                }
            )
        all_acts = [a for iso3 in m.countries for a in m.activities[iso3]]
        totals.append(
            {
                "year": year,
                "countries": len(m.countries),
                "activities": len(all_acts),
                "upr_recommendations_addressed": sum(a.upr for a in all_acts),
            }
        )
    highlights = [
        {
            "year": year,
            **{k: sum(h.kind == k for h in m.highlights) for k in HIGHLIGHT_LABELS},
            "total": len(m.highlights),
            "items": [
                {"kind": h.kind, "country_iso3": h.iso3, "thematic_area_code": h.area_code, "title": h.title}
                for h in m.highlights
            ],
        }
        for year, m in models.items()
    ]
    return {
        "funding_summary": summary,
        "contributions_sentinel_donors": contributions,
        "donor_counts": [
            {
                "year": year,
                "donors": m.donors,
                "member_state_donors": m.member_state_donors,
                "non_state_donors": m.donors - m.member_state_donors,
                "donors_provisional": m.donors_provisional,
                "member_state_donors_provisional": m.member_state_donors_provisional,
            }
            for year, m in models.items()
        ],
        "fund_contributions": funds_table,
        "field_expenditure": field,
        "assistance_activities": {"by_country_year": activity_counts, "totals_by_year": totals},
        "highlights": highlights,
    }


def _count(items: Iterable[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in items:
        out[item] = out.get(item, 0) + 1
    return out


def _expected_board(models: Mapping[int, YearModel]) -> dict[str, Any]:
    statements = []
    donors = []
    projects = []
    for year, m in models.items():
        for code in BOARD_FUNDS:
            f = m.funds[code]
            document = BOARD_DOCUMENT_TYPES[code]
            statements.append(
                {
                    "year": year,
                    "fund_code": code,
                    "document_type": document,
                    # The VFTC report covers Board sessions (model.sessions); the UPR fund
                    # reports the calendar year's accounts.
                    "period_start": m.sessions[0].start.isoformat() if code == "VFTC" else f"{year}-01-01",
                    "period_end": m.sessions[-1].end.isoformat() if code == "VFTC" else f"{year}-12-31",
                    "opening_balance": f.opening,
                    "contributions_received": f.contributions,
                    "other_income": f.other_income,
                    "total_income": f.total_income,
                    "total_expenditure": f.expenditure,
                    "closing_balance": f.closing,
                    "programme_support_costs": f.programme_support,
                }
            )
            amounts = dict(f.donors)
            for donor in SENTINEL_DONORS:
                donors.append(
                    {"year": year, "fund_code": code, "donor_code": donor, "amount_usd": amounts.get(donor)}
                )
            projects.append(
                {
                    "year": year,
                    "fund_code": code,
                    "projects": len(f.projects),
                    "countries": sorted({p.iso3 for p in f.projects}),
                    "total_usd": sum(p.amount for p in f.projects),
                    "by_country": {
                        iso3: sum(p.amount for p in f.projects if p.iso3 == iso3)
                        for iso3 in sorted({p.iso3 for p in f.projects})
                    },
                    "donors": len(f.donors),
                }
            )
    return {
        "fund_statements": statements,
        "contributions_sentinel_donors": donors,
        "board_projects": projects,
    }


def _cross_source(models: Mapping[int, YearModel]) -> dict[str, Any]:
    rows = []
    for year, m in models.items():
        board = m.funds["VFTC"]
        annual_in, annual_out = m.annual_funds["VFTC"]
        rows.append(
            {
                "year": year,
                "fund_code": "VFTC",
                "annual_report_contributions_usd": annual_in,
                "board_report_contributions_usd": board.contributions,
                "board_report_donor_sum_usd": sum(a for _, a in board.donors),
                "annual_report_expenditure_usd": annual_out,
                "board_report_expenditure_usd": board.expenditure,
                "agree": annual_in == board.contributions and annual_out == board.expenditure,
            }
        )
        for code in ("VFFTA", "UPR_PARTICIPATION"):
            f = m.funds[code]
            if m.annual_funds[code] != (f.contributions, f.expenditure):
                raise AssertionError(f"{year} {code}: annual report and UPR fund report disagree")
    overlap = []
    for year, m in models.items():
        vftc_countries = sorted({p.iso3 for p in m.funds["VFTC"].projects})
        with_vftc_activity = sorted(
            c for c in m.countries if any(a.fund_code == "VFTC" for a in m.activities[c])
        )
        overlap.append(
            {
                "year": year,
                "vftc_project_countries": vftc_countries,
                "in_annual_report": [c for c in vftc_countries if c in m.countries],
                "annual_report_countries_with_vftc_activities": with_vftc_activity,
            }
        )
    return {
        "vftc_annual_vs_board": rows,
        "planted_differences": [
            {
                **PLANTED_DIFFERENCE,
                "files": [
                    f"{ANNUAL_DIR}/ohchr_report_{PLANTED_DIFFERENCE['year']}.pdf",
                    f"{BOARD_DIR}/vftc_board_report_{PLANTED_DIFFERENCE['year']}.pdf",
                ]
                + (
                    [f"{ANNUAL_DIR}/ohchr_report_{PLANTED_DIFFERENCE['year']}_funding_annex.xlsx"]
                    if PLANTED_DIFFERENCE["year"] in ANNEX_HEADER_ROW
                    else []
                ),
                "tables": [
                    "fund_contributions (annual report and annex)",
                    "fund_statement / board_contributions (board)",
                ],
                "description": "the annual report's funds table gives the VFTC 5,000 USD more "
                "contributions than the Board's statement of income and expenditure and its donor "
                "table; every other year, and every other fund, agrees",
            }
        ],
        "vftc_projects_and_activities_overlap": overlap,
    }


def _published_used(published: PublishedFigures, models: Mapping[int, YearModel]) -> list[dict[str, Any]]:
    """Where each published figure of the covered years appears."""
    years = set(models)
    where: dict[tuple[str, str], list[str]] = {
        ("VFTC", "contributions_received"): [
            "annual_reports/ohchr_report_<Y>.pdf: fund_contributions (VFTC row, contributions)",
            "fund_board_reports/vftc_board_report_<Y>.pdf: fund_statement (Contributions received) = "
            "board_contributions total",
        ],
        ("VFTC", "total_expenditure"): [
            "annual_reports/ohchr_report_<Y>.pdf: fund_contributions (VFTC row, expenditure)",
            "fund_board_reports/vftc_board_report_<Y>.pdf: fund_statement (Total expenditure)",
        ],
        ("OHCHR", "voluntary_contributions"): [
            "final: annual_reports/ohchr_report_<Y>.pdf funding_at_a_glance = contributions_by_donor total "
            "(Paid column); provisional: annual_reports/human_rights_appeal_<Y+1>.pdf funding_at_a_glance",
        ],
        ("OHCHR", "donors"): [
            "final: annual report funding_at_a_glance (Number of donors) = rows of contributions_by_donor; "
            "provisional: the Appeal's funding_at_a_glance",
        ],
        ("OHCHR", "non_state_donors"): [
            "annual report contributions_by_donor: rows in the non-State group (Number of donors minus "
            "Of which Member States)"
        ],
        ("OHCHR", "regular_budget"): ["annual report funding_at_a_glance (Regular budget)"],
        ("OHCHR", "extrabudgetary_requirements"): [
            "annual_reports/human_rights_appeal_<period>.pdf: requirements_by_pillar total (a table "
            "parsers ignore) and the text"
        ],
        ("TRUST_FUND_HC", "share_of_extrabudgetary_funds"): [
            "annual report fund_contributions: Trust Fund for the High Commissioner contributions = "
            "round(voluntary contributions x share)"
        ],
    }
    out = []
    for r in published.rows:
        period_year = int(r.period) if r.period.isdigit() else None
        key = (r.scope, r.metric)
        if r.metric.startswith("contribution_by_donor:"):
            places = [
                "annual report contributions_by_donor (Paid column) and the funding annex where there is one"
            ]
        else:
            places = where.get(key, [])
        if r.metric == "extrabudgetary_requirements":
            used = period_year is not None and period_year - 1 in years
        else:
            used = period_year in years and bool(places)
        out.append(
            {
                "scope": r.scope,
                "metric": r.metric,
                "period": r.period,
                "status": r.status,
                "value": r.value,
                "unit": r.unit,
                "used": used,
                "where": places if used else [],
                "source_title": r.source_title,
                "source_address": r.source_address,
            }
        )
    return out
