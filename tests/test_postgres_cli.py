"""`tcw sql` and `tcw db` on PostgreSQL (TCW_WAREHOUSE), and the checks' SQL translated for
the build schemas. The pipeline itself on PostgreSQL: tests/test_postgres_pipeline.py."""

from __future__ import annotations

import json

import psycopg
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.warehouses.build_reads import in_build
from pipelines.warehouses.postgres import PostgresUrl
from tests.postgres_server import pg_database  # noqa: F401 - fixture


def test_checks_sql_reads_the_build_schemas_with_psycopg_placeholders() -> None:
    query = (
        "select a.x, 'raw.not_a_table', '5%' from raw.load_audit as a join marts.needs n "
        "on n.y = a.y where a.reporting_year in (select unnest(cast(? as integer[]))) and z = ?"
    )
    assert in_build(query, "build_") == (
        "select a.x, 'raw.not_a_table', '5%%' from build_raw.load_audit as a join build_marts.needs n "
        "on n.y = a.y where a.reporting_year in (select unnest(cast(%s as integer[]))) and z = %s"
    )


def test_tcw_sql_queries_the_published_postgres_schemas(pg_database: PostgresUrl) -> None:  # noqa: F811
    with psycopg.connect(pg_database.url) as con:
        con.execute("create schema marts")
        con.execute("create table marts.needs (year integer, country_iso3 text, amount numeric(18, 2))")
        con.execute(
            "insert into marts.needs values (2019, 'KEN', 12.50), (2019, 'UGA', 3.00), (2018, 'KEN', 1)"
        )
        con.execute("create schema build_marts")  # the build is never what `tcw sql` reads
        con.execute("create table build_marts.needs as select * from marts.needs where false")
    result = CliRunner().invoke(
        app,
        [
            "sql",
            "select country_iso3, amount from marts.needs where year = ? order by 1",
            "-p",
            "2019",
            "-f",
            "json",
        ],
        env={"TCW_WAREHOUSE": pg_database.url},
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [
        {"country_iso3": "KEN", "amount": "12.50"},
        {"country_iso3": "UGA", "amount": "3.00"},
    ]
    bad = CliRunner().invoke(
        app, ["sql", "select * from marts.nowhere"], env={"TCW_WAREHOUSE": pg_database.url}
    )
    assert bad.exit_code == 2
    assert "Query failed" in bad.output


def test_tcw_db_is_a_command_group_of_tcw() -> None:
    result = CliRunner().invoke(app, ["db", "--help"])
    assert result.exit_code == 0
    assert "init" in result.output
