"""The Great Expectations suites catch what they exist to catch."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from pipelines.settings import EXPECTATIONS_DIR
from pipelines.validation.gx import load_suite_definition, seed_codes, seed_parameters, validate_batches
from tests.conftest import Deployment


def needs_row(**changes: object) -> dict[str, object]:
    row: dict[str, object] = {
        "needs_key": "KEN|2019|nhri",
        "year": 2019,
        "country_iso3": "KEN",
        "thematic_area_code": "nhri",
        "requests_received": 3,
        "requests_accepted": 2,
        "requests_declined": 1,
        "requests_completed": 0,
        "requests_withdrawn": 0,
        "requests_open_at_year_end": 2,
        "positive_response_rate": 0.6667,
        "median_days_to_respond": 30.0,
        "oldest_open_request_age_days": 200,
        "amount_requested_usd": 1000.0,
        "upr_linked_share": 0.3333,
    }
    row.update(changes)
    return row


@pytest.mark.parametrize("path", sorted(EXPECTATIONS_DIR.glob("*.json")), ids=lambda p: p.stem)
def test_every_suite_is_named_after_its_file_and_says_why(path: Path) -> None:
    suite = load_suite_definition(path.stem)
    assert suite["expectations"]
    assert all(e["meta"].get("why") for e in suite["expectations"]), json.dumps(suite, indent=1)[:500]


def test_needs_suite_passes_good_rows(isolated_env: Deployment) -> None:
    frame = pd.DataFrame([needs_row()])
    summary = validate_batches(
        "needs", "needs_test", [("2019", frame, {"requests_received": 3})], isolated_env.paths
    )
    assert summary.success, summary.describe()
    assert summary.data_docs is not None and summary.data_docs.exists()


def test_suites_validate_again_in_the_same_process_and_folder(isolated_env: Deployment) -> None:
    """A second run in one process (the context is shared per GX folder): every suite's
    definition must still be usable after other suites registered theirs."""
    frame = pd.DataFrame([needs_row()])
    for _ in range(2):
        for asset in ("needs_a", "needs_b"):
            summary = validate_batches(
                "needs", asset, [("2019", frame, {"requests_received": 3})], isolated_env.paths
            )
            assert summary.success, summary.describe()


def test_needs_suite_names_the_year_and_the_broken_expectation(isolated_env: Deployment) -> None:
    frame = pd.DataFrame(
        [needs_row(positive_response_rate=1.5), needs_row()]  # out of range, and one row too many
    )
    summary = validate_batches(
        "needs", "needs_test", [("2019", frame, {"requests_received": 999})], isolated_env.paths
    )
    assert not summary.success
    broken = {(f["batch"], f["expectation"]) for f in summary.failed}
    assert broken == {
        ("2019", "expect_column_values_to_be_between"),
        ("2019", "expect_column_sum_to_be_between"),
    }
    assert "2019: expect_column_sum_to_be_between" in summary.describe()


def test_code_sets_come_from_the_seeds_not_from_the_suites() -> None:
    """A thematic area or fund added to its seed is accepted by every suite without an edit."""
    areas = seed_codes("thematic_areas.thematic_area_code")
    funds = seed_codes("funds.fund_code")
    assert "nhri" in areas and "VFTC" in funds
    assert seed_parameters(load_suite_definition("raw_request_events")) == {"thematic_area_codes": areas}
    for path in EXPECTATIONS_DIR.glob("*.json"):
        for expectation in load_suite_definition(path.stem)["expectations"]:
            value_set = expectation["kwargs"].get("value_set")
            if isinstance(value_set, list):  # a copy of a whole seed's codes belongs in the seed
                assert not set(areas) <= set(value_set) and not set(funds) <= set(value_set), path.name


def test_a_raw_suite_rejects_a_code_its_seed_does_not_define(isolated_env: Deployment) -> None:
    frame = pd.DataFrame([{"thematic_area_code": "nhri"}, {"thematic_area_code": "astrology"}])
    summary = validate_batches(
        "raw_request_events", "codes_test", [("2019", frame, {"rows_loaded": 2})], isolated_env.paths
    )
    unexpected = [
        f["observed"]
        for f in summary.failed
        if f["expectation"] == "expect_column_values_to_be_in_set"
        and f["kwargs"]["column"] == "thematic_area_code"
    ]
    assert unexpected == [["astrology"]], summary.describe()
