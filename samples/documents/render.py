"""The sample documents' documents.

A part of `samples.documents` (see its docstring).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import numpy as np
import xlsxwriter

from samples import document_data as dd
from samples.documents.constants import ANNEX_HEADER_ROW, ANNEX_SHEETS, DEFAULT_YEARS
from samples.documents.layout import BoardLayout, _wording, annual_layout, board_layout
from samples.documents.model import (
    _STATE_SPEC,
    Activity,
    YearModel,
    _area_text,
    _latin_variants,
    _load_reference,
    _ordinal,
    _pick,
    _rng,
    ordinal,
)
from samples.documents.names import _area_label, _country_name
from samples.documents.pdf import PdfWriter, TableRow, TableSpec, usd
from samples.documents.specs import (
    _activity_spec,
    _board_donor_spec,
    _donor_names,
    _donor_spec,
    _donor_table_rows,
    _field_spec,
    _fund_label,
    _funds_spec,
    _glance_spec,
    _header,
    _projects_spec,
    _statement_spec,
)
from samples.documents.wordings import (
    ANNUAL_FUND_LABELS,
    ANNUAL_FUND_ROWS,
    APPEAL_PILLARS,
    HIGHLIGHT_LABELS,
    IGNORED_TABLE_HEADINGS,
)


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


# The VFTC Board reports as the Council received them (res. 18/18 para. 8): to the June session
# of Y+1 until the 2015 report, then, after res. 33/28, to the March session (34/74 in March
# 2017, nine months after 32/51). Symbols after 40/78 are synthetic (same series).
VFTC_SYMBOLS: Final = {
    2011: "A/HRC/20/34",
    2012: "A/HRC/23/16",
    2013: "A/HRC/26/51",
    2014: "A/HRC/29/48",
    2015: "A/HRC/32/51",
    2016: "A/HRC/34/74",
    2017: "A/HRC/37/79",
    2018: "A/HRC/40/78",
}


def _board_month(year: int) -> str:
    return "June" if year <= 2015 else "March"


def _board_dates(seed: int, year: int) -> tuple[str, dt.date]:
    """The VFTC report's symbol and date: the June session of Y+1 before resolution 33/28, the
    March session of Y+1 from the 2016 report on (dated February/March)."""
    rng = _rng(seed, 302, year)
    session = _hrc_session(year + 1, _board_month(year))
    symbol = VFTC_SYMBOLS.get(year, f"A/HRC/{session}/{60 + (year * 7) % 23}")
    if year < 2016:
        return symbol, dt.date(year + 1, 4, 3) + dt.timedelta(days=int(rng.integers(0, 20)))
    return symbol, dt.date(year + 1, 2, 3) + dt.timedelta(days=int(rng.integers(0, 32)))


def _session_span(year: int, month: str) -> str:
    """The dates of a Council session (synthetic but shaped like `25 February–22 March 2019`)."""
    start = _nth_monday(year, 2, 4) if month == "March" else _nth_monday(year, 6, 3)
    end = start + dt.timedelta(days=25 if month == "March" else 18)
    return f"{start.day} {start:%B}\u2013{end.day} {end:%B %Y}"


def _nth_monday(year: int, month: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(-first.weekday()) % 7 + 7 * (n - 1))


def _job_number(symbol: str, date: dt.date) -> str:
    """`GE.20-02345(E)`: the job number at the foot of an HRC document's first page."""
    digits = int(hashlib.sha256(symbol.encode()).hexdigest()[:8], 16) % 90_000 + 10_000
    return f"GE.{date:%y}-{digits:05d}(E)"


