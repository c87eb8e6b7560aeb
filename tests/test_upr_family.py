"""The UPR Working Group reports as a source family (issue 9): the sample reports the generator
writes, parsed by the same parser as the real ones; the registry line; the seeded rules that
classify recommendations and flag calls for technical assistance, on texts of real reports."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pytest

from pipelines.ingest.raw_schemas import DOCUMENT_SCHEMAS
from pipelines.ingest.registry import discover, parse_document
from pipelines.ingest.upr_reports import parse_upr_report
from pipelines.settings import SEEDS_DIR
from samples.upr_reviews import MAX_CITED, SAMPLE_REVIEWS, review_before
from tests.conftest import SAMPLE_SOURCES

FOLDER = SAMPLE_SOURCES / "upr_reports"
MANIFEST: dict[str, Any] = json.loads((FOLDER / "manifest.json").read_text(encoding="utf-8"))
FURNITURE = re.compile(r"A/HRC/\d+/\d+|GE\.\d{2}-\d{5}|\ufffe")


@pytest.fixture(scope="module")
def parsed() -> dict[str, tuple[pl.DataFrame, pl.DataFrame, Any]]:
    return {entry["file"]: parse_upr_report(SAMPLE_SOURCES / entry["file"]) for entry in MANIFEST["reports"]}


def test_every_sample_report_parses_to_the_manifests_counts(
    parsed: dict[str, tuple[pl.DataFrame, pl.DataFrame, Any]],
) -> None:
    assert len(MANIFEST["reports"]) == len(SAMPLE_REVIEWS) == 24
    for entry in MANIFEST["reports"]:
        rows, rejects, meta = parsed[entry["file"]]
        assert rejects.is_empty(), entry["file"]
        assert (meta.symbol, meta.state_iso3, meta.review_year, meta.cycle) == (
            entry["symbol"],
            entry["state_under_review_iso3"],
            entry["review_year"],
            entry["cycle"],
        )
        assert rows.height == entry["rows"], entry["file"]
        recommendations = rows.unique("paragraph")
        assert recommendations.height == entry["recommendations"], entry["file"]
        by_position = dict(recommendations.group_by("position").len().iter_rows())
        assert by_position == entry["by_position"], entry["file"]


def test_sample_reports_use_both_cycles_wordings(
    parsed: dict[str, tuple[pl.DataFrame, pl.DataFrame, Any]],
) -> None:
    positions = pl.concat([rows for rows, _, _ in parsed.values()])["position"].unique().sort().to_list()
    assert positions == ["already_implemented", "noted", "pending", "supported"]


def test_sample_text_is_joined_and_free_of_furniture(
    parsed: dict[str, tuple[pl.DataFrame, pl.DataFrame, Any]],
) -> None:
    texts = pl.concat([rows for rows, _, _ in parsed.values()])["text"]
    assert not texts.str.contains(FURNITURE.pattern).any()
    # Words the generator hyphenates at line ends come out whole.
    assert texts.str.contains("disappearance").any()
    assert not texts.str.contains(r"[a-z]-[a-z]+ance\b").any()
    pages = pl.concat([rows for rows, _, _ in parsed.values()])["source_page"]
    assert pages.n_unique() > 5  # recommendations run over several pages


def test_the_registry_files_a_report_under_its_review_year() -> None:
    found = discover(SAMPLE_SOURCES, years=[2017])
    upr = [s for s in found[2017] if s.family == "upr_reports"]
    expected = sorted(e["file"].split("/")[1] for e in MANIFEST["reports"] if e["review_year"] == 2017)
    assert sorted(s.path.name for s in upr) == expected
    result = parse_document(upr[0], SAMPLE_SOURCES)
    table = result.tables["upr_recommendations"]
    assert table.schema == pl.Schema(DOCUMENT_SCHEMAS["upr_recommendations"])
    entry = next(e for e in MANIFEST["reports"] if e["file"] == f"upr_reports/{upr[0].path.name}")
    audit = result.audit_row()
    assert audit["source_family"] == "upr_reports" and audit["reporting_year"] == 2017
    assert audit["rows_read"] == audit["rows_loaded"] + audit["rows_rejected"] == entry["rows"]
    assert table["reporting_year"].unique().to_list() == [2017]
    assert table["document_symbol"].unique().to_list() == [entry["symbol"]]


def test_a_report_without_section_two_is_a_reject_not_a_failure(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    folder = tmp_path / "upr_reports"
    folder.mkdir()
    canvas = Canvas(str(folder / "broken.pdf"))
    canvas.drawString(72, 750, "A/HRC/22/14")
    canvas.drawString(72, 730, "Report of the Working Group on the Universal Periodic Review")
    canvas.drawString(72, 710, "Kenya")
    canvas.drawString(72, 690, "1. The review of Kenya was held at the 5th meeting on 24 October 2017.")
    canvas.save()
    [source] = discover(tmp_path)[2017]
    result = parse_document(source, tmp_path)
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (1, 0, 1)
    reject = result.rejects.row(0, named=True)
    assert reject["rule"] == "upr_report_structure" and "broken.pdf" in reject["reason"]
    assert reject["source_family"] == "upr_reports"


def test_request_log_citations_name_recommendations_of_the_sample_reports() -> None:
    """The request-log generator cites `<head>.<n>` of the State's latest review before the
    request: every such paragraph exists in that review's report."""
    from pipelines.reference.countries import resolve_country

    csv_file = SAMPLE_SOURCES / "request_logs" / "request_log_2021.csv"
    frame = pl.read_csv(csv_file, infer_schema=False)
    cited = frame.filter(pl.col("UPR recommendations").is_not_null() & (pl.col("Status") == "Received"))
    assert cited.height > 20
    heads = {r.symbol: r.head for r in SAMPLE_REVIEWS}
    sizes = {e["symbol"]: e["by_position"]["supported"] for e in MANIFEST["reports"]}
    for row in cited.iter_rows(named=True):
        iso3 = resolve_country(row["Requesting State"]).iso3
        review = review_before(iso3 or "", dt.date.fromisoformat(row["Received on"]))
        assert review is not None, row
        for reference in row["UPR recommendations"].split(";"):
            head, number = reference.strip().split(".")
            assert int(head) == heads[review.symbol]
            assert 1 <= int(number) <= min(MAX_CITED, sizes[review.symbol])


