"""The whole pipeline on PostgreSQL: the FULL sample built through `runner.build` with a
PostgreSQL warehouse resource (ingestion by COPY into the build schemas, the four dbt steps with
`--target postgres`, every Python and Great Expectations check, publication by schema swap, the
extracts) into a fresh database; every published mart must equal the DuckDB build's row for row
(decimals exact, dates equal, floats to 1e-9 relative), and the extracts the same frames. Then
write-audit-publish: a failing check publishes nothing."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import psycopg
import pytest

from pipelines.warehouses.postgres import PostgresUrl
from tests.conftest import Deployment, copy_sources
from tests.postgres_server import scratch_database

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def pg_deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    """Every year of the sample, built and published on PostgreSQL by the real pipeline."""
    with scratch_database() as url:
        root = tmp_path_factory.mktemp("pg_pipeline")
        deployment = Deployment(root, sources=copy_sources(root / "sources"), location=url.url)
        outcome = deployment.build()
        assert outcome.ok, outcome.failed_steps + outcome.failed_checks
        assert outcome.checks_passed > 0
        yield deployment


def pg_url(deployment: Deployment) -> PostgresUrl:
    return PostgresUrl(deployment.location)


def mart_names(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
        ).fetchall()
    return [name for (name,) in rows]


def duckdb_rows(db: Path, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    with duckdb.connect(str(db), read_only=True) as con:
        result = con.execute(f"select * from marts.{table}")
        columns = [d[0] for d in result.description]
        return columns, result.fetchall()


def postgres_rows(url: PostgresUrl, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    with psycopg.connect(url.url) as con, con.cursor() as cur:
        cur.execute(f"select * from marts.{table}")  # the published schema
        return [c.name for c in cur.description or []], cur.fetchall()


def sort_key(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple((value is None, str(value) if isinstance(value, float) else value) for value in row)


def same_value(left: Any, right: Any) -> bool:
    if left is None or right is None:
        return left is None and right is None
    if isinstance(left, float) or isinstance(right, float):
        return math.isclose(float(left), float(right), rel_tol=1e-9, abs_tol=0.0)
    if isinstance(left, Decimal) or isinstance(right, Decimal):
        return Decimal(left) == Decimal(right)  # exact: 1.10 == 1.1, 1.10 != 1.1000001
    return bool(left == right)


def test_every_mart_on_postgres_equals_the_duckdb_build(
    built_warehouse: Path, pg_deployment: Deployment
) -> None:
    assert not (pg_deployment.paths.build_db.exists() or pg_deployment.paths.published_db.exists())
    marts = mart_names(built_warehouse)
    assert len(marts) >= 10
    differences = {}
    for table in marts:
        duck_columns, duck = duckdb_rows(built_warehouse, table)
        pg_columns, pg = postgres_rows(pg_url(pg_deployment), table)
        assert pg_columns == duck_columns, table
        assert len(pg) == len(duck) > 0, table
        # Rows are matched on the mart's key (its first column), then compared value by value.
        duck_by_key = {row[0]: row for row in duck}
        pg_by_key = {row[0]: row for row in pg}
        assert len(duck_by_key) == len(duck), f"{table}: first column is not a key"
        assert duck_by_key.keys() == pg_by_key.keys(), table
        mismatches = [
            (key, column, left, right)
            for key, row in duck_by_key.items()
            for column, left, right in zip(duck_columns, row, pg_by_key[key], strict=True)
            if not same_value(left, right)
        ]
        if mismatches:
            differences[table] = mismatches[:5]
    assert not differences


def test_extracts_read_from_postgres_equal_duckdbs(built_warehouse: Path, pg_deployment: Deployment) -> None:
    """What the publication writes for a year (publish.read_year) is the same frame, dtypes
    included, from either warehouse; and the extracts the PostgreSQL run wrote are the same
    files' contents."""
    import polars as pl
    from polars.testing import assert_frame_equal

    from pipelines.publish import mart_specs, read_year
    from pipelines.resources import dbt_project

    specs = mart_specs(dbt_project.manifest_path)
    assert specs
    from_duckdb = read_year(built_warehouse, specs, 2019)
    from_postgres = pg_deployment.warehouse.store.read_year(specs, 2019)
    extracts = pg_deployment.paths.publications_dir / "2019" / "latest"
    for spec in specs:
        assert from_postgres[spec.name].schema == from_duckdb[spec.name].schema, spec.name
        assert_frame_equal(
            from_postgres[spec.name], from_duckdb[spec.name], check_exact=False, rel_tol=1e-9, abs_tol=0.0
        )
        written = pl.read_parquet(extracts / f"{spec.name}.parquet")
        assert_frame_equal(written, from_duckdb[spec.name], check_exact=False, rel_tol=1e-9, abs_tol=0.0)


def published_state(url: PostgresUrl) -> dict[str, str]:
    """A digest of every published table (raw, reference, intermediate, marts)."""
    with psycopg.connect(url.url) as con:
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in ('raw', 'reference', 'intermediate', 'marts') order by 1, 2"
        ).fetchall()
        return {
            f"{schema}.{table}": con.execute(
                f"select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from {schema}.{table} t"
            ).fetchone()[0]  # type: ignore[index]
            for schema, table in tables
        }


def tree_hashes(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def test_a_failing_check_publishes_nothing(
    pg_deployment: Deployment, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipelines.checks import reconciliation as checks

    url = pg_url(pg_deployment)
    before, before_pubs = published_state(url), tree_hashes(pg_deployment.paths.publications_dir)
    assert "marts.needs" in before
    # A restated request-log amount: the build changes, so publishing it would change the marts.
    from samples.edits import restate_first_request_cost

    restate_first_request_cost(pg_deployment.sources, 2018)
    # Fault injection: the reconciliation finds a file whose counts do not add up.
    monkeypatch.setattr(checks, "reconcile", lambda *args: (["request_log_2018.csv: read 1 != 0 + 0"], 1))
    outcome = pg_deployment.build(["2018"])
    assert not outcome.ok
    assert any("request_logs_reconcile" in line for line in outcome.failed_checks)
    with psycopg.connect(url.url) as con:
        schemas = {n for (n,) in con.execute("select nspname from pg_namespace").fetchall()}
    assert not any(s.startswith(("tcw_incoming_", "tcw_retired_")) for s in schemas)
    assert published_state(url) == before
    assert tree_hashes(pg_deployment.paths.publications_dir) == before_pubs


def test_a_rerun_replaces_its_year_only_and_publishes_it(pg_deployment: Deployment) -> None:
    """The yearly models' `replace_years` strategy on PostgreSQL: re-running 2018 after its
    request log changed moves 2018's figures in the published marts and no other year's."""
    url = pg_url(pg_deployment)
    query = "select year, md5(string_agg(n::text, '|' order by n::text)) from marts.needs n group by year"
    with psycopg.connect(url.url) as con:
        before = dict(con.execute(query).fetchall())
    from samples.edits import restate_first_request_cost

    restate_first_request_cost(pg_deployment.sources, 2018)  # again: idempotent only if not applied
    outcome = pg_deployment.build(["2018"])
    assert outcome.ok, outcome.failed_steps + outcome.failed_checks
    with psycopg.connect(url.url) as con:
        after = dict(con.execute(query).fetchall())
    assert after.keys() == before.keys()
    assert [year for year in before if before[year] != after[year]] == [2018]
    assert (pg_deployment.paths.publications_dir / "2018" / "latest").resolve().name == "v2"
