"""The warehouse on a PostgreSQL server: the team deployment (docs/deployment.md).

The same layers as the DuckDB build, in schemas instead of files:

- a run writes the *build* schemas (`build_raw`, `build_staging`, `build_intermediate`,
  `build_marts`, `build_reference`): ingestion replaces one reporting year of a raw table per
  transaction, dbt builds the models there (profiles.yml reads `TCW_SCHEMA_PREFIX`);
- only after every blocking check passed, `publish` copies the build schemas into incoming
  schemas and swaps them in for the published ones (`raw`, `marts`, ...) with schema renames in
  ONE transaction. Analysts and extracts read the published schemas; they never see a
  half-built state.

Loads are bulk: a polars frame goes to the server as CSV through `COPY ... FROM STDIN`
(psycopg 3), never row by row.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

import polars as pl
import psycopg
from psycopg import sql

from pipelines.warehouses.build_reads import in_build

# The schemas a run publishes, without the build prefix. `staging` (dbt views over raw) stays
# in the build: nobody reads it but dbt, and a copied view would still name the build tables.
LAYERS = ("raw", "reference", "intermediate", "marts")
BUILD_PREFIX = "build_"
INCOMING_PREFIX = "tcw_incoming_"
RETIRED_PREFIX = "tcw_retired_"
# The schemas analysts may read (roles.py grants them and nothing else).
ANALYST_SCHEMAS = ("marts",)
COPY_CHUNK_ROWS = 200_000


def ident(name: str) -> sql.Identifier:
    return sql.Identifier(name)


class BuildFailed(RuntimeError):
    """dbt failed a model or a blocking test: nothing was published."""


class PublicationBlocked(RuntimeError):
    """Readers kept the published schemas busy past the publication's patience."""


@dataclass(frozen=True)
class PostgresUrl:
    """A `postgresql://user:password@host:port/database` URL, split for psycopg and dbt."""

    url: str

    def __post_init__(self) -> None:
        parts = urlsplit(self.url)
        if parts.scheme not in ("postgresql", "postgres"):
            raise ValueError(f"not a PostgreSQL URL (postgresql://user@host:port/database): {self.url!r}")
        if not parts.path.strip("/"):
            raise ValueError(f"the PostgreSQL URL names no database: {self.url!r}")

    @property
    def database(self) -> str:
        return unquote(urlsplit(self.url).path.strip("/"))

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or "localhost"

    @property
    def port(self) -> int:
        return urlsplit(self.url).port or 5432

    @property
    def user(self) -> str:
        return unquote(urlsplit(self.url).username or "postgres")

    @property
    def password(self) -> str:
        return unquote(urlsplit(self.url).password or "")

    def with_database(self, database: str) -> PostgresUrl:
        parts = urlsplit(self.url)
        return PostgresUrl(parts._replace(path=f"/{database}").geturl())

    def with_user(self, user: str, password: str = "") -> PostgresUrl:
        parts = urlsplit(self.url)
        auth = user + (f":{password}" if password else "")
        netloc = f"{auth}@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
        return PostgresUrl(parts._replace(netloc=netloc).geturl())

    def dbt_environment(self, schema_prefix: str = BUILD_PREFIX) -> dict[str, str]:
        """What profiles.yml's `postgres` target reads."""
        return {
            "TCW_PG_HOST": self.host,
            "TCW_PG_PORT": str(self.port),
            "TCW_PG_USER": self.user,
            "TCW_PG_PASSWORD": self.password,
            "TCW_PG_DATABASE": self.database,
            "TCW_SCHEMA_PREFIX": schema_prefix,
        }

    def __str__(self) -> str:  # never print a password into a log
        parts = urlsplit(self.url)
        if parts.password is None:
            return self.url
        return parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@")).geturl()


def is_postgres_url(value: str) -> bool:
    return value.startswith(("postgresql://", "postgres://"))


def ensure_database(url: PostgresUrl, maintenance_database: str = "postgres") -> bool:
    """Create the URL's database if it does not exist; True when it was created. Connects to
    the server's maintenance database, since one cannot connect to a missing database."""
    with psycopg.connect(url.with_database(maintenance_database).url, autocommit=True) as con:
        exists = con.execute("select 1 from pg_database where datname = %s", [url.database]).fetchone()
        if exists:
            return False
        try:
            con.execute(sql.SQL("create database {}").format(ident(url.database)))
        except psycopg.errors.DuplicateDatabase:
            return False  # created concurrently by another process: what we wanted
        return True


