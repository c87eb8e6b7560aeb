"""Write-audit-publish: what report authors and analysts rely on when a run succeeds, fails,
or runs while they are reading."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import duckdb
import pytest

from tests.conftest import Deployment, copy_sources

pytestmark = pytest.mark.e2e
YEARS = ["2018", "2019"]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_hashes(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): sha256(p) for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Deployment:
    """Two years built and published in a deployment of this module's own."""
    root = tmp_path_factory.mktemp("wap")
    deployment = Deployment(root, sources=copy_sources(root / "sources"))
    outcome = deployment.build(YEARS)
    assert outcome.ok, outcome.failed_steps + outcome.failed_checks
    return deployment


def test_a_publication_has_every_mart_a_workbook_and_a_manifest(published: Deployment) -> None:
    latest = published / "publications" / "2019" / "latest"
    assert latest.is_symlink() and latest.resolve().name == "v1"
    manifest = json.loads((latest / "manifest.json").read_text())
    assert manifest["year"] == 2019 and manifest["version"] == "v1"
    assert manifest["row_counts"]["needs"] > 0
    assert {s["file"] for s in manifest["sources"]} >= {"request_logs/request_log_2019.xlsx"}
    assert all(len(s["sha256"]) == 64 for s in manifest["sources"])
    # Every blocking check passed; a warning is recorded as it came out (2018-2019 alone: the
    # requests citing the 2017 UPR reviews, a year not built here, resolve to nothing).
    assert manifest["checks"] and all(c["passed"] or c["severity"] == "WARN" for c in manifest["checks"])
    warnings = {c["check"] for c in manifest["checks"] if not c["passed"]}
    assert warnings <= {"intermediate/int_request_upr_links:upr_references_resolve"}
    assert {"git_commit", "dbt", "dagster"} <= set(manifest["code"])
    for name in manifest["row_counts"]:
        assert (latest / f"{name}.csv").exists() and (latest / f"{name}.parquet").exists()
    with (latest / "needs.csv").open() as handle:
        assert sum(1 for _ in csv.reader(handle)) - 1 == manifest["row_counts"]["needs"]


def test_the_workbook_has_frozen_headers_formats_and_a_glossary(published: Deployment) -> None:
    import openpyxl

    (path,) = (published / "publications" / "2019" / "latest").glob("*.xlsx")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["needs"]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["needs_key", "year", "country_iso3", "thematic_area_code"]
    amount = header.index("amount_requested_usd") + 1
    rate = header.index("positive_response_rate") + 1
    assert sheet.cell(row=2, column=amount).number_format == "#,##0.00"
    assert sheet.cell(row=2, column=rate).number_format == "0.0%"
    # A known figure: Kenya's requests received in 2019, all areas, equals the warehouse's.
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    kenya = sum(r[header.index("requests_received")] for r in rows if r[2] == "KEN")
    with duckdb.connect(str(published / "warehouse" / "tcw.duckdb"), read_only=True) as con:
        (expected,) = con.execute(
            "select sum(requests_received) from marts.needs where country_iso3 = 'KEN' and year = 2019"
        ).fetchone()  # type: ignore[misc]
    assert kenya == expected > 0
    glossary = {(r[0], r[1]): r[2] for r in workbook["Columns"].iter_rows(min_row=2, values_only=True)}
    assert glossary[("needs", "median_days_to_respond")].startswith("Median days")


def test_unchanged_sources_publish_no_new_version(published: Deployment) -> None:
    before = tree_hashes(published / "publications")
    assert published.build(["2019"]).ok
    assert tree_hashes(published / "publications") == before
    assert sorted(p.name for p in (published / "publications" / "2019").glob("v*")) == ["v1"]


def test_an_unchanged_build_rebuilds_nothing_and_the_instance_records_it(published: Deployment) -> None:
    from dagster import AssetKey, DagsterEventType, DagsterInstance, EventRecordsFilter

    from pipelines.runner import build

    database = published / "warehouse" / "tcw.duckdb"
    before_db = sha256(database)
    outcome = build(["2019"], warehouse=published.warehouse, home=published.home, skip_unchanged=True)
    assert outcome.ok and outcome.checks_passed == 0
    assert len(outcome.skipped) == 1 and outcome.skipped[0].startswith("2019: sources and code unchanged")
    assert sha256(database) == before_db
    with DagsterInstance.from_config(str(published.home)) as instance:
        (record,) = instance.get_event_records(
            EventRecordsFilter(
                DagsterEventType.ASSET_OBSERVATION, asset_key=AssetKey(["publications", "extracts"])
            ),
            limit=1,
        )
        observation = record.asset_observation
        assert observation is not None and observation.partition == "2019"
        assert "not rebuilt" in str(observation.description)


def test_a_reader_holding_the_published_file_does_not_block_a_run(published: Deployment) -> None:
    path = published / "warehouse" / "tcw.duckdb"
    reader = duckdb.connect(str(path), read_only=True)
    try:
        before = reader.execute("select count(*) from marts.needs").fetchone()
        outcome = published.build(["2019"])
        assert outcome.ok, outcome.failed_steps
        # The reader still sees the complete file it opened, never a half-built one.
        assert reader.execute("select count(*) from marts.needs").fetchone() == before
    finally:
        reader.close()


def test_a_failing_check_publishes_nothing(published: Deployment, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipelines.checks import reconciliation as checks

    database = published / "warehouse" / "tcw.duckdb"
    before_db, before_pubs = sha256(database), tree_hashes(published / "publications")
    # Fault injection: the reconciliation finds a file whose counts do not add up.
    monkeypatch.setattr(checks, "reconcile", lambda *args: (["request_log_2019.xlsx: read 1 != 0 + 0"], 1))
    outcome = published.build(["2019"])
    assert not outcome.ok
    assert any("request_logs_reconcile" in line for line in outcome.failed_checks)
    assert sha256(database) == before_db
    assert tree_hashes(published / "publications") == before_pubs


def test_a_changed_source_publishes_a_new_version_naming_the_moved_figures(published: Deployment) -> None:
    from samples.edits import restate_first_request_cost

    restate_first_request_cost(published.sources, 2018)
    assert published.build(["2018"]).ok
    year_dir = published / "publications" / "2018"
    assert (year_dir / "latest").resolve().name == "v2"
    changes = json.loads((year_dir / "v2" / "manifest.json").read_text())["changes"]
    moved = changes["needs"]["changed_figures"]
    assert [m["column"] for m in moved] == ["amount_requested_usd"]
    assert moved[0]["to"] > moved[0]["from"]
    assert (year_dir / "v1" / "manifest.json").exists()  # the old version stays
