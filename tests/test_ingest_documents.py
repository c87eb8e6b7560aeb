"""The document parsers (annual report, appeal, funding annex, fund board reports) on small
documents built here, and on every document the sample generator committed under sources/."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from pipelines.ingest import registry
from pipelines.ingest.annual_reports import parse_annual_report, parse_appeal, parse_funding_annex
from pipelines.ingest.document_kit import DocumentParse
from pipelines.ingest.fund_board_reports import (
    parse_upr_participation_fund_report,
    parse_vffta_report,
    parse_vftc_board_report,
)
from pipelines.ingest.hrc_document import read_facts
from pipelines.ingest.pdf import first_page_lines
from pipelines.ingest.raw_schemas import DOCUMENT_SCHEMAS
from pipelines.ingest.registry import classify, discover, parse_document
from pipelines.ingest.rejects import REJECT_SCHEMA
from pipelines.ingest.tables import UnreadableSourceError
from pipelines.reference import donors
from tests.conftest import SAMPLE_SOURCES
from tests.test_ingest_pdf import DONOR_HEADER, Block, build_pdf, donor_rows

GLANCE = [
    ["Indicator", "Value"],
    ["Voluntary contributions received (USD)", "179,000,000"],
    ["Number of donors", "84"],
    ["Of which Member States", "66"],
    ["Regular budget (USD)", "133,900,000"],
    ["Unearmarked share (%)", "42.5"],
]
FUNDS = [
    ["Fund", "Contributions received (USD)", "Expenditure (USD)"],
    ["Voluntary Fund for Technical Cooperation", "17,208,002", "15,498,086"],
    ["UPR implementation fund", "2,000,000", "1,500,000"],
]
FIELD = [
    ["Field presence", "Type", "Country", "Regular budget (USD)", "Extrabudgetary (USD)", "Total (USD)"],
    ["OHCHR Kenya", "Country office", "Kenya", "1,000,000", "2,500,000", "3,500,000"],
    ["Regional Office for East Africa", "Regional office", "", "400,000", "600,000", "1,000,000"],
    ["Total", "", "", "1,400,000", "3,100,000", "4,500,000"],
]
ACTIVITIES_HEADER = [
    "Activity",
    "Thematic area",
    "Type",
    "Provider",
    "Partner",
    "Funding",
    "UPR recommendations addressed",
]
KENYA = [
    ACTIVITIES_HEADER,
    [
        "Training of prison officers",
        "Prevention of torture",
        "Training",
        "OHCHR Kenya",
        "Prisons Service",
        "VFTC",
        "3",
    ],
    ["NHRI capacity review", "NHRI", "Advisory", "OHCHR headquarters", "KNCHR", "Regular budget", "0"],
]
COLOMBIA = [
    ACTIVITIES_HEADER,
    [
        "Follow-up plan",
        "UPR follow-up",
        "Workshop",
        "UNDP",
        "Ministry of Justice",
        "UPR implementation fund",
        "12",
    ],
]


def annual_report_blocks(donors: list[list[str]] | None = None) -> list[Block]:
    return [
        ("heading", "Funding"),
        ("heading", "Funding at a glance"),
        ("table", GLANCE),
        ("heading", "Voluntary contributions by donor"),
        ("table", donors if donors is not None else donor_rows(3, 20)),
        ("heading", "Contributions to funds administered by UN Human Rights"),
        ("table", FUNDS),
        ("pagebreak", None),
        ("heading", "Field presences and country engagement"),
        ("heading", "Expenditure by field presence"),
        ("table", FIELD),
        ("heading", "Kenya"),
        ("table", KENYA),
        ("heading", "Colombia"),
        ("table", COLOMBIA),
        ("heading", "Highlights of the year"),
        ("para", "Success story:"),
        ("para", "Country: Kenya"),
        ("para", "Area: Rule of law"),
        ("para", "Courts clear their backlog"),
        ("para", "With advice from the country office, the judiciary adopted case management rules."),
        ("para", "Challenge:"),
        ("para", "Country: Colombia"),
        ("para", "Area: Civic space"),
        ("para", "Attacks on defenders"),
        ("para", "Human rights defenders continued to face threats in rural areas."),
    ]


def write_report(tmp_path: Path, donors: list[list[str]] | None = None, **kwargs: str) -> Path:
    folder = tmp_path / "annual_reports"
    folder.mkdir(exist_ok=True)
    return build_pdf(folder / "ohchr_report_2019.pdf", annual_report_blocks(donors), **kwargs)


def assert_accounted(result: DocumentParse) -> None:
    """Nothing lost: every row read is loaded or rejected, and frames match their schemas."""
    assert result.rows_read == result.rows_loaded + result.rows_rejected
    for name, frame in result.tables.items():
        assert frame.schema == pl.Schema(DOCUMENT_SCHEMAS[name]), name
    assert result.rejects.schema == pl.Schema(REJECT_SCHEMA)


# ----------------------------------------------------------------------------- annual report


def test_annual_report_tables_land_in_their_raw_tables_with_provenance(tmp_path: Path) -> None:
    path = write_report(tmp_path)
    result = parse_annual_report(path, 2019, tmp_path)
    assert_accounted(result)
    assert result.rejects.height == 0, result.rejects.to_dicts()
    tables = result.tables
    assert {name: frame.height for name, frame in tables.items()} == {
        "funding_summary": 5,
        "contributions": 60,
        "fund_statements": 4,
        "field_expenditure": 2,
        "assistance_activities": 3,
        "board_projects": 0,
        "highlights": 2,
        "upr_recommendations": 0,
    }
    assert result.rows_read == 5 + 60 + 2 + 2 + 3 + 2  # a fund row is read once, loaded as two lines

    summary = dict(zip(tables["funding_summary"]["metric"], tables["funding_summary"]["value"], strict=True))
    assert summary == {
        "voluntary_contributions": 179_000_000.0,
        "donors": 84.0,
        "member_state_donors": 66.0,
        "regular_budget": 133_900_000.0,
        "unearmarked_share": 42.5,
    }
    first = tables["contributions"].row(0, named=True)
    assert first["donor_name"] == "Kenya" and first["donor_code"] == "KEN"
    assert first["donor_type"] == "member_state" and first["fund_code"] == "OHCHR_VOLUNTARY"
    assert first["pledged_usd"] == Decimal("1000") and first["earmarked_usd"] == Decimal("900")
    assert first["figure_status"] == "final" and first["as_of"] == dt.date(2020, 6, 15)
    assert first["document_symbol"] == "A/HRC/43/3" and first["document_type"] == "annual_report"
    assert first["source_file"] == "annual_reports/ohchr_report_2019.pdf" and first["source_page"] == 1
    assert first["source_table"] == "contributions_by_donor" and first["source_row"] == 1
    assert first["source_sheet"] is None and len(first["source_sha256"]) == 64
    assert set(tables["contributions"]["donor_code"]) == {"KEN", "NOR", "CIV", "VEN", "TUR", "SWE"}
    # The table crosses a page break; rows keep counting across it.
    assert tables["contributions"]["source_row"].to_list() == list(range(1, 61))
    assert tables["contributions"]["source_page"].max() > 1

    vftc = tables["fund_statements"].filter(pl.col("fund_code") == "VFTC")
    assert dict(zip(vftc["line_item"], vftc["amount_usd"], strict=True)) == {
        "contributions_received": Decimal("17208002"),
        "total_expenditure": Decimal("15498086"),
    }
    field = tables["field_expenditure"]
    assert field["presence_type"].to_list() == ["country_office", "regional_office"]
    assert field["country_iso3"].to_list() == ["KEN", None]

    activities = tables["assistance_activities"]
    assert activities["country_iso3"].to_list() == ["KEN", "KEN", "COL"]
    assert activities["provider_type"].to_list() == ["field_presence", "ohchr_hq", "un_entity"]
    assert activities["fund_code"].to_list() == ["VFTC", "REGULAR_BUDGET", "VFFTA"]
    assert activities["thematic_area_code"].to_list() == ["torture_prevention", "nhri", "upr_implementation"]
    assert activities["upr_recommendations_addressed"].to_list() == [3, 0, 12]
    assert activities["source_table"].to_list() == [
        "assistance_activities/Kenya",
        "assistance_activities/Kenya",
        "assistance_activities/Colombia",
    ]

    highlights = tables["highlights"]
    assert highlights["kind"].to_list() == ["success_story", "challenge"]
    assert highlights["country_iso3"].to_list() == ["KEN", "COL"]
    assert highlights["thematic_area_code"].to_list() == ["rule_of_law", "civic_space"]
    assert highlights["title"].to_list() == ["Courts clear their backlog", "Attacks on defenders"]
    assert highlights["body"][1] == "Human rights defenders continued to face threats in rural areas."


def test_a_total_that_does_not_add_up_rejects_every_row_of_its_table(tmp_path: Path) -> None:
    path = write_report(tmp_path, donors=donor_rows(2, 4, break_total=1_000))
    result = parse_annual_report(path, 2019, tmp_path)
    assert_accounted(result)
    assert result.tables["contributions"].height == 0
    rejects = result.rejects
    assert rejects.height == 8
    assert set(rejects["rule"]) == {"totals_mismatch"}
    reason = rejects["reason"][0]
    assert reason == (
        "table 'Voluntary contributions by donor' does not add up: "
        "total 'Total' on page 1: Paid (USD) printed 19,000, computed 18,000"
    )
    assert set(rejects["source_table"]) == {"contributions_by_donor"}
    assert rejects["source_row"].to_list() == list(range(1, 9))
    assert json.loads(rejects["raw_values"][0])["donor"] == "Kenya"
    # The other tables of the report still load.
    assert result.tables["funding_summary"].height == 5


def test_a_donor_that_does_not_resolve_is_rejected_naming_file_and_page(tmp_path: Path) -> None:
    rows = [DONOR_HEADER, ["Kenya", "100", "100", "-", "100"], ["Atlantis", "50", "50", "50", "-"]]
    rows.append(["Total", "150", "150", "50", "100"])
    path = write_report(tmp_path, donors=rows)
    source = classify(path)
    assert source is not None
    # Through the registry, which stamps the family on the rejects.
    result = parse_document(source, tmp_path)
    assert_accounted(result)
    (reject,) = result.rejects.to_dicts()
    assert reject["rule"] == "unknown_donor"
    assert "'Atlantis'" in reject["reason"] and "donor_labels.csv" in reject["reason"]
    assert reject["source_file"] == "annual_reports/ohchr_report_2019.pdf"
    assert reject["source_page"] == 1 and reject["source_row"] == 2
    assert reject["source_family"] == "annual_reports" and reject["reporting_year"] == 2019
    assert result.tables["contributions"]["donor_code"].to_list() == ["KEN"]


def test_non_state_donors_resolve_through_the_donor_seed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        donors, "donor_by_label", lambda: {"european commission": ("EC", "intergovernmental_organisation")}
    )
    rows = [
        DONOR_HEADER,
        ["European Commission", "100", "100", "-", "100"],
        ["Total", "100", "100", "-", "100"],
    ]
    result = parse_annual_report(write_report(tmp_path, donors=rows), 2019, tmp_path)
    row = result.tables["contributions"].row(0, named=True)
    assert (row["donor_code"], row["donor_type"]) == ("EC", "intergovernmental_organisation")


def test_unknown_labels_are_rejected_by_rule(tmp_path: Path) -> None:
    blocks = annual_report_blocks()
    kenya = [list(r) for r in KENYA]
    kenya[1][1] = "Space law"  # thematic area
    kenya[2][5] = "Lottery"  # funding
    blocks[blocks.index(("table", KENYA))] = ("table", kenya)
    folder = tmp_path / "annual_reports"
    folder.mkdir()
    result = parse_annual_report(build_pdf(folder / "ohchr_report_2019.pdf", blocks), 2019, tmp_path)
    assert_accounted(result)
    rules = dict(zip(result.rejects["source_row"], result.rejects["rule"], strict=True))
    assert rules == {1: "unknown_thematic_area", 2: "unknown_fund"}
    assert "'Space law'" in result.rejects["reason"][0]


def test_a_truncated_report_is_unreadable_and_names_the_file(tmp_path: Path) -> None:
    path = write_report(tmp_path)
    path.write_bytes(path.read_bytes()[:5000])
    with pytest.raises(UnreadableSourceError, match=r"ohchr_report_2019\.pdf"):
        parse_annual_report(path, 2019, tmp_path)


def test_a_report_without_its_donor_table_is_unreadable(tmp_path: Path) -> None:
    blocks = [b for b in annual_report_blocks() if b != ("heading", "Voluntary contributions by donor")]
    folder = tmp_path / "annual_reports"
    folder.mkdir()
    path = build_pdf(folder / "ohchr_report_2019.pdf", blocks)
    with pytest.raises(UnreadableSourceError) as caught:
        parse_annual_report(path, 2019, tmp_path)
    message = str(caught.value)
    assert message.startswith("ohchr_report_2019.pdf: no table 'Voluntary contributions by donor' found")
    assert "searched headings: 'Voluntary contributions by donor'; 'Contributions by donor'" in message


def test_a_first_page_without_a_date_is_unreadable(tmp_path: Path) -> None:
    """Real documents print no status line (the status follows from the kind of document), but
    they do print a date: without one the figures could not be ordered."""
    path = write_report(tmp_path, as_of="")
    with pytest.raises(UnreadableSourceError, match="first page: no date on a line of its own"):
        parse_annual_report(path, 2019, tmp_path)


def test_the_annual_report_is_final_without_any_status_line(tmp_path: Path) -> None:
    result = parse_annual_report(write_report(tmp_path), 2019, tmp_path)
    first = result.tables["contributions"].row(0, named=True)
    assert (first["figure_status"], first["as_of"]) == ("final", dt.date(2020, 6, 15))


def test_a_report_of_the_wrong_year_fails_naming_the_file_and_both_years(tmp_path: Path) -> None:
    """Issue 10: the 2018 report saved as 2019 must not load as 2019."""
    path = write_report(tmp_path, title="UN Human Rights Report 2018", as_of="2019-06-14")
    with pytest.raises(UnreadableSourceError) as caught:
        parse_annual_report(path, 2019, tmp_path)
    assert str(caught.value) == (
        "ohchr_report_2019.pdf: wrong year: the document reports on 2018 (its title 'UN Human "
        "Rights Report 2018'), but its file name says 2019"
    )


def test_a_board_report_of_the_wrong_year_fails(tmp_path: Path) -> None:
    """A board report is presented the year after its accounts: dated 2019, it reports on 2018."""
    path = build_pdf(tmp_path / "vftc_board_report_2019.pdf", board_blocks(), as_of="2019-03-01")
    with pytest.raises(
        UnreadableSourceError,
        match=r"reports on 2018 \(it is dated 1 March 2019\), but its file name says 2019",
    ):
        parse_vftc_board_report(path, 2019, tmp_path)


# ----------------------------------------------------------------------------- appeal, annex


def test_appeal_carries_provisional_figures_for_the_year_before(tmp_path: Path) -> None:
    folder = tmp_path / "annual_reports"
    folder.mkdir()
    glance = [
        GLANCE[0],
        ["Voluntary contributions (USD)", "172,100,000"],
        ["Donors", "78"],
        ["Member States", "63"],
    ]
    path = build_pdf(
        folder / "human_rights_appeal_2020.pdf",
        [("heading", "Funding at a glance"), ("table", glance)],
        title="Human Rights Appeal 2020",
        symbol="",
        as_of="2020-01-15",
    )
    source = classify(path)
    assert source is not None and source.reporting_year == 2019 and source.document_type == "appeal"
    result = parse_appeal(path, 2019, tmp_path)
    assert_accounted(result)
    frame = result.tables["funding_summary"]
    assert frame["metric"].to_list() == ["voluntary_contributions", "donors", "member_state_donors"]
    assert frame["value"].to_list() == [172_100_000.0, 78.0, 63.0]
    assert set(frame["figure_status"]) == {"provisional"} and set(frame["reporting_year"]) == {2019}


def write_annex(path: Path, title_row: bool) -> Path:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    donors = workbook.add_worksheet("Contributions by donor")
    rows: list[list[object]] = [["Contributor", "Pledges (USD)", "Income received (USD)"]]
    rows += [["Norway", 1000, 900], ["Suède", 500, 500.5], ["Total", 1500, 1400.5]]
    if title_row:
        rows = [["OHCHR Report 2016 - funding annex", "31 May 2017"], [], *rows]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            donors.write(r, c, value)
    funds = workbook.add_worksheet("Funds")
    for r, values in enumerate([["Fund", "Contributions received", "Expenditure"], ["VFTC", 10, 8]]):
        for c, value in enumerate(values):
            funds.write(r, c, value)
    workbook.close()
    return path


def test_funding_annex_with_a_shifted_header_row(tmp_path: Path) -> None:
    path = write_annex(tmp_path / "ohchr_report_2016_funding_annex.xlsx", title_row=True)
    result = parse_funding_annex(path, 2016, tmp_path)
    assert_accounted(result)
    assert result.rejects.height == 0
    donors = result.tables["contributions"]
    assert donors["donor_code"].to_list() == ["NOR", "SWE"]
    assert donors["paid_usd"].to_list() == [Decimal("900"), Decimal("500.50")]
    assert donors["pledged_usd"].to_list() == [Decimal("1000"), Decimal("500")]
    assert donors["unearmarked_usd"].to_list() == [None, None]
    # Sheet rows as Excel shows them: title on 1, blank 2, header 3.
    assert donors["source_row"].to_list() == [4, 5]
    assert set(donors["source_sheet"]) == {"Contributions by donor"}
    assert donors["source_page"].to_list() == [None, None]
    assert donors["as_of"][0] == dt.date(2017, 5, 31) and donors["figure_status"][0] == "final"
    assert result.tables["fund_statements"]["amount_usd"].to_list() == [Decimal(10), Decimal(8)]


def test_funding_annex_total_mismatch_names_the_sheet_row(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "ohchr_report_2017_funding_annex.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Contributions by donor")
    for r, values in enumerate([["Donor", "Paid"], ["Norway", 10], ["Total", 11]]):
        for c, value in enumerate(values):
            sheet.write(r, c, value)
    workbook.close()
    result = parse_funding_annex(path, 2017, tmp_path)
    assert result.rejects["rule"].to_list() == ["totals_mismatch"]
    assert "total 'Total' on sheet row 3: paid printed 11, computed 10" in result.rejects["reason"][0]


# ----------------------------------------------------------------------------- board reports

STATEMENT = [
    ["Item", "Amount (USD)"],
    ["Opening balance", "10,000,000"],
    ["Contributions received", "17,208,002"],
    ["Other income", "100,000"],
    ["Total income", "17,308,002"],
    ["Total expenditure", "15,498,086"],
    ["Closing balance", "11,809,916"],
]
BOARD_DONORS = [["Donor", "Amount (USD)"], ["Norway", "1,000"], ["Kenya", "(200)"], ["Total", "800"]]
PROJECTS = [
    ["Country", "Region", "Project", "Thematic area", "Amount (USD)"],
    ["Fiji", "Asia-Pacific", "Treaty reporting support", "Treaty body reporting", "50,000"],
    ["Total", "", "", "", "50,000"],
]


def board_blocks(suffix: str = "") -> list[Block]:
    return [
        ("heading", "Activities of the Board"),
        ("para", "Forty-third session, Geneva, 11-15 March 2019"),
        ("heading", f"Statement of income and expenditure{suffix}"),
        ("table", STATEMENT),
        ("heading", f"Contributions by donor{suffix}"),
        ("table", BOARD_DONORS),
        ("heading", f"Projects funded by country{suffix}"),
        ("table", PROJECTS),
    ]


def test_vftc_board_report(tmp_path: Path) -> None:
    path = build_pdf(
        tmp_path / "vftc_board_report_2019.pdf",
        [
            ("heading", "Forty-third session (Geneva)"),
            ("para", "The Board held its forty-third session in Geneva from 11 to 15 March 2019."),
            ("heading", "Forty-fourth session (Guatemala)"),
            (
                "para",
                "The Board held its forty-fourth session in Guatemala from 30 September to 4 October 2019.",
            ),
            *board_blocks(),
        ],
        title="Report of the Board of Trustees of the VFTC",
        symbol="A/HRC/43/82",
        as_of="2020-02-20",
        cover=("Distr.: General",),
    )
    result = parse_vftc_board_report(path, 2019, tmp_path)
    assert_accounted(result)
    assert result.rejects.height == 0, result.rejects.to_dicts()
    statement = result.tables["fund_statements"]
    assert statement["line_item"].to_list() == [
        "opening_balance",
        "contributions_received",
        "other_income",
        "total_income",
        "total_expenditure",
        "closing_balance",
    ]
    assert set(statement["fund_code"]) == {"VFTC"}
    # The Board sessions the report covers, not the calendar year (its reporting year is 2019).
    assert statement["period_start"][0] == dt.date(2019, 3, 11) and statement["period_end"][0] == dt.date(
        2019, 10, 4
    )
    assert set(statement["figure_status"]) == {"final"} and set(statement["as_of"]) == {dt.date(2020, 2, 20)}
    donors = result.tables["contributions"]
    assert donors["paid_usd"].to_list() == [Decimal(1000), Decimal(-200)]
    assert set(donors["fund_code"]) == {"VFTC"}
    projects = result.tables["board_projects"]
    assert projects.select("country_iso3", "thematic_area_code").row(0) == ("FJI", "treaty_reporting")


def test_a_statement_that_does_not_balance_rejects_its_rows(tmp_path: Path) -> None:
    blocks = board_blocks()
    statement = [list(r) for r in STATEMENT]
    statement[6][1] = "11,809,000"
    blocks[3] = ("table", statement)
    path = build_pdf(tmp_path / "vftc_board_report_2015.pdf", blocks, as_of="2016-04-12")
    result = parse_vftc_board_report(path, 2015, tmp_path)
    assert_accounted(result)
    assert result.tables["fund_statements"].height == 0
    assert result.rejects["rule"].to_list() == ["statement_does_not_balance"] * 6
    reason = result.rejects["reason"][0]
    assert "page 1" in reason and "= 11,809,916, printed closing balance 11,809,000" in reason


def test_upr_fund_reports_take_the_fund_from_their_title(tmp_path: Path) -> None:
    """Each UPR fund has its own report; the fund is the one the first page's title names, not
    the file's name: the VFFTA's report filed under the participation fund's name is read as
    the VFFTA's."""
    from samples import documents as generator

    misfiled = tmp_path / "upr_participation_fund_report_2019.pdf"
    entry = generator.write_vffta_report(misfiled, 2019)
    result = parse_upr_participation_fund_report(misfiled, 2019, tmp_path)
    assert_accounted(result)
    assert result.rejects.height == 0
    for table_id, raw in (
        ("fund_statement", "fund_statements"),
        ("board_contributions", "contributions"),
        ("board_projects", "board_projects"),
    ):
        assert result.tables[raw]["fund_code"].unique().to_list() == ["VFFTA"], raw
        printed = next(t for t in entry["tables"] if t["table_id"] == table_id)
        assert result.tables[raw].height == printed["data_rows"], raw

    participation = tmp_path / "upr_participation_fund_report_2018.pdf"
    generator.write_upr_participation_fund_report(participation, 2018)
    read = parse_upr_participation_fund_report(participation, 2018, tmp_path)
    assert read.rejects.height == 0
    assert read.tables["fund_statements"]["fund_code"].unique().to_list() == ["UPR_PARTICIPATION"]