def drop_database(url: PostgresUrl, maintenance_database: str = "postgres") -> None:
    """For tests and `tcw db` housekeeping: drop the database, disconnecting its sessions."""
    with psycopg.connect(url.with_database(maintenance_database).url, autocommit=True) as con:
        con.execute(sql.SQL("drop database if exists {} with (force)").format(ident(url.database)))


# --- types -------------------------------------------------------------------------------


def pg_type(dtype: pl.DataType) -> str:
    """The PostgreSQL column type that holds a polars dtype without loss."""
    if isinstance(dtype, pl.Decimal):
        return f"numeric({dtype.precision or 38}, {dtype.scale or 0})"
    if isinstance(dtype, pl.Datetime):
        return "timestamptz" if dtype.time_zone else "timestamp"
    simple: dict[Any, str] = {
        pl.String: "text",
        pl.Int8: "smallint",
        pl.Int16: "smallint",
        pl.Int32: "integer",
        pl.Int64: "bigint",
        pl.UInt8: "smallint",
        pl.UInt16: "integer",
        pl.UInt32: "bigint",
        pl.UInt64: "numeric(20, 0)",
        pl.Float32: "real",
        pl.Float64: "double precision",
        pl.Boolean: "boolean",
        pl.Date: "date",
        pl.Time: "time",
        pl.Null: "text",
    }
    for polars_type, name in simple.items():
        if dtype == polars_type:
            return name
    raise TypeError(f"no PostgreSQL column type for polars dtype {dtype}")


def create_table_sql(schema: str, table: str, columns: Mapping[str, pl.DataType]) -> sql.Composed:
    return sql.SQL("create table if not exists {}.{} ({})").format(
        ident(schema),
        ident(table),
        sql.SQL(", ").join(
            sql.SQL("{} {}").format(ident(name), sql.SQL(pg_type(dtype))) for name, dtype in columns.items()
        ),
    )


def copy_frame(con: psycopg.Connection, schema: str, table: str, frame: pl.DataFrame) -> int:
    """Bulk-load a frame with COPY FROM STDIN in CSV (the caller owns the transaction).

    CSV keeps NULL (an unquoted empty field) apart from the empty string (`""`), and polars
    writes decimals, dates and floats (shortest round-trip form) exactly."""
    if not frame.height:
        return 0
    statement = sql.SQL("copy {}.{} ({}) from stdin (format csv)").format(
        ident(schema),
        ident(table),
        sql.SQL(", ").join(ident(c) for c in frame.columns),
    )
    with con.cursor() as cur, cur.copy(statement) as copy:
        for offset in range(0, frame.height, COPY_CHUNK_ROWS):
            chunk = frame.slice(offset, COPY_CHUNK_ROWS)
            copy.write(chunk.write_csv(include_header=False, quote_style="necessary").encode())
    return frame.height


# --- the warehouse -----------------------------------------------------------------------


def copy_readers(con: psycopg.Connection, old_schema: str, new_schema: str) -> None:
    """Grant USAGE on `new_schema` and SELECT on all its tables to every role (other than the
    owner) that had USAGE on `old_schema`: a schema's readers read all of it."""
    readers = con.execute(
        "select distinct a.grantee::regrole::text from pg_namespace n, aclexplode(n.nspacl) a "
        "where n.nspname = %s and a.privilege_type = 'USAGE' and a.grantee <> n.nspowner "
        "and a.grantee <> 0",
        [old_schema],
    ).fetchall()
    for (role,) in readers:
        grant_read(con, new_schema, role)


def grant_read(con: psycopg.Connection, schema: str, role: str) -> None:
    con.execute(sql.SQL("grant usage on schema {} to {}").format(ident(schema), sql.SQL(role)))
    con.execute(sql.SQL("grant select on all tables in schema {} to {}").format(ident(schema), sql.SQL(role)))


# PostgreSQL type OIDs (pg_type) -> polars, for the types the marts and raw tables use.
_POLARS_BY_OID: dict[int, pl.DataType] = {
    16: pl.Boolean(),
    20: pl.Int64(),
    21: pl.Int16(),
    23: pl.Int32(),
    25: pl.String(),
    700: pl.Float32(),
    701: pl.Float64(),
    1043: pl.String(),
    1082: pl.Date(),
    1114: pl.Datetime("us"),
    1184: pl.Datetime("us", "UTC"),
}


def _polars_type(column: Any) -> pl.DataType | None:
    if column.type_code == 1700:  # numeric: keep its precision and scale, as DuckDB's DECIMAL
        return pl.Decimal(column.precision or 38, column.scale or 0)
    return _POLARS_BY_OID.get(column.type_code)  # None: let polars infer


