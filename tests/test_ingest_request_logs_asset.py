"""A request-log file that is a data error (undecodable, cut short) fails its year at once,
naming the file, without the retries kept for transient faults; the other years load."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from tests.conftest import SAMPLE_SOURCES, Deployment

MANIFEST = json.loads((SAMPLE_SOURCES / "request_logs" / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        # Bytes no encoding reads, past the header: the export tool wrote binary garbage.
        (lambda data: data[:5000] + bytes(range(128, 256)) * 8 + b"\x00" * 64 + data[5000:], "byte offset"),
        # The copy stopped at 60 % of the file, inside a row.
        (lambda data: data[: int(len(data) * 0.6)].rstrip(b"\r\n") + b",x", "cut short"),
    ],
    ids=["undecodable", "truncated"],
)
def test_data_errors_fail_the_year_once_and_the_other_years_load(
    isolated_env: Deployment, damage: object, problem: str
) -> None:
    from dagster import DagsterEventType, DagsterInstance, materialize

    from pipelines.assets.request_logs import raw_request_events
    from pipelines.partitions import year_range_tags

    sources = isolated_env / "sources"
    shutil.copytree(SAMPLE_SOURCES / "request_logs", sources / "request_logs")
    broken = sources / "request_logs" / "request_log_2017.csv"
    broken.write_bytes(damage(broken.read_bytes()))  # type: ignore[operator]
    deployment = isolated_env.with_sources(sources)
    result = materialize(
        [raw_request_events],
        instance=DagsterInstance.ephemeral(),
        resources={"warehouse": deployment.warehouse},
        tags=year_range_tags("2015", "2017"),
        raise_on_error=False,
    )
    assert not result.success
    assert not [e for e in result.all_events if e.event_type == DagsterEventType.STEP_UP_FOR_RETRY]
    failure = next(e for e in result.all_events if e.is_step_failure)
    message = failure.step_failure_data.error.message  # type: ignore[union-attr]
    assert "request_log_2017.csv" in message and problem in message
    with duckdb.connect(str(deployment.build_db), read_only=True) as con:
        loaded = dict(
            con.sql("select reporting_year, count(*) from raw.request_events group by 1").fetchall()
        )
    expected = {f["year"]: f["expected_loaded"] for f in MANIFEST["files"] if f["year"] in (2015, 2016)}
    assert loaded == expected
