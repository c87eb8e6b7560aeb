"""What keeps a 10M-event build under 2 GB per process (docs/benchmarks.md): DuckDB capped
where this process writes and validates the build, polars' allocator giving freed memory back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import sqlalchemy

from pipelines import warehouse
from pipelines.settings import Settings
from pipelines.validation.gx import VALIDATION_MEMORY_LIMIT, sql_source
from pipelines.warehouses import DuckDBWarehouse

ALLOCATOR = "_RJEM_MALLOC_CONF"


def _as_duckdb_shows(limit: str) -> str:
    with duckdb.connect(config={"memory_limit": limit}) as con:
        return str(con.execute("select current_setting('memory_limit')").fetchone()[0])  # type: ignore[index]


def test_raw_writes_run_under_their_memory_limit(tmp_path: Path) -> None:
    frame = pl.DataFrame({"reporting_year": [2019], "value": ["x"]})
    schema = dict(frame.schema)
    with warehouse.connect(tmp_path / "build.duckdb") as con:
        default = con.execute("select current_setting('memory_limit')").fetchone()[0]  # type: ignore[index]
        warehouse.replace_year(con, ["request_logs"], 2019, {"events": (schema, frame)})
        limit = con.execute("select current_setting('memory_limit')").fetchone()[0]  # type: ignore[index]
        assert con.execute("select count(*) from raw.events").fetchone()[0] == 1  # type: ignore[index]
    assert limit == _as_duckdb_shows(warehouse.RAW_WRITE_MEMORY_LIMIT) != default


def test_the_suites_read_the_build_under_their_memory_limit(tmp_path: Path) -> None:
    settings = Settings(tmp_path, warehouse_dir=tmp_path / "wh", publications_root=tmp_path / "pub")
    with warehouse.connect(settings.build_db) as con:
        con.execute("create table t as select 1 as one")
    source = sql_source(DuckDBWarehouse(settings))
    engine = sqlalchemy.create_engine(source.url, **source.engine_options)
    try:
        with engine.connect() as con:
            limit = con.exec_driver_sql("select current_setting('memory_limit')").scalar()
            read_only = con.exec_driver_sql("select current_setting('access_mode')").scalar()
    finally:
        engine.dispose()
    assert limit == _as_duckdb_shows(VALIDATION_MEMORY_LIMIT)
    assert str(read_only).lower() == "read_only"


def _allocator_setting_seen_by_a_new_process(environment: dict[str, str]) -> str:
    code = "import os, pipelines.cli, polars; print(os.environ.get('_RJEM_MALLOC_CONF', ''))"
    done = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_polars_allocator_gives_freed_memory_back_unless_the_operator_says_otherwise() -> None:
    environment = {k: v for k, v in os.environ.items() if k != ALLOCATOR}
    # polars appends the variable to its own defaults: the last setting of an option wins.
    ours = _allocator_setting_seen_by_a_new_process(environment)
    assert ours.endswith(",dirty_decay_ms:100,muzzy_decay_ms:0")
    own = {**environment, ALLOCATOR: "dirty_decay_ms:5000"}
    assert _allocator_setting_seen_by_a_new_process(own).endswith(",dirty_decay_ms:5000")
