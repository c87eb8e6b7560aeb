"""Where each document family keeps its tables: headings, header wordings, total markers, the
labels of fixed rows. The one place to teach the parsers next year's report.

Real reports move chapters and rename columns from year to year (docs/document_layouts.md), so
the parsers find a table by its heading and its header row, never by page number; a new wording
is one more synonym here. Every wording is matched after `pipelines.text.normalize_label`
(case, width, apostrophes, spaces); header cells also lose a trailing "(USD)", so "Pledged"
covers "Pledged (USD)". A heading may carry numbering ("2.", "Table 3.") and a continuation
marker ("(continued)").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from pipelines.ingest.pdf import TableSpec, header_key, heading_key
from pipelines.text import normalize_label

# First cells that make a row a total rather than data (matched as a word prefix: "Total",
# "Total Africa" and "Grand total" are totals; "Totalfina" would not be).
TOTAL_MARKERS: tuple[str, ...] = ("Grand total", "Total general", "Total général", "Totaux", "Total")
SUBTOTAL_MARKERS: tuple[str, ...] = ("Sub-total", "Subtotal", "Sub total", "Sous-total", "Sous total")
CONTINUED_MARKERS: tuple[str, ...] = ("(continued)", "(cont.)", "(cont'd)", "(suite)", "(continuación)")


@dataclass(frozen=True)
class TableLayout:
    """One table of a document family.

    `columns` maps each canonical column to the header wordings used for it over the years;
    `required` are the columns without which a header row is not this table's. `amounts` are
    the columns that sub-total and total rows add up. `heading_suffix`: the heading is followed
    by " - <qualifier>" (no sample document uses it since the UPR funds report separately).
    `heading_is_qualifier`: the heading is a name in itself (a country chapter's country).
    `sheets`: the workbook sheets that hold this table in an XLSX annex.
    """

    table_id: str
    headings: tuple[str, ...]
    columns: Mapping[str, tuple[str, ...]]
    required: tuple[str, ...]
    amounts: tuple[str, ...] = ()
    totals: bool = False
    total_required: bool = False
    heading_suffix: bool = False
    heading_is_qualifier: bool = False
    sheets: tuple[str, ...] = ()

    def spec(self) -> TableSpec:
        """The engine's view of this layout: every wording in lookup form."""
        headings = tuple(heading_key(h) for h in self.headings)
        pattern = None
        if self.heading_suffix:
            alternatives = "|".join(re.escape(h) for h in headings)
            pattern = re.compile(rf"^(?:{alternatives})\s*(?:-|–|—|:|,)\s*(?P<qualifier>.+)$")
        elif self.heading_is_qualifier:
            pattern = re.compile(r"^(?P<qualifier>.+)$")
        columns = {
            name: tuple(dict.fromkeys(k for w in (name, *words) for k in (header_key(w), normalize_label(w))))
            for name, words in self.columns.items()
        }
        return TableSpec(
            table_id=self.table_id,
            headings=() if self.heading_is_qualifier else headings,
            columns=columns,
            required=self.required,
            heading_pattern=pattern,
            totals=self.totals,
            total_markers=tuple(normalize_label(m) for m in TOTAL_MARKERS),
            subtotal_markers=tuple(normalize_label(m) for m in SUBTOTAL_MARKERS),
            continued_markers=tuple(normalize_label(m) for m in CONTINUED_MARKERS),
            # A country's name is directly above its table; searching further would take a
            # line of prose for the heading.
            header_search_lines=1 if self.heading_is_qualifier else 4,
            heading_max_cells=1 if self.heading_is_qualifier else 0,
        )


@dataclass(frozen=True)
class HighlightsLayout:
    """The highlights section: paragraphs introduced by a kind label (`Success story:`), then
    `Country:` and `Area:` lines, a title line and text, up to the next label or chapter."""

    headings: tuple[str, ...]
    kinds: Mapping[str, tuple[str, ...]]
    country_labels: tuple[str, ...]
    area_labels: tuple[str, ...]


@dataclass(frozen=True)
class DocumentLayout:
    document_type: str
    tables: tuple[TableLayout, ...]
    required_tables: tuple[str, ...]
    chapters: tuple[str, ...] = ()
    highlights: HighlightsLayout | None = None

    def table(self, table_id: str) -> TableLayout:
        for layout in self.tables:
            if layout.table_id == table_id:
                return layout
        raise KeyError(f"{self.document_type} has no table '{table_id}'")


# --------------------------------------------------------------------------- shared columns

DONOR_WORDINGS = (
    "Donor",
    "Contributor",
    "Donors",
    "Donor/contributor",
    "Donor country/organization",
    "Donateur",
    "Donante",
    "Source of contribution",
)
AMOUNT_WORDINGS = (
    "Amount",
    "Amount (USD)",
    "USD",
    "Amount in USD",
    "Contribution",
    "Contribution (USD)",
    "Montant",
)
THEMATIC_AREA_WORDINGS = ("Thematic area", "Area", "Theme", "Thematic focus", "Thematic area of support")
COUNTRY_WORDINGS = ("Country", "Country/territory", "Country or territory", "State", "Pays", "País")
# Where a field presence is: its country (empty for a regional office).
PRESENCE_COUNTRY_WORDINGS = (*COUNTRY_WORDINGS, "Location")

FUNDING_AT_A_GLANCE = TableLayout(
    table_id="funding_at_a_glance",
    headings=(
        "Funding at a glance",
        "Key figures: funding at a glance",
        "UN Human Rights funding at a glance",
        "Funding overview",
        "Key funding figures",
        "Funding in brief",
    ),
    columns={
        "indicator": ("Indicator", "Item", "Funding indicator", "Key figure", "Description"),
        "value": ("Value", "Amount", "Figure", "Total"),
    },
    required=("indicator", "value"),
)

CONTRIBUTIONS_BY_DONOR = TableLayout(
    table_id="contributions_by_donor",
    headings=(
        "Voluntary contributions by donor",
        "Contributions by donor",
        "Voluntary contributions to UN Human Rights by donor",
        "Voluntary contributions to OHCHR by donor",
        "Donor contributions",
    ),
    columns={
        "donor": DONOR_WORDINGS,
        "pledged": ("Pledged", "Pledges", "Pledge", "Amount pledged", "Pledged amount", "Commitments"),
        "paid": (
            "Paid",
            "Income received",
            "Received",
            "Amount paid",
            "Amount received",
            "Paid contributions",
            "Contributions paid",
            "Contributions received",
        ),
        "unearmarked": (
            "Unearmarked",
            "Non-earmarked",
            "Not earmarked",
            "Unearmarked funds",
            "Of which unearmarked",
        ),
        "earmarked": ("Earmarked", "Earmarked funds", "Earmarked contributions", "Of which earmarked"),
    },
    required=("donor", "paid"),
    amounts=("pledged", "paid", "unearmarked", "earmarked"),
    totals=True,
    total_required=True,
    sheets=("Contributions by donor", "Contributions", "Donors", "Voluntary contributions"),
)

FUND_CONTRIBUTIONS = TableLayout(
    table_id="fund_contributions",
    headings=(
        "Contributions to funds administered by UN Human Rights",
        "Contributions to funds administered by OHCHR",
        "Funds administered by UN Human Rights",
        "Funds administered by OHCHR",
        "Trust funds administered by OHCHR",
    ),
    columns={
        "fund": ("Fund", "Funds", "Trust fund", "Fund name", "Name of fund", "Fonds"),
        "contributions": (
            "Contributions received",
            "Contributions",
            "Income",
            "Voluntary contributions",
            "Contributions received in the year",
            "Income from contributions",
        ),
        "expenditure": ("Expenditure", "Expenditures", "Total expenditure", "Expenses"),
    },
    required=("fund", "contributions", "expenditure"),
    amounts=("contributions", "expenditure"),
    totals=True,
    sheets=("Funds", "Funds administered", "Trust funds"),
)

FIELD_EXPENDITURE = TableLayout(
    table_id="field_expenditure",
    headings=(
        "Expenditure by field presence",
        "Expenditure in field presences",
        "Field presences: expenditure",
        "Expenditure by field office",
    ),
    columns={
        "presence": ("Field presence", "Presence", "Office", "Field office"),
        "presence_type": ("Type", "Type of presence", "Presence type"),
        "country": PRESENCE_COUNTRY_WORDINGS,
        "regular_budget": ("Regular budget", "RB", "Regular budget funds", "Regular budget expenditure"),
        "extrabudgetary": (
            "Extrabudgetary",
            "XB",
            "Extrabudgetary funds",
            "Extrabudgetary resources",
            "Voluntary contributions",
        ),
        "total": ("Total", "Total expenditure", "Overall"),
    },
    required=("presence", "regular_budget", "extrabudgetary", "total"),
    amounts=("regular_budget", "extrabudgetary", "total"),
    totals=True,
    total_required=True,
)

ACTIVITIES_BY_COUNTRY = TableLayout(
    table_id="assistance_activities",
    headings=(),
    columns={
        "activity": ("Activity", "Activity title", "Activity/project", "Activities", "Project", "Output"),
        "thematic_area": THEMATIC_AREA_WORDINGS,
        "activity_type": ("Type", "Activity type", "Type of activity", "Modality"),
        "provider": ("Provider", "Implemented by", "Lead entity", "Delivered by", "Provided by", "Lead"),
        "partner": ("Partner", "Partner entity", "National partner", "Counterpart", "Partners"),
        "funding": ("Funding", "Funding source", "Funded by", "Fund", "Source of funds"),
        "upr": (
            "UPR recommendations addressed",
            "UPR recommendations",
            "UPR recs addressed",
            "UPR recs",
            "Recommendations addressed",
        ),
    },
    required=("activity", "thematic_area", "provider", "funding"),
    heading_is_qualifier=True,
)

# The fixed rows of "Funding at a glance": metric -> (unit, row labels).
FUNDING_INDICATORS: dict[str, tuple[str, tuple[str, ...]]] = {
    "voluntary_contributions": (
        "USD",
        (
            "Voluntary contributions received (USD)",
            "Voluntary contributions received",
            "Voluntary contributions",
            "Total voluntary contributions",
            "Voluntary contributions (USD)",
            "Extrabudgetary contributions received",
        ),
    ),
    "donors": ("count", ("Number of donors", "Donors", "Total number of donors")),
    "member_state_donors": (
        "count",
        ("Of which Member States", "Member State donors", "Number of Member State donors", "Member States"),
    ),
    "regular_budget": ("USD", ("Regular budget (USD)", "Regular budget", "Regular budget allocation")),
    "unearmarked_share": (
        "percent",
        ("Unearmarked share (%)", "Unearmarked share", "Share of unearmarked funding", "Unearmarked (%)"),
    ),
}

# Statement of income and expenditure: line_item -> row labels.
STATEMENT_LINE_ITEMS: dict[str, tuple[str, ...]] = {
    "opening_balance": (
        "Opening balance",
        "Balance at beginning of period",
        "Fund balance, beginning of year",
    ),
    "contributions_received": ("Contributions received", "Voluntary contributions", "Contributions"),
    "other_income": ("Other income", "Interest and other income", "Miscellaneous income", "Interest income"),
    "total_income": ("Total income",),
    "total_expenditure": ("Total expenditure", "Expenditure", "Expenditures"),
    "closing_balance": ("Closing balance", "Balance at end of period", "Fund balance, end of year"),
}

PRESENCE_TYPES: dict[str, tuple[str, ...]] = {
    "country_office": ("Country office", "Country/stand-alone office", "Stand-alone office"),
    "regional_office": ("Regional office", "Regional centre", "Regional office/centre"),
    "human_rights_adviser": ("Human rights adviser", "Human rights advisor", "HRA"),
    "peace_mission_component": (
        "Peace mission component",
        "Human rights component of a peace mission",
        "Peace mission",
    ),
}

# Providers of technical cooperation that are neither OHCHR headquarters nor one of the
# report's own field presences (those come from its field-presence table).
OHCHR_HQ_PROVIDERS: tuple[str, ...] = ("OHCHR headquarters", "OHCHR Geneva", "Headquarters", "OHCHR HQ")
UN_ENTITIES: tuple[str, ...] = (
    "UNDP",
    "UNICEF",
    "UN Women",
    "UNFPA",
    "UNHCR",
    "UNODC",
    "UNESCO",
    "ILO",
    "IOM",
    "WHO",
    "FAO",
    "WFP",
    "UNOPS",
    "UNAIDS",
    "UN-Habitat",
    "OCHA",
    "DPPA",
    "DPO",
    "UNEP",
    "Resident Coordinator Office",
    "Resident Coordinator's Office",
    "United Nations Development Programme",
    "United Nations Children's Fund",
    "United Nations Population Fund",
)

# The annual report's (and annex's) donor table totals every fund and the Trust Fund for the
# High Commissioner together: its rows carry this pseudo-fund of the seed funds.csv.
OHCHR_VOLUNTARY_FUND_CODE = "OHCHR_VOLUNTARY"

ANNUAL_REPORT = DocumentLayout(
    document_type="annual_report",
    tables=(
        FUNDING_AT_A_GLANCE,
        CONTRIBUTIONS_BY_DONOR,
        FUND_CONTRIBUTIONS,
        FIELD_EXPENDITURE,
        ACTIVITIES_BY_COUNTRY,
    ),
    required_tables=(
        "funding_at_a_glance",
        "contributions_by_donor",
        "fund_contributions",
        "field_expenditure",
        "assistance_activities",
    ),
    chapters=(
        "Funding",
        "Country engagement",
        "Field presences and country engagement",
        "Technical cooperation activities by country",
        "Highlights of the year",
        "Results: success stories, best practices and challenges",
        "Annexes",
        "Annex",
    ),
    highlights=HighlightsLayout(
        headings=(
            "Highlights of the year",
            "Results: success stories, best practices and challenges",
            "Success stories, best practices and challenges",
            "Highlights",
        ),
        kinds={
            "success_story": ("Success story", "Success stories", "Réussite"),
            "best_practice": ("Best practice", "Good practice", "Bonne pratique"),
            "challenge": ("Challenge", "Challenges", "Difficulté"),
        },
        country_labels=("Country", "Pays", "País", "Country/territory"),
        area_labels=("Area", "Thematic area", "Theme", "Domaine"),
    ),
)

APPEAL = DocumentLayout(
    document_type="appeal",
    tables=(FUNDING_AT_A_GLANCE,),
    required_tables=("funding_at_a_glance",),
)

# The funding annex workbook: the donor table and the funds table, one sheet each.
FUNDING_ANNEX = DocumentLayout(
    document_type="funding_annex",
    tables=(CONTRIBUTIONS_BY_DONOR, FUND_CONTRIBUTIONS),
    required_tables=("contributions_by_donor",),
)

# --------------------------------------------------------------------------- fund boards

STATEMENT_HEADINGS = (
    "Statement of income and expenditure",
    "Income and expenditure statement",
    "Statement of income and expenditure for the year",
    "Income and expenditure",
    "Financial statement",
    "Statement of income, expenditure and fund balance",
)
BOARD_DONOR_HEADINGS = (
    "Contributions by donor",
    "Contributions received by donor",
    "Status of contributions by donor",
    "Voluntary contributions by donor",
)
BOARD_PROJECT_HEADINGS = (
    "Projects funded by country",
    "Projects funded, by country",
    "Projects approved by country",
    "Projects funded",
    "Grants by country",
    "Projects by country",
)


def _statement(suffix: bool) -> TableLayout:
    return TableLayout(
        table_id="fund_statement",
        headings=STATEMENT_HEADINGS,
        columns={"item": ("Item", "Line item", "Description", "Rubrique"), "amount": AMOUNT_WORDINGS},
        required=("item", "amount"),
        heading_suffix=suffix,
    )


def _board_donors(suffix: bool) -> TableLayout:
    return TableLayout(
        table_id="board_contributions",
        headings=BOARD_DONOR_HEADINGS,
        columns={"donor": DONOR_WORDINGS, "amount": (*AMOUNT_WORDINGS, "Amount received")},
        required=("donor", "amount"),
        amounts=("amount",),
        totals=True,
        total_required=True,
        heading_suffix=suffix,
    )


def _board_projects(suffix: bool) -> TableLayout:
    return TableLayout(
        table_id="board_projects",
        headings=BOARD_PROJECT_HEADINGS,
        columns={
            "country": (*COUNTRY_WORDINGS, "Beneficiary country"),
            "region": ("Region", "Geographical region", "OHCHR region", "Région", "Región", "Regional group"),
            "project": ("Project", "Project title", "Project name", "Title", "Projet"),
            "thematic_area": (*THEMATIC_AREA_WORDINGS, "Area of work"),
            "amount": (*AMOUNT_WORDINGS, "Allocation", "Grant", "Amount approved"),
        },
        required=("country", "project", "amount"),
        amounts=("amount",),
        totals=True,
        total_required=True,
        heading_suffix=suffix,
    )


VFTC_BOARD_REPORT = DocumentLayout(
    document_type="vftc_board_report",
    tables=(_statement(False), _board_donors(False), _board_projects(False)),
    required_tables=("fund_statement", "board_contributions", "board_projects"),
)
# The VFTC report is about one fund; its tables carry no fund suffix.
VFTC_FUND_CODE = "VFTC"

# The two UPR funds each have their own report (A/HRC/.. "Operations of the Voluntary Fund for
# Participation in the Universal Periodic Review", "... for Financial and Technical Assistance in
# the Implementation of the Universal Periodic Review"); like the VFTC report, one fund each and
# no fund suffix on its tables: the fund is the one the title names.
UPR_PARTICIPATION_FUND_REPORT = DocumentLayout(
    document_type="upr_participation_fund_report",
    tables=(_statement(False), _board_donors(False), _board_projects(False)),
    required_tables=("fund_statement", "board_contributions", "board_projects"),
)
VFFTA_REPORT = DocumentLayout(
    document_type="vffta_report",
    tables=(_statement(False), _board_donors(False), _board_projects(False)),
    required_tables=("fund_statement", "board_contributions", "board_projects"),
)
# The fund a UPR fund report's title names: the official names as printed (lookup form). The
# longer VFFTA name is tried first, so that "Participation" is never matched inside it.
UPR_FUND_TITLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "VFFTA",
        re.compile(
            r"Voluntary (?:Trust )?Fund for Financial and Technical Assistance in the Implementation"
            r" of the Universal Periodic Review",
            re.IGNORECASE,
        ),
    ),
    (
        "UPR_PARTICIPATION",
        re.compile(
            r"Voluntary (?:Trust )?Fund for Participation in the Universal Periodic Review", re.IGNORECASE
        ),
    ),
)


def upr_fund_of_title(title: str | None) -> str | None:
    """The fund code a UPR fund report's title names, or None."""
    text = " ".join((title or "").split())
    return next((code for code, pattern in UPR_FUND_TITLES if pattern.search(text)), None)


LAYOUTS: dict[str, DocumentLayout] = {
    layout.document_type: layout
    for layout in (
        ANNUAL_REPORT,
        APPEAL,
        FUNDING_ANNEX,
        VFTC_BOARD_REPORT,
        UPR_PARTICIPATION_FUND_REPORT,
        VFFTA_REPORT,
    )
}


def label_lookup(labels: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Row label (lookup form) -> code, for the fixed-row tables above."""
    return {header_key(label): code for code, words in labels.items() for label in (code, *words)}


def indicator_key(label: str) -> str:
    """A funding indicator's lookup form: "(USD)" and "(%)" are units, not names."""
    return header_key(re.sub(r"\s*\(%\)\s*$", "", label))
