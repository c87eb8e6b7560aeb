"""What Dagster says was built is what was built.

dbt models are partitioned by reporting year in Dagster exactly when they are incremental by
year in dbt (strategy replace_years: delete the run's years, insert them); everything else is
rebuilt whole and unpartitioned. The end-to-end test proves it on a copy of the built warehouse:
a one-year run leaves every other year's rows of every yearly table as they were, even when what
they were computed from has changed, and the Dagster instance records exactly that.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from dagster import AssetKey, AssetRecordsFilter, DagsterInstance

from pipelines.assets.dbt import WHOLE_KEYS, YEARLY_KEYS, dbt_models
from pipelines.resources import dbt_project
from tests.conftest import Deployment

RUN_YEAR = "2019"
# The year whose raw rows the test removes behind the pipeline's back before the run.
CHANGED_YEAR = 2015
YEAR_COLUMNS = ("reporting_year", "year", "received_year")


def _manifest_models() -> dict[str, dict[str, object]]:
    manifest = json.loads(dbt_project.manifest_path.read_text(encoding="utf-8"))
    return {n["name"]: n for n in manifest["nodes"].values() if n["resource_type"] == "model"}


def _table(key: AssetKey) -> str:
    return ".".join(key.path)


def test_dagster_partitions_exactly_the_models_incremental_by_year() -> None:
    models = _manifest_models()
    incremental = {
        name
        for name, node in models.items()
        if node["config"]["materialized"] == "incremental"  # type: ignore[index]
    }
    # Each asset's own partitions, as the asset graph (and the UI) reads them.
    specs = dbt_models.specs_by_key
    partitioned = {key.path[-1] for key, spec in specs.items() if spec.partitions_def is not None}
    assert partitioned == incremental == {key.path[-1] for key in YEARLY_KEYS}
    assert {"needs", "assistance", "contributions", "resources_by_fund"} <= partitioned
    assert {"int_requests_pivoted", "non_contributors", "resources_by_area"} <= {
        key.path[-1] for key in WHOLE_KEYS
    }
    for name in incremental:
        config = models[name]["config"]
        assert config["incremental_strategy"] == "replace_years", name  # type: ignore[index]
        # The model reads only the run's years (macro in_reporting_years), so its delete and
        # its insert cover the same years.
        raw_code = str(models[name]["raw_code"])
        assert "in_reporting_years(" in raw_code, name


def _year_column(con: duckdb.DuckDBPyConnection, table: str) -> str | None:
    schema, name = table.split(".")
    columns = {
        row[0]
        for row in con.execute(
            "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
            [schema, name],
        ).fetchall()
    }
    return next((c for c in YEAR_COLUMNS if c in columns), None)


def year_hashes(db: Path) -> dict[tuple[str, int | None], str]:
    """sha256 of the sorted rows of every raw, intermediate and mart table, per year."""
    hashes: dict[tuple[str, int | None], str] = {}
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [
            f"{schema}.{name}"
            for schema, name in con.execute(
                "select table_schema, table_name from information_schema.tables "
                "where table_schema in ('raw', 'intermediate', 'marts') and table_type = 'BASE TABLE'"
            ).fetchall()
        ]
        for table in tables:
            column = _year_column(con, table)
            rows: dict[int | None, list[str]] = defaultdict(list)
            relation = con.sql(f"select * from {table}")
            index = relation.columns.index(column) if column else None
            for row in relation.fetchall():
                rows[row[index] if index is not None else None].append(repr(row))
            for year, texts in rows.items():
                hashes[(table, year)] = hashlib.sha256("\n".join(sorted(texts)).encode()).hexdigest()
    return hashes


def _latest_run(instance: DagsterInstance, key: AssetKey, partition: str | None) -> str:
    records = instance.fetch_materializations(
        AssetRecordsFilter(asset_key=key, asset_partitions=[partition] if partition else None), limit=1
    ).records
    assert records, f"{key.to_user_string()} {partition}: never materialized"
    return records[0].run_id


def _instance(deployment: Deployment) -> DagsterInstance:
    return DagsterInstance.from_config(str(deployment.home))


@pytest.fixture
def warehouse_copy(e2e_deployment: Deployment, tmp_path: Path) -> Iterator[Deployment]:
    """The session's built warehouse, publications and Dagster instance, copied: this test
    changes raw rows, the other end-to-end tests read the original."""
    for folder in ("warehouse", "publications", "dagster_home"):
        shutil.copytree(e2e_deployment / folder, tmp_path / folder, symlinks=True)
    yield Deployment(tmp_path, e2e_deployment.sources)


@pytest.mark.e2e
def test_a_one_year_run_rebuilds_that_year_only_and_dagster_says_so(warehouse_copy: Deployment) -> None:
    db = warehouse_copy.build_db
    before = year_hashes(db)
    with _instance(warehouse_copy) as instance:
        earlier_runs = {key: _latest_run(instance, key, str(CHANGED_YEAR)) for key in YEARLY_KEYS}
        run_year_before = _latest_run(instance, AssetKey(["marts", "needs"]), RUN_YEAR)

    # Remove one other year's raw rows behind the pipeline's back: a model rebuilt whole would
    # drop that year from its table; a model that replaces only the run's year keeps it.
    with duckdb.connect(str(db)) as con:
        raw_tables = [
            t
            for (t,) in con.execute(
                "select table_name from information_schema.tables where table_schema = 'raw'"
            ).fetchall()
        ]
        for table in raw_tables:
            if _year_column(con, f"raw.{table}") == "reporting_year":
                con.execute(f"delete from raw.{table} where reporting_year = ?", [CHANGED_YEAR])
    tampered = year_hashes(db)

    outcome = warehouse_copy.build([RUN_YEAR])
    assert outcome.ok, outcome.failed_steps + outcome.failed_checks
    after = year_hashes(db)

    yearly = {_table(k) for k in YEARLY_KEYS}
    whole = {_table(k) for k in WHOLE_KEYS}
    raw = {t for t, _ in before if t.startswith("raw.")}
    assert {"marts.needs", "marts.contributions", "intermediate.int_contributions_versioned"} <= yearly
    assert "intermediate.int_requests_pivoted" in whole

    # Raw: the run reloaded its year from the same sources and touched no other.
    for (table, year), digest in tampered.items():
        if table in raw:
            assert after.get((table, year)) == digest, (table, year)
    # Yearly models: every other year's rows are the same bytes, the changed year included.
    other_years = {(t, y): d for (t, y), d in before.items() if t in yearly and str(y) != RUN_YEAR}
    assert {(t, y) for t, y in other_years if y == CHANGED_YEAR}, "no yearly rows in the changed year"
    assert {k: after.get(k) for k in other_years} == other_years
    # Models rebuilt whole were rebuilt whole: the changed year's requests are gone from them.
    assert (
        after.get(("intermediate.int_requests_pivoted", CHANGED_YEAR))
        != before[("intermediate.int_requests_pivoted", CHANGED_YEAR)]
    )

    with _instance(warehouse_copy) as instance:
        this_run = _latest_run(instance, AssetKey(["marts", "needs"]), RUN_YEAR)
        assert this_run != run_year_before
        for key in YEARLY_KEYS:
            partitions = instance.get_materialized_partitions(key)
            assert RUN_YEAR in partitions and str(CHANGED_YEAR) in partitions, key.to_user_string()
            assert _latest_run(instance, key, RUN_YEAR) == this_run, key.to_user_string()
            # The other year: still the materialization of the earlier run, not this one.
            assert _latest_run(instance, key, str(CHANGED_YEAR)) == earlier_runs[key] != this_run
        for key in WHOLE_KEYS:
            event = instance.get_latest_materialization_event(key)
            assert event is not None and event.run_id == this_run, key.to_user_string()
            assert event.asset_materialization is not None
            assert event.asset_materialization.partition is None, key.to_user_string()
