"""What decides that a build has nothing to do (pipelines/unchanged.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipelines.settings import Settings
from pipelines.unchanged import fingerprint, last_unchanged_builds, record_built
from tests.conftest import SAMPLE_SOURCES


def _deployment(tmp_path: Path) -> Settings:
    sources = tmp_path / "sources"
    shutil.copytree(SAMPLE_SOURCES / "request_logs", sources / "request_logs")
    paths = Settings(
        sources_dir=sources, warehouse_dir=tmp_path / "warehouse", publications_root=tmp_path / "publications"
    )
    paths.warehouse_dir.mkdir()
    paths.published_db.write_bytes(b"")  # a published database exists
    return paths


def test_a_build_recorded_with_the_same_fingerprint_is_unchanged(tmp_path: Path) -> None:
    paths = _deployment(tmp_path)
    current = fingerprint(paths)
    assert last_unchanged_builds(paths, ["2019"], current) is None  # never built
    record_built(paths, ["2018", "2019"], current, "run-1")
    assert last_unchanged_builds(paths, ["2019"], fingerprint(paths)) == {"2019": "run-1"}
    # A year never built makes the whole range a build.
    assert last_unchanged_builds(paths, ["2019", "2020"], current) is None


def test_any_changed_source_file_or_a_missing_publication_means_a_build(tmp_path: Path) -> None:
    paths = _deployment(tmp_path)
    current = fingerprint(paths)
    record_built(paths, ["2019"], current, "run-1")
    # Another year's file: a year's figures read other years (requests received earlier).
    (victim,) = sorted((paths.sources_dir / "request_logs").glob("*2015*"))[:1]
    victim.write_bytes(victim.read_bytes() + b"\n")
    changed = fingerprint(paths)
    assert changed != current
    assert last_unchanged_builds(paths, ["2019"], changed) is None
    record_built(paths, ["2019"], changed, "run-2")
    paths.published_db.unlink()
    assert last_unchanged_builds(paths, ["2019"], changed) is None


def test_the_code_is_part_of_the_fingerprint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipelines.unchanged as unchanged

    paths = _deployment(tmp_path)
    model = tmp_path / "code" / "model.sql"
    model.parent.mkdir()
    model.write_text("select 1")
    monkeypatch.setattr(unchanged, "REPO_ROOT", tmp_path)
    monkeypatch.setattr(unchanged, "CODE_FILES", ((model.parent, "*.sql"),))
    before = fingerprint(paths)
    model.write_text("select 2")
    assert fingerprint(paths) != before
