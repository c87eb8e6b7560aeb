import json
from pathlib import Path

from pipelines.partitions import dbt_vars, reporting_years, year_range_of, year_range_tags, years_of
from pipelines.resources import WarehouseResource


def test_partitions_start_with_the_first_18_18_cycle_and_cover_only_ended_years() -> None:
    keys = reporting_years.get_partition_keys()
    assert keys[0] == "2012"
    assert keys == [str(y) for y in range(2012, 2012 + len(keys))]


def test_dbt_vars_span_the_years_of_the_run() -> None:
    assert dbt_vars(["2015"]) == {"start_year": 2015, "end_year": 2015}
    assert dbt_vars(["2019", "2012", "2014"]) == {"start_year": 2012, "end_year": 2019}
    assert years_of(["2013", "2012"]) == [2012, 2013]


def test_dbt_vars_carry_the_years_and_the_warehouse_resource_database(tmp_path: Path) -> None:
    warehouse = WarehouseResource(
        sources_dir=str(tmp_path / "s"),
        warehouse_dir=str(tmp_path / "w"),
        publications_dir=str(tmp_path / "p"),
    )
    target_flag, target, flag, text = warehouse.dbt_vars(**dbt_vars(["2020", "2021"]))
    assert (target_flag, target, flag) == ("--target", "duckdb", "--vars")
    assert json.loads(text) == {
        "start_year": 2020,
        "end_year": 2021,
        "duckdb_path": str(tmp_path / "w" / "build" / "tcw.duckdb"),
    }
    on_postgres = warehouse.model_copy(update={"location": "postgresql://tcw_pipeline:secret@db:6543/tcw"})
    target_flag, target, flag, text = on_postgres.dbt_vars(**dbt_vars(["2020"]))
    assert target == "postgres"
    variables = json.loads(text)
    assert variables["pg_host"] == "db" and variables["pg_port"] == "6543"
    assert (variables["pg_database"], variables["schema_prefix"]) == ("tcw", "build_")
    assert "secret" not in text  # the password never reaches a command line


def test_a_run_covers_a_range_of_years_through_its_tags() -> None:
    assert year_range_of(year_range_tags("2015", "2017")) == ("2015", "2017")
    assert year_range_of({}) == (None, None)


def test_no_years_is_an_error() -> None:
    import pytest

    with pytest.raises(ValueError, match="no reporting years"):
        dbt_vars([])
