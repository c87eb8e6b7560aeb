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
year), ``fund_board_reports/vftc_board_report_<Y>.pdf`` and
``fund_board_reports/upr_funds_report_<Y>.pdf``; a ``manifest.json`` in each folder.

How the PDFs are made, and what a parser can rely on
----------------------------------------------------
* reportlab platypus, A4: portrait, except the wide tables, which are on landscape A4 pages (the
  annual report's funding and country chapters, the board reports' projects annexes); the
  standard Type 1 fonts (nothing embedded), so every printed character is in cp1252 (checked
  when drawing). A table's font shrinks (down to 6 pt) until every cell fits on one line.
* Page 1 of every document: the title, then ``Document symbol: ...``, ``Period covered: ...``,
  ``Status: provisional|final``, ``As of: YYYY-MM-DD`` as separate lines. Later pages carry a
  header line (title and symbol) and a page-number footer.
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
  ``" \\u00a0"`` gives the cells exactly; splitting on ``r"\\s{2,}"`` works too but drops empties.
  On the page, neighbouring cells are also at least three space widths apart, for readers that
  split by character geometry.
* Amounts: whole USD with thousands separators; zero as ``-`` or ``–`` (varies by year);
  negative in parentheses. Unearmarked share: one decimal (``41.3``). Counts: plain integers.

Figures
-------
Published figures are read from ``../shared/reference/published_figures.csv`` when the documents
are generated (`load_published_figures`, path overridable with ``TCW_PUBLISHED_FIGURES``) and
printed exactly; everything else is synthetic (`pipelines.samples.document_data`). Every totals
and sub-total row is the sum of its rows (rows are rounded first). The sources agree with each
other (annual report, annex, VFTC and UPR funds reports) except for one documented, planted
disagreement (`PLANTED_DIFFERENCE`). Bad documents are never in ``sources/``: tests make them
with `write_annual_report(..., break_total=True)` & co. and `truncate_copy`.

