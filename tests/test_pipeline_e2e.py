"""The whole pipeline materialized on the shipped sample sources, asserting figures against the
generator's manifest (its ground truth is computed from the generator's own model, not from the
files), plus the failure paths that must not lose anything."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from tests.conftest import SAMPLE_SOURCES, CliRun, Deployment

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


def focal_points_in_the_sources() -> set[str]:
    """Every focal-point name and e-mail the request logs carry, read from the files themselves
    (with the parser's header synonyms, not through the warehouse)."""
    from pipelines.ingest import request_logs as parser
    from pipelines.ingest.tables import read_tabular

    found: set[str] = set()
    for paths in parser.discover(SAMPLE_SOURCES / "request_logs").values():
        for path in paths:
            frame = read_tabular(path, parser.HEADER_SYNONYMS, parser.REQUIRED).frame
            for column in parser.PERSONAL_DATA:
                found |= {v.strip() for v in frame[column].drop_nulls().to_list() if v.strip()}
    return found


def publication_texts(root: Path) -> Iterator[tuple[Path, str]]:
    """Every file of every publication as text: CSV, JSON and HTML as written, Parquet through
    polars, the workbook's XML parts unzipped."""
    import zipfile

    import polars as pl

    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if path.suffix == ".parquet":
            yield path, pl.read_parquet(path).write_csv()
        elif path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as archive:
                yield path, "\n".join(archive.read(n).decode("utf-8") for n in archive.namelist())
        else:
            yield path, path.read_text(encoding="utf-8")


def test_personal_data_never_reaches_the_warehouse_or_a_publication(e2e_deployment: Deployment) -> None:
    people = focal_points_in_the_sources()
    assert len(people) > 100 and any("@" in p for p in people)  # names and e-mails were found
    pattern = "|".join(re.escape(p) for p in sorted(people, key=len, reverse=True))
    with duckdb.connect(str(e2e_deployment.paths.published_db), read_only=True) as con:
        tables = con.execute("select schema_name, table_name from duckdb_tables() order by all").fetchall()
        assert len(tables) > 20
        for schema, table in tables:
            leaks = con.execute(
                f'select count(*) from "{schema}"."{table}" as t '
                "where regexp_matches(cast(columns(*) as varchar), ?)".replace(  # any column
                    "cast(columns(*) as varchar)", "concat_ws('|', columns(*))"
                ),
                [pattern],
            ).fetchone()
            assert leaks == (0,), f"{schema}.{table} holds a focal point's name or e-mail"
    files = 0
    compiled = re.compile(pattern)
    for path, text in publication_texts(e2e_deployment.paths.publications_dir):
        files += 1
        assert not compiled.search(text), f"{path} holds a focal point's name or e-mail"
    assert files > 10


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


def test_tcw_run_prints_progress_and_a_summary_and_no_python_warning(
    e2e_cli_run: tuple[Deployment, CliRun],
) -> None:
    """`make run` on a fresh clone: progress, a summary and problems; no Python warning, no
    dbt log line (those are in the Dagster event log, `tcw run -v` and the run log)."""
    deployment, run = e2e_cli_run
    printed = run.stdout + run.stderr
    assert not re.search(r"\w+Warning\b|warnings\.warn", printed), printed[:3000]
    assert "Running with dbt=" not in printed and "START sql" not in printed
    assert "done Reading request logs" in run.stdout
    assert "done dbt: building staging, intermediate and marts" in run.stdout
    assert re.search(r"Checks: \d+ passed", run.stdout)
    assert "Published 2019: v1 (new)" in run.stdout
    assert "request_logs" in run.stdout and "annual_reports" in run.stdout  # rows per family
    # What the console leaves out is kept: dbt's lines in the run log.
    assert "Running with dbt=" in deployment.paths.run_log.read_text(encoding="utf-8")


def test_a_run_over_every_year_plans_each_asset_once(e2e_cli_run: tuple[Deployment, CliRun]) -> None:
    """`tcw run` over 14 years records one "planned" event per asset, with the years as its
    range, not one per asset and year (742 SQLite transactions before the first step, where 53
    now do: runner.PLANNED_PER_ASSET). Fails if Dagster drops or renames the switch. Every
    year is still materialized."""
    from dagster import DagsterEventType, DagsterInstance

    deployment, _ = e2e_cli_run
    with DagsterInstance.from_config(str(deployment.home)) as instance:
        first = instance.get_runs(ascending=True, limit=1)[0]  # the session's `tcw run`
        planned = [
            e.get_dagster_event().event_specific_data
            for e in instance.all_logs(first.run_id, of_type=DagsterEventType.ASSET_MATERIALIZATION_PLANNED)
        ]
        materialized = instance.all_logs(first.run_id, of_type=DagsterEventType.ASSET_MATERIALIZATION)
    keys = Counter(p.asset_key for p in planned)  # type: ignore[union-attr]
    assert keys and max(keys.values()) == 1, keys.most_common(3)
    ranges = [p.partitions_subset for p in planned if p.partitions_subset is not None]  # type: ignore[union-attr]
    years = {f["year"] for f in MANIFEST["files"]}
    assert ranges and all(set(r.get_partition_keys()) == {str(y) for y in years} for r in ranges)
    needs = [m for m in materialized if m.get_dagster_event().asset_key.path == ["marts", "needs"]]
    assert len(needs) == len(ranges[0])  # one materialization per year, as before
