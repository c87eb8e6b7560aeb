"""Every case of the fault corpus (tests/fault_corpus.py) has its outcome, at the loading
layer: each source file is loaded clean first (the previous load), then changed and loaded
again, as `tcw run --year Y` would. The end-to-end consequences (nothing published, the last
publication byte-identical, the next year unaffected) are in tests/test_crash_recovery.py."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from pipelines.assets.documents import load_document_years
from pipelines.assets.request_logs import load_request_log_years
from pipelines.checks.reconciliation import tables_rejected_whole
from tests.conftest import Deployment, copy_sources
from tests.fault_corpus import BLOCKED, CASES, FAILURE, PUBLISHED, REJECT, REQUEST_LOG, Case


def _load(deployment: Deployment, case: Case, accept_drop: bool = False) -> list[str]:
    if case.family == "documents":
        return load_document_years(deployment.paths, [case.year])[1]
    return load_request_log_years(deployment.paths, [case.year], accept_drop=accept_drop)[1]


def _year(db: Path, year: int) -> dict[str, object]:
    with duckdb.connect(str(db), read_only=True) as con:
        rejects = con.execute(
            "select rule, reason, raw_values::varchar from raw.rejects where reporting_year = ?", [year]
        ).fetchall()
        audit = con.execute(
            "select source_file, rows_read, rows_loaded, rows_rejected from raw.load_audit "
            "where reporting_year = ? order by all",
            [year],
        ).fetchall()
    return {"rejects": rejects, "audit": audit}


def _focal_points(sources: Path) -> set[str]:
    with (sources / REQUEST_LOG).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {row[c] for row in rows for c in ("Focal point", "Focal point e-mail") if row[c]}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_fault_has_its_outcome(isolated_env: Deployment, case: Case) -> None:
    documents = ("annual_reports", "fund_board_reports")
    families = ("request_logs",) if case.family == "request_logs" else documents
    sources = copy_sources(isolated_env / "sources", families)
    deployment = isolated_env.with_sources(sources)
    people = _focal_points(sources) if case.family == "request_logs" else set()
    assert _load(deployment, case) == []  # the previous, good load
    before = _year(deployment.build_db, case.year)
    case.mutate(sources)
    problems = _load(deployment, case)
    after = _year(deployment.build_db, case.year)
    text = "\n".join(problems)
    if case.outcome == FAILURE:
        assert problems, "the year loaded"
        assert all(word in text for word in case.says), text
        assert after == before  # the previous load stays
    else:
        assert problems == [], text
    if case.outcome == REJECT:
        rules = {rule for rule, _, _ in after["rejects"]}  # type: ignore[attr-defined]
        assert len(after["rejects"]) > len(before["rejects"])  # type: ignore[arg-type]
        assert all(word in rules for word in case.says), rules
    if case.outcome == BLOCKED:
        reasons = "\n".join(tables_rejected_whole(deployment.warehouse, [case.year]))
        assert all(word in reasons for word in case.says), reasons
    else:
        assert tables_rejected_whole(deployment.warehouse, [case.year]) == []
    if case.outcome == PUBLISHED:
        assert after["audit"][0][2] >= before["audit"][0][2]  # type: ignore[index]  # no row lost
    # Nobody's name or e-mail in clear among the rejects, whatever the fault.
    kept = "\n".join(f"{reason} {raw}" for _, reason, raw in after["rejects"])  # type: ignore[attr-defined]
    assert not [p for p in people if p in kept]


def test_an_accepted_drop_loads_the_restated_year(isolated_env: Deployment) -> None:
    sources = copy_sources(isolated_env / "sources", ("request_logs",))
    deployment = isolated_env.with_sources(sources)
    case = next(c for c in CASES if c.name.startswith("export cut at a line"))
    assert _load(deployment, case) == []
    full = _year(deployment.build_db, 2021)["audit"][0][1]  # type: ignore[index]
    case.mutate(sources)
    assert _load(deployment, case, accept_drop=True) == []
    assert _year(deployment.build_db, 2021)["audit"][0][1] < 0.7 * full  # type: ignore[index]
