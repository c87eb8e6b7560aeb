"""The Great Expectations suites catch what they exist to catch."""

from __future__ import annotations

import hashlib
import inspect
import json
from pathlib import Path

import pytest

from pipelines.checks.great_expectations import validate_years
from pipelines.settings import EXPECTATIONS_DIR
from pipelines.validation import gx as gx_module
from pipelines.validation import gx_sql_results
from pipelines.validation.gx import ValidationSummary, load_suite_definition, seed_codes, seed_parameters
from tests.conftest import Deployment


def needs_row(**changes: object) -> dict[str, object]:
    row: dict[str, object] = {
        "needs_key": "KEN|2019|nhri",
        "year": 2019,
        "country_iso3": "KEN",
        "thematic_area_code": "nhri",
        "requests_received": 3,
        "requests_accepted": 2,
        "requests_declined": 1,
        "requests_completed": 0,
        "requests_withdrawn": 0,
        "requests_open_at_year_end": 2,
        "positive_response_rate": 0.6667,
        "median_days_to_respond": 30.0,
        "oldest_open_request_age_days": 200,
        "amount_requested_usd": 1000.0,
        "upr_linked_share": 0.3333,
    }
    row.update(changes)
    return row


@pytest.mark.parametrize("path", sorted(EXPECTATIONS_DIR.glob("*.json")), ids=lambda p: p.stem)
def test_every_suite_is_named_after_its_file_and_says_why(path: Path) -> None:
    suite = load_suite_definition(path.stem)
    assert suite["expectations"]
    assert all(e["meta"].get("why") for e in suite["expectations"]), json.dumps(suite, indent=1)[:500]


def write_build(deployment: Deployment, tables: dict[str, list[dict[str, object]]], **types: str) -> None:
    """A DuckDB build file with the given tables (`schema.table`: rows); `types` casts columns
    (e.g. DECIMAL, as dbt writes the marts' money and rates)."""
    import duckdb
    import polars as pl

    deployment.build_db.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(deployment.build_db)) as con:
        for table, rows in tables.items():
            frame = pl.DataFrame(rows)  # noqa: F841 - read by DuckDB's replacement scan
            columns = ", ".join(f"{c}::{types[c]} as {c}" if c in types else c for c in rows[0])
            con.execute(f"create schema if not exists {table.split('.')[0]}")
            con.execute(f"create or replace table {table} as select {columns} from frame")


MONEY = {"amount_requested_usd": "decimal(18, 2)", "positive_response_rate": "decimal(5, 4)"}


def requests(*years: int) -> list[dict[str, object]]:
    """intermediate.int_requests_pivoted: three requests received in each year."""
    return [{"request_id": f"R{year}{n}", "received_year": year} for year in years for n in range(3)]


def validate_needs(deployment: Deployment, years: list[int]) -> ValidationSummary:
    return validate_years(
        deployment.warehouse,
        "needs",
        "select * from marts.needs where year in ({years})",
        {
            "requests_received": "select count(*) from intermediate.int_requests_pivoted "
            "where received_year in ({years})"
        },
        years,
    )


def test_needs_suite_passes_good_rows_where_they_live(isolated_env: Deployment) -> None:
    write_build(
        isolated_env,
        {
            "marts.needs": [needs_row(), needs_row(year=2020)],
            "intermediate.int_requests_pivoted": requests(2019, 2020),
        },
        **MONEY,
    )
    summary = validate_needs(isolated_env, [2019, 2020])
    assert summary.success, summary.describe()
    assert summary.evaluated == len(load_suite_definition("needs")["expectations"])  # one validation
    assert summary.data_docs is not None and summary.data_docs.exists()


