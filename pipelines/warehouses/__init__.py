"""Where the warehouse lives: `TCW_WAREHOUSE` is `duckdb` (the default: one file, one machine)
or a PostgreSQL URL (a team's server, docs/deployment.md).

Both implement `Warehouse`, the few operations the pipeline needs from its store, so that the
Dagster assets and the CLI choose one object once (from a resource) instead of branching:

- `replace_year(families, year, writes)`: one reporting year of some raw tables, in one
  transaction (ingestion);
- `replace_table(table, frame)`: a whole unpartitioned raw table (reference data);
- `dbt_target()` and `dbt_profile_vars()`: what `dbt build` needs to write the same build
  (`dbt_environment()` for dbt run by hand);
- `fetchall(sql, params)`, `frame(sql, params)`: the checks' reads of the build, in SQL both
  warehouses run (`?` placeholders, layers named `raw.`, `marts.`, ... as published);
- `publish()`: after every blocking check passed, make the build the published state atomically;
- `read_year(specs, year)`: a year of every published mart, for the extracts;
- `connect_readonly()`: a read-only connection on the published state (`tcw sql`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

import polars as pl

from pipelines.settings import Settings, get_settings
from pipelines.warehouses.postgres import PostgresUrl, PostgresWarehouse, is_postgres_url

DUCKDB = "duckdb"
WAREHOUSE_ENV = "TCW_WAREHOUSE"
# The run tag deploy/dagster.yaml limits to one run per value: one writer per warehouse.
WAREHOUSE_TAG = "tcw/warehouse"


class Warehouse(Protocol):
    kind: ClassVar[str]

    def replace_year(
        self,
        families: Sequence[str],
        year: int,
        writes: Mapping[str, tuple[Mapping[str, pl.DataType], pl.DataFrame]],
    ) -> None: ...

    def replace_table(self, table: str, frame: pl.DataFrame) -> None: ...

    def dbt_target(self) -> str: ...

    def dbt_environment(self) -> dict[str, str]: ...

    def dbt_profile_vars(self) -> dict[str, str]: ...

    def fetchall(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    def has_raw_table(self, table: str) -> bool: ...

    def frame(self, query: str, params: Sequence[Any] = ()) -> pl.DataFrame: ...

    def publish(self) -> Any: ...

    def read_year(self, specs: Sequence[Any], year: int) -> dict[str, pl.DataFrame]: ...

    def connect_readonly(self) -> AbstractContextManager[Any]: ...


def warehouse_setting() -> str:
    """`TCW_WAREHOUSE`, validated: `duckdb` or a postgresql:// URL."""
    value = os.environ.get(WAREHOUSE_ENV, DUCKDB).strip() or DUCKDB
    if value != DUCKDB and not is_postgres_url(value):
        raise ValueError(
            f"{WAREHOUSE_ENV} must be 'duckdb' or a PostgreSQL URL such as "
            f"postgresql://postgres@127.0.0.1:5432/tcw, not {value!r}"
        )
    return value


def warehouse_tag(setting: str | None = None) -> str:
    """The value of the `tcw/warehouse` run tag: which warehouse a run writes, without secrets
    (`duckdb:<build file>` or `postgresql://host:port/database`)."""
    value = setting or warehouse_setting()
    if value == DUCKDB:
        return f"{DUCKDB}:{get_settings().build_db}"
    url = PostgresUrl(value)
    return f"postgresql://{url.host}:{url.port}/{url.database}"


@dataclass(frozen=True)
class DuckDBWarehouse:
    """The embedded default, over the existing functions (pipelines/warehouse.py, publish.py):
    the build file that ingestion and dbt write, the published copy analysts read."""

    settings: Settings = field(default_factory=get_settings)
    kind: ClassVar[str] = DUCKDB

    def replace_year(
        self,
        families: Sequence[str],
        year: int,
        writes: Mapping[str, tuple[Mapping[str, pl.DataType], pl.DataFrame]],
    ) -> None:
        from pipelines import warehouse

        with warehouse.connect(self.settings.build_db) as con:
            warehouse.replace_year(con, families, year, writes)

    def replace_table(self, table: str, frame: pl.DataFrame) -> None:
        from pipelines import warehouse

        with warehouse.connect(self.settings.build_db) as con:
            warehouse.replace_table(con, table, frame)

    def dbt_target(self) -> str:
        return DUCKDB

    def dbt_environment(self) -> dict[str, str]:
        return {"TCW_DUCKDB_PATH": str(self.settings.build_db), "TCW_SCHEMA_PREFIX": ""}

    def dbt_profile_vars(self) -> dict[str, str]:
        return {"duckdb_path": str(self.settings.build_db)}

    def has_raw_table(self, table: str) -> bool:
        if not self.settings.build_db.exists():
            return False
        found = self.fetchall(
            "select count(*) from duckdb_tables() where schema_name = 'raw' and table_name = ?", [table]
        )
        return bool(found and found[0][0])

    def fetchall(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of a query on the build (`?` placeholders), as the checks read it."""
        from pipelines import warehouse

        with warehouse.connect(self.settings.build_db, read_only=True) as con:
            return con.execute(query, list(params)).fetchall()

    def frame(self, query: str, params: Sequence[Any] = ()) -> pl.DataFrame:
        from pipelines import warehouse

        with warehouse.connect(self.settings.build_db, read_only=True) as con:
            frame = pl.from_arrow(con.sql(query, params=list(params)).to_arrow_table())
        assert isinstance(frame, pl.DataFrame)
        return frame

    def publish(self) -> str:
        from pipelines.publish import publish_database

        return str(publish_database(self.settings))

    def read_year(self, specs: Sequence[Any], year: int) -> dict[str, pl.DataFrame]:
        from pipelines.publish import read_year

        return read_year(self.settings.published_db, specs, year)

    @contextmanager
    def connect_readonly(self) -> Iterator[Any]:
        from pipelines import warehouse

        with warehouse.connect(self.settings.published_db, read_only=True) as con:
            yield con


def warehouse_for(setting: str, settings: Settings | None = None) -> Warehouse:
    """The warehouse a setting (`duckdb` or a PostgreSQL URL) names, without touching it."""
    if setting == DUCKDB:
        return DuckDBWarehouse(settings or get_settings())
    if not is_postgres_url(setting):
        raise ValueError(f"{WAREHOUSE_ENV} must be 'duckdb' or a PostgreSQL URL, not {setting!r}")
    return PostgresWarehouse(PostgresUrl(setting))


def get_warehouse(setting: str | None = None) -> Warehouse:
    """The warehouse `TCW_WAREHOUSE` names; a PostgreSQL database is created when missing."""
    target = warehouse_for(setting or warehouse_setting())
    if isinstance(target, PostgresWarehouse):
        target.ensure_database()
    return target


__all__ = [
    "DUCKDB",
    "WAREHOUSE_ENV",
    "WAREHOUSE_TAG",
    "DuckDBWarehouse",
    "PostgresUrl",
    "PostgresWarehouse",
    "Warehouse",
    "get_warehouse",
    "warehouse_for",
    "warehouse_setting",
    "warehouse_tag",
]
