"""Who may see what: `tcw db init` gives the pipeline role everything and the analyst role the
published marts only. The test connects as the analyst and is refused raw, the build schemas
and every write."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import polars as pl
import psycopg
import pytest
from typer.testing import CliRunner

from pipelines.db_cli import db_app
from pipelines.warehouses.postgres import PostgresUrl, PostgresWarehouse, drop_database
from tests.postgres_server import require_postgres

SCHEMA: dict[str, pl.DataType] = {"reporting_year": pl.Int32(), "value": pl.Int64()}


@pytest.fixture
def roles() -> Iterator[tuple[PostgresUrl, str, str]]:
    server = require_postgres()
    suffix = secrets.token_hex(3)
    url = server.with_database(f"tcw_test_roles_{suffix}")
    pipeline, analyst = f"tcw_test_pipeline_{suffix}", f"tcw_test_analyst_{suffix}"
    try:
        yield url, pipeline, analyst
    finally:
        drop_database(url)
        with psycopg.connect(server.url, autocommit=True) as con:
            for role in (analyst, pipeline):
                con.execute(f'drop role if exists "{role}"')


def init(url: PostgresUrl, pipeline: str, analyst: str) -> str:
    result = CliRunner().invoke(
        db_app, ["init", "--url", url.url, "--pipeline-role", pipeline, "--analyst-role", analyst]
    )
    assert result.exit_code == 0, result.output
    return result.output


def run_as_pipeline(url: PostgresUrl, pipeline: str, version: int) -> None:
    """Ingest, build a mart and publish, connected as the pipeline role."""
    warehouse = PostgresWarehouse(url.with_user(pipeline))
    frame = pl.DataFrame({"reporting_year": [2024], "value": [version]}, schema=SCHEMA)
    warehouse.replace_year(["request_logs"], 2024, {"events": (SCHEMA, frame)})
    with warehouse.connect() as con:
        con.execute("create schema if not exists build_marts")
        con.execute("drop table if exists build_marts.needs")
        con.execute("create table build_marts.needs as select * from build_raw.events")
    warehouse.publish()


def test_the_analyst_reads_marts_and_nothing_else(roles: tuple[PostgresUrl, str, str]) -> None:
    url, pipeline, analyst = roles
    assert "database created" in init(url, pipeline, analyst)
    run_as_pipeline(url, pipeline, 1)
    assert "roles created: none" in init(url, pipeline, analyst)  # idempotent, after data exists
    run_as_pipeline(url, pipeline, 2)  # grants survive the swap of marts

    with psycopg.connect(url.url) as admin:
        owners = admin.execute(
            "select distinct pg_get_userbyid(nspowner) from pg_namespace "
            "where nspname in ('raw', 'marts', 'build_raw', 'build_marts')"
        ).fetchall()
        database_owner = admin.execute(
            "select pg_get_userbyid(datdba) from pg_database where datname = current_database()"
        ).fetchone()
    assert owners == [(pipeline,)] and database_owner == (pipeline,)

    with psycopg.connect(url.with_user(analyst).url, autocommit=True) as con:
        assert con.execute("select value from marts.needs").fetchall() == [(2,)]
        for forbidden in ("raw.events", "build_raw.events", "build_marts.needs"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied for schema"):
                con.execute(f"select * from {forbidden}")
        writes = (
            "insert into marts.needs values (2025, 3)",
            "delete from marts.needs",
            "create table marts.mine (x int)",
            "create table public.mine (x int)",
            "create temporary table mine (x int)",
            "drop table marts.needs",
        )
        for statement in writes:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                con.execute(statement)
        assert con.execute("select value from marts.needs").fetchall() == [(2,)]
