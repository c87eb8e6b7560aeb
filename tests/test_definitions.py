"""The code location: what a data engineer finds in the Dagster UI, and the automation logic."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from dagster import AssetKey, build_schedule_context, build_sensor_context

from pipelines.definitions import defs
from pipelines.sensors import changed_years, source_files_changed, year_of
from tests.conftest import Deployment


def test_one_definitions_object_with_the_jobs_schedules_and_sensors() -> None:
    assert {j.name for j in defs.jobs} >= {"build_warehouse", "refresh_request_logs"}  # type: ignore[union-attr]
    schedules = {s.name: s for s in defs.schedules}  # type: ignore[union-attr]
    assert schedules["annual_reporting_cycle"].cron_schedule == "0 6 15 1 *"
    assert schedules["annual_reporting_cycle"].job_name == "build_warehouse"
    assert schedules["monthly_request_log_refresh"].cron_schedule == "0 5 1 * *"
    assert schedules["monthly_request_log_refresh"].job_name == "refresh_request_logs"
    sensors = {s.name for s in defs.sensors}  # type: ignore[union-attr]
    assert {"source_files_changed", "record_failed_runs"} <= sensors
    assert any("freshness" in name for name in sensors)


def test_blocking_checks_guard_the_raw_tables_and_the_marts() -> None:
    graph = defs.resolve_asset_graph()
    checks = {key.to_user_string(): graph.get_check_spec(key) for key in graph.asset_check_keys}
    for name in (
        "raw/request_events:request_logs_reconcile",
        "raw/request_events:gx_raw_request_events",
        "marts/needs:gx_needs",
    ):
        assert checks[name].blocking, name
    # dbt tests appear as asset checks on the models they test.
    assert any(name.startswith("marts/needs:relationships_needs_country_iso3") for name in checks)
    assert any(name.startswith("publications/extracts:freshness") for name in checks)


def test_publication_waits_for_every_mart() -> None:
    graph = defs.resolve_asset_graph()
    parents = graph.get(AssetKey(["publications", "extracts"])).parent_keys
    assert AssetKey(["marts", "needs"]) in parents
    assert {key.path[0] for key in parents} == {"marts"}


def test_the_ingestion_is_versioned_by_the_seeds_it_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Edit a seed the parsers read and the ingestion shows as stale (pipelines/reference/seeds.py):
    its code version is the hash of the seeds it reads, and changes with one of them only."""
    import shutil

    from pipelines.reference import seeds

    graph = defs.resolve_asset_graph()
    for asset, readers in (
        (["raw", "request_events"], ("taxonomy", "countries")),
        (["raw", "contributions"], ("taxonomy", "donors", "countries")),
        (["raw", "countries"], ("countries",)),
        (["publications", "extracts"], ("overview",)),
    ):
        assert graph.get(AssetKey(asset)).code_version == seeds.seeds_version(*readers), asset
    before = {reader: seeds.seeds_version(reader) for reader in seeds.READ_BY}
    copy = tmp_path / "seeds"
    shutil.copytree(seeds.SEEDS_DIR, copy)
    labels = copy / "thematic_area_labels.csv"
    added = "Espace civique,civic_space,fr\n"
    labels.write_text(labels.read_text(encoding="utf-8") + added, encoding="utf-8")
    monkeypatch.setattr(seeds, "SEEDS_DIR", copy)
    after = {reader: seeds.seeds_version(reader) for reader in seeds.READ_BY}
    assert {reader for reader in before if before[reader] != after[reader]} == {"taxonomy"}


def test_the_annual_cycle_builds_the_year_that_just_ended() -> None:
    schedule = next(s for s in defs.schedules if s.name == "annual_reporting_cycle")  # type: ignore[union-attr]
    context = build_schedule_context(scheduled_execution_time=dt.datetime(2027, 1, 15, 6, tzinfo=dt.UTC))
    request = schedule.evaluate_tick(context).run_requests[0]  # type: ignore[index]
    assert request.partition_key_range is not None
    assert request.partition_key_range.start == request.partition_key_range.end == "2026"


def test_the_monthly_refresh_covers_the_last_two_ended_years() -> None:
    schedule = next(s for s in defs.schedules if s.name == "monthly_request_log_refresh")  # type: ignore[union-attr]
    context = build_schedule_context(scheduled_execution_time=dt.datetime(2026, 11, 1, 5, tzinfo=dt.UTC))
    request = schedule.evaluate_tick(context).run_requests[0]  # type: ignore[index]
    assert request.partition_key_range is not None
    assert (request.partition_key_range.start, request.partition_key_range.end) == ("2024", "2025")


