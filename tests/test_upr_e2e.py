"""UPR recommendations end to end (issue 9): `make run` on the shipped sample sources builds
`marts.upr_recommendations` and `marts.upr_follow_up` from the sample Working Group reports,
with the counts the generator's manifest gives, and a request's UPR reference resolves to the
recommendation the generator cited."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

from samples.upr_reviews import review_before
from tests.conftest import SAMPLE_SOURCES

pytestmark = pytest.mark.e2e

MANIFEST: dict[str, Any] = json.loads((SAMPLE_SOURCES / "upr_reports" / "manifest.json").read_text("utf-8"))
STATE = "KEN"  # the chosen sample State


def query(db: Path, sql: str, params: list[object] | None = None) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def test_raw_rows_and_load_audit_match_the_manifest(built_warehouse: Path) -> None:
    expected = sum(entry["rows"] for entry in MANIFEST["reports"])
    [(rows,)] = query(built_warehouse, "select count(*) from raw.upr_recommendations")
    assert rows == expected
    [(read, loaded, rejected, files)] = query(
        built_warehouse,
        "select sum(rows_read), sum(rows_loaded), sum(rows_rejected), count(*) from raw.load_audit "
        "where source_family = 'upr_reports'",
    )
    assert (read, loaded, rejected, files) == (expected, expected, 0, len(MANIFEST["reports"]))


def test_a_chosen_states_recommendations_are_the_manifests(built_warehouse: Path) -> None:
    for entry in (e for e in MANIFEST["reports"] if e["state_under_review_iso3"] == STATE):
        rows = query(
            built_warehouse,
            "select position, count(distinct recommendation_id), count(*) from marts.upr_recommendations "
            "where document_symbol = ? group by position",
            [entry["symbol"]],
        )
        assert {position: n for position, n, _ in rows} == entry["by_position"], entry["symbol"]
        assert sum(count for _, _, count in rows) == entry["rows"]
        [(year, cycle)] = query(
            built_warehouse,
            "select distinct year, cycle from marts.upr_recommendations where document_symbol = ?",
            [entry["symbol"]],
        )
        assert (year, cycle) == (entry["review_year"], entry["cycle"])
        # The follow-up counts each recommendation once, in the review's first year.
        [(received, supported)] = query(
            built_warehouse,
            "select sum(recommendations_received), sum(recommendations_supported) from marts.upr_follow_up "
            "where state_under_review_iso3 = ? and cycle = ? and year = ?",
            [STATE, entry["cycle"], entry["review_year"]],
        )
        assert (received, supported) == (entry["recommendations"], entry["by_position"]["supported"])


def test_a_requests_reference_resolves_to_the_recommendation_the_generator_cited(
    built_warehouse: Path,
) -> None:
    request_id, received_on, reference = query(
        built_warehouse,
        "select request_id, received_on, reference from intermediate.int_request_upr_links "
        "where country_iso3 = ? and received_on > date '2018-06-01' order by request_id, reference limit 1",
        [STATE],
    )[0]
    review = review_before(STATE, received_on)
    assert review is not None
    [(symbol, recommendation_id, resolved)] = query(
        built_warehouse,
        "select review_symbol, recommendation_id, resolved from intermediate.int_request_upr_links "
        "where request_id = ? and reference = ?",
        [request_id, reference],
    )
    assert resolved and symbol == review.symbol
    assert recommendation_id == f"{review.symbol}|{reference}"
    assert reference.startswith(f"{review.head}.")


def test_every_sample_reference_resolves(built_warehouse: Path) -> None:
    [(total, resolved)] = query(
        built_warehouse,
        "select count(*), count(*) filter (where resolved) from intermediate.int_request_upr_links",
    )
    assert total > 1000 and resolved == total


def test_follow_up_counts_requests_since_the_review(built_warehouse: Path) -> None:
    """Requests in an area from the review to the end of the year, as the request logs have them."""
    [(year, area, since)] = query(
        built_warehouse,
        "select year, thematic_area_code, requests_since_review from marts.upr_follow_up "
        "where state_under_review_iso3 = ? and cycle = 3 and thematic_area_code is not null "
        "order by requests_since_review desc, thematic_area_code limit 1",
        [STATE],
    )
    review = next(e for e in MANIFEST["reports"] if e["state_under_review_iso3"] == STATE and e["cycle"] == 3)
    [(direct,)] = query(
        built_warehouse,
        "select count(*) from intermediate.int_requests_pivoted where country_iso3 = ? "
        "and thematic_area_code = ? and received_on >= ? and received_on <= ?",
        [STATE, area, dt.date.fromisoformat(review["review_date"]), dt.date(year, 12, 31)],
    )
    assert since == direct > 0


def test_the_overview_has_the_upr_follow_up_from_its_extract(built_warehouse: Path) -> None:
    import polars as pl

    publication = built_warehouse.parents[2] / "publications" / "2012" / "latest"
    html = (publication / "overview.html").read_text(encoding="utf-8")
    follow_up = pl.read_parquet(publication / "upr_follow_up.parquet")
    calling = int(follow_up["supported_calling_for_assistance"].sum())
    unanswered = int(follow_up["supported_calling_for_assistance_unanswered"].sum())
    assert 0 < unanswered < calling  # 2012: reviews that year, not every area asked for since
    assert "Follow-up of UPR recommendations" in html and 'data-source="upr_follow_up.csv"' in html
    for label, value in (
        ("Supported, calling for assistance", calling),
        ("... with a request or assistance since the review", calling - unanswered),
        ("... with neither", unanswered),
    ):
        assert f'<div class="value">{value:,}</div><div class="label">{label}</div>' in html