def test_a_passing_validation_reads_no_sample_of_unexpected_values(isolated_env: Deployment) -> None:
    """A sample of unexpected values is a query that reads every row when none is unexpected:
    a passing validation asks for none (LIMIT 0), and a failing one is validated again with
    samples (test_a_raw_suite_rejects_a_code_its_seed_does_not_define). Fails if GX stops
    honouring `partial_unexpected_count: 0`."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    write_build(
        isolated_env,
        {"marts.needs": [needs_row()], "intermediate.int_requests_pivoted": requests(2019)},
        **MONEY,
    )
    samples: list[tuple[str, object]] = []

    def seen(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if "unexpected_values" in statement:
            samples.append((statement, parameters))

    event.listen(Engine, "before_cursor_execute", seen)
    try:
        assert validate_needs(isolated_env, [2019]).success
    finally:
        event.remove(Engine, "before_cursor_execute", seen)
    assert samples, "the suite has map expectations: GX asks for their samples"
    for statement, parameters in samples:
        limit = statement.rsplit("LIMIT", 1)[-1].strip()
        value = parameters[-1] if limit.startswith(("$", "?")) else limit  # type: ignore[index]
        assert "LIMIT" in statement and int(value) == 0, (statement, parameters)


def test_data_docs_render_each_result_once(isolated_env: Deployment) -> None:
    """A check renders its own result's page; the run's end renders the index (listing it) and
    the suites' pages, and renders no earlier result's page again: re-rendering the history
    made every run slower than the last."""
    write_build(
        isolated_env,
        {"marts.needs": [needs_row()], "intermediate.int_requests_pivoted": requests(2019)},
        **MONEY,
    )
    first = validate_needs(isolated_env, [2019]).data_docs
    assert first is not None and first.exists()
    index = gx_module.render_data_docs_index(isolated_env.paths)
    suite_page = index.parent / "expectations" / "needs.html"
    assert suite_page.exists()
    rendered = first.stat().st_mtime_ns, suite_page.stat().st_mtime_ns

    second = validate_needs(isolated_env, [2019]).data_docs
    assert second is not None and second.exists() and second != first
    assert gx_module.render_data_docs_index(isolated_env.paths) == index
    listed = index.read_text(encoding="utf-8")
    assert all(page.parent.name in listed for page in (first, second))  # each run's folder
    assert (first.stat().st_mtime_ns, suite_page.stat().st_mtime_ns) == rendered


def test_every_year_of_non_contributors_is_validated_at_once(isolated_env: Deployment) -> None:
    """The mart is rebuilt whole and validated whole, in one validation: its bound of 193
    Member States holds per fund and year, so it scales with the fund-years validated. One more
    State in one fund-year still fails, naming the years."""
    from pipelines.checks.great_expectations import NON_CONTRIBUTORS_BOUND, NON_CONTRIBUTORS_SQL

    def rows(per_fund_year: int, years: range) -> list[dict[str, object]]:
        codes = [f"X{chr(65 + n // 26)}{chr(65 + n % 26)}" for n in range(per_fund_year)]
        return [
            {
                "non_contributor_key": f"{year}|{code}|{fund}",
                "year": year,
                "country_iso3": code,
                "fund_code": fund,
            }
            for year in years
            for fund in ("VFTC", "UPR_VFFTA")
            for code in codes
        ]

    years = range(2012, 2016)  # 4 years x 2 funds x 193 States: 1,544 rows, over one year's 1,351
    write_build(isolated_env, {"marts.non_contributors": rows(193, years)})
    summary = validate_years(
        isolated_env.warehouse, "non_contributors", NON_CONTRIBUTORS_SQL, NON_CONTRIBUTORS_BOUND, list(years)
    )
    assert summary.success, summary.describe()

    write_build(isolated_env, {"marts.non_contributors": rows(193, years) + rows(1, range(2015, 2016))})
    summary = validate_years(
        isolated_env.warehouse, "non_contributors", NON_CONTRIBUTORS_SQL, NON_CONTRIBUTORS_BOUND, list(years)
    )
    assert not summary.success
    assert {f["batch"] for f in summary.failed} == {"2015"}, summary.describe()


def test_suites_validate_again_in_the_same_process_and_folder(isolated_env: Deployment) -> None:
    """A second run in one process (the context is shared per GX folder): every suite's
    definition must still be usable after other suites registered theirs."""
    write_build(
        isolated_env,
        {
            "marts.needs": [needs_row()],
            "intermediate.int_requests_pivoted": requests(2019),
            "marts.highlights": [{"year": 2019, "highlight": "x"}],
        },
        **MONEY,
    )
    for _ in range(2):
        assert validate_needs(isolated_env, [2019]).success
        validate_years(
            isolated_env.warehouse,
            "highlights",
            "select * from marts.highlights where year in ({years})",
            {},
            [2019],
        )
        assert validate_needs(isolated_env, [2019]).success


def test_needs_suite_names_the_year_and_the_broken_expectation(isolated_env: Deployment) -> None:
    rows = [
        needs_row(),
        needs_row(year=2020),
        needs_row(year=2020, positive_response_rate=1.5, needs_key="x"),
    ]
    write_build(
        isolated_env,
        {"marts.needs": rows, "intermediate.int_requests_pivoted": requests(2019, 2020)},
        **MONEY,
    )
    summary = validate_needs(isolated_env, [2019, 2020])
    assert not summary.success
    broken = {(f["batch"], f["expectation"]) for f in summary.failed}
    assert broken == {
        ("2020", "expect_column_values_to_be_between"),  # a DECIMAL rate above 1
        ("2020", "expect_column_sum_to_be_between"),  # one row too many
    }
    assert "2020: expect_column_sum_to_be_between" in summary.describe()
    (total,) = [
        f["observed"] for f in summary.failed if f["expectation"] == "expect_column_sum_to_be_between"
    ]
    assert total == 6  # 2020's requests received, observed by the database


def test_code_sets_come_from_the_seeds_not_from_the_suites() -> None:
    """A thematic area or fund added to its seed is accepted by every suite without an edit."""
    areas = seed_codes("thematic_areas.thematic_area_code")
    funds = seed_codes("funds.fund_code")
    assert "nhri" in areas and "VFTC" in funds
    assert seed_parameters(load_suite_definition("raw_request_events")) == {"thematic_area_codes": areas}
    for path in EXPECTATIONS_DIR.glob("*.json"):
        for expectation in load_suite_definition(path.stem)["expectations"]:
            value_set = expectation["kwargs"].get("value_set")
            if isinstance(value_set, list):  # a copy of a whole seed's codes belongs in the seed
                assert not set(areas) <= set(value_set) and not set(funds) <= set(value_set), path.name


def test_a_raw_suite_rejects_a_code_its_seed_does_not_define(isolated_env: Deployment) -> None:
    write_build(
        isolated_env,
        {
            "raw.request_events": [
                {"reporting_year": 2019, "thematic_area_code": "nhri", "country_iso3": "KEN"},
                {"reporting_year": 2019, "thematic_area_code": "astrology", "country_iso3": "Kenya"},
            ]
        },
    )
    summary = validate_years(
        isolated_env.warehouse,
        "raw_request_events",
        "select * from raw.request_events where reporting_year in ({years})",
        {"rows_loaded": "select 2"},
        [2019],
    )
    unexpected = {
        f["kwargs"]["column"]: f["observed"]
        for f in summary.failed
        if f["expectation"] in ("expect_column_values_to_be_in_set", "expect_column_values_to_match_regex")
        and f["kwargs"].get("column") in ("thematic_area_code", "country_iso3")
    }
    # The regex runs in DuckDB too (GX finds no regex operator for duckdb-engine by itself).
    assert unexpected == {"thematic_area_code": ["astrology"], "country_iso3": ["Kenya"]}, summary.describe()


# GX 1.24.1's SqlAlchemyExecutionEngine.execute_query, as reviewed for gx_sql_results.py.
EXECUTE_QUERY_SHA256 = "00b686f959e59eec0a8dc12d352dd8c65d3273e42cff8e6e3d4e42862598d06b"


def test_the_duckdb_workaround_still_matches_the_gx_it_patches() -> None:
    """Fails when GX changes: review pipelines/validation/gx_sql_results.py (GX #11579) then."""
    import great_expectations
    from great_expectations.execution_engine.sqlalchemy_execution_engine import SqlAlchemyExecutionEngine

    assert great_expectations.__version__ == gx_sql_results.PATCHED_VERSION
    assert gx_sql_results.buffer_sql_results()
    replaced = gx_sql_results.REPLACED["execute_query"]
    assert hashlib.sha256(inspect.getsource(replaced).encode()).hexdigest() == EXECUTE_QUERY_SHA256
    assert SqlAlchemyExecutionEngine.execute_query is gx_sql_results._execute_query_buffered
    # What the buffered version calls, as it calls them.
    assert list(inspect.signature(SqlAlchemyExecutionEngine._execute_query_with_recovery).parameters) == [
        "connection",
        "query",
    ]
    assert list(inspect.signature(replaced).parameters) == ["self", "query"]


@pytest.mark.parametrize("buffered", [True, False], ids=["with_workaround", "without"])
def test_sql_validation_on_duckdb_observes_the_real_values(
    isolated_env: Deployment, monkeypatch: pytest.MonkeyPatch, buffered: bool
) -> None:
    """The metrics come from the DuckDB file: with the workaround, the real row count; without
    it (GX 1.24 as released), none at all, which is why the workaround exists."""
    write_build(
        isolated_env,
        {
            "marts.needs": [needs_row(), needs_row(needs_key="b")],
            "intermediate.int_requests_pivoted": requests(2019),
        },
        **MONEY,
    )
    gx_sql_results.buffer_sql_results()
    if not buffered:
        from great_expectations.execution_engine.sqlalchemy_execution_engine import SqlAlchemyExecutionEngine

        monkeypatch.setattr(
            SqlAlchemyExecutionEngine, "execute_query", gx_sql_results.REPLACED["execute_query"]
        )
        # A new GX context installs the workaround: not in this case.
        monkeypatch.setattr(gx_module, "buffer_sql_results", lambda: False)
    summary = validate_needs(isolated_env, [2019])
    (total,) = [
        f["observed"] for f in summary.failed if f["expectation"] == "expect_column_sum_to_be_between"
    ]
    assert total == (6 if buffered else None), summary.describe()
    if buffered:  # every other expectation met, on real values
        assert len(summary.failed) == 1, summary.describe()


def test_a_validation_leaves_the_build_file_free_for_a_writer(isolated_env: Deployment) -> None:
    """DuckDB: one read-write opener per file, and within a process no connection of another
    configuration: after a check, this process's next writer (ingestion, publication) opens it."""
    import duckdb

    write_build(
        isolated_env,
        {"marts.needs": [needs_row()], "intermediate.int_requests_pivoted": requests(2019)},
        **MONEY,
    )
    assert validate_needs(isolated_env, [2019]).success
    with duckdb.connect(str(isolated_env.build_db)) as con:
        con.execute("create table marts.written as select 1 as one")


def test_a_row_condition_runs_in_the_warehouse(isolated_env: Deployment) -> None:
    """A restated contribution must say what it replaced; an unrestated one need not (the
    suite's row condition, evaluated by DuckDB)."""
    row = {"year": 2019, "source_file": "f.pdf", "paid_usd": 10.0, "previous_paid_usd": None}
    rows = [row | {"is_restated": False}, row | {"is_restated": True, "year": 2020}]
    write_build(
        isolated_env,
        {"marts.contributions": rows},
        paid_usd="decimal(18, 2)",
        previous_paid_usd="decimal(18, 2)",
    )
    summary = validate_years(
        isolated_env.warehouse,
        "contributions",
        "select * from marts.contributions where year in ({years})",
        {},
        [2019, 2020],
    )
    assert [(f["batch"], f["kwargs"]["column"]) for f in summary.failed] == [("2020", "previous_paid_usd")], (
        summary.describe()
    )
