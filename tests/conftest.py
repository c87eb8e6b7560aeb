"""Shared fixtures. Every test that writes gets its own deployment (warehouse, publications and
Dagster instance in a temporary folder), handed to the code as the `warehouse` resource, never
through environment variables; nothing touches the developer's warehouse/ or instance."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pipelines.resources import WarehouseResource, prepare_dbt_project
from pipelines.settings import Settings

if TYPE_CHECKING:
    from pipelines.runner import RunOutcome

REPO = Path(__file__).resolve().parents[1]
SAMPLE_SOURCES = REPO / "sources"
SHARED_REFERENCE = REPO.parent / "shared" / "reference"

# Fixtures whose tests build the whole pipeline: such tests are end-to-end (marker e2e, left out
# of `make test-fast`) whether or not their module says so.
E2E_FIXTURES = {"built_warehouse", "e2e_deployment", "e2e_cli_run", "published"}


def pytest_configure(config: pytest.Config) -> None:
    # The definitions load dbt's manifest: parse the project on a fresh clone (`make test`
    # re-prepares it whenever a dbt file changed).
    prepare_dbt_project()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if E2E_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.e2e)


def require_reference(path: Path) -> Path:
    """The external oracle in ../shared: a test fails in CI when it is missing, skips elsewhere."""
    if not path.exists():
        message = f"oracle not found: {path}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@dataclass(frozen=True)
class Deployment:
    """A deployment of the warehouse in a folder of its own: the resources a test passes."""

    root: Path
    sources: Path = SAMPLE_SOURCES
    location: str = "duckdb"  # or a PostgreSQL URL (tests/test_postgres_pipeline.py)

    def __truediv__(self, other: str) -> Path:
        return self.root / other

    @property
    def warehouse(self) -> WarehouseResource:
        return WarehouseResource(
            sources_dir=str(self.sources),
            warehouse_dir=str(self.root / "warehouse"),
            publications_dir=str(self.root / "publications"),
            location=self.location,
        )

    @property
    def paths(self) -> Settings:
        return self.warehouse.paths

    @property
    def home(self) -> Path:
        """The Dagster instance of this deployment."""
        return self.root / "dagster_home"

    @property
    def build_db(self) -> Path:
        return self.paths.build_db

    def with_sources(self, sources: Path) -> Deployment:
        return replace(self, sources=sources)

    def build(self, years: Sequence[str] | None = None) -> RunOutcome:
        from pipelines.runner import build

        return build(years, warehouse=self.warehouse, home=self.home)


@pytest.fixture
def isolated_env(tmp_path: Path) -> Deployment:
    """A fresh deployment; sources are the shipped sample unless a test uses `with_sources`."""
    return Deployment(tmp_path)


SOURCE_FAMILIES = ("request_logs", "annual_reports", "fund_board_reports", "upr_reports")


def copy_sources(target: Path, families: tuple[str, ...] = SOURCE_FAMILIES) -> Path:
    """A writable copy of the sample sources, for tests that damage or change a file."""
    for family in families:
        shutil.copytree(SAMPLE_SOURCES / family, target / family)
    return target


@dataclass(frozen=True)
class CliRun:
    returncode: int
    stdout: str
    stderr: str


def run_cli(deployment: Deployment, *args: str) -> CliRun:
    """`tcw ARGS` in a new process, as `make run` starts it, configured by the environment (the
    command line honours TCW_* and DAGSTER_HOME); Python's warning filters are its defaults."""
    import subprocess
    import sys

    env = {key: value for key, value in os.environ.items() if key != "PYTHONWARNINGS"}
    env |= {
        "TCW_SOURCES_DIR": str(deployment.sources),
        "TCW_WAREHOUSE_DIR": str(deployment.root / "warehouse"),
        "TCW_PUBLICATIONS_DIR": str(deployment.root / "publications"),
        "DAGSTER_HOME": str(deployment.home),
        "GX_ANALYTICS_ENABLED": "false",
        "COLUMNS": "120",
    }
    done = subprocess.run(
        [str(Path(sys.executable).parent / "tcw"), *args], capture_output=True, text=True, env=env, cwd=REPO
    )
    return CliRun(done.returncode, done.stdout, done.stderr)


@pytest.fixture(scope="session")
def e2e_cli_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Deployment, CliRun]:
    """The whole pipeline materialized once on the sample sources (every year), by `tcw run`
    in its own process: what a newcomer's `make run` does and prints."""
    deployment = Deployment(tmp_path_factory.mktemp("e2e"))
    run = run_cli(deployment, "run")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return deployment, run


@pytest.fixture(scope="session")
def e2e_deployment(e2e_cli_run: tuple[Deployment, CliRun]) -> Deployment:
    return e2e_cli_run[0]


@pytest.fixture(scope="session")
def built_warehouse(e2e_deployment: Deployment) -> Iterator[Path]:
    """The build database of `e2e_deployment` (the published copy and publications are beside it:
    `parents[2]` is the deployment's root)."""
    yield e2e_deployment.build_db
