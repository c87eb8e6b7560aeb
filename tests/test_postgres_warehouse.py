"""The PostgreSQL raw-layer writer: database creation, COPY round trips and the per-year
replace with the same semantics as the DuckDB writer (pipelines/warehouse.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import polars as pl
import psycopg
import pytest

from pipelines import warehouse as duckdb_warehouse
from pipelines.warehouses import DuckDBWarehouse, PostgresWarehouse, get_warehouse, warehouse_setting
from pipelines.warehouses.postgres import PostgresUrl, ensure_database
from tests.postgres_server import pg_database  # noqa: F401 - fixture

SCHEMA: dict[str, pl.DataType] = {
    "source_family": pl.String(),
    "reporting_year": pl.Int32(),
    "source_row": pl.Int64(),
    "label": pl.String(),
    "amount_usd": pl.Decimal(18, 2),
    "share": pl.Float64(),
    "event_date": pl.Date(),
    "flag": pl.Boolean(),
}


def rows(family: str, year: int, n: int, label: str = "x") -> pl.DataFrame:
    return pl.DataFrame(
        {
            "source_family": [family] * n,
            "reporting_year": [year] * n,
            "source_row": list(range(2, n + 2)),
            "label": [f"{label}{i}" for i in range(n)],
            "amount_usd": [Decimal("1234567.89")] * n,
            "share": [1 / 3] * n,
            "event_date": [dt.date(year, 12, 31)] * n,
            "flag": [True] * n,
        },
        schema=SCHEMA,
    )


def fetch(url: PostgresUrl, query: str) -> list[tuple]:
    with psycopg.connect(url.url) as con:
        return con.execute(query).fetchall()


def test_the_setting_defaults_to_duckdb_and_rejects_anything_else(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TCW_WAREHOUSE", raising=False)
    assert warehouse_setting() == "duckdb"
    assert isinstance(get_warehouse(), DuckDBWarehouse)
    monkeypatch.setenv("TCW_WAREHOUSE", "mysql://somewhere/tcw")
    with pytest.raises(ValueError, match="TCW_WAREHOUSE must be 'duckdb' or a PostgreSQL URL"):
        warehouse_setting()


def test_a_url_without_a_database_is_refused_and_passwords_stay_out_of_logs() -> None:
    with pytest.raises(ValueError, match="names no database"):
        PostgresUrl("postgresql://postgres@127.0.0.1:5432")
    url = PostgresUrl("postgresql://tcw:s3cret@db.example:6543/tcw")
    assert "s3cret" not in str(url)
    assert url.dbt_environment()["TCW_PG_PORT"] == "6543"
    assert url.dbt_environment()["TCW_PG_PASSWORD"] == "s3cret"


def test_the_database_is_created_when_missing_and_only_once(pg_database: PostgresUrl) -> None:  # noqa: F811
    fresh = pg_database.with_database(pg_database.database + "_b")
    try:
        assert get_warehouse(fresh.url).kind == "postgres"  # creates it
        assert fetch(fresh, "select current_database()") == [(fresh.database,)]
        assert ensure_database(fresh) is False
    finally:
        from pipelines.warehouses.postgres import drop_database

        drop_database(fresh)


def test_copy_round_trips_every_raw_type_exactly(pg_database: PostgresUrl) -> None:  # noqa: F811
    frame = pl.DataFrame(
        {
            "source_family": ["annual_reports", "annual_reports", "annual_reports"],
            "reporting_year": [2024, 2024, 2024],
            "source_row": [2, 3, 4],
            # NULL and the empty string stay apart; quotes, commas, newlines and scripts survive.
            "label": ["", None, 'Côte d\'Ivoire, "Bureau"\nРоссия 中文'],
            "amount_usd": [Decimal("0.01"), None, Decimal("9999999999999999.99")],
            "share": [0.1 + 0.2, None, 1e-300],
            "event_date": [dt.date(2012, 1, 1), None, dt.date(2099, 12, 31)],
            "flag": [False, None, True],
        },
        schema=SCHEMA,
    )
    warehouse = PostgresWarehouse(pg_database)
    warehouse.replace_year(["annual_reports"], 2024, {"things": (SCHEMA, frame)})
    back = warehouse.read("select * from build_raw.things order by source_row")
    assert back.to_dicts() == frame.to_dicts()
    types = dict(
        fetch(
            pg_database,
            "select column_name, data_type from information_schema.columns "
            "where table_schema = 'build_raw' and table_name = 'things'",
        )
    )
    assert types["amount_usd"] == "numeric" and types["share"] == "double precision"


def test_replace_year_replaces_exactly_one_year_of_the_given_families(
    pg_database: PostgresUrl,  # noqa: F811
) -> None:
    warehouse = PostgresWarehouse(pg_database)
    for year in (2023, 2024):
        for family in ("annual_reports", "request_logs"):
            warehouse.replace_year([family], year, {"things": (SCHEMA, rows(family, year, 3))})
    warehouse.replace_year(
        ["annual_reports"], 2024, {"things": (SCHEMA, rows("annual_reports", 2024, 5, "y"))}
    )
    counts = fetch(
        pg_database,
        "select source_family, reporting_year, count(*), min(label) from build_raw.things "
        "group by 1, 2 order by 1, 2",
    )
    assert counts == [
        ("annual_reports", 2023, 3, "x0"),
        ("annual_reports", 2024, 5, "y0"),
        ("request_logs", 2023, 3, "x0"),
        ("request_logs", 2024, 3, "x0"),
    ]


def test_a_failed_load_leaves_the_previous_year_in_place(pg_database: PostgresUrl) -> None:  # noqa: F811
    warehouse = PostgresWarehouse(pg_database)
    warehouse.replace_year(["annual_reports"], 2024, {"things": (SCHEMA, rows("annual_reports", 2024, 3))})
    # The second table's frame lacks a column: the whole transaction, first table included, rolls back.
    broken = rows("annual_reports", 2024, 2).drop("flag")
    with pytest.raises(pl.exceptions.ColumnNotFoundError):
        warehouse.replace_year(
            ["annual_reports"],
            2024,
            {"things": (SCHEMA, rows("annual_reports", 2024, 7, "z")), "others": (SCHEMA, broken)},
        )
    assert fetch(pg_database, "select count(*), min(label) from build_raw.things") == [(3, "x0")]


def test_postgres_and_duckdb_writers_agree(pg_database: PostgresUrl, tmp_path) -> None:  # noqa: F811
    writes = {"things": (SCHEMA, rows("annual_reports", 2024, 4))}
    with duckdb_warehouse.connect(tmp_path / "w.duckdb") as con:
        duckdb_warehouse.replace_year(con, ["annual_reports"], 2024, writes)
        expected = pl.from_arrow(con.sql("select * from raw.things order by source_row").to_arrow_table())
    warehouse = PostgresWarehouse(pg_database)
    warehouse.replace_year(["annual_reports"], 2024, writes)
    assert (
        warehouse.read("select * from build_raw.things order by source_row").to_dicts() == expected.to_dicts()
    )  # type: ignore[union-attr]


def test_replace_table_under_the_staging_views_of_a_previous_run(pg_database: PostgresUrl) -> None:  # noqa: F811
    """A second run replaces raw.countries while dbt's staging view over it exists: the rows
    are replaced and the view stays; a change of columns drops the view, for dbt to rebuild."""
    warehouse = PostgresWarehouse(pg_database)
    warehouse.replace_table("countries", pl.DataFrame({"iso3": ["KEN", "UGA"], "m49": [404, 800]}))
    with warehouse.connect() as con:
        con.execute("create schema build_staging")
        con.execute("create view build_staging.stg_countries as select iso3 from build_raw.countries")
    warehouse.replace_table("countries", pl.DataFrame({"iso3": ["FJI"], "m49": [242]}))
    with warehouse.connect() as con:
        assert con.execute("select iso3 from build_staging.stg_countries").fetchall() == [("FJI",)]
    warehouse.replace_table("countries", pl.DataFrame({"iso3": ["FJI"], "name": ["Fiji"]}))
    with warehouse.connect() as con:
        assert con.execute("select iso3, name from build_raw.countries").fetchall() == [("FJI", "Fiji")]
        assert con.execute("select to_regclass('build_staging.stg_countries')").fetchone() == (None,)
