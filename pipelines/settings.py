"""Where things live. The Dagster code reads paths from the `warehouse` resource
(pipelines/resources.py), configured in pipelines/definitions.py; `get_settings()` is that
resource's default, from the environment (TCW_SOURCES_DIR, TCW_WAREHOUSE_DIR,
TCW_PUBLICATIONS_DIR), which the CLI also honours."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
# Read through pipelines/reference/seeds.py at run time (the sample generators, which are no
# assets, read it directly).
SEEDS_DIR = DBT_PROJECT_DIR / "seeds" / "reference"
EXPECTATIONS_DIR = REPO_ROOT / "expectations"

# The first reporting cycle under resolution 18/18 (adopted 2011) is 2012.
FIRST_REPORTING_YEAR = 2012


@dataclass(frozen=True)
class Settings:
    sources_dir: Path
    warehouse_dir: Path
    publications_root: Path

    @property
    def build_db(self) -> Path:
        """The DuckDB file that ingestion and dbt write (one writer at a time)."""
        return self.warehouse_dir / "build" / "tcw.duckdb"

    @property
    def published_db(self) -> Path:
        """The copy analysts open read-only, replaced only after every blocking check passed."""
        return self.warehouse_dir / "tcw.duckdb"

    @property
    def publications_dir(self) -> Path:
        """Versioned extracts for report authors: <year>/<version>/, and <year>/latest."""
        return self.publications_root

    @property
    def alerts_log(self) -> Path:
        """Where the run-failure sensor appends alerts (one JSON line each) for operators."""
        return self.warehouse_dir / "alerts.log"

    @property
    def run_log(self) -> Path:
        """What libraries printed during the last `tcw run` (dbt's log lines), kept off the console."""
        return self.warehouse_dir / "logs" / "last_run.log"

    @property
    def gx_dir(self) -> Path:
        """Great Expectations working context: results store and Data Docs."""
        return self.warehouse_dir / "gx"

    @property
    def data_docs_index(self) -> Path:
        return self.gx_dir / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"

    @property
    def request_logs_dir(self) -> Path:
        return self.sources_dir / "request_logs"


def get_settings() -> Settings:
    """The default locations, from the environment (read each time, never written)."""
    return Settings(
        sources_dir=Path(os.environ.get("TCW_SOURCES_DIR", REPO_ROOT / "sources")).resolve(),
        warehouse_dir=Path(os.environ.get("TCW_WAREHOUSE_DIR", REPO_ROOT / "warehouse")).resolve(),
        publications_root=Path(os.environ.get("TCW_PUBLICATIONS_DIR", REPO_ROOT / "publications")).resolve(),
    )


def pii_key() -> bytes:
    """Key for hashing personal data (focal points). Production sets TCW_PII_KEY from a
    secret store; the default only serves the synthetic sample, whose people do not exist."""
    return os.environ.get("TCW_PII_KEY", "tcw-sample-only-not-a-secret").encode()


@contextmanager
def environment(variables: Mapping[str, str]) -> Iterator[None]:
    """`variables` set in this process's environment for the block, then as they were (for a
    library that reads its settings from the environment, as dbt and Dagster do)."""
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
