"""The sample documents' wordings: every heading, header and label any generated document prints.

A part of `samples.documents` (see its docstring).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

# Table id -> canonical column -> every header wording used (the set a year uses is
# `_wording(table_id, year)`; each table uses all three over 2012-2025). Document families:
# annual_report: funding_at_a_glance, contributions_by_donor, fund_contributions,
# field_expenditure, assistance_activities; funding_annex (XLSX): contributions_by_donor (sheet
# "Contributions by donor"), fund_contributions (sheet "Funds"); appeal: funding_at_a_glance;
# vftc_board_report and the UPR fund reports: fund_statement, board_contributions, board_projects.
# fmt: off
HEADER_WORDINGS: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "funding_at_a_glance": {
        "indicator": ("Indicator", "Item", "Key figure"),
        "value": ("Value", "Figure", "Amount"),
    },
    "contributions_by_donor": {
        "donor": ("Donor", "Contributor", "Donor/contributor"),
        "pledged_usd": ("Pledged (USD)", "Pledges (USD)", "Amount pledged (USD)"),
        "paid_usd": ("Paid (USD)", "Income received (USD)", "Amount received (USD)"),
        "unearmarked_usd": ("Unearmarked (USD)", "Unearmarked funds (USD)", "Not earmarked (USD)"),
        "earmarked_usd": ("Earmarked (USD)", "Earmarked funds (USD)", "Earmarked contributions (USD)"),
    },
    "fund_contributions": {
        "fund": ("Fund", "Trust fund", "Fund name"),
        "contributions_usd": ("Contributions received (USD)", "Income from contributions (USD)",
                              "Contributions (USD)"),
        "expenditure_usd": ("Expenditure (USD)", "Expenditures (USD)", "Total expenditure (USD)"),
    },
    "field_expenditure": {
        "presence_name": ("Field presence", "Presence", "Office"),
        "presence_type": ("Type", "Type of presence", "Presence type"),
        "country": ("Country", "Country/territory", "Location"),
        "regular_budget_usd": ("Regular budget (USD)", "RB (USD)", "Regular budget funds (USD)"),
        "extrabudgetary_usd": ("Extrabudgetary (USD)", "XB (USD)", "Extrabudgetary funds (USD)"),
        "total_usd": ("Total (USD)", "Total expenditure (USD)", "Overall (USD)"),
    },
    "assistance_activities": {
        "activity_title": ("Activity", "Activity/project", "Activity title"),
        "thematic_area": ("Thematic area", "Area", "Thematic focus"),
        "activity_type": ("Type", "Activity type", "Modality"),
        "provider": ("Provider", "Implemented by", "Lead entity"),
        "partner": ("Partner", "National partner", "Counterpart"),
        "funding": ("Funding", "Funding source", "Funded by"),
        "upr_recommendations_addressed": ("UPR recommendations addressed", "UPR recs addressed",
                                          "UPR recommendations"),
    },
    "fund_statement": {
        "line_item": ("Item", "Line item", "Description"),
        "amount_usd": ("Amount (USD)", "USD", "Amount in USD"),
    },
    "board_contributions": {
        "donor": ("Donor", "Contributor", "Donor country/organization"),
        "amount_usd": ("Amount (USD)", "Contribution (USD)", "Amount received (USD)"),
    },
    "board_projects": {
        "country": ("Country", "Beneficiary country", "Country/territory"),
        "region": ("Region", "Geographical region", "OHCHR region"),
        "project_title": ("Project", "Project title", "Project name"),
        "thematic_area": ("Thematic area", "Area of work", "Thematic focus"),
        "amount_usd": ("Amount (USD)", "Allocation (USD)", "Amount approved (USD)"),
    },
}

# Table id -> every heading line that introduces it. A continuation may repeat the heading with
# one of `CONTINUED_SUFFIXES`. Fund reports are about one fund each (the title names it), so their
# headings carry no fund. assistance_activities tables have no fixed heading: each is introduced
# by the State's name (the country chapter), see CHAPTER_TITLES.
TABLE_HEADINGS: Final[dict[str, tuple[str, ...]]] = {
    "funding_at_a_glance": ("Funding at a glance", "Key figures: funding at a glance",
                            "UN Human Rights funding at a glance"),
    "contributions_by_donor": ("Voluntary contributions by donor", "Contributions by donor",
                               "Voluntary contributions to UN Human Rights by donor"),
    "fund_contributions": ("Contributions to funds administered by UN Human Rights",
                           "Funds administered by UN Human Rights",
                           "Contributions to funds administered by OHCHR"),
    "field_expenditure": ("Expenditure by field presence", "Expenditure in field presences",
                          "Field presences: expenditure"),
    "assistance_activities": (),
    "fund_statement": ("Statement of income and expenditure", "Income and expenditure statement",
                       "Statement of income and expenditure for the year"),
    "board_contributions": ("Contributions by donor", "Contributions received by donor",
                            "Status of contributions by donor"),
    "board_projects": ("Projects funded by country", "Projects funded, by country",
                       "Projects approved by country"),
}
# fmt: on
CONTINUED_SUFFIXES: Final = (" (continued)", " (cont.)")
# Tables a parser should skip: they are in the documents, with a heading and totals, but no raw
# table takes them (the Appeal's requirements for the coming year).
IGNORED_TABLE_HEADINGS: Final = ("Extrabudgetary requirements by pillar",)

CHAPTER_TITLES: Final[dict[str, tuple[str, ...]]] = {
    "funding": ("Funding",),
    "country": ("Country engagement", "Field presences and country engagement"),
    "highlights": ("Highlights of the year", "Results: success stories, best practices and challenges"),
}
HIGHLIGHT_LABELS: Final[dict[str, str]] = {
    "success_story": "Success story:",
    "best_practice": "Best practice:",
    "challenge": "Challenge:",
}
TOTAL_LABELS: Final = ("Total", "Grand total")
SUBTOTAL_PREFIX: Final = "Sub-total "

# Rows of the Funding at a glance table (first column), metric and unit of raw.funding_summary.
GLANCE_ITEMS: Final[tuple[tuple[str, str, str], ...]] = (
    ("Voluntary contributions received (USD)", "voluntary_contributions", "USD"),
    ("Number of donors", "donors", "count"),
    ("Of which Member States", "member_state_donors", "count"),
    ("Regular budget (USD)", "regular_budget", "USD"),
    ("Unearmarked share (%)", "unearmarked_share", "percent"),
)
# Rows of a fund statement. NB "Total income" and "Total expenditure" start with "Total" but are
# statement lines, not a totals row: the statement is checked by its identities instead
# (contributions + other income = total income; opening + total income - expenditure = closing).
STATEMENT_ITEMS: Final[tuple[tuple[str, str], ...]] = (
    ("Opening balance", "opening_balance"),
    ("Contributions received", "contributions_received"),
    ("Other income", "other_income"),
    ("Total income", "total_income"),
    ("Total expenditure", "total_expenditure"),
    ("Closing balance", "closing_balance"),
)

BOARD_FUNDS: Final = ("VFTC", "UPR_PARTICIPATION", "VFFTA")
ANNUAL_FUND_ROWS: Final = ("VFTC", "VFFTA", "UPR_PARTICIPATION", "LDC_SIDS_TF", "HC_TRUST_FUND")
# The funds table's labels per fund (all in fund_labels.csv), chosen per year.
ANNUAL_FUND_LABELS: Final[Mapping[str, tuple[str, ...]]] = {
    "VFTC": (
        "Voluntary Fund for Technical Cooperation in the Field of Human Rights",
        "Voluntary Fund for Technical Cooperation",
        "VFTC",
    ),
    "VFFTA": (
        "UPR Voluntary Fund for Financial and Technical Assistance",
        "UPR implementation fund",
        "VFFTA",
    ),
    "UPR_PARTICIPATION": ("UPR Trust Fund (participation)", "UPR participation fund"),
    "LDC_SIDS_TF": ("LDC/SIDS Trust Fund",),
    "HC_TRUST_FUND": ("Trust Fund for the Support of the Activities of the High Commissioner",),
}
# Funding cells of activity tables: fund labels short enough for the table (fund_labels.csv).
ACTIVITY_FUND_LABELS: Final[Mapping[str, tuple[str, ...]]] = {
    "VFTC": ("VFTC",),
    "VFFTA": ("VFFTA", "UPR implementation fund"),
    "UPR_PARTICIPATION": ("UPR participation fund",),
    "LDC_SIDS_TF": ("LDC/SIDS Trust Fund",),
    "HC_TRUST_FUND": ("Unearmarked voluntary contributions",),
    "REGULAR_BUDGET": ("Regular budget", "UN regular budget"),
}
ACTIVITY_FUND_WEIGHTS: Final[Mapping[str, float]] = {
    "VFTC": 30,
    "VFFTA": 10,
    "UPR_PARTICIPATION": 2,
    "LDC_SIDS_TF": 2,
    "HC_TRUST_FUND": 30,
    "REGULAR_BUDGET": 26,
}
PROVIDER_TYPES: Final = ("ohchr_hq", "field_presence", "un_entity")
APPEAL_PILLARS: Final = (
    "Support to the human rights mechanisms",
    "Development and human rights",
    "Peace and security",
    "Non-discrimination",
    "Accountability and rule of law",
    "Participation and civic space",
)