def test_a_upr_fund_report_whose_title_names_no_fund_is_rejected(tmp_path: Path) -> None:
    path = build_pdf(
        tmp_path / "vffta_report_2019.pdf",
        board_blocks(),
        title="Operations of the Fund for Lunar Cooperation",
    )
    result = parse_vffta_report(path, 2019, tmp_path)
    assert_accounted(result)
    assert all(frame.height == 0 for frame in result.tables.values())
    # Every row (6 statement lines, 2 donors, 1 project) is a reject that says why.
    assert result.rejects["rule"].to_list() == ["unknown_fund"] * 9
    assert "'Operations of the Fund for Lunar Cooperation'" in result.rejects["reason"][0]


# ----------------------------------------------------------------------------- discovery


def test_discover_finds_documents_by_family_and_year(tmp_path: Path) -> None:
    for name in (
        "annual_reports/ohchr_report_2019.pdf",
        "annual_reports/ohchr_report_2019_funding_annex.xlsx",
        "annual_reports/human_rights_appeal_2020.pdf",
        "annual_reports/notes.txt",
        "fund_board_reports/vftc_board_report_2019.pdf",
        "fund_board_reports/upr_participation_fund_report_2018.pdf",
        "fund_board_reports/vffta_report_2018.pdf",
    ):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    found = discover(tmp_path)
    assert sorted(found) == [2018, 2019]
    assert [(s.document_type, s.family) for s in found[2019]] == [
        ("annual_report", "annual_reports"),
        ("funding_annex", "annual_reports"),
        ("appeal", "annual_reports"),
        ("vftc_board_report", "fund_board_reports"),
    ]
    assert [s.document_type for s in found[2018]] == ["upr_participation_fund_report", "vffta_report"]
    assert list(discover(tmp_path, [2018])) == [2018]