def _seed(name: str) -> list[dict[str, str]]:
    with (SEEDS_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _theme(text: str) -> str | None:
    rules = sorted(_seed("upr_theme_rules"), key=lambda r: int(r["priority"]))
    with duckdb.connect() as con:
        for rule in rules:
            if con.execute("select regexp_matches(lower(?), ?)", [text, rule["pattern"]]).fetchone()[0]:
                return rule["thematic_area_code"]
    return None


def _calls_for_assistance(text: str) -> bool:
    with duckdb.connect() as con:
        return any(
            con.execute("select regexp_matches(lower(?), ?)", [text, rule["pattern"]]).fetchone()[0]
            for rule in _seed("upr_assistance_rules")
        )


# Recommendations as the real reports print them (../shared/reference/upr/reports).
CALLS_FOR_ASSISTANCE = [
    "Seek the support of the international community in its post-conflict reconstruction phase, "
    "including capacity-building and training and institution building (Madagascar);",
    "Continue seeking technical and financial assistance for demining activities (Lebanon);",
    "Redouble efforts to seek assistance from its partners, including the United Nations (Morocco);",
    "Fulfil, with the help of the international community, its international human rights "
    "obligations (Chile)",
    "To strengthen capacities of its law enforcement agencies (Albania);",
    "Continue its cooperation with the United Nations and other international organizations to "
    "overcome the remaining constraints and challenges (Lao People's Democratic Republic);",
]
NO_CALL = [
    "Consider acceding to the ICRMW (Ecuador);",
    "Continue efforts in the educational sector and eradication of illiteracy (Sudan);",
    "Ensure that the age of criminal responsibility is not lowered (Germany);",
    "Ratify the Optional Protocol to the Convention against Torture (Denmark);",
]


@pytest.mark.parametrize("text", CALLS_FOR_ASSISTANCE)
def test_assistance_rules_flag_real_calls_for_assistance(text: str) -> None:
    assert _calls_for_assistance(text)


@pytest.mark.parametrize("text", NO_CALL)
def test_assistance_rules_leave_other_recommendations(text: str) -> None:
    assert not _calls_for_assistance(text)


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("Ratify the Optional Protocol to the Convention against Torture (Denmark);", "torture_prevention"),
        ("Strengthen the Ombudsman in line with the Paris Principles (Poland);", "nhri"),
        ("Continue to combat domestic violence against women (Spain);", "gender_equality"),
        ("Consider acceding to the ICRMW (Ecuador);", "treaty_reporting"),
        ("Ensure that the age of criminal responsibility is not lowered (Germany);", "rule_of_law"),
        ("Preserve the natural institution of the family (Holy See);", None),
    ],
)
def test_theme_rules_on_real_recommendations(text: str, area: str | None) -> None:
    assert _theme(text) == area


def test_every_theme_rule_names_a_thematic_area() -> None:
    areas = {row["thematic_area_code"] for row in _seed("thematic_areas")}
    rules = _seed("upr_theme_rules")
    assert {row["thematic_area_code"] for row in rules} <= areas
    assert len({row["priority"] for row in rules}) == len(rules)


def test_committed_sample_reports_are_what_the_generator_writes(tmp_path: Path) -> None:
    from samples.upr_reports import write_upr_reports

    write_upr_reports(tmp_path / "upr_reports")
    written = sorted(p.name for p in (tmp_path / "upr_reports").iterdir())
    assert written == sorted(p.name for p in FOLDER.iterdir())
    for name in written:
        assert (tmp_path / "upr_reports" / name).read_bytes() == (FOLDER / name).read_bytes(), name
