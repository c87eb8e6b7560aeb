"""The same dbt project on PostgreSQL: the sample's raw tables (as the DuckDB pipeline ingested
them) are copied to a scratch PostgreSQL database with COPY, `dbt build --target postgres`
builds every model there, and every mart must equal the DuckDB build row for row. Then
write-audit-publish: a failing dbt test publishes nothing."""

from __future__ import annotations

import math
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import psycopg
import pytest

from pipelines.warehouses.postgres import (
    BuildFailed,
    PostgresUrl,
    PostgresWarehouse,
    build_and_publish,
    load_raw_from_duckdb,
)
from tests.postgres_server import scratch_database

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def pg_built(built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresWarehouse]:
    with scratch_database() as url:
        warehouse = PostgresWarehouse(url)
        copied = load_raw_from_duckdb(built_warehouse, warehouse)
        assert copied["request_events"] > 0
        target = tmp_path_factory.mktemp("dbt_target_pg")
        published = build_and_publish(warehouse, target_path=str(target))
        assert "marts" in published
        yield warehouse


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
    built_warehouse: Path, pg_built: PostgresWarehouse
) -> None:
    marts = mart_names(built_warehouse)
    assert len(marts) >= 10
    differences = {}
    for table in marts:
        duck_columns, duck = duckdb_rows(built_warehouse, table)
        pg_columns, pg = postgres_rows(pg_built.url, table)
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


def test_extracts_read_from_postgres_equal_duckdbs(
    built_warehouse: Path, pg_built: PostgresWarehouse
) -> None:
    """What the publication writes for a year (publish.read_year) is the same frame, dtypes
    included, from either warehouse."""
    from polars.testing import assert_frame_equal

    from pipelines.publish import mart_specs, read_year
    from pipelines.resources import dbt_project

    specs = mart_specs(dbt_project.manifest_path)
    assert specs
    from_duckdb = read_year(built_warehouse, specs, 2019)
    from_postgres = pg_built.read_year(specs, 2019)
    for spec in specs:
        assert from_postgres[spec.name].schema == from_duckdb[spec.name].schema, spec.name
        assert_frame_equal(
            from_postgres[spec.name], from_duckdb[spec.name], check_exact=False, rel_tol=1e-9, abs_tol=0.0
        )


def test_a_failing_check_publishes_nothing(pg_built: PostgresWarehouse, tmp_path: Path) -> None:
    def published_marts() -> dict[str, str]:
        with psycopg.connect(pg_built.url.url) as con:
            tables = [
                t
                for (t,) in con.execute(
                    "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
                ).fetchall()
            ]
            return {
                t: con.execute(
                    f"select md5(string_agg(m::text, '|' order by m::text)) from marts.{t} m"
                ).fetchone()[0]  # type: ignore[index]
                for t in tables
            }

    before = published_marts()
    with psycopg.connect(pg_built.url.url) as con:
        # A highlight loaded twice: unique_highlights_highlight_key, a blocking dbt test, fails.
        con.execute("insert into build_raw.highlights select * from build_raw.highlights limit 1")
    try:
        with pytest.raises(BuildFailed, match="highlight"):
            build_and_publish(pg_built, target_path=str(tmp_path / "target"))
        with psycopg.connect(pg_built.url.url) as con:
            built = con.execute("select count(*) from build_raw.highlights").fetchone()[0]  # type: ignore[index]
            published = con.execute("select count(*) from raw.highlights").fetchone()[0]  # type: ignore[index]
        assert built == published + 1  # the build has the bad row; the published raw does not
        assert published_marts() == before
    finally:
        with psycopg.connect(pg_built.url.url) as con:
            con.execute(
                "delete from build_raw.highlights h using (select ctid from build_raw.highlights "
                "order by ctid desc limit 1) d where h.ctid = d.ctid"
            )