def test_the_registry_takes_a_family_whose_year_is_in_the_document(tmp_path: Path) -> None:
    """A family as one registry line (as the UPR Working Group reports are): files without a
    year in the name, the year read from the first page; the family comes from the registry."""
    folder = tmp_path / "stand_in_reports"
    folder.mkdir()
    build_pdf(
        folder / "a_hrc_41_4.pdf",
        [("heading", "Conclusions and recommendations")],
        title="Report of the Working Group on the Universal Periodic Review",
        symbol="A/HRC/41/4",
        as_of="2019-04-10",
    )
    (folder / "notes.txt").write_text("not a report")

    def session_year(pdf: Path) -> int | None:
        found = read_facts(first_page_lines(pdf)).date
        return found.year if found else None

    def parse_upr_report(
        pdf: Path, reporting_year: int, sources_root: Path, cache_dir: Path | None = None
    ) -> DocumentParse:
        # A stand-in: the real parser builds rows with document_kit.DocumentBuilder.
        return DocumentParse(
            source_file=pdf.relative_to(sources_root).as_posix(),
            sha256="",
            document_type="stand_in_report",
            reporting_year=reporting_year,
            rows_read=0,
            rows_loaded=0,
            tables={name: pl.DataFrame(schema=schema) for name, schema in DOCUMENT_SCHEMAS.items()},
            rejects=pl.DataFrame(schema=REJECT_SCHEMA),
        )

    kind = registry.DocumentKind(
        "stand_in_report",
        "stand_in_reports",
        re.compile(r"^.+\.pdf$"),
        parse_upr_report,
        ("highlights",),
        reporting_year=registry.year_from_document(session_year),
    )
    kinds = (*registry.KINDS, kind)
    found = discover(tmp_path, kinds=kinds)
    assert list(found) == [2019]
    (source,) = found[2019]
    assert (source.path.name, source.family, source.document_type) == (
        "a_hrc_41_4.pdf",
        "stand_in_reports",
        "stand_in_report",
    )
    result = parse_document(source, tmp_path)
    assert result.family == "stand_in_reports"
    assert result.audit_row()["source_family"] == "stand_in_reports"
    assert registry.families(kinds) == (
        "annual_reports",
        "fund_board_reports",
        "upr_reports",
        "stand_in_reports",
    )
    # A raw table without a schema cannot be registered.
    with pytest.raises(ValueError, match="no raw schema"):
        registry.DocumentKind("upr_report", "upr_reports", kind.file_name, parse_upr_report, ("nope",))