API: `generate_documents(out_dir, years, seed) -> DocumentsManifest`;
``tcw sources generate [--out SOURCES_DIR]`` (default: the settings' sources).

Same seed and published figures -> byte-identical files (reportlab ``invariant=1``: fixed dates
and document ID; xlsxwriter: fixed creation date).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final
from xml.sax.saxutils import escape

import numpy as np
import xlsxwriter
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from pipelines.reference.countries import resolve_country
from pipelines.samples import document_data as dd
from pipelines.samples.request_logs import STATES, StateSpec
from pipelines.settings import REPO_ROOT, SEEDS_DIR

GENERATOR_MODULE: Final = "pipelines.samples.documents"
# Bump when the output changes on purpose: the manifests record it next to the files.
GENERATOR_VERSION: Final = "1.0.0"
DEFAULT_SEED: Final = 18_18
DEFAULT_YEARS: Final = range(2012, 2026)
ANNUAL_DIR: Final = "annual_reports"
BOARD_DIR: Final = "fund_board_reports"
MANIFEST_NAME: Final = "manifest.json"
PUBLISHED_FIGURES_ENV: Final = "TCW_PUBLISHED_FIGURES"
DEFAULT_PUBLISHED_FIGURES: Final = REPO_ROOT.parent / "shared" / "reference" / "published_figures.csv"

CELL_SEPARATOR: Final = " \u00a0"

DOCUMENT_TYPES: Final = ("annual_report", "funding_annex", "appeal", "vftc_board_report", "upr_funds_report")

# Sentinels of the ground truth: donors whose contributions the manifests list per fund and year,
# and the request logs' sentinel States, which have a country chapter every year.
SENTINEL_DONORS: Final = ("DEU", "SWE", "CHE", "NOR", "NLD", "USA", "EC")
SENTINEL_COUNTRIES: Final = ("CIV", "COL", "KEN", "TUR", "UKR", "VEN")

# The one deliberate disagreement between sources: the annual report's funds table gives the
# VFTC 5,000 USD more contributions in 2017 than the VFTC Board's report (whose donor table adds
# up to its own figure). A cross-source check should find exactly this.
PLANTED_DIFFERENCE: Final = {
    "year": 2017,
    "fund_code": "VFTC",
    "metric": "contributions_received",
    "annual_report_minus_board_report": 5_000,
}

# Funding annex years -> the Excel row of the header of sheet "Contributions by donor" (1 = no
# title row; 2 = a title row above it; 3 = a title row and a blank row).
ANNEX_HEADER_ROW: Final[Mapping[int, int]] = {2014: 1, 2017: 2, 2019: 1, 2022: 1, 2023: 3}
ANNEX_SHEETS: Final = ("Contributions by donor", "Funds")

# Donors the published record says gave nothing that year (the 2024 USA row notes "zero in 2025").
ABSENT_DONORS: Final[Mapping[int, frozenset[str]]] = {2025: frozenset({"USA"})}

# --------------------------------------------------------------------------------------------
# Wordings: every heading, header and label any generated document prints
# --------------------------------------------------------------------------------------------

# Table id -> canonical column -> every header wording used (the set a year uses is
# `_wording(table_id, year)`; each table uses all three over 2012-2025). Document families:
# annual_report: funding_at_a_glance, contributions_by_donor, fund_contributions,
# field_expenditure, assistance_activities; funding_annex (XLSX): contributions_by_donor (sheet
# "Contributions by donor"), fund_contributions (sheet "Funds"); appeal: funding_at_a_glance;
# vftc_board_report and upr_funds_report: fund_statement, board_contributions, board_projects.
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
# one of `CONTINUED_SUFFIXES`. In the upr_funds_report every heading is followed by
# `FUND_HEADING_SEPARATOR` and a fund label of fund_labels.csv ("Statement of income and
# expenditure - UPR Trust Fund (participation)"). assistance_activities tables have no fixed
# heading: each is introduced by the State's name (the country chapter), see CHAPTER_TITLES.
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
FUND_HEADING_SEPARATOR: Final = " - "
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
# The UPR funds report's heading suffix per fund (fund_labels.csv labels), chosen per year.
UPR_REPORT_FUND_LABELS: Final[Mapping[str, tuple[str, ...]]] = {
    "UPR_PARTICIPATION": ("UPR Trust Fund (participation)", "UPR participation fund"),
    "VFFTA": ("UPR Voluntary Fund for Financial and Technical Assistance", "UPR implementation fund"),
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

# --------------------------------------------------------------------------------------------
# Per-year layout: what varies between years (documented in sources/README.md)
# --------------------------------------------------------------------------------------------

CHAPTER_ORDERS: Final = (
    ("funding", "country", "highlights"),
    ("highlights", "funding", "country"),
    ("country", "funding", "highlights"),
)
# fmt: off
_CHAPTER_ORDER_OF_YEAR: Final[Mapping[int, int]] = {
    2012: 0, 2013: 0, 2014: 1, 2015: 0, 2016: 2, 2017: 1, 2018: 0, 2019: 0, 2020: 2, 2021: 1,
    2022: 0, 2023: 2, 2024: 1, 2025: 0,
}
# fmt: on
# Offsets so that tables change wording in different years, not all at once.
_WORDING_OFFSET: Final[Mapping[str, int]] = {
    "funding_at_a_glance": 0,
    "contributions_by_donor": 1,
    "fund_contributions": 2,
    "field_expenditure": 0,
    "assistance_activities": 1,
    "fund_statement": 2,
    "board_contributions": 0,
    "board_projects": 1,
}
_HEADING_OFFSET: Final[Mapping[str, int]] = {
    "funding_at_a_glance": 2,
    "contributions_by_donor": 0,
    "fund_contributions": 1,
    "field_expenditure": 2,
    "fund_statement": 0,
    "board_contributions": 1,
    "board_projects": 2,
}


def _wording(table_id: str, year: int) -> int:
    return (year - DEFAULT_YEARS.start + _WORDING_OFFSET[table_id]) % 3


def _heading_index(table_id: str, year: int) -> int:
    # Heading changes are rarer than header changes: blocks of about five years.
    return ((year - DEFAULT_YEARS.start) // 5 + _HEADING_OFFSET[table_id]) % len(TABLE_HEADINGS[table_id])


@dataclass(frozen=True)
class AnnualLayout:
    chapter_order: tuple[str, ...]
    chapter_titles: Mapping[str, str]
    field_table_chapter: str  # "funding" or "country"
    continued: str | None  # heading suffix repeated on continuation pages, or None
    zero: str
    donor_order: str  # "amount" or "alphabetical"
    donor_style: str  # "en_formal" or "en_short"
    field_subtotals: bool
    total_label: str
    footer: str


@dataclass(frozen=True)
class BoardLayout:
    continued: str | None
    zero: str
    project_subtotals: bool
    total_label: str
    footer: str


def annual_layout(year: int) -> AnnualLayout:
    """What the annual report of `year` looks like (deterministic, documented)."""
    k = year - DEFAULT_YEARS.start
    return AnnualLayout(
        chapter_order=CHAPTER_ORDERS[_CHAPTER_ORDER_OF_YEAR.get(year, k % 3)],
        chapter_titles={
            "funding": CHAPTER_TITLES["funding"][0],
            "country": CHAPTER_TITLES["country"][0 if year < 2018 else 1],
            "highlights": CHAPTER_TITLES["highlights"][0 if year % 2 == 0 else 1],
        },
        field_table_chapter="funding" if k % 4 in (0, 1) else "country",
        continued=(None, CONTINUED_SUFFIXES[0], CONTINUED_SUFFIXES[1])[k % 3],
        zero="-" if k % 2 == 0 else "–",
        donor_order="amount" if k % 3 != 1 else "alphabetical",
        donor_style="en_formal" if k % 2 == 0 else "en_short",
        field_subtotals=k % 3 != 2,
        total_label=TOTAL_LABELS[0] if k % 4 != 3 else TOTAL_LABELS[1],
        footer=("Page {n}", "- {n} -", "{n}")[k % 3],
    )


def board_layout(year: int) -> BoardLayout:
    k = year - DEFAULT_YEARS.start
    return BoardLayout(
        continued=(CONTINUED_SUFFIXES[0], None, CONTINUED_SUFFIXES[1])[k % 3],
        zero="-" if k % 2 == 1 else "–",
        project_subtotals=year >= 2016,
        total_label=TOTAL_LABELS[0] if k % 5 != 2 else TOTAL_LABELS[1],
        footer="{n}" if k % 2 == 0 else "Page {n}",
    )


# --------------------------------------------------------------------------------------------
# Published figures (read at generation time, never copied into the project)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublishedFigure:
    scope: str
    metric: str
    period: str
    value: float
    unit: str
    status: str
    as_of: str
    source_title: str
    source_address: str
    note: str


@dataclass(frozen=True)
class PublishedFigures:
    path: Path
    sha256: str
    rows: tuple[PublishedFigure, ...]

    def get(
        self, scope: str, metric: str, period: str | int, status: str = "final"
    ) -> PublishedFigure | None:
        found = [
            r
            for r in self.rows
            if r.scope == scope and r.metric == metric and r.period == str(period) and r.status == status
        ]
        if len(found) > 1:
            raise ValueError(f"{self.path}: {len(found)} rows for {scope}/{metric}/{period}/{status}")
        return found[0] if found else None

    def value(self, scope: str, metric: str, period: str | int, status: str = "final") -> int | None:
        row = self.get(scope, metric, period, status)
        return None if row is None else round(row.value)


def published_figures_path() -> Path:
    return Path(os.environ.get(PUBLISHED_FIGURES_ENV, DEFAULT_PUBLISHED_FIGURES))


def load_published_figures(path: Path | None = None) -> PublishedFigures:
    """Read published_figures.csv; a missing file is an error that says what it is for."""
    path = path or published_figures_path()
    if not path.is_file():
        raise FileNotFoundError(
            f"published figures not found at {path}: the sample documents print the figures OHCHR "
            f"published (VFTC contributions and expenditure, voluntary contributions, donors, ...), "
            f"read from this file when they are generated (docs/document_layouts.md). Provide "
            f"../shared/reference/published_figures.csv or set {PUBLISHED_FIGURES_ENV}."
        )
    data = path.read_bytes()
    rows = []
    for r in csv.DictReader(data.decode("utf-8-sig").splitlines()):
        rows.append(
            PublishedFigure(
                scope=r["scope"],
                metric=r["metric"],
                period=r["period"],
                value=float(r["value"]),
                unit=r["unit"],
                status=r["status"],
                as_of=r["as_of"],
                source_title=r["source_title"],
                source_address=r["source_address"],
                note=r.get("note") or "",
            )
        )
    return PublishedFigures(path=path, sha256=hashlib.sha256(data).hexdigest(), rows=tuple(rows))


_MEMBER_STATES_NOTE = re.compile(r"(\d+)\s+(?:of them\s+)?Member States")

# --------------------------------------------------------------------------------------------
# The model
# --------------------------------------------------------------------------------------------


@dataclass
class DonorRow:
    code: str  # ISO3 for a Member State, donors.csv code otherwise
    kind: str  # member_state | non_state
    group: str  # UN regional group, or "non_state"
    pledged: int
    paid: int
    unearmarked: int
    published: bool = False

    @property
    def earmarked(self) -> int:
        return self.paid - self.unearmarked


@dataclass
class Project:
    iso3: str
    region: str
    title: str
    area_code: str
    amount: int


@dataclass
class FundYear:
    fund_code: str
    contributions: int
    expenditure: int
    opening: int = 0
    other_income: int = 0
    donors: list[tuple[str, int]] = field(default_factory=list)  # (donor code, amount)
    projects: list[Project] = field(default_factory=list)
    programme_support: int = 0

    @property
    def total_income(self) -> int:
        return self.contributions + self.other_income

    @property
    def closing(self) -> int:
        return self.opening + self.total_income - self.expenditure


@dataclass
class Activity:
    iso3: str
    title: str
    area_code: str
    activity_type: str
    provider: str
    provider_type: str
    partner: str
    fund_code: str
    upr: int


@dataclass
class PresenceRow:
    presence: dd.Presence
    regular_budget: int
    extrabudgetary: int

    @property
    def total(self) -> int:
        return self.regular_budget + self.extrabudgetary


@dataclass
class Highlight:
    kind: str
    iso3: str
    area_code: str
    partner: str
    title: str
    body: str


@dataclass
class Session:
    number: int
    city: str
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        days = f"{self.start.day}-{self.end.day} {self.start:%B} {self.start.year}"
        return f"{_ordinal(self.number)} session, {self.city}, {days}"


@dataclass
class YearModel:
    year: int
    voluntary_contributions: int
    voluntary_contributions_provisional: int
    donors: int
    member_state_donors: int
    donors_provisional: int
    member_state_donors_provisional: int
    regular_budget: int
    unearmarked_share: float
    unearmarked_share_provisional: float
    donor_rows: list[DonorRow]
    funds: dict[str, FundYear]
    annual_funds: dict[str, tuple[int, int]]  # as the annual report prints them
    presences: list[PresenceRow]
    countries: list[str]  # the annual report's country chapters, in order
    activities: dict[str, list[Activity]]
    highlights: list[Highlight]
    sessions: list[Session]
    requirements: list[tuple[str, int]]  # the Appeal's requirements for Y+1 by pillar
    requirements_published: bool
    provenance: dict[str, str]  # figure -> "published" | "synthetic" | "derived"


@dataclass(frozen=True)
class _Reference:
    area_labels: Mapping[str, tuple[tuple[str, str], ...]]  # code -> ((label, language), ...)
    fund_labels: frozenset[str]
    regional_group: Mapping[str, str]


def _read_seed(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _load_reference(seeds_dir: Path = SEEDS_DIR) -> _Reference:
    labels: dict[str, list[tuple[str, str]]] = {}
    for r in _read_seed(seeds_dir / "thematic_area_labels.csv"):
        labels.setdefault(r["thematic_area_code"], []).append((r["label"], r["language"]))
    return _Reference(
        area_labels={k: tuple(v) for k, v in labels.items()},
        fund_labels=frozenset(r["label"] for r in _read_seed(seeds_dir / "fund_labels.csv")),
        regional_group={
            r["iso3"]: r["un_regional_group"] for r in _read_seed(seeds_dir / "un_regional_groups.csv")
        },
    )


def _rng(seed: int, *keys: int) -> np.random.Generator:
    # One independent stream per purpose and year, as in the request-log generator.
    return np.random.default_rng([seed, *keys])


def _allocate(total: int, weights: Sequence[float], minimum: int = 1) -> list[int]:
    """Integers proportional to `weights`, each >= `minimum`, adding up to `total` exactly."""
    w = np.asarray(weights, dtype=np.float64)
    if total < minimum * len(w):
        raise ValueError(f"cannot split {total} into {len(w)} parts of at least {minimum}")
    raw = w / w.sum() * total
    parts = np.maximum(minimum, np.floor(raw)).astype(np.int64)
    order = np.argsort(-(raw - np.floor(raw)), kind="stable")
    diff = int(total - parts.sum())
    i = 0
    while diff:
        k = order[i % len(order)]
        if diff > 0:
            parts[k] += 1
            diff -= 1
        elif parts[k] > minimum:
            parts[k] -= 1
            diff += 1
        i += 1
    return [int(p) for p in parts]


def _pick(rng: np.random.Generator, options: Sequence[Any], weights: Sequence[float] | None = None) -> Any:
    if weights is None:
        return options[int(rng.integers(len(options)))]
    p = np.asarray(weights, dtype=np.float64)
    return options[int(rng.choice(len(options), p=p / p.sum()))]


def _sample(rng: np.random.Generator, options: Sequence[Any], k: int, weights: Sequence[float]) -> list[Any]:
    """k distinct options, weighted, in the options' order."""
    if k <= 0:
        return []
    p = np.asarray(weights, dtype=np.float64)
    chosen = rng.choice(len(options), size=min(k, len(options)), replace=False, p=p / p.sum())
    return [options[i] for i in sorted(int(c) for c in chosen)]


_STATE_SPEC: Final[Mapping[str, StateSpec]] = {s.iso3: s for s in STATES}
_STATE_DONOR: Final[Mapping[str, dd.StateDonor]] = {d.iso3: d for d in dd.STATE_DONORS}
_NON_STATE: Final[Mapping[str, dd.NonStateDonor]] = {d.code: d for d in dd.NON_STATE_DONORS}
_PRESENCE_BY_NAME: Final[Mapping[str, dd.Presence]] = {p.name: p for p in dd.FIELD_PRESENCES}


def _donor_code_of_published_name(name: str) -> str:
    for donor in dd.NON_STATE_DONORS:
        if name in (label for label, _ in donor.labels):
            return donor.code
    match = resolve_country(name)
    if match.iso3 is None:
        raise ValueError(f"published donor {name!r} is neither a donor label nor a country: {match.reason}")
    return match.iso3


def _published_donor_rows(published: PublishedFigures, year: int) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in published.rows:
        donor_row = r.scope == "OHCHR" and r.metric.startswith("contribution_by_donor:")
        if donor_row and r.period == str(year) and r.status == "final":
            out[_donor_code_of_published_name(r.metric.split(":", 1)[1])] = round(r.value)
    return out


def _member_states_from_note(figure: PublishedFigure | None) -> int | None:
    if figure is None:
        return None
    found = _MEMBER_STATES_NOTE.search(figure.note)
    return int(found.group(1)) if found else None


def build_model(seed: int, years: Sequence[int], published: PublishedFigures) -> dict[int, YearModel]:
    """Every figure of every document, from the published record and the synthetic tables."""
    ref = _load_reference()
    models: dict[int, YearModel] = {}
    openings = {
        "VFTC": dd.VFTC_OPENING_BALANCE_2012,
        "VFFTA": dd.VFFTA_OPENING_BALANCE_2012,
        "UPR_PARTICIPATION": dd.UPR_PARTICIPATION_OPENING_BALANCE_2012,
    }
    # Fund balances chain from 2012, so the chain runs through every year up to the last asked.
    for year in range(DEFAULT_YEARS.start, max(years) + 1):
        model = _build_year(seed, year, published, ref, openings)
        for code in openings:
            openings[code] = model.funds[code].closing
        if year in years:
            models[year] = model
    return models


def _build_year(
    seed: int, year: int, published: PublishedFigures, ref: _Reference, openings: Mapping[str, int]
) -> YearModel:
    provenance: dict[str, str] = {}

    def figure(
        name: str, value: int | None, fallback: Mapping[int, int] | None, kind: str = "published"
    ) -> int:
        if value is not None:
            provenance[name] = kind
            return value
        if fallback is None or year not in fallback:
            raise ValueError(f"no published or synthetic {name} for {year}")
        provenance[name] = "synthetic"
        return fallback[year]

    rng = _rng(seed, 100, year)
    vc = figure(
        "voluntary_contributions",
        published.value("OHCHR", "voluntary_contributions", year),
        dd.SYNTHETIC_VOLUNTARY_CONTRIBUTIONS,
    )
    vc_prov = published.value("OHCHR", "voluntary_contributions", year, "provisional")
    provenance["voluntary_contributions_provisional"] = "published" if vc_prov is not None else "synthetic"
    if vc_prov is None:
        vc_prov = round(vc * float(rng.uniform(0.94, 0.985)), -5)

    donors_fig = published.get("OHCHR", "donors", year)
    donors = figure("donors", None if donors_fig is None else round(donors_fig.value), dd.SYNTHETIC_DONORS)
    published_non_state = published.value("OHCHR", "non_state_donors", year)
    member_states = _member_states_from_note(donors_fig)
    if member_states is not None:
        non_state = donors - member_states
        provenance["member_state_donors"] = "published"
        if published_non_state is not None and published_non_state != non_state:
            raise ValueError(f"{year}: published donors {donors} != {member_states} + {published_non_state}")
        provenance["non_state_donors"] = "published" if published_non_state is not None else "derived"
    else:
        if published_non_state is None:
            non_state = dd.SYNTHETIC_NON_STATE_DONORS[year]
            provenance["non_state_donors"] = "synthetic"
        else:
            non_state = published_non_state
            provenance["non_state_donors"] = "published"
        member_states = donors - non_state
        provenance["member_state_donors"] = "derived"

    donors_prov_fig = published.get("OHCHR", "donors", year, "provisional")
    if donors_prov_fig is not None:
        donors_prov = round(donors_prov_fig.value)
        noted = _member_states_from_note(donors_prov_fig)
        ms_prov = noted if noted is not None else round(donors_prov * member_states / donors)
        provenance["donors_provisional"] = "published"
        provenance["member_state_donors_provisional"] = "published" if noted is not None else "derived"
    else:
        donors_prov = donors - int(rng.integers(3, 9))
        ms_prov = member_states - int(rng.integers(2, 6))
        provenance["donors_provisional"] = "synthetic"
        provenance["member_state_donors_provisional"] = "synthetic"

    regular_budget = figure(
        "regular_budget", published.value("OHCHR", "regular_budget", year), dd.SYNTHETIC_REGULAR_BUDGET
    )
    provenance["regular_budget_provisional"] = provenance["regular_budget"]
    provenance["unearmarked_share"] = "derived"
    provenance["unearmarked_share_provisional"] = "synthetic"

    fixed = _published_donor_rows(published, year)
    if fixed:
        provenance["donor_rows"] = "published: " + ", ".join(sorted(fixed))
    donor_rows = _donor_rows(seed, year, vc, member_states, non_state, fixed, ref)
    unearmarked_share = round(100 * sum(d.unearmarked for d in donor_rows) / vc, 1)
    share_prov = round(unearmarked_share + float(rng.uniform(-1.5, 1.5)), 1)

    funds = _funds(seed, year, vc, published, openings, provenance)
    annual_funds = {code: (funds[code].contributions, funds[code].expenditure) for code in ANNUAL_FUND_ROWS}
    if year == PLANTED_DIFFERENCE["year"]:
        code = str(PLANTED_DIFFERENCE["fund_code"])
        contributions, expenditure = annual_funds[code]
        annual_funds[code] = (
            contributions + int(PLANTED_DIFFERENCE["annual_report_minus_board_report"]),
            expenditure,
        )

    presences = _presences(seed, year)
    countries = _countries(seed, year, funds)
    activities = _activities(seed, year, countries, funds, presences, ref)
    highlights = _highlights(seed, year, countries, activities)
    sessions = _sessions(seed, year)
    requirements, req_published = _requirements(seed, year, vc, published)
    return YearModel(
        year=year,
        voluntary_contributions=vc,
        voluntary_contributions_provisional=int(vc_prov),
        donors=donors,
        member_state_donors=member_states,
        donors_provisional=donors_prov,
        member_state_donors_provisional=ms_prov,
        regular_budget=regular_budget,
        unearmarked_share=unearmarked_share,
        unearmarked_share_provisional=share_prov,
        donor_rows=donor_rows,
        funds=funds,
        annual_funds=annual_funds,
        presences=presences,
        countries=countries,
        activities=activities,
        highlights=highlights,
        sessions=sessions,
        requirements=requirements,
        requirements_published=req_published,
        provenance=provenance,
    )


def _donor_rows(
    seed: int,
    year: int,
    total: int,
    member_states: int,
    non_state: int,
    fixed: Mapping[str, int],
    ref: _Reference,
) -> list[DonorRow]:
    rng = _rng(seed, 101, year)
    absent = ABSENT_DONORS.get(year, frozenset())
    growth = 1 + 0.04 * (year - DEFAULT_YEARS.start)

    def choose(pool: Sequence[str], weights: Mapping[str, float], k: int, core: float) -> list[str]:
        pool = [c for c in pool if c not in absent]
        must = [c for c in pool if c in fixed or weights[c] >= core]
        rest = [c for c in pool if c not in must]
        if len(must) > k:
            raise ValueError(f"{year}: {len(must)} donors must appear but only {k} are published")
        extra = _sample(rng, rest, k - len(must), [weights[c] ** 0.5 for c in rest])
        return [c for c in pool if c in must or c in extra]

    ms_weights = {d.iso3: d.weight for d in dd.STATE_DONORS}
    ns_weights = {d.code: d.weight for d in dd.NON_STATE_DONORS}
    if member_states > len(ms_weights) or non_state > len(ns_weights):
        raise ValueError(f"{year}: not enough donors in the tables for {member_states} + {non_state}")
    codes = choose(list(ms_weights), ms_weights, member_states, 1.0) + choose(
        list(ns_weights), ns_weights, non_state, 2.0
    )
    missing = set(fixed) - set(codes)
    if missing:
        raise ValueError(f"{year}: published donors {sorted(missing)} are not in the donor tables")

    free = [c for c in codes if c not in fixed]
    remaining = total - sum(fixed.values())
    base = [
        (ms_weights.get(c) or ns_weights[c]) * growth * float(np.exp(0.35 * rng.standard_normal()))
        for c in free
    ]
    paid = dict(zip(free, _allocate(remaining, base, minimum=5_000), strict=True)) | dict(fixed)

    rows = []
    for code in codes:
        state = _STATE_DONOR.get(code)
        kind = "member_state" if state else "non_state"
        share = state.unearmarked if state else _NON_STATE[code].unearmarked
        share = float(np.clip(share + rng.normal(0, 0.08), 0, 1)) if share not in (0.0, 1.0) else share
        amount = paid[code]
        u = rng.random()
        if u < 0.68 or code in fixed:
            pledged = amount
        elif u < 0.88:
            pledged = round(amount * float(rng.uniform(1.02, 1.3)), -3)
        elif kind == "non_state":
            pledged = 0  # an unpledged contribution: printed as the zero sign
        else:
            pledged = round(amount * float(rng.uniform(0.7, 0.98)), -3)
        rows.append(
            DonorRow(
                code=code,
                kind=kind,
                group=ref.regional_group[code] if state else "non_state",
                pledged=int(pledged),
                paid=amount,
                unearmarked=round(amount * share),
                published=code in fixed,
            )
        )
    return rows


def _funds(
    seed: int,
    year: int,
    vc: int,
    published: PublishedFigures,
    openings: Mapping[str, int],
    provenance: dict[str, str],
) -> dict[str, FundYear]:
    rng = _rng(seed, 102, year)
    funds: dict[str, FundYear] = {}

    vftc_in = published.value("VFTC", "contributions_received", year)
    vftc_out = published.value("VFTC", "total_expenditure", year)
    syn_in, syn_out = dd.SYNTHETIC_VFTC.get(year, (None, None))
    if vftc_in is None:
        vftc_in = syn_in
    if vftc_out is None:
        vftc_out = syn_out
    if vftc_in is None or vftc_out is None:
        raise ValueError(f"no VFTC figures for {year}")
    provenance["vftc_contributions_received"] = (
        "published" if published.value("VFTC", "contributions_received", year) else "synthetic"
    )
    provenance["vftc_total_expenditure"] = (
        "published" if published.value("VFTC", "total_expenditure", year) else "synthetic"
    )

    def other_income(contributions: int) -> int:
        # Interest and exchange differences; a loss in a few years (refunds, exchange losses).
        amount = round(contributions * float(rng.uniform(0.004, 0.025)))
        return -round(amount * 0.6) if year in (2015, 2021, 2022) else amount

    vftc = FundYear("VFTC", vftc_in, vftc_out, openings["VFTC"], other_income(vftc_in))
    vffta_in = round(float(rng.uniform(1.2e6, 3.8e6)))
    vffta = FundYear("VFFTA", vffta_in, round(vffta_in * float(rng.uniform(0.8, 1.12))), openings["VFFTA"])
    vffta.other_income = other_income(vffta_in)
    upr_in = round(float(rng.uniform(3.0e5, 1.1e6)))
    upr = FundYear(
        "UPR_PARTICIPATION",
        upr_in,
        round(upr_in * float(rng.uniform(0.8, 1.15))),
        openings["UPR_PARTICIPATION"],
    )
    upr.other_income = other_income(upr_in)
    for fund in (vffta, upr):
        # A fund cannot spend more than it holds: keep a closing balance of at least 5 %.
        cap = fund.opening + fund.total_income - round(0.05 * fund.contributions)
        fund.expenditure = min(fund.expenditure, cap)
    if vftc.closing < 0:
        raise ValueError(f"VFTC closing balance negative in {year}")
    ldc_in = round(float(rng.uniform(4.0e5, 1.6e6)))
    ldc = FundYear("LDC_SIDS_TF", ldc_in, round(ldc_in * float(rng.uniform(0.75, 1.1))))
    share = published.get("TRUST_FUND_HC", "share_of_extrabudgetary_funds", year)
    if share is not None:
        hc_share = share.value / 100
        provenance["hc_trust_fund_share"] = "published"
    else:
        hc_share = float(rng.uniform(0.76, 0.82))
        provenance["hc_trust_fund_share"] = "synthetic"
    hc_in = round(vc * hc_share)
    hc = FundYear("HC_TRUST_FUND", hc_in, round(hc_in * float(rng.uniform(0.93, 1.04))))
    funds = {f.fund_code: f for f in (vftc, vffta, upr, ldc, hc)}

    # Donors of the board-reported funds, their amounts adding up to the fund's contributions.
    for fund, attr, (low, high) in ((vftc, "vftc", (12, 24)), (vffta, "upr", (4, 9)), (upr, "upr", (3, 7))):
        pool = [
            d for d in dd.STATE_DONORS if getattr(d, attr) > 0 and d.iso3 not in ABSENT_DONORS.get(year, ())
        ]
        k = int(rng.integers(low, high + 1))
        chosen = _sample(rng, pool, k, [getattr(d, attr) for d in pool])
        codes = [d.iso3 for d in chosen]
        weights = [getattr(d, attr) * float(np.exp(0.5 * rng.standard_normal())) for d in chosen]
        if fund is vftc and year % 3 == 0:
            codes.append("EC")  # the European Commission funds VFTC projects some years
            weights.append(1.0)
        amounts = _allocate(fund.contributions, weights, minimum=5_000)
        fund.donors = sorted(zip(codes, amounts, strict=True), key=lambda x: -x[1])
    return funds


def _latin_variants(iso3: str, year: int) -> list[str]:
    """The State's cp1252-encodable names, the usual one first (Turkey became Türkiye in 2022)."""
    names = [v for v in _STATE_SPEC[iso3].variants if _is_cp1252(v) and not v.endswith("*")]
    if iso3 == "TUR":
        names = ["Turkey", "Turquie"] if year <= 2021 else ["Türkiye", "Republic of Türkiye"]
    return names


def _is_cp1252(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _countries(seed: int, year: int, funds: Mapping[str, FundYear]) -> list[str]:
    """The year's country chapters: the sentinels, every country with a VFTC or VFFTA project,
    others up to 25-40 in all; plus the project lists of the board-reported funds."""
    rng = _rng(seed, 103, year)
    all_states = [s.iso3 for s in STATES]
    weights = {s.iso3: s.weight for s in STATES}
    vftc_countries = _sample(
        rng, [c for c in all_states], int(rng.integers(10, 17)), [weights[c] for c in all_states]
    )
    vffta_countries = _sample(
        rng, all_states, int(rng.integers(4, 9)), [weights[c] ** 0.5 for c in all_states]
    )
    upr_pool = [c for c in all_states if c not in ("TUR", "RUS", "MEX", "COL", "UKR", "KAZ")]
    upr_countries = _sample(rng, upr_pool, int(rng.integers(5, 11)), [1.0] * len(upr_pool))
    for fund, chosen in (
        (funds["VFTC"], vftc_countries),
        (funds["VFFTA"], vffta_countries),
        (funds["UPR_PARTICIPATION"], upr_countries),
    ):
        fund.projects = _projects(rng, year, fund, chosen)

    target = int(rng.integers(28, 41))
    must = list(dict.fromkeys([*SENTINEL_COUNTRIES, *vftc_countries, *vffta_countries]))
    rest = [c for c in all_states if c not in must]
    extra = _sample(rng, rest, max(0, target - len(must)), [weights[c] for c in rest])
    chosen = set(must) | set(extra)
    return [c for c in all_states if c in chosen]  # STATES order: sentinels first, then by region


def _project_title(rng: np.random.Generator, fund_code: str, area: str, year: int) -> str:
    if fund_code == "UPR_PARTICIPATION":
        session = 13 + 3 * (year - 2012) + int(rng.integers(0, 3))
        return f"Delegation travel to UPR Working Group session {session}"
    return str(_pick(rng, dd.ACTIVITY_TITLES[area]))


def _projects(rng: np.random.Generator, year: int, fund: FundYear, countries: Sequence[str]) -> list[Project]:
    fund.programme_support = round(
        fund.expenditure * dd.PROGRAMME_SUPPORT_RATE / (1 + dd.PROGRAMME_SUPPORT_RATE)
    )
    total = fund.expenditure - fund.programme_support
    areas = list(dd.ACTIVITY_TITLES)
    projects: list[tuple[str, str, str]] = []
    for iso3 in countries:
        n = 1 if fund.fund_code == "UPR_PARTICIPATION" else int(rng.integers(1, 3))
        used: set[str] = set()
        for _ in range(n):
            # The UPR funds finance UPR work only; the VFTC any area.
            area = str(_pick(rng, areas)) if fund.fund_code == "VFTC" else "upr_implementation"
            title = _project_title(rng, fund.fund_code, area, year)
            if title in used:
                continue
            used.add(title)
            projects.append((iso3, area, title))
    weights = [float(np.exp(0.6 * rng.standard_normal())) for _ in projects]
    amounts = _allocate(total, weights, minimum=10_000)
    return [
        Project(iso3, dd.REGION_OF_CODE[_STATE_SPEC[iso3].region], title, area, amount)
        for (iso3, area, title), amount in zip(projects, amounts, strict=True)
    ]


def _presences(seed: int, year: int) -> list[PresenceRow]:
    rng = _rng(seed, 104, year)
    level = 1 + 0.05 * (year - DEFAULT_YEARS.start)
    rows = []
    for p in dd.FIELD_PRESENCES:
        if not p.first_year <= year <= p.last_year:
            continue
        total = p.size * 1_900_000 * level * float(np.exp(0.2 * rng.standard_normal()))
        rb_share = (
            float(rng.uniform(0.05, 0.35)) if p.type != dd.PEACE_MISSION else float(rng.uniform(0.0, 0.1))
        )
        rb = round(total * rb_share)
        rows.append(PresenceRow(p, rb, round(total) - rb))
    return rows


def _presence_of(iso3: str, year: int) -> dd.Presence | None:
    for p in dd.FIELD_PRESENCES:
        if p.iso3 == iso3 and p.first_year <= year <= p.last_year:
            return p
    return None


def _activities(
    seed: int,
    year: int,
    countries: Sequence[str],
    funds: Mapping[str, FundYear],
    presences: Sequence[PresenceRow],
    ref: _Reference,
) -> dict[str, list[Activity]]:
    rng = _rng(seed, 105, year)
    active = {r.presence.name for r in presences}
    fund_codes = list(ACTIVITY_FUND_WEIGHTS)
    areas = list(dd.ACTIVITY_TITLES)
    needs_fund = {
        code: {p.iso3 for p in funds[code].projects} for code in ("VFTC", "VFFTA") if funds[code].projects
    }
    # One or two long chapters a year, so that country tables also break across pages.
    long_ones = set(_sample(rng, list(SENTINEL_COUNTRIES), 2, [1.0] * len(SENTINEL_COUNTRIES)))
    out: dict[str, list[Activity]] = {}
    for iso3 in countries:
        spec = _STATE_SPEC[iso3]
        if iso3 in long_ones:
            n = int(rng.integers(24, 34))
        elif iso3 in SENTINEL_COUNTRIES:
            n = int(rng.integers(8, 15))
        else:
            n = int(rng.integers(4, 12))
        presence = _presence_of(iso3, year)
        regional = dd.REGIONAL_OFFICE_OF_CODE.get(spec.region)
        providers: list[tuple[str, str, float]] = [(dd.HEADQUARTERS_PROVIDER, "ohchr_hq", 2.0)]
        if presence is not None and presence.name in active:
            providers.append((presence.name, "field_presence", 5.0))
        if regional is not None and regional in active:
            providers.append((regional, "field_presence", 2.5))
        providers += [(e, "un_entity", 0.35) for e in dd.UN_ENTITY_PROVIDERS]
        required = [code for code, isos in needs_fund.items() if iso3 in isos]
        rows: list[Activity] = []
        seen: set[str] = set()
        while len(rows) < n:
            area = str(_pick(rng, areas))
            title = str(_pick(rng, dd.ACTIVITY_TITLES[area]))
            if title in seen:
                if len(seen) >= sum(len(v) for v in dd.ACTIVITY_TITLES.values()):
                    break
                continue
            seen.add(title)
            fund = (
                required[len(rows)]
                if len(rows) < len(required)
                else str(_pick(rng, fund_codes, list(ACTIVITY_FUND_WEIGHTS.values())))
            )
            provider, provider_type, _ = _pick(rng, providers, [w for *_, w in providers])
            upr = int(rng.integers(0, 4))
            if area == "upr_implementation" or fund == "VFFTA":
                upr += int(rng.integers(2, 12))
            rows.append(
                Activity(
                    iso3=iso3,
                    title=title,
                    area_code=area,
                    activity_type=str(_pick(rng, dd.ACTIVITY_TYPES)),
                    provider=provider,
                    provider_type=provider_type,
                    partner=str(_pick(rng, dd.PARTNERS)),
                    fund_code=fund,
                    upr=upr,
                )
            )
        out[iso3] = rows
    return out


def _highlights(
    seed: int, year: int, countries: Sequence[str], activities: Mapping[str, Sequence[Activity]]
) -> list[Highlight]:
    rng = _rng(seed, 106, year)
    counts = {
        "success_story": int(rng.integers(5, 9)),
        "best_practice": int(rng.integers(4, 7)),
        "challenge": int(rng.integers(3, 6)),
    }
    out = []
    for kind, k in counts.items():
        titles, bodies = dd.HIGHLIGHT_TEMPLATES[kind]
        for iso3 in _sample(rng, list(countries), k, [1.0] * len(countries)):
            activity = _pick(rng, list(activities[iso3]))
            words = {
                "country": _latin_variants(iso3, year)[0],
                "area": _area_text(activity.area_code),
                "partner": activity.partner,
                "n": int(rng.integers(3, 60)),
                "year": year,
            }
            title = str(_pick(rng, titles)).format(**words)
            title = title[0].upper() + title[1:]
            out.append(
                Highlight(
                    kind,
                    iso3,
                    activity.area_code,
                    activity.partner,
                    title,
                    str(_pick(rng, bodies)).format(**words),
                )
            )
    return out


def _area_text(area_code: str) -> str:
    text = {
        "rule_of_law": "the administration of justice",
        "nhri": "the national human rights institution",
        "treaty_reporting": "treaty body reporting",
        "upr_implementation": "UPR recommendations",
        "education_training": "human rights education",
        "gender_equality": "gender equality",
        "non_discrimination": "non-discrimination",
        "civic_space": "civic space",
        "esc_rights": "economic and social rights",
        "migration": "the rights of migrants",
        "torture_prevention": "the prevention of torture",
        "transitional_justice": "transitional justice",
        "business_human_rights": "business and human rights",
        "indicators_data": "human rights data",
    }
    return text.get(area_code, area_code.replace("_", " "))


def _ordinal(n: int) -> str:
    units = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
    tens = {
        2: ("twenty", "twentieth"),
        3: ("thirty", "thirtieth"),
        4: ("forty", "fortieth"),
        5: ("fifty", "fiftieth"),
    }
    if not 20 <= n < 60:
        raise ValueError(f"no ordinal word for {n}")
    t, u = divmod(n, 10)
    word = tens[t][1] if u == 0 else f"{tens[t][0]}-{units[u]}"
    return word[0].upper() + word[1:]


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _sessions(seed: int, year: int) -> list[Session]:
    rng = _rng(seed, 107, year)
    first = 29 + 2 * (year - DEFAULT_YEARS.start)  # the Board's 43rd session met in March 2019
    spring = _nth_weekday(year, 3, 0, 2)
    autumn = _nth_weekday(year, 10, 0, int(rng.integers(1, 4)))
    city = "Geneva" if year == 2020 else str(_pick(rng, dd.BOARD_FIELD_CITIES))
    return [
        Session(first, "Geneva", spring, spring + dt.timedelta(days=4)),
        Session(first + 1, city, autumn, autumn + dt.timedelta(days=4)),
    ]


def _requirements(
    seed: int, year: int, vc: int, published: PublishedFigures
) -> tuple[list[tuple[str, int]], bool]:
    rng = _rng(seed, 108, year)
    total = published.value("OHCHR", "extrabudgetary_requirements", year + 1)
    is_published = total is not None
    if total is None:
        total = round(vc * float(rng.uniform(1.45, 1.75)), -5)
    weights = [float(rng.uniform(0.6, 1.6)) for _ in APPEAL_PILLARS]
    return list(
        zip(APPEAL_PILLARS, _allocate(int(total), weights, minimum=1_000_000), strict=True)
    ), is_published


# --------------------------------------------------------------------------------------------
# Names as documents write them
# --------------------------------------------------------------------------------------------


def state_donor_name(iso3: str, year: int, style: str) -> str:
    """A Member State donor's name in a style: en_formal, en_short, fr or es."""
    donor = _STATE_DONOR[iso3]
    if style in ("en_formal", "en_short"):
        for last, formal, short in dd.FORMER_NAMES.get(iso3, ()):
            if year <= last:
                return formal if style == "en_formal" else short
        return donor.en_formal if style == "en_formal" else donor.en_short
    for last, fr, es in dd.FORMER_NAMES_FR_ES.get(iso3, ()):
        if year <= last:
            return fr if style == "fr" else es
    return donor.fr if style == "fr" else donor.es


def _donor_name(code: str, year: int, style: str, rng: np.random.Generator, mix: float) -> str:
    """The name of a donor in a document of `style`; with probability `mix` a French or Spanish
    name (reports compile donor lists from sources in several languages)."""
    u = float(rng.random())
    if code in _STATE_DONOR:
        if u < mix / 2:
            return state_donor_name(code, year, "fr")
        if u < mix:
            return state_donor_name(code, year, "es")
        return state_donor_name(code, year, style)
    labels = _NON_STATE[code].labels
    if u < mix and len(labels) > 1:
        return labels[1 + int(rng.integers(len(labels) - 1))][0]
    return labels[0][0]


def _country_name(iso3: str, year: int, rng: np.random.Generator, vary: float) -> str:
    names = _latin_variants(iso3, year)
    if len(names) > 1 and float(rng.random()) < vary:
        return names[1 + int(rng.integers(len(names) - 1))]
    return names[0]


def _area_label(area_code: str, ref: _Reference, rng: np.random.Generator, max_len: int = 40) -> str:
    options = [
        (label, lang)
        for label, lang in ref.area_labels[area_code]
        if _is_cp1252(label) and len(label) <= max_len
    ]
    english = [label for label, lang in options if lang == "en"]
    if float(rng.random()) < 0.12:
        return str(_pick(rng, [label for label, _ in options]))
    return str(_pick(rng, english))


# --------------------------------------------------------------------------------------------
# PDF rendering
# --------------------------------------------------------------------------------------------

FONT: Final = "TCW-Helvetica"
FONT_BOLD: Final = "TCW-Helvetica-Bold"
FONT_ITALIC: Final = "TCW-Helvetica-Oblique"
_ENCODING: Final = "cp1252"  # the name doubles as the Python codec reportlab encodes text with
PAGE_MARGIN: Final = 15 * mm
HEADING_SIZE: Final = 9.5
MIN_TABLE_FONT_SIZE: Final = 6.0


def _register_fonts() -> None:
    """Standard Type 1 fonts with WinAnsiEncoding plus one difference: byte 0xA0 is the glyph
    ``nbspace``, which PDFium extracts as U+00A0 instead of merging it into a space (see the
    module docstring). Nothing is embedded."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    encoding = pdfmetrics.Encoding(_ENCODING, "WinAnsiEncoding")
    encoding[0xA0] = "nbspace"
    pdfmetrics.registerEncoding(encoding)
    for name, face in (
        (FONT, "Helvetica"),
        (FONT_BOLD, "Helvetica-Bold"),
        (FONT_ITALIC, "Helvetica-Oblique"),
    ):
        pdfmetrics.registerFont(pdfmetrics.Font(name, face, _ENCODING))
    # Paragraphs map a font name to its family (bold/italic variants).
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD)


def _check_latin(text: str, where: str) -> str:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError as exc:
        raise ValueError(f"{where}: {text!r} is not cp1252-encodable (standard PDF fonts)") from exc
    return text


def usd(value: int, zero: str = "-") -> str:
    """An amount as the PDFs print it: 1,234,567; (12,345) if negative; the zero sign if 0."""
    if value == 0:
        return zero
    return f"({-value:,})" if value < 0 else f"{value:,}"


@dataclass
class TableRow:
    cells: tuple[str, ...]
    kind: str = "data"  # data | subtotal | total


@dataclass
class TableSpec:
    table_id: str
    heading: str
    header: tuple[str, ...]
    rows: list[TableRow]
    numeric: tuple[bool, ...]
    continued: str | None = None
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "data_rows": sum(r.kind == "data" for r in self.rows),
            "subtotal_rows": sum(r.kind == "subtotal" for r in self.rows),
            "total_rows": sum(r.kind == "total" for r in self.rows),
        }


class _DocTable(Table):
    """A Table that records the pages it is drawn on, and on a continuation repeats its heading
    row with a suffix ("(continued)") when asked to."""

    tcw_key: str | None = None
    tcw_pages: dict[str, list[int]] | None = None
    tcw_heading: str | None = None
    tcw_suffix: str | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        for part in parts:
            if isinstance(part, _DocTable):
                part.tcw_key, part.tcw_pages = self.tcw_key, self.tcw_pages
                part.tcw_heading, part.tcw_suffix = self.tcw_heading, self.tcw_suffix
        if len(parts) == 2 and self.tcw_suffix and isinstance(parts[1], _DocTable):
            # The parts share row lists: replace the row, do not edit it in place.
            tail = parts[1]
            tail._cellvalues[0] = [f"{self.tcw_heading}{self.tcw_suffix}", *tail._cellvalues[0][1:]]
        return parts

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        if self.tcw_key is not None and self.tcw_pages is not None:
            self.tcw_pages.setdefault(self.tcw_key, []).append(canvas.getPageNumber())
        super().drawOn(canvas, x, y, _sW)


_STYLES: Final = {
    "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=20, leading=25, spaceAfter=10),
    "meta": ParagraphStyle("meta", fontName=FONT, fontSize=10.5, leading=14),
    "note": ParagraphStyle("note", fontName=FONT_ITALIC, fontSize=8.5, leading=11, spaceBefore=14),
    "h1": ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=16, leading=20, spaceBefore=4, spaceAfter=8),
    "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=12.5, leading=16, spaceBefore=8, spaceAfter=5),
    "h3": ParagraphStyle("h3", fontName=FONT_BOLD, fontSize=10.5, leading=13, spaceBefore=6, spaceAfter=3),
    "body": ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, spaceAfter=5),
    "label": ParagraphStyle("label", fontName=FONT_BOLD, fontSize=9.5, leading=12.5, spaceBefore=6),
    "line": ParagraphStyle("line", fontName=FONT, fontSize=9.5, leading=12.5),
}


class PdfWriter:
    """One document: a flow of paragraphs and tables on portrait/landscape A4 pages with a header
    line (title and symbol) and a page-number footer; records the pages of every table."""

    def __init__(self, title: str, short_title: str, symbol: str, footer: str, subject: str) -> None:
        _register_fonts()
        self.title = _check_latin(title, "title")
        self.short_title = short_title
        self.symbol = symbol
        self.footer = footer
        self.subject = subject
        self.story: list[Flowable] = []
        self.table_pages: dict[str, list[int]] = {}
        self.orientation = "portrait"

    # -- flowables
    def cover(self, lines: Sequence[str]) -> None:
        self.story.append(Paragraph(escape(self.title), _STYLES["title"]))
        for line in lines:
            self.story.append(Paragraph(escape(_check_latin(line, "cover")), _STYLES["meta"]))
        self.story.append(
            Paragraph(
                "Synthetic sample document generated for the tc-warehouse tests; not an official "
                "United Nations document. Figures other than those listed as published in "
                "sources/README.md are invented.",
                _STYLES["note"],
            )
        )

    def paragraph(self, text: str, style: str = "body") -> None:
        self.story.append(Paragraph(escape(_check_latin(text, "paragraph")), _STYLES[style]))

    def spacer(self, height: float = 6) -> None:
        self.story.append(Spacer(1, height))

    def new_page(self, orientation: str | None = None) -> None:
        if orientation is not None:
            self.orientation = orientation
        self.story.append(NextPageTemplate(self.orientation))
        self.story.append(PageBreak())

    def table(self, spec: TableSpec, key: str, base_size: float = 8.0) -> None:
        for r in [spec.header, *(row.cells for row in spec.rows)]:
            if len(r) != len(spec.header):
                raise ValueError(f"{key}: a row has {len(r)} cells, the header {len(spec.header)}")
        frame_width = self._frame_width()
        heading_width = pdfmetrics.stringWidth(spec.heading + (spec.continued or ""), FONT_BOLD, HEADING_SIZE)
        size = base_size
        while True:
            widths = self._column_widths(spec, size)
            if sum(widths) <= frame_width or size <= MIN_TABLE_FONT_SIZE:
                break
            size -= 0.25
        if sum(widths) > frame_width:
            raise ValueError(f"{key}: table too wide ({sum(widths):.0f} > {frame_width:.0f} pt)")
        if heading_width + 8 > sum(widths):
            widths[0] += min(heading_width + 8 - sum(widths), frame_width - sum(widths))
        data: list[list[str]] = [[spec.heading, *[""] * (len(spec.header) - 1)], self._cells(spec.header)]
        data += [self._cells(r.cells) for r in spec.rows]
        style = [
            ("FONT", (0, 0), (-1, -1), FONT, size),
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, HEADING_SIZE),
            ("SPAN", (0, 0), (-1, 0)),
            ("FONT", (0, 1), (-1, 1), FONT_BOLD, size),
            ("LINEBELOW", (0, 1), (-1, 1), 0.6, colors.black),
            ("TOPPADDING", (0, 0), (-1, -1), 1.2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ]
        for c, numeric in enumerate(spec.numeric):
            if numeric:
                style.append(("ALIGN", (c, 1), (c, -1), "RIGHT"))
        for i, row in enumerate(spec.rows, start=2):
            if row.kind != "data":
                style.append(("FONT", (0, i), (-1, i), FONT_BOLD, size))
                style.append(("LINEABOVE", (0, i), (-1, i), 0.4, colors.grey))
        table = _DocTable(data, colWidths=widths, repeatRows=2 if spec.continued else (1,), hAlign="LEFT")
        table.setStyle(TableStyle(style))
        table.tcw_key, table.tcw_pages = key, self.table_pages
        table.tcw_heading, table.tcw_suffix = spec.heading, spec.continued
        self.story.append(table)
        self.story.append(Spacer(1, 8))

    # -- helpers
    def _frame_width(self) -> float:
        width = landscape(A4)[0] if self.orientation == "landscape" else A4[0]
        return width - 2 * PAGE_MARGIN - 12  # Frame's own padding

    @staticmethod
    def _cells(cells: Sequence[str]) -> list[str]:
        for c in cells:
            _check_latin(c, "table cell")
        return [cells[0], *(CELL_SEPARATOR + c for c in cells[1:])]

    def _column_widths(self, spec: TableSpec, size: float) -> list[float]:
        widths = [0.0] * len(spec.header)
        rows = [(self._cells(spec.header), FONT_BOLD)]
        rows += [(self._cells(r.cells), FONT if r.kind == "data" else FONT_BOLD) for r in spec.rows]
        for cells, font in rows:
            for c, text in enumerate(cells):
                widths[c] = max(widths[c], pdfmetrics.stringWidth(text, font, size))
        # Cell padding (2 + 2) and a little air; the separator's space keeps columns apart.
        return [w + 4 + (6 if spec.numeric[c] else 2) for c, w in enumerate(widths)]

    # -- output
    def build(self, path: Path) -> int:
        """Write the PDF; return its page count."""
        pages = {"n": 0}

        def header(canvas: Canvas, doc: BaseDocTemplate) -> None:
            width, height = canvas._pagesize
            canvas.saveState()
            canvas.setFont(FONT, 7.5)
            canvas.drawString(PAGE_MARGIN, height - 11 * mm, self.short_title)
            canvas.drawRightString(width - PAGE_MARGIN, height - 11 * mm, self.symbol)
            canvas.setLineWidth(0.4)
            canvas.line(PAGE_MARGIN, height - 12.5 * mm, width - PAGE_MARGIN, height - 12.5 * mm)
            canvas.restoreState()

        def footer(canvas: Canvas, doc: BaseDocTemplate) -> None:
            width, _ = canvas._pagesize
            pages["n"] = canvas.getPageNumber()
            canvas.saveState()
            canvas.setFont(FONT, 8)
            canvas.drawCentredString(width / 2, 10 * mm, self.footer.format(n=canvas.getPageNumber()))
            canvas.restoreState()

        def frame(size: tuple[float, float], name: str) -> Frame:
            return Frame(
                PAGE_MARGIN,
                PAGE_MARGIN,
                size[0] - 2 * PAGE_MARGIN,
                size[1] - 2 * PAGE_MARGIN - 4 * mm,
                id=name,
            )

        doc = BaseDocTemplate(
            str(path),
            pagesize=A4,
            title=self.title,
            author="tc-warehouse sample generator (synthetic)",
            subject=self.subject,
            creator=GENERATOR_MODULE,
            invariant=1,
            pageCompression=1,
        )
        doc.addPageTemplates(
            [
                PageTemplate(
                    "cover",
                    [frame(A4, "cover")],
                    onPageEnd=footer,
                    pagesize=A4,
                    autoNextPageTemplate="portrait",
                ),
                PageTemplate(
                    "portrait", [frame(A4, "portrait")], onPage=header, onPageEnd=footer, pagesize=A4
                ),
                PageTemplate(
                    "landscape",
                    [frame(landscape(A4), "landscape")],
                    onPage=header,
                    onPageEnd=footer,
                    pagesize=landscape(A4),
                ),
            ]
        )
        doc.build(self.story)
        return pages["n"]


# --------------------------------------------------------------------------------------------
# Table specs
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------------------------


@dataclass
class DocumentEntry:
    """One generated file, as the manifest records it."""

    path: str
    year: int
    document_type: str
    format: str
    title: str
    symbol: str
    status: str
    as_of: str
    period_covered: str
    period_start: str
    period_end: str
    pages: int | None
    bytes: int
    sha256: str
    tables: list[dict[str, Any]]
    layout: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))


def _annual_title(year: int) -> str:
    return f"OHCHR Report {year}" if year < 2018 else f"UN Human Rights Report {year}"


def _annual_symbol(year: int) -> str:
    return f"OHCHR/REP/{year}"


def _annual_as_of(seed: int, year: int) -> dt.date:
    if year == 2019:
        return dt.date(2020, 6, 15)  # the published final figure's date (June 2020)
    return dt.date(year + 1, 5, 18) + dt.timedelta(days=int(_rng(seed, 300, year).integers(0, 35)))


def _appeal_as_of(seed: int, year: int) -> dt.date:
    if year == 2019:
        return dt.date(2020, 1, 15)  # the Appeal 2020 with the provisional 2019 figures
    return dt.date(year + 1, 1, 10) + dt.timedelta(days=int(_rng(seed, 301, year).integers(0, 12)))


def _hrc_session(year_presented: int, month: str) -> int:
    # HRC sessions: 19th in March 2012, three a year (March, June, September).
    return 19 + 3 * (year_presented - 2012) + {"March": 0, "June": 1, "September": 2}[month]


def _board_dates(seed: int, year: int) -> tuple[str, dt.date]:
    """The VFTC report's symbol and date: the June session of Y+1 before resolution 33/28, the
    March session of Y+1 from the 2016 report on (dated February/March)."""
    rng = _rng(seed, 302, year)
    number = 60 + (year * 7) % 23
    if year < 2016:
        return f"A/HRC/{_hrc_session(year + 1, 'June')}/{number}", dt.date(year + 1, 4, 3) + dt.timedelta(
            days=int(rng.integers(0, 20))
        )
    return f"A/HRC/{_hrc_session(year + 1, 'March')}/{number}", dt.date(year + 1, 2, 3) + dt.timedelta(
        days=int(rng.integers(0, 32))
    )


def _upr_dates(seed: int, year: int) -> tuple[str, dt.date]:
    rng = _rng(seed, 303, year)
    number = 61 + (year * 7) % 23 + 3
    return f"A/HRC/{_hrc_session(year + 1, 'March')}/{number}", dt.date(year + 1, 1, 20) + dt.timedelta(
        days=int(rng.integers(0, 30))
    )


def _calendar_period(year: int) -> tuple[str, str, str]:
    return f"1 January - 31 December {year}", f"{year}-01-01", f"{year}-12-31"


def _manifest_tables(
    specs: Sequence[tuple[str, TableSpec]], pages: Mapping[str, list[int]]
) -> list[dict[str, Any]]:
    out = []
    for key, spec in specs:
        info = dict(spec.info)
        out.append(
            {
                "table_id": spec.table_id,
                "heading": spec.heading,
                "header": list(spec.header),
                "header_wording": _wording(spec.table_id, int(key.split(":")[0])),
                "continued_suffix": spec.continued,
                "pages": sorted(set(pages.get(key, []))),
                **spec.counts,
                **info,
            }
        )
    return out


def _entry(
    path: Path,
    root: Path,
    *,
    year: int,
    document_type: str,
    title: str,
    symbol: str,
    status: str,
    as_of: dt.date,
    period: tuple[str, str, str],
    pages: int | None,
    tables: list[dict[str, Any]],
    layout: dict[str, Any] | None = None,
    notes: list[str] | None = None,
) -> DocumentEntry:
    data = path.read_bytes()
    return DocumentEntry(
        path=path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name,
        year=year,
        document_type=document_type,
        format=path.suffix.lstrip("."),
        title=title,
        symbol=symbol,
        status=status,
        as_of=as_of.isoformat(),
        period_covered=period[0],
        period_start=period[1],
        period_end=period[2],
        pages=pages,
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        tables=tables,
        layout=layout or {},
        notes=notes or [],
    )


def _cover_lines(symbol: str, period: str, status: str, as_of: dt.date) -> list[str]:
    return [
        f"Document symbol: {symbol}",
        f"Period covered: {period}",
        f"Status: {status}",
        f"As of: {as_of.isoformat()}",
    ]


def _money(value: int) -> str:
    return f"USD {value / 1e6:,.1f} million"


def render_annual_report(
    path: Path, model: YearModel, seed: int, root: Path, *, break_total: str | None = None
) -> DocumentEntry:
    ref = _load_reference()
    year = model.year
    layout = annual_layout(year)
    rng = _rng(seed, 400, year)
    title, symbol, as_of = _annual_title(year), _annual_symbol(year), _annual_as_of(seed, year)
    period = _calendar_period(year)
    pdf = PdfWriter(title, title, symbol, layout.footer, f"Synthetic sample: OHCHR annual report {year}")
    pdf.cover(_cover_lines(symbol, period[0], "final", as_of))
    specs: list[tuple[str, TableSpec]] = []
    brk = 1_000

    def add(spec: TableSpec, key_suffix: str) -> None:
        key = f"{year}:{spec.table_id}:{key_suffix}"
        specs.append((key, spec))
        pdf.table(spec, key, base_size=8.0 if spec.table_id != "assistance_activities" else 7.5)

    pdf.new_page("portrait")
    pdf.paragraph("Contents", "h1")
    for i, chapter in enumerate(layout.chapter_order, start=1):
        pdf.paragraph(f"Chapter {i} - {layout.chapter_titles[chapter]}", "line")
    pdf.spacer(12)
    pdf.paragraph("Foreword", "h1")
    pdf.paragraph(
        f"In {year}, UN Human Rights received {_money(model.voluntary_contributions)} in voluntary "
        f"contributions from {model.donors} donors, {model.member_state_donors} of them Member States, "
        f"and {_money(model.regular_budget)} from the United Nations regular budget. This report "
        f"describes how the Office used these resources to support States in {len(model.countries)} "
        f"countries covered by this report, in line with Human Rights Council resolution 18/18."
    )
    for _ in range(4):
        pdf.paragraph(_filler(rng, year, 4))
    pdf.paragraph(
        "The figures in this report are final. Provisional figures for the same year, published in "
        "the Appeal at the beginning of the following year, may differ."
    )

    def funding_chapter() -> None:
        # The funding tables are wide (long donor names, five columns): landscape pages.
        pdf.new_page("landscape")
        pdf.paragraph(layout.chapter_titles["funding"], "h1")
        pdf.paragraph(
            f"This chapter presents the income and expenditure of UN Human Rights in {year}. All "
            f"amounts are in United States dollars; voluntary contributions are those received "
            f"during the year, by donor, and the funds administered by the Office."
        )
        add(_glance_spec(model, year, provisional=False, continued=layout.continued), "report")
        pdf.paragraph("Funding trends", "h2")
        for _ in range(3):
            pdf.paragraph(_filler(rng, year, 4))
        pdf.paragraph(
            "Donors are listed by regional group, Member States first, followed by other donors "
            "(the European Commission, United Nations entities, foundations and private donors)."
        )
        add(_donor_spec(model, layout, seed, brk if break_total == "contributions_by_donor" else 0), "report")
        pdf.paragraph(_filler(rng, year))
        add(_funds_spec(model, layout, brk if break_total == "fund_contributions" else 0), "report")
        pdf.paragraph(
            "The funds listed above are those whose boards report to the Human Rights Council; "
            "voluntary contributions to UN Human Rights also include funds not listed here."
        )
        if layout.field_table_chapter == "funding":
            field_table()

    def field_table(new_page: bool = True) -> None:
        if new_page:
            pdf.new_page("landscape")
        pdf.paragraph("Field presences", "h2")
        pdf.paragraph(
            f"UN Human Rights worked through {len(model.presences)} field presences in {year}: country "
            f"offices, regional offices, human rights advisers and human rights components of peace "
            f"missions."
        )
        add(_field_spec(model, layout, seed, brk if break_total == "field_expenditure" else 0), "report")

    def country_chapter() -> None:
        pdf.new_page("landscape")
        pdf.paragraph(layout.chapter_titles["country"], "h1")
        pdf.paragraph(
            f"This chapter lists, country by country, the technical cooperation activities that UN "
            f"Human Rights carried out or supported in {year}, with the partner, the funding source "
            f"and the number of accepted UPR recommendations each activity addressed."
        )
        if layout.field_table_chapter == "country":
            field_table(new_page=False)
        name_rng = _rng(seed, 203, year)
        for region in dd.OHCHR_REGIONS:
            members = [c for c in model.countries if dd.REGION_OF_CODE[_STATE_SPEC[c].region] == region]
            if not members:
                continue
            pdf.paragraph(region, "h2")
            pdf.paragraph(
                f"In {region}, the Office supported {len(members)} countries covered in this chapter. "
                + _filler(rng, year, 3)
            )
            for iso3 in members:
                heading = _country_name(iso3, year, name_rng, 0.2)
                add(_activity_spec(model, layout, iso3, heading, ref, seed), iso3)
                pdf.paragraph(_country_narrative(rng, year, heading, model.activities[iso3]))
                pdf.paragraph(_filler(rng, year, 2))

    def highlights_chapter() -> None:
        pdf.new_page("portrait")
        pdf.paragraph(layout.chapter_titles["highlights"], "h1")
        pdf.paragraph(
            "The following success stories, best practices and challenges were selected from the "
            "Office's reporting on technical cooperation during the year (res. 18/18, para. 7)."
        )
        hl_rng = _rng(seed, 204, year)
        for h in model.highlights:
            pdf.paragraph(HIGHLIGHT_LABELS[h.kind], "label")
            pdf.paragraph(f"Country: {_country_name(h.iso3, year, hl_rng, 0.2)}", "line")
            pdf.paragraph(f"Area: {_area_label(h.area_code, ref, hl_rng)}", "line")
            pdf.paragraph(h.title, "h3")
            pdf.paragraph(h.body)
            pdf.paragraph(_filler(hl_rng, year, 2))

    chapters: dict[str, Callable[[], None]] = {
        "funding": funding_chapter,
        "country": country_chapter,
        "highlights": highlights_chapter,
    }
    for chapter in layout.chapter_order:
        chapters[chapter]()
    pages = pdf.build(path)
    tables = _manifest_tables(specs, pdf.table_pages)
    notes = []
    if break_total:
        notes.append(f"planted: the totals row of {break_total} is {brk:,} USD off the sum of its rows")
    return _entry(
        path,
        root,
        year=year,
        document_type="annual_report",
        title=title,
        symbol=symbol,
        status="final",
        as_of=as_of,
        period=period,
        pages=pages,
        tables=tables,
        layout={
            "chapter_order": list(layout.chapter_order),
            "chapter_titles": dict(layout.chapter_titles),
            "field_table_chapter": layout.field_table_chapter,
            "continued_suffix": layout.continued,
            "zero": layout.zero,
            "donor_order": layout.donor_order,
            "donor_names": layout.donor_style,
            "field_subtotals": layout.field_subtotals,
            "total_label": layout.total_label,
            "landscape_sections": ["funding", "country"],
        },
        notes=notes,
    )


_FILLER: Final = (
    "The Office continued to align its technical cooperation with the priorities that States set "
    "in their national human rights action plans and in their responses to recommendations of the "
    "international human rights mechanisms.",
    "Requests for assistance were assessed against the Office's capacity and available funding; "
    "where resources allowed, support was delivered jointly with United Nations country teams.",
    "Partnerships with national human rights institutions, parliaments and civil society "
    "organizations remained central to the sustainability of results.",
    "Earmarking of contributions continued to limit the Office's flexibility to respond to new "
    "requests; unearmarked funding allowed it to cover gaps in under-funded areas.",
    "Monitoring and evaluation of technical cooperation projects were strengthened, with results "
    "frameworks agreed with national partners at the start of each project.",
    "Field presences reported an increase in requests linked to the follow-up of Universal "
    "Periodic Review recommendations and of treaty body concluding observations.",
    "National mechanisms for implementation, reporting and follow-up became the main entry point "
    "for coordinated support across ministries.",
    "Where the security situation restricted access, activities were moved online or to "
    "neighbouring countries, and partners were trained to continue the work locally.",
    "Joint programmes with other United Nations entities made it possible to integrate human "
    "rights into development cooperation frameworks.",
    "The Office drew on the expertise of the treaty bodies and special procedures to design "
    "activities that respond to the concerns those mechanisms had raised.",
    "Multi-year agreements with donors made planning more predictable and reduced the cost of "
    "administering small, short-term grants.",
    "Civil society organizations took part in the design and evaluation of activities, which "
    "improved the relevance of support to the groups most at risk of being left behind.",
    "Data disaggregated by sex, age, disability and other grounds were used to target support "
    "and to measure its results.",
    "Gender equality was integrated across all areas of work, and a growing share of activities "
    "addressed the specific needs of women and girls.",
    "Demand for support continued to exceed the resources available, and several requests "
    "could only be met in part.",
)


def _filler(rng: np.random.Generator, year: int, sentences: int = 3) -> str:
    picks = [str(x) for x in rng.permutation(np.array(_FILLER, dtype=object))[:sentences]]
    return f"In {year}, " + picks[0][0].lower() + picks[0][1:] + " " + " ".join(picks[1:])


def _country_narrative(rng: np.random.Generator, year: int, name: str, activities: Sequence[Activity]) -> str:
    areas = list(dict.fromkeys(_area_text(a.area_code) for a in activities))[:3]
    area_text = areas[0] if len(areas) == 1 else ", ".join(areas[:-1]) + " and " + areas[-1]
    partners = list(dict.fromkeys(a.partner for a in activities))[:2]
    upr = sum(a.upr for a in activities)
    return (
        f"In {year}, engagement in {name} focused on {area_text}. The Office worked with national "
        f"partners, among them the {' and the '.join(partners)}, on {len(activities)} activities, "
        f"which addressed {upr} accepted UPR recommendations. " + str(_pick(rng, _FILLER))
    )


def render_appeal(path: Path, model: YearModel, seed: int, root: Path) -> DocumentEntry:
    """The Appeal published in January Y+1: provisional figures for Y, requirements for Y+1."""
    year = model.year
    title = f"UN Human Rights Appeal {year + 1}"
    symbol = f"OHCHR/APPEAL/{year + 1}"
    as_of = _appeal_as_of(seed, year)
    period = _calendar_period(year)
    k = year - DEFAULT_YEARS.start
    pdf = PdfWriter(title, title, symbol, "Page {n}", f"Synthetic sample: UN Human Rights Appeal {year + 1}")
    pdf.cover(_cover_lines(symbol, period[0], "provisional", as_of))
    pdf.new_page("portrait")
    pdf.paragraph("Foreword", "h1")
    pdf.paragraph(
        f"In {year}, UN Human Rights received {_money(model.voluntary_contributions_provisional)} in "
        f"voluntary contributions from {model.donors_provisional} donors "
        f"({model.member_state_donors_provisional} Member States), according to provisional figures. "
        f"Final figures will be published in the report for {year}."
    )
    rng = _rng(seed, 401, year)
    pdf.paragraph(_filler(rng, year))
    pdf.paragraph(f"Funding in {year} (provisional)", "h2")
    specs: list[tuple[str, TableSpec]] = []
    glance = _glance_spec(model, year + 1, provisional=True, continued=None)
    key = f"{year}:funding_at_a_glance:appeal"
    specs.append((key, glance))
    pdf.table(glance, key)
    requirement_total = sum(a for _, a in model.requirements)
    pdf.paragraph(f"Requirements for {year + 1}", "h2")
    pdf.paragraph(
        f"The Office's extrabudgetary requirements for {year + 1} amount to "
        f"{_money(requirement_total)}, presented below by pillar of the Office's management plan."
    )
    req = TableSpec(
        "requirements_by_pillar",
        IGNORED_TABLE_HEADINGS[0],
        ("Pillar", "Requirements (USD)"),
        [TableRow((p, usd(a))) for p, a in model.requirements]
        + [TableRow(("Total", usd(requirement_total)), "total")],
        (False, True),
    )
    pdf.table(req, f"{year}:requirements_by_pillar:appeal")
    pdf.paragraph(f"Priorities for {year + 1}", "h2")
    for pillar in APPEAL_PILLARS[: 3 + k % 4]:
        pdf.paragraph(pillar, "h3")
        pdf.paragraph(_filler(rng, year + 1, 4))
    pages = pdf.build(path)
    tables = _manifest_tables(specs, pdf.table_pages)
    tables.append(
        {
            "table_id": "requirements_by_pillar",
            "heading": req.heading,
            "header": list(req.header),
            "ignored": True,
            "pages": sorted(set(pdf.table_pages.get(f"{year}:requirements_by_pillar:appeal", []))),
            **req.counts,
            "total": {"requirements_usd": requirement_total},
            "published": model.requirements_published,
        }
    )
    return _entry(
        path,
        root,
        year=year,
        document_type="appeal",
        title=title,
        symbol=symbol,
        status="provisional",
        as_of=as_of,
        period=period,
        pages=pages,
        tables=tables,
    )


_MANDATE_BEFORE: Final = (
    "The United Nations Voluntary Fund for Technical Cooperation in the Field of Human Rights was "
    "established in 1987 to support national efforts to build strong human rights frameworks. "
    "Its Board of Trustees advises the High Commissioner on the Fund's work and reports annually "
    "to the Human Rights Council, as requested in Council resolution 18/18."
)
_MANDATE_AFTER: Final = (
    _MANDATE_BEFORE + " Pursuant to Council resolution 33/28, the report is presented to the "
    "Council at its March session and covers the sessions the Board held in the preceding year."
)


def render_vftc_report(
    path: Path, model: YearModel, seed: int, root: Path, *, break_total: str | None = None
) -> DocumentEntry:
    year = model.year
    layout = board_layout(year)
    fund = model.funds["VFTC"]
    symbol, as_of = _board_dates(seed, year)
    title = (
        "Report of the Board of Trustees of the United Nations Voluntary Fund for Technical "
        "Cooperation in the Field of Human Rights"
    )
    if year >= 2016:
        period = (f"Board sessions held in {year}", f"{year}-01-01", f"{year}-12-31")
    else:
        period = _calendar_period(year)
    pdf = PdfWriter(
        title, "VFTC Board of Trustees report", symbol, layout.footer, f"Synthetic sample: VFTC {year}"
    )
    pdf.cover(
        [
            *_cover_lines(symbol, period[0], "final", as_of),
            f"Financial period: 1 January - 31 December {year}",
        ]
    )
    rng = _rng(seed, 402, year)
    pdf.paragraph("Summary", "h2")
    pdf.paragraph(
        f"In {year}, the Fund received {_money(fund.contributions)} in contributions from "
        f"{len(fund.donors)} donors and spent {_money(fund.expenditure)}. It supported technical "
        f"cooperation projects in {len({p.iso3 for p in fund.projects})} countries and the deployment "
        f"of human rights advisers to United Nations country teams."
    )
    pdf.new_page("portrait")
    pdf.paragraph("Mandate", "h2")
    pdf.paragraph(_MANDATE_AFTER if year >= 2016 else _MANDATE_BEFORE)
    pdf.paragraph("Activities of the Board", "h2")
    for session in model.sessions:
        pdf.paragraph(session.label, "h3")
        pdf.paragraph(
            f"At its {_ordinal(session.number).lower()} session, the Board reviewed the Fund's "
            f"financial situation and the implementation of projects, met with representatives of "
            f"Member States and United Nations entities, and discussed the programme for {year + 1}. "
            + _filler(rng, year)
        )
    pdf.paragraph("Results achieved with the support of the Fund", "h2")
    pdf.paragraph(
        "The following examples illustrate the work the Fund supported during the period, country by "
        "country; the projects and amounts are listed in the annex."
    )
    results_rng = _rng(seed, 404, year)
    for iso3 in dict.fromkeys(p.iso3 for p in fund.projects):
        projects = [p for p in fund.projects if p.iso3 == iso3]
        name = _latin_variants(iso3, year)[0]
        pdf.paragraph(name, "h3")
        pdf.paragraph(
            f"In {name}, the Fund supported {len(projects)} "
            f"project{'s' if len(projects) > 1 else ''} on {_area_text(projects[0].area_code)}. "
            + _filler(results_rng, year, 3)
        )
    pdf.paragraph("Financial situation of the Fund", "h2")
    pdf.paragraph(
        "The statement below shows the income and expenditure of the Fund for the financial "
        "period. Expenditure includes programme support costs charged at 13 per cent."
    )
    specs: list[tuple[str, TableSpec]] = []

    def add(spec: TableSpec, key_suffix: str) -> None:
        key = f"{year}:{spec.table_id}:{key_suffix}"
        specs.append((key, spec))
        pdf.table(spec, key)

    brk = 1_000
    add(_statement_spec(fund, year, layout, break_by=brk if break_total == "fund_statement" else 0), "VFTC")
    pdf.paragraph(_filler(rng, year))
    names_rng = _rng(seed, 205, year)
    add(
        _board_donor_spec(
            fund, year, layout, names_rng, break_by=brk if break_total == "board_contributions" else 0
        ),
        "VFTC",
    )
    pdf.paragraph("Conclusions and recommendations", "h2")
    pdf.paragraph(
        "The Board encourages all States to contribute to the Fund, in particular States that have "
        "not yet done so, and recommends that contributions be unearmarked and predictable. "
        + _filler(rng, year)
    )
    # The projects table is wide: an annex on landscape pages, as UN documents do.
    pdf.new_page("landscape")
    pdf.paragraph("Annex", "h2")
    pdf.paragraph(
        f"Projects funded in {year} are listed below by country and region; amounts are net of "
        f"programme support costs ({usd(fund.programme_support)} USD)."
    )
    add(_projects_spec(fund, year, layout, _load_reference(), names_rng), "VFTC")
    pages = pdf.build(path)
    notes = []
    if break_total:
        notes.append(f"planted: the table {break_total} does not add up ({brk:,} USD off)")
    return _entry(
        path,
        root,
        year=year,
        document_type="vftc_board_report",
        title=title,
        symbol=symbol,
        status="final",
        as_of=as_of,
        period=period,
        pages=pages,
        tables=_manifest_tables(specs, pdf.table_pages),
        layout={
            "continued_suffix": layout.continued,
            "zero": layout.zero,
            "project_subtotals": layout.project_subtotals,
            "total_label": layout.total_label,
            "sessions": [s.label for s in model.sessions],
            "financial_period": f"1 January - 31 December {year}",
        },
        notes=notes,
    )


def render_upr_report(
    path: Path, model: YearModel, seed: int, root: Path, *, break_total: str | None = None
) -> DocumentEntry:
    year = model.year
    layout = board_layout(year)
    symbol, as_of = _upr_dates(seed, year)
    title = (
        "Operations of the Voluntary Trust Fund for Participation in the Universal Periodic Review "
        "and of the Voluntary Fund for Financial and Technical Assistance in the Implementation of "
        "the Universal Periodic Review"
    )
    period = _calendar_period(year)
    pdf = PdfWriter(
        title, "UPR voluntary funds report", symbol, layout.footer, f"Synthetic sample: UPR funds {year}"
    )
    pdf.cover(
        [
            *_cover_lines(symbol, period[0], "final", as_of),
            f"Financial period: 1 January - 31 December {year}",
        ]
    )
    rng = _rng(seed, 403, year)
    pdf.paragraph("Summary", "h2")
    pdf.paragraph(
        "The present report, submitted pursuant to Human Rights Council resolutions 6/17 and "
        f"16/21, describes the operations of the two voluntary funds for the universal periodic "
        f"review in {year}. " + _filler(rng, year)
    )
    specs: list[tuple[str, TableSpec]] = []
    names_rng = _rng(seed, 206, year)
    ref = _load_reference()
    brk = 1_000
    for code in ("UPR_PARTICIPATION", "VFFTA"):
        fund = model.funds[code]
        label = _fund_label(code, year, UPR_REPORT_FUND_LABELS)
        suffix = f"{FUND_HEADING_SEPARATOR}{label}"
        pdf.new_page("portrait")
        pdf.paragraph(label, "h1")
        pdf.paragraph(
            f"In {year}, the fund received {_money(fund.contributions)} from {len(fund.donors)} donors "
            f"and supported {len(fund.projects)} "
            + ("delegations." if code == "UPR_PARTICIPATION" else "projects.")
            + " "
            + _filler(rng, year)
        )
        for spec in (
            _statement_spec(fund, year, layout, suffix, brk if break_total == "fund_statement" else 0),
            _board_donor_spec(
                fund, year, layout, names_rng, suffix, brk if break_total == "board_contributions" else 0
            ),
            _projects_spec(fund, year, layout, ref, names_rng, suffix),
        ):
            if spec.table_id == "board_projects":
                pdf.new_page("landscape")  # wide: on a landscape page
            key = f"{year}:{spec.table_id}:{code}"
            specs.append((key, spec))
            pdf.table(spec, key)
    pdf.new_page("portrait")
    pdf.paragraph("Conclusions", "h2")
    pdf.paragraph(_filler(rng, year))
    pages = pdf.build(path)
    return _entry(
        path,
        root,
        year=year,
        document_type="upr_funds_report",
        title=title,
        symbol=symbol,
        status="final",
        as_of=as_of,
        period=period,
        pages=pages,
        tables=_manifest_tables(specs, pdf.table_pages),
        layout={
            "continued_suffix": layout.continued,
            "zero": layout.zero,
            "project_subtotals": layout.project_subtotals,
            "total_label": layout.total_label,
            "fund_heading_suffix": {
                c: f"{FUND_HEADING_SEPARATOR}{_fund_label(c, year, UPR_REPORT_FUND_LABELS)}"
                for c in ("UPR_PARTICIPATION", "VFFTA")
            },
        },
    )


def render_funding_annex(
    path: Path, model: YearModel, seed: int, root: Path, *, break_total: str | None = None
) -> DocumentEntry:
    """The funding annex workbook: the donor table and the funds table with numeric cells."""
    year = model.year
    header_row = ANNEX_HEADER_ROW.get(year, 1)
    layout = annual_layout(year)
    as_of = _annual_as_of(seed, year)
    title = f"{_annual_title(year)}: funding annex"
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    workbook.set_properties(
        {
            "title": title,
            "subject": f"Voluntary contributions and funds, {year}",
            "author": "tc-warehouse sample generator (synthetic)",
            "comments": f"Status: final; As of: {as_of.isoformat()}; synthetic sample",
            "created": dt.datetime(as_of.year, as_of.month, as_of.day, 9, 0, 0),
        }
    )
    bold = workbook.add_format({"bold": True})
    amount = workbook.add_format({"num_format": "#,##0"})
    amount_bold = workbook.add_format({"num_format": "#,##0", "bold": True})
    brk = 1_000
    tables: list[dict[str, Any]] = []

    # Donors: formal English names, as a finance office's export would print them.
    names = _donor_names(model, "en_formal", _rng(seed, 207, year), 0.05)
    rows, totals = _donor_table_rows(
        model, layout, names, break_by=brk if break_total == "contributions_by_donor" else 0, as_numbers=True
    )
    sheet = workbook.add_worksheet(ANNEX_SHEETS[0])
    r0 = header_row - 1
    if header_row > 1:
        sheet.write_string(0, 0, f"Voluntary contributions to UN Human Rights by donor, {year} (USD)", bold)
    header = _header("contributions_by_donor", year)
    sheet.write_row(r0, 0, header, bold)
    for i, (kind, _, cells) in enumerate(rows, start=r0 + 1):
        sheet.write_string(i, 0, str(cells[0]), bold if kind != "data" else None)
        for c, value in enumerate(cells[1:], start=1):
            sheet.write_number(i, c, value, amount if kind == "data" else amount_bold)
    sheet.set_column(0, 0, 48)
    sheet.set_column(1, 4, 18)
    tables.append(
        {
            "table_id": "contributions_by_donor",
            "sheet": ANNEX_SHEETS[0],
            "header_row": header_row,
            "first_data_row": header_row + 1,
            "header": list(header),
            "header_wording": _wording("contributions_by_donor", year),
            "data_rows": sum(k == "data" for k, _, _ in rows),
            "subtotal_rows": sum(k == "subtotal" for k, _, _ in rows),
            "total_rows": 1,
            "total": totals,
            "donors": len(model.donor_rows),
        }
    )

    funds_sheet = workbook.add_worksheet(ANNEX_SHEETS[1])
    fund_header = _header("fund_contributions", year)
    funds_sheet.write_row(0, 0, fund_header, bold)
    for i, code in enumerate(ANNUAL_FUND_ROWS, start=1):
        contributions, expenditure = model.annual_funds[code]
        funds_sheet.write_string(i, 0, _fund_label(code, year, ANNUAL_FUND_LABELS))
        funds_sheet.write_number(i, 1, contributions, amount)
        funds_sheet.write_number(i, 2, expenditure, amount)
    total_in = sum(v[0] for v in model.annual_funds.values())
    total_out = sum(v[1] for v in model.annual_funds.values())
    last = len(ANNUAL_FUND_ROWS) + 1
    funds_sheet.write_string(last, 0, layout.total_label, bold)
    funds_sheet.write_number(
        last, 1, total_in + (brk if break_total == "fund_contributions" else 0), amount_bold
    )
    funds_sheet.write_number(last, 2, total_out, amount_bold)
    funds_sheet.set_column(0, 0, 62)
    funds_sheet.set_column(1, 2, 22)
    tables.append(
        {
            "table_id": "fund_contributions",
            "sheet": ANNEX_SHEETS[1],
            "header_row": 1,
            "first_data_row": 2,
            "header": list(fund_header),
            "header_wording": _wording("fund_contributions", year),
            "data_rows": len(ANNUAL_FUND_ROWS),
            "subtotal_rows": 0,
            "total_rows": 1,
            "total": {"contributions_usd": total_in, "expenditure_usd": total_out},
        }
    )
    workbook.close()
    notes = [f"planted: the totals row of {break_total} is off by {brk:,} USD"] if break_total else []
    return _entry(
        path,
        root,
        year=year,
        document_type="funding_annex",
        title=title,
        symbol=_annual_symbol(year),
        status="final",
        as_of=as_of,
        period=_calendar_period(year),
        pages=None,
        tables=tables,
        layout={"donor_header_row": header_row, "donor_names": "en_formal", "zero": "0"},
        notes=notes,
    )


# --------------------------------------------------------------------------------------------
# Ground truth
# --------------------------------------------------------------------------------------------


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
            document = "vftc_board_report" if code == "VFTC" else "upr_funds_report"
            statements.append(
                {
                    "year": year,
                    "fund_code": code,
                    "document_type": document,
                    "period_start": f"{year}-01-01",
                    "period_end": f"{year}-12-31",
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
                raise AssertionError(f"{year} {code}: annual report and UPR funds report disagree")
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


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------


@dataclass
class DocumentsManifest:
    """Both families' manifests (each written to its folder as manifest.json)."""

    annual_reports: dict[str, Any]
    fund_board_reports: dict[str, Any]

    @property
    def files(self) -> list[dict[str, Any]]:
        return [*self.annual_reports["files"], *self.fund_board_reports["files"]]

    @staticmethod
    def to_json(part: Mapping[str, Any]) -> str:
        return json.dumps(part, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _family_header(seed: int, years: Sequence[int], published: PublishedFigures) -> dict[str, Any]:
    return {
        "generator": {"module": GENERATOR_MODULE, "version": GENERATOR_VERSION},
        "seed": seed,
        "years": list(years),
        "published_figures": {
            "file": "../shared/reference/published_figures.csv",
            "sha256": published.sha256,
            "note": "read at generation time; never copied into the project",
        },
        "cell_separator": CELL_SEPARATOR,
    }


_STALE_PATTERNS: Final = {
    ANNUAL_DIR: ("ohchr_report_*.pdf", "ohchr_report_*_funding_annex.xlsx", "human_rights_appeal_*.pdf"),
    BOARD_DIR: ("vftc_board_report_*.pdf", "upr_funds_report_*.pdf"),
}


def generate_documents(
    out_dir: Path, years: range = DEFAULT_YEARS, seed: int = DEFAULT_SEED
) -> DocumentsManifest:
    """Write every document of `years` under `out_dir`/annual_reports and
    `out_dir`/fund_board_reports, with a manifest.json in each; return the manifests.

    Same arguments and published figures -> byte-identical files. Earlier generated files in
    the two folders are removed first, so a year that is no longer generated leaves nothing.
    """
    if not years or years.step != 1 or years.start < DEFAULT_YEARS.start:
        raise ValueError(f"years must be consecutive and start no earlier than {DEFAULT_YEARS.start}")
    published = load_published_figures()
    models = build_model(seed, list(years), published)
    annual_dir, board_dir = out_dir / ANNUAL_DIR, out_dir / BOARD_DIR
    for folder in (annual_dir, board_dir):
        folder.mkdir(parents=True, exist_ok=True)
        for pattern in _STALE_PATTERNS[folder.name]:
            for stale in folder.glob(pattern):
                stale.unlink()

    annual: list[DocumentEntry] = []
    board: list[DocumentEntry] = []
    for year in years:
        m = models[year]
        annual.append(render_annual_report(annual_dir / f"ohchr_report_{year}.pdf", m, seed, out_dir))
        if year in ANNEX_HEADER_ROW:
            annual.append(
                render_funding_annex(annual_dir / f"ohchr_report_{year}_funding_annex.xlsx", m, seed, out_dir)
            )
        annual.append(render_appeal(annual_dir / f"human_rights_appeal_{year + 1}.pdf", m, seed, out_dir))
        board.append(render_vftc_report(board_dir / f"vftc_board_report_{year}.pdf", m, seed, out_dir))
        board.append(render_upr_report(board_dir / f"upr_funds_report_{year}.pdf", m, seed, out_dir))

    cross = _cross_source(models)
    notes = {
        "synthetic": "Every figure not listed under published_figures_used is invented, and so is "
        "every narrative.",
        "cell_separator": "In pypdfium2's text a table row is the cells joined by ' \\u00a0' (space + "
        "no-break space); see pipelines/samples/documents.py.",
        "rows": "data_rows excludes the heading, header, sub-total and totals rows; PDF pages are 1-based.",
        "break_helpers": "tests make bad documents with pipelines.samples.documents.write_annual_report("
        "path, year, break_total=...) & co. and truncate_copy(); none is in sources/.",
    }
    annual_manifest = {
        **_family_header(seed, years, published),
        "files": [f.to_dict() for f in annual],
        "expected": _expected_annual(models, annual),
        "cross_source": cross,
        "published_figures_used": _published_used(published, models),
        "notes": notes,
    }
    board_manifest = {
        **_family_header(seed, years, published),
        "files": [f.to_dict() for f in board],
        "expected": _expected_board(models),
        "cross_source": cross,
        "notes": notes,
    }
    manifest = DocumentsManifest(annual_manifest, board_manifest)
    (annual_dir / MANIFEST_NAME).write_text(manifest.to_json(annual_manifest), encoding="utf-8", newline="\n")
    (board_dir / MANIFEST_NAME).write_text(manifest.to_json(board_manifest), encoding="utf-8", newline="\n")
    return manifest


# -- helpers for tests that need a bad or a single document ---------------------------------

_BREAKABLE: Final[Mapping[str, tuple[str, ...]]] = {
    "annual_report": ("contributions_by_donor", "fund_contributions", "field_expenditure"),
    "funding_annex": ("contributions_by_donor", "fund_contributions"),
    "vftc_board_report": ("board_contributions", "fund_statement"),
    "upr_funds_report": ("board_contributions", "fund_statement"),
}


def _single(
    document_type: str,
    path: Path,
    year: int,
    seed: int,
    break_total: bool | str,
    render: Callable[..., DocumentEntry],
) -> dict[str, Any]:
    table = None
    if break_total:
        table = _BREAKABLE[document_type][0] if break_total is True else str(break_total)
        if table not in _BREAKABLE[document_type]:
            raise ValueError(f"{document_type}: cannot break {table!r}; one of {_BREAKABLE[document_type]}")
    model = build_model(seed, [year], load_published_figures())[year]
    path.parent.mkdir(parents=True, exist_ok=True)
    kwargs = {"break_total": table} if document_type in _BREAKABLE else {}
    return render(path, model, seed, path.parent, **kwargs).to_dict()


def write_annual_report(
    path: Path, year: int, *, seed: int = DEFAULT_SEED, break_total: bool | str = False
) -> dict[str, Any]:
    """Write one annual report to `path`; return its manifest entry. With `break_total` (True =
    the donor table, or a table id of `_BREAKABLE`) the totals row is 1,000 USD off the sum of
    its rows while every other table still adds up: a totals_mismatch the parser must report."""
    return _single("annual_report", path, year, seed, break_total, render_annual_report)


def write_funding_annex(
    path: Path, year: int, *, seed: int = DEFAULT_SEED, break_total: bool | str = False
) -> dict[str, Any]:
    return _single("funding_annex", path, year, seed, break_total, render_funding_annex)


def write_appeal(path: Path, year: int, *, seed: int = DEFAULT_SEED) -> dict[str, Any]:
    """The Appeal with the provisional figures of `year` (published January `year` + 1)."""
    return _single("appeal", path, year, seed, False, render_appeal)


def write_vftc_board_report(
    path: Path, year: int, *, seed: int = DEFAULT_SEED, break_total: bool | str = False
) -> dict[str, Any]:
    return _single("vftc_board_report", path, year, seed, break_total, render_vftc_report)


def write_upr_funds_report(
    path: Path, year: int, *, seed: int = DEFAULT_SEED, break_total: bool | str = False
) -> dict[str, Any]:
    return _single("upr_funds_report", path, year, seed, break_total, render_upr_report)


def truncate_copy(source: Path, target: Path, keep: float | int = 0.5) -> Path:
    """A copy of `source` cut after `keep` bytes (int) or that fraction of its size (float):
    a truncated PDF, as a failed download leaves it (``bytes[:n]``)."""
    data = source.read_bytes()
    n = keep if isinstance(keep, int) else int(len(data) * keep)
    target.write_bytes(data[:n])
    return target
