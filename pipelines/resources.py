"""Resources: the dbt project and CLI, and the warehouse settings every asset reads."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject
from dagster_dbt.dbt_project import using_dagster_dev

from pipelines.settings import DBT_PROJECT_DIR, Settings, get_settings

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def export_dbt_environment(settings: Settings | None = None) -> Settings:
    """dbt reads the database path from the environment (profiles.yml); set it from the same
    settings Python writes with, so the two can never point at different files."""
    settings = settings or get_settings()
    os.environ["TCW_DUCKDB_PATH"] = str(settings.build_db)
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    return settings


def _manifest_is_stale() -> bool:
    """Missing (a fresh clone) or older than any file of the dbt project (an edit since)."""
    manifest = dbt_project.manifest_path
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    watched = ("models", "seeds", "macros", "tests", "dbt_project.yml", "profiles.yml")
    for name in watched:
        path = DBT_PROJECT_DIR / name
        files = path.rglob("*") if path.is_dir() else [path]
        if any(f.is_file() and f.stat().st_mtime > built for f in files):
            return True
    return False


def ensure_dbt_manifest() -> None:
    """Parse the dbt project when its manifest is missing or stale, or under `dagster dev`, so
    that the assets always describe the SQL on disk without a manual step."""
    export_dbt_environment()
    if using_dagster_dev() or _manifest_is_stale():
        # Our own resource, not the preparer's default: it finds dbt beside this interpreter.
        dbt_resource().cli(["parse", "--quiet"], target_path=dbt_project.target_path).wait()


def dbt_resource() -> DbtCliResource:
    # The dbt beside this interpreter: the venv need not be activated (make, CI, cron).
    executable = Path(sys.executable).parent / "dbt"
    return DbtCliResource(project_dir=dbt_project, dbt_executable=str(executable))
