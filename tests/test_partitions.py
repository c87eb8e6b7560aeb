from pipelines.partitions import dbt_build_args, dbt_vars, reporting_years, years_of


def test_partitions_start_with_the_first_18_18_cycle_and_cover_only_ended_years() -> None:
    keys = reporting_years.get_partition_keys()
    assert keys[0] == "2012"
    assert keys == [str(y) for y in range(2012, 2012 + len(keys))]


def test_dbt_vars_span_the_years_of_the_run() -> None:
    assert dbt_vars(["2015"]) == {"start_year": 2015, "end_year": 2015}
    assert dbt_vars(["2019", "2012", "2014"]) == {"start_year": 2012, "end_year": 2019}
    assert years_of(["2013", "2012"]) == [2012, 2013]


def test_dbt_build_args_pass_vars_as_json() -> None:
    assert dbt_build_args(["2020", "2021"]) == ["build", "--vars", '{"start_year": 2020, "end_year": 2021}']


def test_no_years_is_an_error() -> None:
    import pytest

    with pytest.raises(ValueError, match="no reporting years"):
        dbt_vars([])