def test_the_appeal_reports_on_the_year_before_in_one_place(tmp_path: Path) -> None:
    folder = tmp_path / "annual_reports"
    folder.mkdir()
    appeal = folder / "human_rights_appeal_2020.pdf"
    appeal.write_bytes(b"")
    assert registry.reporting_year_of(appeal) == 2019
    # The name alone, outside the family's folder, is no document.
    assert classify(tmp_path / "human_rights_appeal_2020.pdf") is None
    assert registry.reporting_year_of(tmp_path / "request_logs" / "request_log_2019.csv") == 2019


# ----------------------------------------------------------------------------- the sample sources

SAMPLE_DOCUMENTS = [s for sources in discover(SAMPLE_SOURCES).values() for s in sources]
needs_samples = pytest.mark.skipif(not SAMPLE_DOCUMENTS, reason="the sample documents are not generated yet")


@needs_samples
@pytest.mark.parametrize("source", SAMPLE_DOCUMENTS, ids=lambda s: s.path.name)
def test_every_committed_document_parses_without_rejects(source: registry.DocumentSource) -> None:
    result = parse_document(source, SAMPLE_SOURCES)
    assert_accounted(result)
    assert result.rows_read > 0
    assert result.rejects.height == 0, result.rejects.select(
        "source_table", "source_row", "rule", "reason"
    ).to_dicts()


