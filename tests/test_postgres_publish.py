"""Write-audit-publish on PostgreSQL: the build schemas are swapped in for the published ones in
one transaction, so a reader sees the old complete state or the new one, never a mix."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import polars as pl
import psycopg
import pytest

from pipelines.warehouses.postgres import PostgresUrl, PostgresWarehouse
from tests.postgres_server import pg_database  # noqa: F401 - fixture

SCHEMA: dict[str, pl.DataType] = {"reporting_year": pl.Int32(), "value": pl.Int64()}


def stage(warehouse: PostgresWarehouse, version: int) -> None:
    """A complete state `version`: raw and two marts that must agree with each other."""
    frame = pl.DataFrame({"reporting_year": [2024] * 3, "value": [version] * 3}, schema=SCHEMA)
    warehouse.replace_year(["request_logs"], 2024, {"events": (SCHEMA, frame)})
    with warehouse.connect() as con:
        con.execute("create schema if not exists build_marts")
        for table in ("needs", "resources"):
            con.execute(f"drop table if exists build_marts.{table}")
            con.execute(
                f"create table build_marts.{table} as select reporting_year, value from build_raw.events"
            )


@pytest.fixture
def published(pg_database: PostgresUrl) -> Iterator[PostgresWarehouse]:  # noqa: F811
    warehouse = PostgresWarehouse(pg_database)
    stage(warehouse, 1)
    assert warehouse.publish() == ["raw", "marts"]
    yield warehouse


def values(con: psycopg.Connection, table: str) -> set[int]:
    return {v for (v,) in con.execute(f"select value from {table}").fetchall()}


def test_publication_replaces_the_published_schemas_and_keeps_the_build(published: PostgresWarehouse) -> None:
    stage(published, 2)
    with published.connect() as con:
        assert values(con, "marts.needs") == {1}
    published.publish()
    with published.connect() as con:
        assert (
            values(con, "marts.needs") == values(con, "marts.resources") == values(con, "raw.events") == {2}
        )
        assert values(con, "build_marts.needs") == {2}  # the next run builds on top of it
        leftovers = con.execute("select nspname from pg_namespace where nspname like 'tcw\\_%'").fetchall()
        assert leftovers == []


def test_a_repeatable_read_reader_sees_the_old_state_until_it_ends(published: PostgresWarehouse) -> None:
    stage(published, 2)
    reader = psycopg.connect(published.url.url)
    reader.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    try:
        assert values(reader, "marts.needs") == {1}  # snapshot taken, marts.needs in use
        errors: list[BaseException] = []

        def publish() -> None:
            try:
                published.publish()
            except BaseException as error:  # reported by the main thread
                errors.append(error)

        publisher = threading.Thread(target=publish)
        publisher.start()
        # Wait (no time bound asserted) until the publisher has committed its copy of the build
        # (incoming schemas): from then on it waits for this reader, whose snapshot is older.
        with psycopg.connect(published.url.url, autocommit=True) as observer:
            while publisher.is_alive():
                copied = observer.execute(
                    "select count(*) from pg_namespace where nspname = 'tcw_incoming_marts'"
                ).fetchone()[0]  # type: ignore[index]
                if copied:
                    break
        assert publisher.is_alive(), errors
        # Still the old complete state, in the table it read and in the ones it had not.
        assert values(reader, "marts.needs") == {1}
        assert values(reader, "marts.resources") == {1}
        assert values(reader, "raw.events") == {1}
        reader.commit()  # the reader ends: publication proceeds
        publisher.join()
        assert not errors
        assert values(reader, "marts.needs") == values(reader, "marts.resources") == {2}
    finally:
        reader.close()


def test_a_failed_publication_changes_nothing(published: PostgresWarehouse) -> None:
    stage(published, 2)
    reader = psycopg.connect(published.url.url)
    try:
        assert values(reader, "marts.needs") == {1}  # holds its lock: publication cannot swap
        from pipelines.warehouses.postgres import PublicationBlocked

        with pytest.raises(PublicationBlocked, match="nothing was published"):
            published.publish(patience_seconds=0.0)
        reader.commit()
        assert values(reader, "marts.needs") == values(reader, "raw.events") == {1}
        incoming = reader.execute("select nspname from pg_namespace where nspname like 'tcw\\_%'").fetchall()
        assert incoming == []
    finally:
        reader.close()
