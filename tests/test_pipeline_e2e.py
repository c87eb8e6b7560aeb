"""The whole pipeline materialized on the shipped sample sources, asserting figures against the
generator's manifest (its ground truth is computed from the generator's own model, not from the
files), plus the failure paths that must not lose anything."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from tests.conftest import SAMPLE_SOURCES, Deployment

pytestmark = pytest.mark.e2e

MANIFEST = json.loads((SAMPLE_SOURCES / "request_logs" / "manifest.json").read_text(encoding="utf-8"))
MART_COLUMN = {
    "received": "requests_received",
    "accepted": "requests_accepted",
    "declined": "requests_declined",
    "completed": "requests_completed",
    "withdrawn": "requests_withdrawn",
    "open_at_year_end": "requests_open_at_year_end",
    "oldest_open_age_days": "oldest_open_request_age_days",
    "median_days_to_respond": "median_days_to_respond",
    "positive_response_rate": "positive_response_rate",
    "amount_requested_usd": "amount_requested_usd",
    "upr_linked_share": "upr_linked_share",
}


def query(db: Path, sql: str, params: list[object] | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def as_number(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def test_needs_for_sentinel_states_equal_the_generators_ground_truth(built_warehouse: Path) -> None:
    expected = MANIFEST["expected_needs"]["by_state_year_area"]
    columns = ", ".join(MART_COLUMN.values())
    actual = {
        (iso3, year, area): dict(zip(MART_COLUMN, values, strict=True))
        for iso3, year, area, *values in query(
            built_warehouse,
            f"select country_iso3, year, thematic_area_code, {columns} from marts.needs "
            "where country_iso3 in (select unnest(?))",
            [MANIFEST["expected_needs"]["sentinel_states"]],
        )
    }
    assert len(actual) == len(expected)
    mismatches = []
    for row in expected:
        key = (row["country_iso3"], row["year"], row["thematic_area_code"])
        got = actual.get(key)
        if got is None:
            mismatches.append(f"{key}: missing from marts.needs")
            continue
        for metric in MART_COLUMN:
            if as_number(got[metric]) != pytest.approx(as_number(row[metric]), abs=1e-4):
                mismatches.append(f"{key} {metric}: mart {got[metric]} != manifest {row[metric]}")
    assert mismatches == []


def test_a_chosen_state_and_year(built_warehouse: Path) -> None:
    """One figure a report author would quote: Kenya's requests in 2019, all areas together."""
    expected = [
        r
        for r in MANIFEST["expected_needs"]["by_state_year_area"]
        if r["country_iso3"] == "KEN" and r["year"] == 2019
    ]
    (received, accepted, open_end, amount) = query(
        built_warehouse,
        "select sum(requests_received), sum(requests_accepted), sum(requests_open_at_year_end), "
        "sum(amount_requested_usd) from marts.needs where country_iso3 = 'KEN' and year = 2019",
    )[0]
    assert received == sum(r["received"] for r in expected) > 0
    assert accepted == sum(r["accepted"] for r in expected)
    assert open_end == sum(r["open_at_year_end"] for r in expected)
    assert float(amount) == pytest.approx(sum(r["amount_requested_usd"] for r in expected), abs=0.01)


def test_yearly_totals_over_all_states(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        "select year, sum(requests_received), sum(requests_accepted), sum(requests_declined), "
        "sum(requests_completed), sum(requests_withdrawn), sum(requests_open_at_year_end), "
        "sum(amount_requested_usd) from marts.needs group by year order by year",
    )
    actual = {r[0]: r[1:] for r in rows}
    for total in MANIFEST["expected_needs"]["totals_by_year"]:
        got = actual[total["year"]]
        want = [
            total[m]
            for m in ("received", "accepted", "declined", "completed", "withdrawn", "open_at_year_end")
        ]
        assert list(got[:6]) == want, total["year"]
        assert float(got[6]) == pytest.approx(total["amount_requested_usd"], abs=0.05)


