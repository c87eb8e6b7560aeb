"""Who may see what on the PostgreSQL warehouse (`tcw db init`).

- The pipeline role (default `tcw_pipeline`) owns the database and every schema and table in
  it; Dagster runs, ingestion and dbt connect as it.
- The analyst role (default `tcw_analyst`) may connect and read the published `marts` and
  nothing else: not `raw`, not the build schemas, no temporary tables, no writes. Publication
  (postgres.py) hands the new `marts` the same readers as the one it replaces.
- Report authors use the extracts (publications/) or the analyst role.

Everything is idempotent: `init_roles` can run after every deployment.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg import sql

from pipelines.warehouses.postgres import (
    ANALYST_SCHEMAS,
    PostgresUrl,
    ensure_database,
    grant_read,
    ident,
)

SYSTEM_SCHEMAS = ("pg_catalog", "information_schema", "pg_toast")


@dataclass(frozen=True)
class RoleReport:
    database_created: bool
    roles_created: list[str]
    schemas_owned: list[str]
    analyst_schemas: list[str]


def _ensure_role(con: psycopg.Connection, role: str, password: str | None) -> bool:
    exists = con.execute("select 1 from pg_roles where rolname = %s", [role]).fetchone()
    if not exists:
        try:
            con.execute(sql.SQL("create role {} login").format(ident(role)))
        except psycopg.errors.DuplicateObject:
            exists = (1,)  # created concurrently
    if password:
        con.execute(sql.SQL("alter role {} password {}").format(ident(role), sql.Literal(password)))
    return not exists


def init_roles(
    admin_url: str,
    pipeline_role: str = "tcw_pipeline",
    analyst_role: str = "tcw_analyst",
    pipeline_password: str | None = None,
    analyst_password: str | None = None,
) -> RoleReport:
    """Create the database and both roles if missing, give the pipeline role everything and the
    analyst role read access to `marts` only. `admin_url` connects as a role that may create
    roles (a superuser or CREATEROLE) to the warehouse database."""
    url = PostgresUrl(admin_url)
    created_db = ensure_database(url)
    with psycopg.connect(url.url, autocommit=True) as con:
        created = [
            role
            for role, password in ((pipeline_role, pipeline_password), (analyst_role, analyst_password))
            if _ensure_role(con, role, password)
        ]
        pipeline, analyst = ident(pipeline_role), ident(analyst_role)
        database = ident(url.database)
        with con.transaction():
            con.execute(sql.SQL("alter database {} owner to {}").format(database, pipeline))
            # PostgreSQL lets every role connect and create temporary tables by default.
            con.execute(sql.SQL("revoke all on database {} from public").format(database))
            con.execute(sql.SQL("grant connect, temporary on database {} to {}").format(database, pipeline))
            con.execute(sql.SQL("grant connect on database {} to {}").format(database, analyst))
            con.execute(sql.SQL("revoke create on schema public from public"))
            # The published schemas exist before the first publication, so that the grant
            # below has a schema to hold it and publication copies it to the new one.
            for schema in ANALYST_SCHEMAS:
                con.execute(sql.SQL("create schema if not exists {}").format(ident(schema)))
            schemas = [
                row[0]
                for row in con.execute(
                    "select nspname from pg_namespace where nspname <> all(%s) "
                    "and nspname not like 'pg\\_temp\\_%%' and nspname not like 'pg\\_toast\\_temp\\_%%' "
                    "order by nspname",
                    [list(SYSTEM_SCHEMAS)],
                ).fetchall()
            ]
            for schema in schemas:
                con.execute(sql.SQL("alter schema {} owner to {}").format(ident(schema), pipeline))
                relations = con.execute(
                    "select c.relname, c.relkind from pg_class c "
                    "join pg_namespace n on n.oid = c.relnamespace "
                    "where n.nspname = %s and c.relkind in ('r', 'p', 'v', 'm', 'S')",
                    [schema],
                ).fetchall()
                for name, kind in relations:
                    statement = {"v": "view", "m": "materialized view", "S": "sequence"}.get(kind, "table")
                    con.execute(
                        sql.SQL("alter {} {}.{} owner to {}").format(
                            sql.SQL(statement), ident(schema), ident(name), pipeline
                        )
                    )
                # Only the analyst schemas are readable; re-running init takes back anything else.
                con.execute(sql.SQL("revoke all on schema {} from {}").format(ident(schema), analyst))
                con.execute(
                    sql.SQL("revoke all on all tables in schema {} from {}").format(ident(schema), analyst)
                )
            for schema in ANALYST_SCHEMAS:
                grant_read(con, schema, analyst.as_string(con))
    return RoleReport(created_db, created, schemas, list(ANALYST_SCHEMAS))
