"""Resources: where the sources, the warehouse and the publications are (`warehouse`), and the
dbt project and CLI (`dbt`). definitions.py configures them for the environment; a test or a
deployment swaps a resource, never an environment variable the code reads behind its back."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
from dagster import ConfigurableResource, InitResourceContext
from dagster_dbt import DbtCliResource, DbtProject
from dagster_dbt.compat import DBT_PYTHON_VERSION

from pipelines.settings import DBT_PROJECT_DIR, Settings, get_settings
from pipelines.warehouse import connect
from pipelines.warehouses import (
    DUCKDB,
    PostgresWarehouse,
    Warehouse,
    warehouse_for,
    warehouse_setting,
    warehouse_tag,
)

if TYPE_CHECKING:
    from packaging.version import Version

# Every dbt invocation of an asset writes its artifacts to one folder per asset and deployment,
# reused run after run: dagster-dbt's default (a new folder per invocation) grows without bound
# on a scheduled deployment and defeats dbt's partial parsing, and so would one folder shared by
# deployments of other databases (tests, benchmarks: the profile differs, dbt re-parses). Runs
# of one asset never overlap: every writer is in the duckdb_writer pool, whose limit is one
# (runner.INSTANCE_CONFIG).
DBT_TARGETS = "dbt_target"


class WarehouseResource(ConfigurableResource):  # type: ignore[misc]
    """One deployment: the sources read, where the warehouse lives (`location`: `duckdb`, the
    files under `warehouse_dir`, or a PostgreSQL URL, see pipelines/warehouses/), publications.
    `warehouse_dir` also holds what is not data (GX results, logs, the PDF cache)."""

    sources_dir: str
    warehouse_dir: str
    publications_dir: str
    location: str = DUCKDB

    @classmethod
    def from_settings(cls, settings: Settings, location: str = DUCKDB) -> WarehouseResource:
        return cls(
            sources_dir=str(settings.sources_dir),
            warehouse_dir=str(settings.warehouse_dir),
            publications_dir=str(settings.publications_dir),
            location=location,
        )

    def setup_for_execution(self, context: InitResourceContext) -> None:
        # A PostgreSQL database is created on first use: dbt (seeds first) cannot create one.
        if isinstance(self.store, PostgresWarehouse):
            self.store.ensure_database()

    @property
    def store(self) -> Warehouse:
        """The warehouse itself: raw writes, the checks' reads, publication, extracts."""
        return warehouse_for(self.location, self.paths)

    @property
    def tag(self) -> str:
        """The `tcw/warehouse` run tag: runs with the same value never write at once."""
        if self.location == DUCKDB:
            return f"{DUCKDB}:{self.paths.build_db}"
        return warehouse_tag(self.location)

    @property
    def paths(self) -> Settings:
        return Settings(
            sources_dir=Path(self.sources_dir).resolve(),
            warehouse_dir=Path(self.warehouse_dir).resolve(),
            publications_root=Path(self.publications_dir).resolve(),
        )

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A short-lived connection to the DuckDB build file (see pipelines/warehouse.py); code
        that must run on either warehouse uses `store` instead."""
        with connect(self.paths.build_db, read_only=read_only) as con:
            yield con

    def dbt_target(self, asset: str) -> Path:
        """The artifacts folder of a dbt asset in this deployment (see DBT_TARGETS)."""
        return self.paths.warehouse_dir / DBT_TARGETS / asset

    def dbt_vars(self, **variables: Any) -> list[str]:
        """`--target` and `--vars` for a dbt command: `variables` and where the build is, so
        that dbt and Python write the same file or schemas (profiles.yml reads them)."""
        store = self.store
        profile = {"duckdb_path": str(self.paths.build_db), **store.dbt_profile_vars()}
        return ["--target", store.dbt_target(), "--vars", json.dumps({**variables, **profile})]


def default_warehouse() -> WarehouseResource:
    """The folders and the warehouse the environment names (TCW_*, `TCW_WAREHOUSE`: `duckdb`
    or a PostgreSQL URL), or the repository's defaults."""
    return WarehouseResource.from_settings(get_settings(), warehouse_setting())


def _parse_args() -> list[str]:
    """`dbt parse` with the default deployment's `--target` and `--vars`, as its runs pass them
    (WarehouseResource.dbt_vars). dbt keeps the parse it did (target/partial_parse.msgpack),
    dagster-dbt copies it into an asset's empty target folder, and dbt reuses it only when the
    vars, the target and the connection (the database's path) are the ones it was made with:
    so the first run of a fresh warehouse parses partially instead of from nothing (~5 s a dbt
    start). Another deployment's first run parses whole once, then partially."""
    return ["parse", "--quiet", *default_warehouse().dbt_vars()]


# `make` prepares the manifest when a dbt file changed (`dagster-dbt project prepare-and-package
# --file pipelines/resources.py`, see the Makefile); `dagster dev` re-parses on every load
# (prepare_if_dev, in pipelines/assets/dbt.py).
dbt_project = DbtProject(
    project_dir=DBT_PROJECT_DIR,
    profiles_dir=DBT_PROJECT_DIR,
    prepare_project_cli_args=_parse_args(),
)


class TcwDbtCliResource(DbtCliResource):  # type: ignore[misc]
    """dagster-dbt's resource without the two things it does before every invocation that this
    project does not use, about 4 s of a one-year run's dbt step (measured): `dbt --version`
    in a subprocess (a second dbt start, to learn the version of the dbt-core installed here)
    and an in-process adapter with the project's macros, which serves only
    fetch_row_counts/fetch_column_metadata. Both override dagster-dbt 0.29 internals (pinned;
    tests/test_definitions.py::test_a_dbt_invocation_starts_dbt_once fails if they change)."""

    @cached_property
    def _cli_version(self) -> Version:
        assert DBT_PYTHON_VERSION is not None, "dbt-core is a dependency of this project"
        return DBT_PYTHON_VERSION

    def _initialize_dbt_core_adapter(self, args: Sequence[str]) -> None:
        return None


def dbt_cli() -> DbtCliResource:
    # The dbt beside this interpreter: the venv need not be activated (make, CI, cron).
    executable = Path(sys.executable).parent / "dbt"
    return TcwDbtCliResource(project_dir=dbt_project, dbt_executable=str(executable))


def prepare_dbt_project() -> None:
    """Parse the dbt project when its manifest is missing (a fresh clone run without `make`).
    What dagster-dbt's preparer does, with the dbt beside this interpreter; `make` re-prepares
    when a dbt file is newer than the manifest."""
    if not dbt_project.manifest_path.exists():
        dbt_cli().cli(_parse_args(), target_path=dbt_project.target_path).wait()


def resources(warehouse: WarehouseResource | None = None) -> Mapping[str, object]:
    """The resources of the code location; `warehouse` overrides the environment's folders."""
    return {"dbt": dbt_cli(), "warehouse": warehouse or default_warehouse()}