@pytest.fixture(scope="module")
def parsed_samples() -> dict[str, object]:
    """Every committed document parsed once: the raw tables over all files, the results by
    file, and the generator's two manifests (its ground truth, computed from its model)."""
    assert SAMPLE_DOCUMENTS, f"no sample documents in {SAMPLE_SOURCES}: run `tcw sources generate`"
    results = {
        s.path.relative_to(SAMPLE_SOURCES).as_posix(): parse_document(s, SAMPLE_SOURCES)
        for s in SAMPLE_DOCUMENTS
    }
    tables = {name: pl.concat([r.tables[name] for r in results.values()]) for name in DOCUMENT_SCHEMAS}
    manifests = {
        family: json.loads((SAMPLE_SOURCES / family / "manifest.json").read_text(encoding="utf-8"))
        for family in ("annual_reports", "fund_board_reports")
    }
    return {"results": results, "tables": tables, "manifests": manifests}


def _manifest_files(parsed: dict[str, object]) -> list[dict[str, object]]:
    manifests = parsed["manifests"]  # type: ignore[index]
    return [f for m in manifests.values() for f in m["files"]]  # type: ignore[union-attr]


def _table_base(source_table: str) -> str:
    return source_table.split("/", 1)[0]


@needs_samples
def test_samples_rows_per_table_pages_and_first_page_facts_match_the_manifest(
    parsed_samples: dict[str, object],
) -> None:
    results: dict[str, DocumentParse] = parsed_samples["results"]  # type: ignore[assignment]
    for entry in _manifest_files(parsed_samples):
        result = results[entry["path"]]  # type: ignore[index]
        columns = ("source_table", "source_page", "source_row", "figure_status", "as_of", "document_symbol")
        # One row per table row read: a funds-table row gives two fund_statements rows.
        loaded = pl.concat(
            [f.select(columns) for name, f in result.tables.items() if f.height and name != "highlights"]
        ).unique(["source_table", "source_page", "source_row"])
        got: dict[str, int] = {}
        for table in loaded["source_table"]:
            got[_table_base(table)] = got.get(_table_base(table), 0) + 1
        expected: dict[str, int] = {}
        for table in entry.get("tables", []):  # type: ignore[union-attr]
            if not table.get("ignored"):
                expected[table["table_id"]] = expected.get(table["table_id"], 0) + table["data_rows"]
        assert got == {k: v for k, v in expected.items() if v}, entry["path"]
        assert set(loaded["figure_status"]) == {entry["status"]}, entry["path"]
        # An annex states neither: they come from the first page of its report.
        assert set(loaded["as_of"]) == {dt.date.fromisoformat(entry["as_of"])}, entry["path"]  # type: ignore[arg-type]
        assert set(loaded["document_symbol"]) == {entry["symbol"]}, entry["path"]
        if entry["format"] == "pdf":
            pages = {p for t in entry["tables"] for p in t["pages"]}  # type: ignore[union-attr]
            assert set(loaded["source_page"]) <= pages, entry["path"]


