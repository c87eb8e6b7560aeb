"""Skip what did not change: a build of years whose sources and code are as they were at their
last successful build rebuilds nothing.

The fingerprint of a build is the sha256 of every source file (all years: `needs` of a year reads
requests received earlier, `resources_by_area` funding that arrives later, so a year's figures
depend on other years' files) and of the code that turns them into figures (pipelines/, the dbt
project, the suites, the tools' versions). A year is unchanged when its last successful build
had the same fingerprint and the published database is still there. The record lives beside the
build (warehouse/built_years.json): deleting the warehouse forgets it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from importlib.metadata import version
from pathlib import Path

from pipelines.settings import DBT_PROJECT_DIR, EXPECTATIONS_DIR, REPO_ROOT, Settings

# What turns sources into figures; dbt's target/ and logs are outputs, not code.
CODE_FILES = (
    (REPO_ROOT / "pipelines", "**/*.py"),
    (DBT_PROJECT_DIR / "models", "**/*"),
    (DBT_PROJECT_DIR / "macros", "**/*"),
    (DBT_PROJECT_DIR / "seeds", "**/*"),
    (DBT_PROJECT_DIR / "tests", "**/*"),
    (DBT_PROJECT_DIR, "*.yml"),
    (EXPECTATIONS_DIR, "*.json"),
)
# What counts as a source file (the sensor watches the same files).
SOURCE_SUFFIXES = {".csv", ".xlsx", ".pdf"}
TOOLS = ("dagster", "dagster-dbt", "dbt-core", "dbt-duckdb", "duckdb", "great-expectations", "polars")


def _digest_files(paths: Iterable[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode())
        with path.open("rb") as handle:
            digest.update(hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()


def code_digest() -> str:
    files = [p for folder, pattern in CODE_FILES for p in folder.glob(pattern) if p.is_file()]
    tools = json.dumps({name: version(name) for name in TOOLS}, sort_keys=True)
    return hashlib.sha256((_digest_files(files, REPO_ROOT) + tools).encode()).hexdigest()


def fingerprint(paths: Settings) -> str:
    """The sources' and the code's digest, as one string."""
    sources = [p for p in paths.sources_dir.rglob("*") if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES]
    return f"sources:{_digest_files(sources, paths.sources_dir)} code:{code_digest()}"


def _record_path(paths: Settings) -> Path:
    return paths.warehouse_dir / "built_years.json"


def _record(paths: Settings) -> dict[str, dict[str, str]]:
    try:
        return dict(json.loads(_record_path(paths).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}


def built_before(paths: Settings, years: Sequence[str]) -> bool:
    """Whether every one of `years` has a successful build on record and its publication is
    there: when not, the years are built whatever the fingerprint (no need to wait for it)."""
    return _built(paths, _record(paths), years)


def _built(paths: Settings, record: dict[str, dict[str, str]], years: Sequence[str]) -> bool:
    return bool(years) and paths.published_db.exists() and all(y in record for y in years)


def last_unchanged_builds(paths: Settings, years: Sequence[str], current: str) -> dict[str, str] | None:
    """{year: run id of its last successful build} when every one of `years` is unchanged since
    that build, else None (then every year is built: a run covers a range of years)."""
    record = _record(paths)
    if not _built(paths, record, years) or any(record[y].get("fingerprint") != current for y in years):
        return None
    return {y: record[y]["run_id"] for y in years}


def record_built(paths: Settings, years: Sequence[str], current: str, run_id: str) -> None:
    """After a successful build (every blocking check passed, published)."""
    record = _record(paths)
    record.update({y: {"fingerprint": current, "run_id": run_id} for y in years})
    path = _record_path(paths)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")
    temporary.replace(path)