def _date_line(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def _hrc_cover(symbol: str, date: dt.date, month: str, agenda: tuple[str, str]) -> list[str]:
    """The first page of a Council report, title excluded (it follows the agenda item)."""
    session = _hrc_session(date.year, month)
    return [
        f"United Nations {symbol}",
        "General Assembly",
        "Distr.: General",
        _date_line(date),
        "Original: English",
        "Human Rights Council",
        f"{ordinal(session)} session",
        _session_span(date.year, month),
        f"Agenda item {agenda[0]}",
        agenda[1],
    ]


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
    pdf.cover([_date_line(as_of)], title_at=0)
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
    # The foreword's prose in two columns, justified and hyphenated, as the report prints it;
    # tables stay single-column (landscape or portrait pages).
    pdf.new_page("two_columns")
    pdf.paragraph("Foreword", "h1")
    pdf.paragraph(
        f"In {year}, UN Human Rights received {_money(model.voluntary_contributions)} in voluntary "
        f"contributions from {model.donors} donors, {model.member_state_donors} of them Member States, "
        f"and {_money(model.regular_budget)} from the United Nations regular budget. This report "
        f"describes how the Office used these resources to support States in {len(model.countries)} "
        f"countries covered by this report, in line with Human Rights Council resolution 18/18."
    )
    for _ in range(4):
        pdf.paragraph(_filler(rng, year, 4), "prose")
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
    pdf.cover([_date_line(as_of)], title_at=0)
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


_ROMAN: Final = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V"}
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
    sessions = model.sessions
    period = (
        "Board sessions " + ", ".join(s.label for s in sessions),
        sessions[0].start.isoformat(),
        sessions[-1].end.isoformat(),
    )
    pdf = PdfWriter(
        title, "VFTC Board of Trustees report", symbol, layout.footer, f"Synthetic sample: VFTC {year}"
    )
    cover = _hrc_cover(
        symbol, as_of, _board_month(year), ("10", "Technical assistance and capacity-building")
    )
    footnote = "* The annexes to the present report are circulated as received."
    subtitle = "Report of the Chair of the Board of Trustees*"
    pdf.cover([*cover, subtitle, footnote], len(cover), _job_number(symbol, as_of))
    rng = _rng(seed, 402, year)
    pdf.paragraph("Summary", "h2")
    pdf.paragraph(
        f"In {year}, the Fund received {_money(fund.contributions)} in contributions from "
        f"{len(fund.donors)} donors and spent {_money(fund.expenditure)}. It supported technical "
        f"cooperation projects in {len({p.iso3 for p in fund.projects})} countries and the deployment "
        f"of human rights advisers to United Nations country teams."
    )
    pdf.new_page("portrait")
    # A contents table as Council reports print it (dotted leaders; the parsers must not take
    # its lines for headings).
    pdf.paragraph("Contents", "h2")
    for number, section in enumerate(
        ["Mandate", "Activities of the Board", "Results achieved with the support of the Fund",
         "Financial situation of the Fund", "Conclusions and recommendations"], start=1
    ):  # fmt: skip
        pdf.paragraph(f"{_ROMAN[number]}. {section} {'.' * 40}", "line")
    pdf.paragraph("Mandate", "h2")
    pdf.paragraph("1. " + (_MANDATE_AFTER if year >= 2016 else _MANDATE_BEFORE))
    pdf.paragraph("Activities of the Board", "h2")
    pdf.paragraph(
        "Since its previous report, the Board held the sessions below; the Fund's accounts are "
        f"those of the financial period 1 January to 31 December {year}, as at 31 December {year}."
    )
    for session in model.sessions:
        pdf.paragraph(session.label, "h3")
        pdf.paragraph(
            f"{2 + model.sessions.index(session)}. "
            f"The Board held its {_ordinal(session.number).lower()} session in {session.city} "
            f"{session.days}. It reviewed the Fund's "
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
            + _filler(results_rng, year, 3),
            "prose",
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


# The two UPR funds report separately (res. 6/17 and 16/21): document type, official name
# (the title's), the symbol's offset from the participation fund's, and what the fund supports.
UPR_FUND_REPORTS: Final[Mapping[str, tuple[str, str, int, str]]] = {
    "UPR_PARTICIPATION": (
        "upr_participation_fund_report",
        "Voluntary Fund for Participation in the Universal Periodic Review",
        0,
        "delegations",
    ),
    "VFFTA": (
        "vffta_report",
        "Voluntary Fund for Financial and Technical Assistance in the Implementation of the "
        "Universal Periodic Review",
        1,
        "projects",
    ),
}


def _upr_fund_specs(
    model: YearModel, seed: int, layout: BoardLayout, break_total: str | None
) -> dict[str, list[TableSpec]]:
    """Both UPR funds' tables, drawn in one fixed order so each fund's donor names (and so its
    raw rows) do not depend on which of the two reports is being written."""
    year = model.year
    names_rng = _rng(seed, 206, year)
    ref = _load_reference()
    brk = 1_000
    out: dict[str, list[TableSpec]] = {}
    for code in UPR_FUND_REPORTS:
        fund = model.funds[code]
        out[code] = [
            _statement_spec(fund, year, layout, "", brk if break_total == "fund_statement" else 0),
            _board_donor_spec(
                fund, year, layout, names_rng, "", brk if break_total == "board_contributions" else 0
            ),
            _projects_spec(fund, year, layout, ref, names_rng, ""),
        ]
    return out


def render_upr_report(
    path: Path,
    model: YearModel,
    seed: int,
    root: Path,
    *,
    fund_code: str,
    break_total: str | None = None,
) -> DocumentEntry:
    """One UPR fund's own report: a Council report whose title names the fund."""
    year = model.year
    layout = board_layout(year)
    document_type, fund_name, offset, supports = UPR_FUND_REPORTS[fund_code]
    base, as_of = _upr_dates(seed, year)
    session, number = base.rsplit("/", 1)
    symbol = f"{session}/{int(number) + offset}"
    title = f"Operations of the {fund_name}"
    period = _calendar_period(year)
    short = "UPR participation fund" if fund_code == "UPR_PARTICIPATION" else "VFFTA"
    pdf = PdfWriter(title, f"{short} report", symbol, layout.footer, f"Synthetic sample: {short} {year}")
    cover = _hrc_cover(symbol, as_of, "March", ("6", "Universal periodic review"))
    pdf.cover(
        [*cover, "Report of the Office of the United Nations High Commissioner for Human Rights"],
        len(cover),
        _job_number(symbol, as_of),
    )
    rng = _rng(seed, 403 + offset, year)
    fund = model.funds[fund_code]
    pdf.paragraph("Summary", "h2")
    pdf.paragraph(
        "The present report, submitted pursuant to Human Rights Council resolutions 6/17 and "
        f"16/21, describes the operations of the {fund_name} as at 31 December {year}. " + _filler(rng, year)
    )
    pdf.new_page("portrait")
    pdf.paragraph("Contributions and expenditure", "h1")
    pdf.paragraph(
        f"In {year}, the fund received {_money(fund.contributions)} from {len(fund.donors)} donors "
        f"and supported {len(fund.projects)} {supports}. " + _filler(rng, year)
    )
    specs: list[tuple[str, TableSpec]] = []
    for spec in _upr_fund_specs(model, seed, layout, break_total)[fund_code]:
        if spec.table_id == "board_projects":
            pdf.new_page("landscape")  # wide: on a landscape page
        key = f"{year}:{spec.table_id}:{fund_code}"
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
        document_type=document_type,
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
            "fund_code": fund_code,
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
            "comments": "synthetic sample",
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
