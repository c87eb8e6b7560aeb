"""`tcw inspect FILE`: the family a file is taken for and why, its metadata, the rows and rejects
it would load; exit 0 when it parses, 1 with a reason (never a traceback) when it cannot be
read, 2 on a usage error; it writes nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from pipelines.cli import app
from pipelines.ingest import registry
from pipelines.ingest.registry import discover, parse_document
from pipelines.ingest.request_logs import FAMILY as REQUEST_LOGS
from tests.conftest import SAMPLE_SOURCES, SHARED_REFERENCE, require_reference

# One sample file of every document kind the registry knows (the first year that has one).
SAMPLES = {
    source.document_type: source
    for sources in reversed(list(discover(SAMPLE_SOURCES).values()))
    for source in sources
}


def inspect(*args: str) -> Result:
    return CliRunner().invoke(app, ["inspect", *args])


def as_json(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_every_registry_kind_has_a_sample() -> None:
    assert set(SAMPLES) == {kind.document_type for kind in registry.KINDS}


@pytest.mark.parametrize("document_type", sorted(SAMPLES))
def test_inspect_reports_what_make_run_loads_from_each_sample_family(document_type: str) -> None:
    source = SAMPLES[document_type]
    found = as_json(inspect(str(source.path), "--format", "json"))
    loaded = parse_document(source, SAMPLE_SOURCES)
    assert (found["family"], found["document_type"]) == (source.family, document_type)
    assert found["why"].startswith(f"folder '{source.family}' and name matching")
    meta = found["metadata"]
    assert meta["reporting_year"] == source.reporting_year
    assert meta["status"] == ("provisional" if document_type == "appeal" else "final")
    assert found["tables"].keys() == set(source.kind.raw_tables)
    for name, rows in found["tables"].items():
        assert len(rows) == loaded.tables[name].height, name
        # JSON-safe: dates as ISO text, amounts as exact decimal text.
        for row in rows[:3]:
            assert all(isinstance(v, str | int | float | bool | type(None)) for v in row.values())
    assert len(found["rejects"]) == loaded.rows_rejected
    if source.path.suffix == ".pdf":
        assert meta["symbol"] and meta["date"]
    if document_type == "vftc_board_report":
        # The Board sessions the report covers, not the calendar year.
        statements = found["tables"]["fund_statements"]
        assert {(r["period_start"], r["period_end"]) for r in statements} == {
            (meta["period_start"], meta["period_end"])
        }
        assert (meta["period_start"], meta["period_end"]) != (
            f"{source.reporting_year}-01-01",
            f"{source.reporting_year}-12-31",
        )


def test_inspect_reads_a_request_log_export() -> None:
    path = sorted((SAMPLE_SOURCES / REQUEST_LOGS).glob("*2019.*"))[0]
    found = as_json(inspect(str(path), "-f", "json"))
    assert found["family"] == REQUEST_LOGS and found["metadata"]["reporting_year"] == 2019
    assert len(found["tables"]["request_events"]) + len(found["rejects"]) == found["rows_read"] > 1000


def test_the_table_format_names_family_metadata_and_counts() -> None:
    result = inspect(str(SAMPLES["vftc_board_report"].path))
    assert result.exit_code == 0, result.stderr
    for text in ("fund_board_reports", "why:", "A/HRC/", "fund_statements", "contributions", "rejects"):
        assert text in result.stdout


def test_a_truncated_pdf_cannot_be_read_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "fund_board_reports"
    folder.mkdir()
    whole = SAMPLES["vftc_board_report"].path
    cut = folder / whole.name
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 3])
    result = inspect(str(cut))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"cannot read {cut}: ") and "Traceback" not in result.output
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["fund_board_reports", whole.name]


def test_a_report_of_the_wrong_year_is_refused_naming_both_years(tmp_path: Path) -> None:
    """Issue 10: the 2018 report saved as 2019 fails with the file and both years named."""
    folder = tmp_path / "annual_reports"
    folder.mkdir()
    wrong = folder / "ohchr_report_2019.pdf"
    shutil.copyfile(SAMPLE_SOURCES / "annual_reports" / "ohchr_report_2018.pdf", wrong)
    result = inspect(str(wrong))
    assert result.exit_code == 1
    assert "wrong year: the document reports on 2018" in result.stderr
    assert "but its file name says 2019" in result.stderr


def test_a_file_of_no_family_and_usage_errors(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("nothing to load")
    result = inspect(str(notes))
    assert result.exit_code == 1 and "not a source family the registry knows" in result.stderr
    assert inspect(str(tmp_path / "missing.pdf")).exit_code == 1
    assert inspect().exit_code == 2
    assert inspect(str(notes), "--format", "yaml").exit_code == 2


def _real_files() -> list[Path]:
    real = require_reference(SHARED_REFERENCE / "real_documents")
    upr = require_reference(SHARED_REFERENCE / "upr" / "reports")
    return sorted(real.glob("*.pdf")) + sorted(upr.glob("*.pdf"))[:6]


def test_inspect_on_real_documents_exits_0_or_1_with_a_named_reason() -> None:
    files = _real_files()
    assert files
    for path in files:
        result = inspect(str(path), "--format", "json")
        assert result.exit_code in (0, 1), (path, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), path
        assert "Traceback" not in result.output, path
        if result.exit_code == 1:
            assert result.stderr.startswith(f"cannot read {path}: ") and len(result.stderr) > 30, path
        else:
            assert json.loads(result.stdout)["family"], path


def test_inspect_lists_a_real_upr_reports_recommendations() -> None:
    """A report author checks a Working Group report before it enters the warehouse: the JSON
    names the document (A/HRC/21/13, Algeria, 2012, second cycle) and one row per
    recommendation and recommending State, with the paragraph as printed and the position."""
    path = require_reference(SHARED_REFERENCE / "upr" / "reports") / "algeria2012.pdf"
    found = as_json(inspect(str(path), "--format", "json"))
    assert found["family"] == "upr_reports"
    assert found["metadata"]["symbol"] == "A/HRC/21/13"
    rows = found["tables"]["upr_recommendations"]
    assert len(rows) > 100
    first = rows[0]
    assert (first["state_under_review_iso3"], first["review_year"], first["cycle"]) == ("DZA", 2012, 2)
    assert {"paragraph", "recommending_state_as_written", "recommending_iso3", "position"} <= set(first)
    assert {r["position"] for r in rows} <= {"supported", "noted", "pending", "already_implemented"}
    assert ("129.1", "SVK") in {(r["paragraph"], r["recommending_iso3"]) for r in rows}