@needs_samples
def test_samples_figures_match_the_manifest(parsed_samples: dict[str, object]) -> None:
    tables: dict[str, pl.DataFrame] = parsed_samples["tables"]  # type: ignore[assignment]
    annual = parsed_samples["manifests"]["annual_reports"]["expected"]  # type: ignore[index]
    board = parsed_samples["manifests"]["fund_board_reports"]["expected"]  # type: ignore[index]

    summary = tables["funding_summary"]
    got_summary = {
        (r["source_file"], r["metric"]): (r["value"], r["unit"], r["figure_status"], r["as_of"].isoformat())
        for r in summary.iter_rows(named=True)
    }
    want_summary = {
        (e["file"], e["metric"]): (float(e["value"]), e["unit"], e["figure_status"], e["as_of"])
        for e in annual["funding_summary"]
    }
    assert got_summary == want_summary

    activities = tables["assistance_activities"]
    for year_total in annual["assistance_activities"]["totals_by_year"]:
        rows = activities.filter(pl.col("reporting_year") == year_total["year"])
        assert rows.height == year_total["activities"]
        assert rows["country_iso3"].n_unique() == year_total["countries"]
        assert rows["upr_recommendations_addressed"].sum() == year_total["upr_recommendations_addressed"]
    for want in annual["assistance_activities"]["by_country_year"]:
        rows = activities.filter(
            (pl.col("reporting_year") == want["year"]) & (pl.col("country_iso3") == want["country_iso3"])
        )
        assert rows.height == want["activities"]
        for column, key in (("fund_code", "by_fund"), ("provider_type", "by_provider_type"),
                            ("thematic_area_code", "by_thematic_area")):  # fmt: skip
            assert dict(rows.group_by(column).len().iter_rows()) == want[key], (want["year"], column)

    field = tables["field_expenditure"]
    for want in annual["field_expenditure"]:
        rows = field.filter(pl.col("reporting_year") == want["year"])
        assert rows.height == want["presences"]
        for column in ("regular_budget_usd", "extrabudgetary_usd", "total_usd"):
            assert rows[column].sum() == want[column]

    statements = tables["fund_statements"]
    for want in annual["fund_contributions"]:
        rows = statements.filter(
            (pl.col("document_type") == "annual_report")
            & (pl.col("reporting_year") == want["year"])
            & (pl.col("fund_code") == want["fund_code"])
        )
        assert dict(rows.select("line_item", "amount_usd").iter_rows()) == {
            "contributions_received": want["contributions_usd"],
            "total_expenditure": want["expenditure_usd"],
        }
    items = ("opening_balance", "contributions_received", "other_income", "total_income",
             "total_expenditure", "closing_balance")  # fmt: skip
    for want in board["fund_statements"]:
        rows = statements.filter(
            (pl.col("document_type") == want["document_type"])
            & (pl.col("reporting_year") == want["year"])
            & (pl.col("fund_code") == want["fund_code"])
        )
        assert dict(rows.select("line_item", "amount_usd").iter_rows()) == {i: want[i] for i in items}
        assert set(rows["period_start"]) == {dt.date.fromisoformat(want["period_start"])}
        assert set(rows["period_end"]) == {dt.date.fromisoformat(want["period_end"])}

    projects = tables["board_projects"]
    for want in board["board_projects"]:
        rows = projects.filter(
            (pl.col("reporting_year") == want["year"]) & (pl.col("fund_code") == want["fund_code"])
        )
        assert rows.height == want["projects"] and rows["amount_usd"].sum() == want["total_usd"]
        assert (
            dict(rows.group_by("country_iso3").agg(pl.col("amount_usd").sum()).iter_rows())
            == want["by_country"]
        )

    contributions = tables["contributions"]
    for want in board["contributions_sentinel_donors"]:
        rows = contributions.filter(
            (pl.col("reporting_year") == want["year"])
            & (pl.col("fund_code") == want["fund_code"])
            & (pl.col("donor_code") == want["donor_code"])
            & pl.col("document_type").is_in(
                ["vftc_board_report", "upr_participation_fund_report", "vffta_report"]
            )
        )
        # None: the donor did not give to that fund that year.
        assert (rows["paid_usd"].sum() if rows.height else None) == want["amount_usd"], want
    for want in annual["contributions_sentinel_donors"]:
        for document_type in want["documents"]:
            rows = contributions.filter(
                (pl.col("reporting_year") == want["year"])
                & (pl.col("document_type") == document_type)
                & (pl.col("donor_code") == want["donor_code"])
            )
            assert rows.height == int(want["present"]), want
            if want["present"]:
                row = rows.row(0, named=True)
                for column in ("pledged_usd", "paid_usd", "unearmarked_usd", "earmarked_usd"):
                    assert row[column] == want[column], (want, column)
    annual_donors = contributions.filter(pl.col("document_type") == "annual_report")
    for want in annual["donor_counts"]:
        rows = annual_donors.filter(pl.col("reporting_year") == want["year"])
        assert rows.height == want["donors"]
        assert rows.filter(pl.col("donor_type") == "member_state").height == want["member_state_donors"]

    highlights = tables["highlights"]
    for want in annual["highlights"]:
        rows = highlights.filter(pl.col("reporting_year") == want["year"])
        assert rows.height == want["total"]
        assert rows.select("country_iso3", "kind", "thematic_area_code", "title").to_dicts() == want["items"]


