"""Resources: where the sources, the warehouse and the publications are (`warehouse`), and the
dbt project and CLI (`dbt`). definitions.py configures them for the environment; a test or a
deployment swaps a resource, never an environment variable the code reads behind its back."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
from dagster import ConfigurableResource
from dagster_dbt import DbtCliResource, DbtProject

from pipelines.settings import DBT_PROJECT_DIR, Settings, get_settings
from pipelines.warehouse import connect

# `make` prepares the manifest when a dbt file changed (`dagster-dbt project prepare-and-package
# --file pipelines/resources.py`, see the Makefile); `dagster dev` re-parses on every load
# (prepare_if_dev, in pipelines/assets/dbt.py).
dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)

# Every dbt invocation of an asset writes its artifacts to one folder per asset and deployment,
# reused run after run: dagster-dbt's default (a new folder per invocation) grows without bound
# on a scheduled deployment and defeats dbt's partial parsing, and so would one folder shared by
# deployments of other databases (tests, benchmarks: the profile differs, dbt re-parses). Runs
# of one asset never overlap: every writer is in the duckdb_writer pool, whose limit is one
# (runner.INSTANCE_CONFIG).
DBT_TARGETS = "dbt_target"


class WarehouseResource(ConfigurableResource):  # type: ignore[misc]
    """The folders of one deployment: sources read, the warehouse written, publications."""

    sources_dir: str
    warehouse_dir: str
    publications_dir: str

    @classmethod
    def from_settings(cls, settings: Settings) -> WarehouseResource:
        return cls(
            sources_dir=str(settings.sources_dir),
            warehouse_dir=str(settings.warehouse_dir),
            publications_dir=str(settings.publications_dir),
        )

    @property
    def paths(self) -> Settings:
        return Settings(
            sources_dir=Path(self.sources_dir).resolve(),
            warehouse_dir=Path(self.warehouse_dir).resolve(),
            publications_root=Path(self.publications_dir).resolve(),
        )

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A short-lived connection to the build database (see pipelines/warehouse.py)."""
        with connect(self.paths.build_db, read_only=read_only) as con:
            yield con

    def dbt_target(self, asset: str) -> Path:
        """The artifacts folder of a dbt asset in this deployment (see DBT_TARGETS)."""
        return self.paths.warehouse_dir / DBT_TARGETS / asset

    def dbt_vars(self, **variables: Any) -> list[str]:
        """`--vars` for a dbt command: `variables` and the build database, so that dbt and
        Python write the same file (profiles.yml reads `duckdb_path`)."""
        return ["--vars", json.dumps({**variables, "duckdb_path": str(self.paths.build_db)})]


def default_warehouse() -> WarehouseResource:
    """The folders the environment names (TCW_*), or the repository's defaults."""
    return WarehouseResource.from_settings(get_settings())


def dbt_cli() -> DbtCliResource:
    # The dbt beside this interpreter: the venv need not be activated (make, CI, cron).
    executable = Path(sys.executable).parent / "dbt"
    return DbtCliResource(project_dir=dbt_project, dbt_executable=str(executable))


def prepare_dbt_project() -> None:
    """Parse the dbt project when its manifest is missing (a fresh clone run without `make`).
    What dagster-dbt's preparer does, with the dbt beside this interpreter; `make` re-prepares
    when a dbt file is newer than the manifest."""
    if not dbt_project.manifest_path.exists():
        dbt_cli().cli(["parse", "--quiet"], target_path=dbt_project.target_path).wait()


def resources(warehouse: WarehouseResource | None = None) -> Mapping[str, object]:
    """The resources of the code location; `warehouse` overrides the environment's folders."""
    return {"dbt": dbt_cli(), "warehouse": warehouse or default_warehouse()}
