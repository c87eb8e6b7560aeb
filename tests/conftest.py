"""Shared fixtures. Every test that writes gets its own warehouse folder; nothing touches the
developer's warehouse/ or Dagster instance."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

os.environ["GX_ANALYTICS_ENABLED"] = "false"
os.environ.setdefault("TQDM_DISABLE", "1")

REPO = Path(__file__).resolve().parents[1]
SAMPLE_SOURCES = REPO / "sources"
SHARED_REFERENCE = REPO.parent / "shared" / "reference"


def require_reference(path: Path) -> Path:
    """The external oracle in ../shared: a test fails in CI when it is missing, skips elsewhere."""
    if not path.exists():
        message = f"oracle not found: {path}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh warehouse and Dagster instance; sources are the shipped sample unless a test
    points TCW_SOURCES_DIR elsewhere."""
    monkeypatch.setenv("TCW_WAREHOUSE_DIR", str(tmp_path / "warehouse"))
    monkeypatch.setenv("TCW_PUBLICATIONS_DIR", str(tmp_path / "publications"))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    monkeypatch.setenv("TCW_SOURCES_DIR", str(SAMPLE_SOURCES))
    return tmp_path


SOURCE_FAMILIES = ("request_logs", "annual_reports", "fund_board_reports")


def copy_sources(target: Path, families: tuple[str, ...] = SOURCE_FAMILIES) -> Path:
    """A writable copy of the sample sources, for tests that damage or change a file."""
    for family in families:
        shutil.copytree(SAMPLE_SOURCES / family, target / family)
    return target


@contextmanager
def environment(**variables: str) -> Iterator[None]:
    """Set environment variables for a block (session and module fixtures cannot use
    monkeypatch), restoring what was there."""
    saved = {key: os.environ.get(key) for key in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The whole pipeline materialized once on the sample sources (every year); yields the
    build database (the published copy and publications are beside it)."""
    from pipelines.runner import build

    root = tmp_path_factory.mktemp("e2e")
    with environment(
        TCW_WAREHOUSE_DIR=str(root / "warehouse"),
        TCW_PUBLICATIONS_DIR=str(root / "publications"),
        DAGSTER_HOME=str(root / "dagster_home"),
        TCW_SOURCES_DIR=str(SAMPLE_SOURCES),
    ):
        outcome = build()
        assert outcome.ok, "\n".join(outcome.failed_steps + outcome.failed_checks)
        yield root / "warehouse" / "build" / "tcw.duckdb"