def test_layouts_cover_every_wording_the_generator_uses() -> None:
    """Every heading, header wording and fixed label that the generator prints (its exported
    constants) is known to `layouts.py`, and maps to the right column, metric or line item."""
    from pipelines.ingest.layouts import (
        ANNUAL_REPORT,
        FUNDING_INDICATORS,
        LAYOUTS,
        PRESENCE_TYPES,
        STATEMENT_LINE_ITEMS,
        UN_ENTITIES,
        indicator_key,
        label_lookup,
    )
    from pipelines.ingest.pdf import Cell, Line, header_key, match_heading
    from samples import document_data
    from samples import documents as generator

    specs = {t.table_id: t.spec() for layout in LAYOUTS.values() for t in layout.tables}
    for table_id, columns in generator.HEADER_WORDINGS.items():
        spec = specs[table_id]
        mapped = {
            column: {spec.lookup.get(header_key(w)) for w in words} for column, words in columns.items()
        }
        # Each column's wordings all land on one canonical column, a different one per column.
        assert all(len(names) == 1 and None not in names for names in mapped.values()), (table_id, mapped)
        assert len({next(iter(names)) for names in mapped.values()}) == len(columns), table_id
    for table_id, headings in generator.TABLE_HEADINGS.items():
        for heading in headings:
            for suffix in ("", *generator.CONTINUED_SUFFIXES):
                line = Line(1, 0.0, 10.0, (Cell(heading + suffix, 0.0, 1.0),))
                assert match_heading(line, specs[table_id]) is not None, heading + suffix
    chapters = {header_key(c) for c in ANNUAL_REPORT.chapters}
    assert {header_key(t) for titles in generator.CHAPTER_TITLES.values() for t in titles} <= chapters
    assert ANNUAL_REPORT.highlights is not None
    kinds = {header_key(w): k for k, words in ANNUAL_REPORT.highlights.kinds.items() for w in words}
    assert {
        k: kinds.get(header_key(label.rstrip(":"))) for k, label in generator.HIGHLIGHT_LABELS.items()
    } == {k: k for k in generator.HIGHLIGHT_LABELS}
    indicators = {indicator_key(w): m for m, (_, words) in FUNDING_INDICATORS.items() for w in words}
    for label, metric, unit in generator.GLANCE_ITEMS:
        assert indicators[indicator_key(label)] == metric and FUNDING_INDICATORS[metric][0] == unit
    items = label_lookup(STATEMENT_LINE_ITEMS)
    assert all(items[header_key(label)] == code for label, code in generator.STATEMENT_ITEMS)
    types = label_lookup(PRESENCE_TYPES)
    assert all(header_key(t) in types for t in document_data.PRESENCE_TYPES)
    assert set(document_data.UN_ENTITY_PROVIDERS) <= set(UN_ENTITIES)