@dataclass(frozen=True)
class PostgresWarehouse:
    """The warehouse on one PostgreSQL database. `prefix` names this run's build schemas."""

    url: PostgresUrl
    prefix: str = BUILD_PREFIX
    kind: ClassVar[str] = "postgres"

    @classmethod
    def from_url(cls, url: str, prefix: str = BUILD_PREFIX) -> PostgresWarehouse:
        return cls(PostgresUrl(url), prefix)

    def build_schema(self, layer: str) -> str:
        return f"{self.prefix}{layer}"

    def ensure_database(self) -> bool:
        return ensure_database(self.url)

    @contextmanager
    def connect(self, autocommit: bool = False) -> Iterator[psycopg.Connection]:
        with psycopg.connect(self.url.url, autocommit=autocommit) as con:
            yield con

    @contextmanager
    def connect_readonly(self) -> Iterator[psycopg.Connection]:
        """A connection that sees the published state: one snapshot for the whole session's
        transaction (REPEATABLE READ) and no writes, whatever the role could do."""
        with psycopg.connect(self.url.url) as con:
            con.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            con.read_only = True
            yield con

    def dbt_target(self) -> str:
        return "postgres"

    def dbt_environment(self) -> dict[str, str]:
        return self.url.dbt_environment(self.prefix)

    def dbt_profile_vars(self) -> dict[str, str]:
        """profiles.yml's `postgres` target through --vars (no password: TCW_PG_PASSWORD,
        PGPASSWORD or ~/.pgpass, so it never reaches a command line or a log)."""
        environment = self.url.dbt_environment(self.prefix)
        return {
            "pg_host": environment["TCW_PG_HOST"],
            "pg_port": environment["TCW_PG_PORT"],
            "pg_user": environment["TCW_PG_USER"],
            "pg_database": environment["TCW_PG_DATABASE"],
            "schema_prefix": self.prefix,
        }

    def has_raw_table(self, table: str) -> bool:
        with self.connect_readonly() as con:
            found = con.execute(
                "select count(*) from information_schema.tables where table_schema = %s and table_name = %s",
                [self.build_schema("raw"), table],
            ).fetchone()
        return bool(found and found[0])

    def fetchall(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """A check's query (pipelines/warehouses/build_reads.py) on the build schemas."""
        with self.connect_readonly() as con:
            return con.execute(in_build(query, self.prefix), list(params)).fetchall()

    def frame(self, query: str, params: Sequence[Any] = ()) -> pl.DataFrame:
        return self.read(in_build(query, self.prefix), list(params))

    # --- raw writes (the same contract as pipelines/warehouse.py) ---

    def ensure_table(self, con: psycopg.Connection, table: str, schema: Mapping[str, pl.DataType]) -> None:
        raw = self.build_schema("raw")
        con.execute(sql.SQL("create schema if not exists {}").format(ident(raw)))
        con.execute(create_table_sql(raw, table, schema))

    def replace_year(
        self,
        families: Sequence[str],
        year: int,
        writes: Mapping[str, tuple[Mapping[str, pl.DataType], pl.DataFrame]],
    ) -> None:
        """Delete-and-insert one reporting year of some source families in several raw tables,
        in one transaction: a re-run replaces exactly that year, a failure leaves the previous
        load, and a concurrent reader sees the old year or the new one. Tables shared by
        source families (rejects, load_audit) are scoped by `source_family`."""
        raw = self.build_schema("raw")
        with self.connect() as con, con.transaction():
            for table, (schema, frame) in writes.items():
                self.ensure_table(con, table, schema)
                target = sql.SQL("{}.{}").format(ident(raw), ident(table))
                if "source_family" in schema:
                    con.execute(
                        sql.SQL(
                            "delete from {} where reporting_year = %s and source_family = any(%s)"
                        ).format(target),
                        [year, list(families)],
                    )
                else:
                    con.execute(sql.SQL("delete from {} where reporting_year = %s").format(target), [year])
                copy_frame(con, raw, table, frame.select(list(schema)).cast(dict(schema)))

    def replace_table(self, table: str, frame: pl.DataFrame) -> None:
        """Replace a whole (unpartitioned) raw table atomically. dbt's staging views depend on
        it, and PostgreSQL (unlike DuckDB) will not drop a table under a view: with the same
        columns the rows are replaced in place; otherwise the views go too (cascade) and the
        run's dbt step that follows rebuilds them from the new columns."""
        raw = self.build_schema("raw")
        with self.connect() as con, con.transaction():
            con.execute(sql.SQL("create schema if not exists {}").format(ident(raw)))
            columns = con.execute(
                "select column_name from information_schema.columns "
                "where table_schema = %s and table_name = %s order by ordinal_position",
                [raw, table],
            ).fetchall()
            if columns and [name for (name,) in columns] == frame.columns:
                con.execute(sql.SQL("truncate table {}.{}").format(ident(raw), ident(table)))
            else:
                con.execute(sql.SQL("drop table if exists {}.{} cascade").format(ident(raw), ident(table)))
                con.execute(create_table_sql(raw, table, dict(frame.schema)))
            copy_frame(con, raw, table, frame)

    def read(self, query: str, params: Sequence[Any] | None = None) -> pl.DataFrame:
        """A query's result as a polars frame with the dtypes DuckDB's would have (numeric(p, s)
        -> Decimal(p, s), integer -> Int32, date -> Date...), read in one REPEATABLE READ
        snapshot: extracts written from either warehouse have the same columns and formats."""
        with self.connect_readonly() as con, con.cursor() as cur:
            cur.execute(query, params)
            schema = {column.name: _polars_type(column) for column in cur.description or []}
            return pl.DataFrame(cur.fetchall(), schema=schema, orient="row")

    def read_year(self, specs: Sequence[Any], year: int) -> dict[str, pl.DataFrame]:
        """Each published mart's rows for the year, sorted by key: `publish.read_year` for
        PostgreSQL (specs are `publish.MartSpec`s)."""
        # Sorted here, not by the server: PostgreSQL orders text by the database's collation,
        # DuckDB (and polars) by bytes, and equal data must give equal extract files.
        return {
            spec.name: self.read(
                sql.SQL("select * from marts.{} where year = %s").format(ident(spec.name)).as_string(), [year]
            ).sort(spec.key)
            for spec in specs
        }

    # --- write-audit-publish ---

    def publish(
        self,
        layers: Sequence[str] = LAYERS,
        patience_seconds: float = 600.0,
        lock_timeout_ms: int = 500,
    ) -> list[str]:
        """Swap the build schemas in for the published ones; returns the schemas published.

        1. Copy every build schema's tables into an incoming schema and commit: the build
           schemas stay, like the DuckDB build file, so the next run replaces years on them.
        2. Wait until every transaction whose snapshot predates that commit has ended (what
           CREATE INDEX CONCURRENTLY does): name lookups always see the latest catalog, so such
           a reader could otherwise resolve a new table whose rows its snapshot cannot see.
        3. In ONE transaction: lock the published tables (ACCESS EXCLUSIVE waits for readers
           that already read them), rename published -> retired and incoming -> published,
           drop the retired schemas. A reader therefore sees the old state or the new one.

        Lock attempts time out quickly (shorter than PostgreSQL's deadlock_timeout) and are
        retried, so a long analyst query delays publication instead of queueing every other
        reader behind it; past `patience_seconds` publication fails and publishes nothing.
        """
        deadline = time.monotonic() + patience_seconds
        with self.connect() as con:
            present = self._existing_schemas(con)
            layers = [layer for layer in layers if self.build_schema(layer) in present]
            with con.transaction():
                for layer in layers:
                    self._copy_schema(con, self.build_schema(layer), INCOMING_PREFIX + layer)
            copied_at = con.execute("select clock_timestamp()").fetchone()[0]  # type: ignore[index]
            con.commit()
            self._wait_for_older_snapshots(con, copied_at, deadline)
            while True:
                try:
                    with con.transaction():
                        con.execute(
                            sql.SQL("set local lock_timeout = {}").format(sql.Literal(lock_timeout_ms))
                        )
                        self._swap(con, layers)
                    return layers
                except psycopg.errors.LockNotAvailable:
                    if time.monotonic() > deadline:
                        self._drop_incoming(con, layers)
                        raise PublicationBlocked(
                            f"readers held the published schemas for {patience_seconds:.0f} s; "
                            "nothing was published"
                        ) from None
                    time.sleep(lock_timeout_ms / 1000)

    @staticmethod
    def _existing_schemas(con: psycopg.Connection) -> set[str]:
        return {row[0] for row in con.execute("select nspname from pg_namespace").fetchall()}

    @staticmethod
    def _copy_schema(con: psycopg.Connection, source: str, target: str) -> None:
        con.execute(sql.SQL("drop schema if exists {} cascade").format(ident(target)))
        con.execute(sql.SQL("create schema {}").format(ident(target)))
        tables = con.execute(
            "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
            "where n.nspname = %s and c.relkind in ('r', 'p') order by c.relname",
            [source],
        ).fetchall()
        for (name,) in tables:
            con.execute(
                sql.SQL("create table {}.{} as table {}.{}").format(
                    ident(target), ident(name), ident(source), ident(name)
                )
            )

    def _wait_for_older_snapshots(self, con: psycopg.Connection, since: Any, deadline: float) -> None:
        query = (
            "select count(*) from pg_stat_activity where datname = current_database() "
            "and pid <> pg_backend_pid() and backend_type = 'client backend' "
            "and backend_xmin is not null and xact_start < %s"
        )
        while con.execute(query, [since]).fetchone()[0]:  # type: ignore[index]
            con.commit()
            if time.monotonic() > deadline:
                raise PublicationBlocked(
                    "transactions older than the build kept running; nothing was published"
                )
            time.sleep(0.2)
        con.commit()

    def _swap(self, con: psycopg.Connection, layers: Sequence[str]) -> None:
        present = self._existing_schemas(con)
        published = [layer for layer in layers if layer in present]
        if published:
            tables = con.execute(
                "select format('%%I.%%I', n.nspname, c.relname) from pg_class c "
                "join pg_namespace n on n.oid = c.relnamespace "
                "where n.nspname = any(%s) and c.relkind in ('r', 'p', 'v')",
                [published],
            ).fetchall()
            if tables:
                con.execute(
                    sql.SQL("lock table {} in access exclusive mode").format(
                        sql.SQL(", ").join(sql.SQL(t[0]) for t in tables)  # type: ignore[arg-type]
                    )
                )
        for layer in layers:
            retired = RETIRED_PREFIX + layer
            con.execute(sql.SQL("drop schema if exists {} cascade").format(ident(retired)))
            if layer in present:
                con.execute(sql.SQL("alter schema {} rename to {}").format(ident(layer), ident(retired)))
            con.execute(
                sql.SQL("alter schema {} rename to {}").format(ident(INCOMING_PREFIX + layer), ident(layer))
            )
        # Grants live on the replaced objects: whoever could read a published schema (the
        # analyst role, see roles.py) reads its new tables too.
        for layer in layers:
            if layer in present:
                copy_readers(con, RETIRED_PREFIX + layer, layer)
        for layer in layers:
            con.execute(sql.SQL("drop schema if exists {} cascade").format(ident(RETIRED_PREFIX + layer)))

    @staticmethod
    def _drop_incoming(con: psycopg.Connection, layers: Sequence[str]) -> None:
        with con.transaction():
            for layer in layers:
                con.execute(
                    sql.SQL("drop schema if exists {} cascade").format(ident(INCOMING_PREFIX + layer))
                )


def run_dbt(
    warehouse: PostgresWarehouse,
    args: Sequence[str],
    target_path: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """`dbt <args> --target postgres` into the warehouse's build schemas, in a subprocess whose
    environment (not this process's) carries the connection: a DuckDB run beside it is unaffected."""
    from pipelines.settings import DBT_PROJECT_DIR

    command = [
        str(Path(sys.executable).parent / "dbt"),
        *args,
        "--target",
        "postgres",
        "--project-dir",
        str(DBT_PROJECT_DIR),
        "--profiles-dir",
        str(DBT_PROJECT_DIR),
    ]
    if target_path:
        command += ["--target-path", target_path]
    env = {**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", **warehouse.dbt_environment()}
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


def build_and_publish(
    warehouse: PostgresWarehouse, dbt_args: Sequence[str] = ("build",), target_path: str | None = None
) -> list[str]:
    """Write-audit-publish with dbt's tests as the audit: build the models (and run their
    tests) in the build schemas, publish only if every one passed. The Dagster run publishes
    the same way once the Python and Great Expectations checks passed too."""
    result = run_dbt(warehouse, dbt_args, target_path)
    if result.returncode != 0:
        failures = [line.strip() for line in result.stdout.splitlines() if "FAIL" in line or "ERROR" in line]
        raise BuildFailed("dbt build failed; nothing was published:\n" + "\n".join(failures[-20:]))
    return warehouse.publish()


def load_raw_from_duckdb(
    duckdb_path: Path, warehouse: PostgresWarehouse, schema: str = "raw"
) -> dict[str, int]:
    """Copy every raw table of a DuckDB build into the build raw schema (COPY per table), e.g.
    to move an existing warehouse to the server. Returns the rows copied per table."""
    import duckdb

    copied = {}
    with duckdb.connect(str(duckdb_path), read_only=True) as source:
        tables = source.execute(
            "select table_name from information_schema.tables where table_schema = ? order by 1", [schema]
        ).fetchall()
        for (table,) in tables:
            frame = pl.from_arrow(source.sql(f'select * from "{schema}"."{table}"').to_arrow_table())
            assert isinstance(frame, pl.DataFrame)
            warehouse.replace_table(table, frame)
            copied[table] = frame.height
    return copied