def test_every_planted_defect_is_rejected_with_its_rule_and_row(built_warehouse: Path) -> None:
    rejects = {
        (file, row): (rule, reason)
        for file, row, rule, reason in query(
            built_warehouse, "select source_file, source_row, rule, reason from raw.rejects"
        )
    }
    planted = {(d["file"], d["row"]): d["rule"] for d in MANIFEST["defects"]}
    assert {key: rule for key, (rule, _) in rejects.items()} == planted
    assert all(reason for _, reason in rejects.values())


def test_counts_reconcile_with_the_manifest_per_file(built_warehouse: Path) -> None:
    audit = {
        file: (read, loaded, rejected)
        for file, read, loaded, rejected in query(
            built_warehouse, "select source_file, rows_read, rows_loaded, rows_rejected from raw.load_audit"
        )
    }
    by_rule = Counter(
        (file, rule) for file, rule in query(built_warehouse, "select source_file, rule from raw.rejects")
    )
    for entry in MANIFEST["files"]:
        read, loaded, rejected = audit[entry["path"]]
        assert (read, loaded) == (entry["rows"], entry["expected_loaded"]), entry["path"]
        assert read == loaded + rejected
        assert {r: n for (f, r), n in by_rule.items() if f == entry["path"]} == entry["expected_rejects"]


def test_personal_data_never_reaches_the_warehouse(built_warehouse: Path) -> None:
    text = "\n".join(
        str(r)
        for table in ("raw.request_events", "raw.rejects", "marts.needs")
        for r in query(built_warehouse, f"select * from {table} limit 2000")
    )
    assert "@" not in text


def _fingerprint(db: Path) -> dict[str, str]:
    tables = [
        "raw.request_events",
        "raw.rejects",
        "raw.load_audit",
        "raw.contributions",
        "raw.assistance_activities",
        "marts.needs",
        "marts.contributions",
        "marts.assistance",
        "marts.resources_by_area",
        "intermediate.int_requests_pivoted",
    ]
    prints = {}
    for table in tables:
        rows = sorted(map(repr, query(db, f"select * from {table}")))
        prints[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return prints


def test_rerunning_one_year_changes_nothing(e2e_deployment: Deployment) -> None:
    built_warehouse = e2e_deployment.build_db
    before = _fingerprint(built_warehouse)
    outcome = e2e_deployment.build(["2019"])
    assert outcome.ok, outcome.failed_steps + outcome.failed_checks
    assert _fingerprint(built_warehouse) == before


def test_an_unreadable_file_fails_its_year_names_the_file_and_the_other_years_load(
    isolated_env: Deployment,
) -> None:
    from dagster import DagsterInstance, materialize

    from pipelines.assets.request_logs import raw_request_events
    from pipelines.partitions import year_range_tags

    sources = isolated_env / "sources"
    shutil.copytree(SAMPLE_SOURCES / "request_logs", sources / "request_logs")
    broken = sources / "request_logs" / "request_log_2016.xlsx"
    broken.write_bytes(broken.read_bytes()[:2000])  # a truncated upload

    result = materialize(
        [raw_request_events],
        instance=DagsterInstance.ephemeral(),
        resources={"warehouse": isolated_env.with_sources(sources).warehouse},
        tags=year_range_tags("2015", "2017"),
        raise_on_error=False,
    )
    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure)
    message = failure.step_failure_data.error.message  # type: ignore[union-attr]
    assert "request_log_2016.xlsx" in message and "not a readable XLSX workbook" in message
    db = isolated_env / "warehouse" / "build" / "tcw.duckdb"
    loaded = dict(query(db, "select reporting_year, count(*) from raw.request_events group by 1"))
    expected = {f["year"]: f["expected_loaded"] for f in MANIFEST["files"] if f["year"] in (2015, 2017)}
    assert loaded == expected