# ----------------------------------------------------------------------------- the generator's bad documents


def test_generator_broken_totals_reject_every_row_of_that_table_only(tmp_path: Path) -> None:
    from samples import documents as generator

    folder = tmp_path / "annual_reports"
    entry = generator.write_annual_report(folder / "ohchr_report_2019.pdf", 2019, break_total=True)
    result = parse_annual_report(folder / "ohchr_report_2019.pdf", 2019, tmp_path)
    assert_accounted(result)
    donors = next(t for t in entry["tables"] if t["table_id"] == "contributions_by_donor")
    assert result.rejects.height == donors["data_rows"]
    assert set(result.rejects["rule"]) == {"totals_mismatch"}
    assert set(result.rejects["source_table"]) == {"contributions_by_donor"}
    reason = result.rejects["reason"][0]
    assert f"on page {donors['pages'][-1]}:" in reason and "printed" in reason and "computed" in reason
    assert result.tables["contributions"].height == 0
    assert result.tables["assistance_activities"].height > 0  # the rest of the report loads

    board = generator.write_vftc_board_report(
        tmp_path / "vftc_board_report_2019.pdf", 2019, break_total="fund_statement"
    )
    broken = parse_vftc_board_report(tmp_path / "vftc_board_report_2019.pdf", 2019, tmp_path)
    assert broken.rejects["rule"].unique().to_list() == ["statement_does_not_balance"]
    statement = next(t for t in board["tables"] if t["table_id"] == "fund_statement")
    assert broken.rejects.height == statement["data_rows"]


def test_generator_truncated_copy_is_unreadable(tmp_path: Path) -> None:
    from samples import documents as generator

    whole = tmp_path / "whole.pdf"
    generator.write_vffta_report(whole, 2020)
    cut = generator.truncate_copy(whole, tmp_path / "vffta_report_2020.pdf", keep=0.6)
    with pytest.raises(UnreadableSourceError, match=r"^vffta_report_2020\.pdf: "):
        parse_vffta_report(cut, 2020, tmp_path)


def test_only_fund_reports_take_their_year_from_their_date() -> None:
    """A fund report gives the accounts of the year before its date; another kind (a UPR Working
    Group report, dated the year of its session) is not year-checked from its date."""
    from pipelines.ingest.hrc_document import document_year

    dated = document_year("vftc_board_report", [], dt.date(2020, 2, 14))
    assert dated == (2019, "it is dated 14 February 2020")
    assert document_year("vffta_report", [], dt.date(2015, 2, 6))[0] == 2014  # type: ignore[index]
    assert document_year("upr_participation_fund_report", [], dt.date(2015, 2, 6))[0] == 2014  # type: ignore[index]
    assert document_year("upr_report", [], dt.date(2014, 4, 4)) is None
