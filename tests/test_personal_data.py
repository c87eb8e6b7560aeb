"""Personal data, proven absent: every focal-point name and e-mail in the request logs is
nowhere a built deployment keeps things (issue 10, section 4) except as a keyed hash: not in
any table of the published or the build database, not in any file under publications/, the
GX Data Docs and results, dbt's target/, the Dagster instance (event logs, run storage, compute
logs) or alerts.log. Files are searched as bytes, binary ones included; databases are also
searched by value, since DuckDB compresses strings on disk."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from pipelines.ingest.request_logs import HEADER_SYNONYMS, PERSONAL_DATA, REQUIRED
from pipelines.ingest.tables import read_tabular
from tests.conftest import REPO, SAMPLE_SOURCES, Deployment


def focal_points(sources: Path) -> set[str]:
    """Every focal-point name and e-mail of the request logs, read as the pipeline reads them
    (encodings, header wordings and title lines of real exports)."""
    people: set[str] = set()
    for path in sorted((sources / "request_logs").glob("request_log_*.*")):
        table = read_tabular(path, HEADER_SYNONYMS, REQUIRED)
        for column in PERSONAL_DATA:
            if column in table.frame.columns:
                people |= {str(v).strip() for v in table.frame[column].drop_nulls()}
    # Names of one word could be anything (a town, a thematic area): full names and addresses.
    return {p for p in people if " " in p or "@" in p}


def pattern(people: set[str]) -> re.Pattern[bytes]:
    return re.compile(b"|".join(re.escape(p.encode("utf-8")) for p in sorted(people, key=len, reverse=True)))


def files_under(*roots: Path) -> Iterator[Path]:
    for root in roots:
        if root.is_file():
            yield root
        elif root.exists():
            yield from (p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def database_hits(db: Path, people: re.Pattern[bytes]) -> list[str]:
    hits = []
    with duckdb.connect(str(db), read_only=True) as con:
        columns = con.execute(
            "select schema_name, table_name, column_name from duckdb_columns() "
            "where data_type in ('VARCHAR', 'JSON') or data_type like '%[]' or data_type like 'STRUCT%' "
            "or data_type like 'MAP%'"
        ).fetchall()
        for schema, table, column in columns:
            values = con.execute(f'select distinct "{column}"::varchar from "{schema}"."{table}"').fetchall()
            found = [v for (v,) in values if v and people.search(v.encode("utf-8"))]
            if found:
                hits.append(f"{db.name} {schema}.{table}.{column}: {found[:2]}")
    return hits


@pytest.fixture(scope="module")
def names() -> set[str]:
    found = focal_points(SAMPLE_SOURCES)
    assert len(found) > 100  # the search is not empty
    return found


@pytest.fixture(scope="module")
def people(names: set[str]) -> re.Pattern[bytes]:
    return pattern(names)


@pytest.fixture(scope="module")
def people_list(names: set[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("people") / "focal_points.txt"
    path.write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")
    return path


def test_no_focal_point_in_any_table(e2e_deployment: Deployment, people: re.Pattern[bytes]) -> None:
    paths = e2e_deployment.paths
    assert database_hits(paths.published_db, people) == []
    assert database_hits(paths.build_db, people) == []


def test_no_focal_point_in_any_file_the_deployment_keeps(
    e2e_deployment: Deployment, people_list: Path
) -> None:
    paths = e2e_deployment.paths
    roots = (
        paths.publications_dir,
        paths.warehouse_dir,  # both databases, GX results and Data Docs, logs, alerts.log
        e2e_deployment.home,  # the Dagster instance: event logs, runs, compute logs
        REPO / "dbt_project" / "target",
    )
    assert sum(1 for _ in files_under(*roots)) > 50
    # grep: fixed strings (-F) from the list, binary files as text (-a), every file (-r).
    found = subprocess.run(
        ["grep", "-r", "-a", "-o", "-F", "-f", str(people_list), *map(str, roots)],
        capture_output=True,
        text=True,
        errors="replace",
    )
    assert found.returncode == 1, found.stdout[:2000] + found.stderr  # 1: nothing found
