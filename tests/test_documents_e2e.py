"""The document slice end to end: published figures reach the marts exactly, restatements keep
their history, documents that disagree are reported, bad documents lose nothing else."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import pytest

from tests.conftest import SAMPLE_SOURCES, SHARED_REFERENCE, Deployment, copy_sources, require_reference

pytestmark = pytest.mark.e2e


def query(db: Path, sql: str, params: list[object] | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def published_figures() -> list[dict[str, str]]:
    path = require_reference(SHARED_REFERENCE / "published_figures.csv")
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_vftc_figures_equal_what_ohchr_published(built_warehouse: Path) -> None:
    rows = [r for r in published_figures() if r["scope"] == "VFTC"]
    assert {(r["metric"], r["period"]) for r in rows} >= {
        ("contributions_received", "2019"),
        ("contributions_received", "2020"),
    }
    for row in rows:
        year, value = int(row["period"]), float(row["value"])
        if row["metric"] == "contributions_received":
            (donors_total,) = query(
                built_warehouse,
                "select sum(paid_usd) from marts.contributions where fund_code = 'VFTC' and year = ?",
                [year],
            )[0]
            assert float(donors_total) == value, (year, "contributions mart")
        column = {
            "contributions_received": "contributions_received_usd",
            "total_expenditure": "total_expenditure_usd",
        }[row["metric"]]
        (statement,) = query(
            built_warehouse,
            f"select {column} from marts.resources_by_fund where fund_code = 'VFTC' and year = ?",
            [year],
        )[0]
        assert float(statement) == value, (year, row["metric"])


def test_ohchr_2019_shows_the_final_figure_and_keeps_the_provisional_one(built_warehouse: Path) -> None:
    published = {
        (r["status"]): float(r["value"])
        for r in published_figures()
        if r["scope"] == "OHCHR" and r["metric"] == "voluntary_contributions" and r["period"] == "2019"
    }
    value, status, restated, previous, previous_status = query(
        built_warehouse,
        "select value, figure_status, is_restated, previous_value, previous_status "
        "from marts.funding_figures "
        "where scope = 'OHCHR' and metric = 'voluntary_contributions' and year = 2019",
    )[0]
    assert (value, status) == (published["final"], "final") == (179_000_000, "final")
    assert restated and (previous, previous_status) == (published["provisional"], "provisional")
    # Every OHCHR total the source publishes as final is the warehouse's current figure.
    finals = {
        int(r["period"]): float(r["value"])
        for r in published_figures()
        if r["scope"] == "OHCHR"
        and r["metric"] == "voluntary_contributions"
        and r["status"] == "final"
        and r["period"].isdigit()
        and 2012 <= int(r["period"]) <= 2025
    }
    current = dict(
        query(
            built_warehouse,
            "select year, value from marts.funding_figures "
            "where scope = 'OHCHR' and metric = 'voluntary_contributions'",
        )
    )
    assert {y: current[y] for y in finals} == finals


def test_published_donor_rows_are_in_contributions(built_warehouse: Path) -> None:
    from pipelines.reference.countries import resolve_country

    for row in published_figures():
        if not row["metric"].startswith("contribution_by_donor:") or not 2012 <= int(row["period"]) <= 2025:
            continue
        donor = row["metric"].split(":", 1)[1]
        code = resolve_country(donor).iso3 or "EC"
        found = query(
            built_warehouse,
            "select paid_usd from marts.contributions where fund_code = 'OHCHR_VOLUNTARY' and year = ? "
            "and (donor_code = ? or donor_code in "
            "(select donor_code from marts.dim_donor where donor_name = ?))",
            [int(row["period"]), code, donor],
        )
        assert found and float(found[0][0]) == float(row["value"]), (donor, row["period"])


def test_the_planted_disagreement_is_reported_with_both_documents(built_warehouse: Path) -> None:
    import json

    from dagster import DagsterInstance

    manifest = json.loads((SAMPLE_SOURCES / "annual_reports" / "manifest.json").read_text())
    planted = manifest["cross_source"]["planted_differences"]
    assert planted
    instance_home = built_warehouse.parents[2] / "dagster_home"
    with DagsterInstance.from_config(str(instance_home)) as instance:
        from dagster import AssetCheckKey, AssetKey

        record = instance.event_log_storage.get_latest_asset_check_execution_by_key(
            [AssetCheckKey(AssetKey(["raw", "fund_statements"]), "fund_figures_agree")]
        )
    evaluation = next(iter(record.values())).event.dagster_event.event_specific_data  # type: ignore[union-attr]
    assert evaluation.severity.value == "WARN" and not evaluation.passed
    text = evaluation.description
    assert "2017 VFTC contributions_received" in text and "within tolerance" in text
    assert "ohchr_report_2017.pdf" in text and "vftc_board_report_2017.pdf" in text


@pytest.fixture
def document_sources(isolated_env: Deployment) -> Path:
    """A writable copy of the sample documents."""
    return copy_sources(isolated_env / "sources", ("annual_reports", "fund_board_reports"))


def test_a_table_that_does_not_add_up_is_rejected_with_its_page_and_nothing_else_is_lost(
    isolated_env: Deployment, document_sources: Path
) -> None:
    from pipelines.assets.documents import load_document_years
    from samples.documents import write_annual_report

    write_annual_report(document_sources / "annual_reports" / "ohchr_report_2019.pdf", 2019, break_total=True)
    _, problems = load_document_years(isolated_env.with_sources(document_sources).paths, [2019])
    assert problems == []
    db = isolated_env.build_db
    rejects = query(
        db, "select source_table, source_page, rule, reason from raw.rejects where reporting_year = 2019"
    )
    assert rejects and {r[2] for r in rejects} == {"totals_mismatch"}
    assert {r[0] for r in rejects} == {"contributions_by_donor"}
    # Every rejected row keeps its own page; the reason names the page of the failing total.
    assert all(r[1] and re.search(r"on page \d+", r[3]) for r in rejects), rejects[0]
    for file, read, loaded, rejected in query(
        db,
        "select source_file, rows_read, rows_loaded, rows_rejected from raw.load_audit "
        "where reporting_year = 2019",
    ):
        assert read == loaded + rejected, file
    # The report's other tables and the other documents of the year still loaded.
    assert query(db, "select count(*) from raw.assistance_activities where reporting_year = 2019")[0][0] > 0
    assert (
        query(db, "select count(*) from raw.fund_statements where document_type = 'vftc_board_report'")[0][0]
        > 0
    )


def test_a_truncated_pdf_fails_its_year_naming_the_file_and_other_years_load(
    isolated_env: Deployment, document_sources: Path
) -> None:
    from pipelines.assets.documents import load_document_years
    from samples.documents import truncate_copy

    board = document_sources / "fund_board_reports" / "vftc_board_report_2018.pdf"
    truncate_copy(SAMPLE_SOURCES / "fund_board_reports" / board.name, board, keep=0.6)
    _, problems = load_document_years(isolated_env.with_sources(document_sources).paths, [2018, 2019])
    assert (
        len(problems) == 1 and "vftc_board_report_2018.pdf" in problems[0] and problems[0].startswith("2018")
    )
    db = isolated_env.build_db
    years = dict(query(db, "select reporting_year, count(*) from raw.contributions group by 1"))
    assert 2019 in years and 2018 not in years