def test_source_files_map_to_their_reporting_year() -> None:
    assert year_of("request_logs/request_log_2019.xlsx") == "2019"
    assert year_of("annual_reports/ohchr_report_2019.pdf") == "2019"
    assert year_of("annual_reports/human_rights_appeal_2020.pdf") == "2019"  # figures for 2019
    assert year_of("README.md") is None
    before = {"request_logs/request_log_2018.csv": "a", "request_logs/request_log_2019.xlsx": "b"}
    after = {"request_logs/request_log_2018.csv": "a", "request_logs/request_log_2019.xlsx": "c"}
    assert changed_years(before, after) == ["2019"]
    assert changed_years(before, {**after, "annual_reports/ohchr_report_2021.pdf": "d"}) == ["2019", "2021"]
    assert changed_years(before, {"request_logs/request_log_2019.xlsx": "b"}) == ["2018"]  # removed


def test_the_sensor_runs_only_the_years_whose_files_changed(isolated_env: Deployment) -> None:
    sources = isolated_env / "sources" / "request_logs"
    sources.mkdir(parents=True)
    for year in (2018, 2019):
        (sources / f"request_log_{year}.csv").write_text(f"Request ID\nTCR-{year}\n")
    resources = {"warehouse": isolated_env.with_sources(isolated_env / "sources").warehouse}

    first = source_files_changed.evaluate_tick(build_sensor_context(resources=resources))
    assert not first.run_requests and first.cursor
    unchanged = source_files_changed.evaluate_tick(
        build_sensor_context(cursor=first.cursor, resources=resources)
    )
    assert not unchanged.run_requests
    (sources / "request_log_2019.csv").write_text("Request ID\nTCR-2019-changed\n")
    changed = source_files_changed.evaluate_tick(
        build_sensor_context(cursor=first.cursor, resources=resources)
    )
    assert [r.partition_key_range.start for r in changed.run_requests] == ["2019"]  # type: ignore[union-attr]
    assert (
        json.loads(changed.cursor or "{}")["request_logs/request_log_2019.csv"]
        != json.loads(first.cursor)["request_logs/request_log_2019.csv"]
    )


def test_dagster_definitions_validate_passes(isolated_env: Deployment) -> None:
    """What `dagster definitions validate` says of this code location, as CI would run it."""
    import os
    import subprocess
    import sys

    dagster = Path(sys.executable).parent / "dagster"
    isolated_env.home.mkdir()
    done = subprocess.run(
        [str(dagster), "definitions", "validate", "-m", "pipelines.definitions"],
        capture_output=True,
        text=True,
        env={**os.environ, "DAGSTER_HOME": str(isolated_env.home)},
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    assert "All code locations passed validation" in done.stdout + done.stderr


def test_sources_generate_says_how_to_get_the_samples_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without numpy / reportlab (the optional extra) the command explains itself, no traceback."""
    import sys

    from typer.testing import CliRunner

    from pipelines.cli import app

    for name in [m for m in sys.modules if m == "samples" or m.startswith("samples.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "numpy", None)  # what a missing package looks like to import
    result = CliRunner().invoke(app, ["sources", "generate", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "pip install -e '.[samples]'" in " ".join(result.output.split())
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not list(tmp_path.iterdir())


def test_a_dbt_invocation_starts_dbt_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """dagster-dbt runs `dbt --version` in a subprocess and builds an in-process adapter before
    every invocation (about 4 s of a one-year run); the project's resource skips both. If
    dagster-dbt renames what it overrides, this fails rather than the saving going silently."""
    import dagster_dbt.core.resource as dagster_dbt_resource
    from dagster_dbt import DbtCliResource
    from dbt.version import __version__ as dbt_version

    from pipelines.resources import dbt_cli

    for overridden in ("_cli_version", "_initialize_dbt_core_adapter"):
        assert overridden in vars(DbtCliResource), f"dagster-dbt no longer has {overridden}"

    def second_dbt_start(*args: object, **kwargs: object) -> bytes:
        raise AssertionError(f"dbt started a second time: {args}")

    monkeypatch.setattr(dagster_dbt_resource, "check_output", second_dbt_start)
    dbt = dbt_cli()
    assert str(dbt._cli_version) == dbt_version
    invocation = dbt.cli(["--version"], target_path=tmp_path / "target")
    assert invocation.wait().is_successful()
    assert invocation.adapter is None


def test_the_tcw_command_keeps_its_exit_codes_and_messages() -> None:
    """`tcw` ends its process without Python's shutdown (pipelines.cli.main): what it prints and
    the exit code a script reads must survive that."""
    import subprocess
    import sys

    tcw = str(Path(sys.executable).parent / "tcw")
    unknown = subprocess.run([tcw, "run", "--year", "1900"], capture_output=True, text=True, timeout=120)
    assert unknown.returncode == 2, unknown.stderr
    assert "No reporting year 1900" in unknown.stderr
    helped = subprocess.run([tcw, "--help"], capture_output=True, text=True, timeout=120)
    assert helped.returncode == 0 and "Usage" in helped.stdout
