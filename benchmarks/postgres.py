"""The PostgreSQL leg of `make bench`: the whole sample built by the real pipeline with
`TCW_WAREHOUSE` naming a scratch database (COPY loads into the build schemas, the four dbt steps
with `--target postgres`, every check, publication by schema swap, the extracts), as `tcw run`
does. Skipped, with the reason, when no server answers at TCW_BENCH_POSTGRES_URL (default the
machine's local server); the scratch database is dropped afterwards."""

from __future__ import annotations

POSTGRES_RUN = """
import json, os, secrets
import psycopg
from pipelines.warehouses.postgres import PostgresUrl, drop_database
server = PostgresUrl(os.environ.get("TCW_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"))
try:
    psycopg.connect(server.url, connect_timeout=5).close()
except psycopg.OperationalError as error:
    print(json.dumps({{"skipped": "no PostgreSQL server: " + str(error).strip().splitlines()[0]}}))
    raise SystemExit(0)
url = server.with_database("tcw_bench_" + secrets.token_hex(4))
# This process is the benchmark's own, started for this leg: it reads TCW_WAREHOUSE as `tcw run`
# would (the database is created by the run).
os.environ["TCW_WAREHOUSE"] = url.url
try:
    from pipelines.runner import build
    outcome = build({years!r}, log_level="ERROR")
    assert outcome.ok, outcome
    with psycopg.connect(url.url) as con:
        rows = con.execute("select count(*) from raw.request_events").fetchone()[0]
    print(json.dumps({{"checks_passed": outcome.checks_passed, "published_request_events": rows}}))
finally:
    drop_database(url)
"""
