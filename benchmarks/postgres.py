"""The PostgreSQL leg of `make bench`: the sample's raw tables (from the DuckDB run just measured)
loaded with COPY into a scratch database, every dbt model built and tested there with
`--target postgres`, then published by schema swap. Skipped, with the reason, when no server
answers at TCW_BENCH_POSTGRES_URL (default the machine's local server)."""

from __future__ import annotations

POSTGRES_RUN = """
import json, os, secrets, tempfile, time
from pathlib import Path
import psycopg
from pipelines.warehouses.postgres import (
    PostgresUrl, PostgresWarehouse, build_and_publish, drop_database, ensure_database, load_raw_from_duckdb,
)
server = PostgresUrl(os.environ.get("TCW_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"))
try:
    psycopg.connect(server.url, connect_timeout=5).close()
except psycopg.OperationalError as error:
    print(json.dumps({{"skipped": "no PostgreSQL server: " + str(error).strip().splitlines()[0]}}))
    raise SystemExit(0)
url = server.with_database("tcw_bench_" + secrets.token_hex(4))
ensure_database(url)
try:
    warehouse = PostgresWarehouse(url)
    start = time.perf_counter()
    rows = sum(load_raw_from_duckdb(Path({build_db!r}), warehouse).values())
    copy_seconds = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as target:
        start = time.perf_counter()
        build_and_publish(warehouse, target_path=target)
        dbt_seconds = time.perf_counter() - start
    figures = {{"raw_rows": rows, "copy_s": round(copy_seconds, 2)}}
    figures["dbt_build_and_publish_s"] = round(dbt_seconds, 2)
    print(json.dumps(figures))
finally:
    drop_database(url)
"""
