"""The request-log parser on what real spreadsheets and copies do to an export: Excel serial
dates, impossible days, decimal commas, empty currencies, a removed column, a row with a field
missing (focal-point data under another header)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import polars as pl
import pytest

from pipelines.ingest.amount_cells import parse_amount_text
from pipelines.ingest.request_logs import WITHHELD, parse_request_log
from pipelines.ingest.tables import UnreadableSourceError
from tests.test_ingest_request_logs import HEADER, row, write_csv


def rules(result_rejects: pl.DataFrame) -> dict[int, str]:
    return dict(zip(result_rejects["source_row"], result_rejects["rule"], strict=True))


def test_dates_as_spreadsheets_write_them(tmp_path: Path) -> None:
    forms = ["42036", "2015-02-01", "01/02/2015", "01.02.2015", "1-Feb-2015", "1 February 2015"]
    rows = [
        row(**{"Request ID": f"TCR-2015-{i:05d}", "Received on": form, "Event date": form})
        for i, form in enumerate(forms, start=1)
    ]
    rows.append(row(**{"Request ID": "TCR-2015-00099", "Event date": "2015-02-30"}))
    result = parse_request_log(write_csv(tmp_path / "request_log_2015.csv", rows), 2015, tmp_path)
    assert set(result.rows["received_on"].cast(pl.String)) == {"2015-02-01"}  # serial 42036 included
    assert result.rows.height == len(forms)
    assert rules(result.rejects) == {8: "unparseable_date"}
    assert "'2015-02-30'" in result.rejects["reason"][0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 234,56", 1234.56),
        ("1\u00a0234,56", 1234.56),
        ("1.234,56", 1234.56),
        ("1,234.56", 1234.56),
        ("12 500", 12500.0),
        ("1234,5", 1234.5),
        ("1,234,567", 1234567.0),
        ("1.234.567,00", 1234567.0),
        ("19600", 19600.0),
    ],
)
def test_amounts_in_either_convention(text: str, value: float) -> None:
    assert parse_amount_text(text, None) == (value, None)


@pytest.mark.parametrize(("text", "mark"), [("1,234", ","), ("1.234", ".")])
def test_a_lone_group_of_three_is_ambiguous_without_the_files_convention(text: str, mark: str) -> None:
    value, problem = parse_amount_text(text, None)
    assert value is None and problem is not None and "ambiguous" in problem
    # Read by the decimal mark the file's other amounts show.
    assert parse_amount_text(text, mark) == (1.234, None)
    assert parse_amount_text(text, "." if mark == "," else ",") == (1234.0, None)


@pytest.mark.parametrize("text", ["1.2.3", "12,50,0", "1 2x", "1,23,456"])
def test_malformed_amounts_are_not_numbers(text: str) -> None:
    assert parse_amount_text(text, None)[0] is None


def test_decimal_comma_file_reads_every_amount_right(tmp_path: Path) -> None:
    rows = [
        row(**{"Request ID": "TCR-2015-00001", "Estimated cost": "1 234,56"}),
        row(**{"Request ID": "TCR-2015-00002", "Estimated cost": "1.234,56"}),
        # Alone "12,500" could be 12500 or 12.5; this file writes decimal commas: 12.5.
        row(**{"Request ID": "TCR-2015-00003", "Estimated cost": "12,500"}),
    ]
    result = parse_request_log(write_csv(tmp_path / "request_log_2015.csv", rows), 2015, tmp_path)
    assert [str(v) for v in result.rows["estimated_cost"]] == ["1234.56", "1234.56", "12.50"]
    assert result.rejects.height == 0


def test_a_file_mixing_both_conventions_decides_nothing_ambiguous(tmp_path: Path) -> None:
    rows = [
        row(**{"Request ID": "TCR-2015-00001", "Estimated cost": "1 234,56"}),
        row(**{"Request ID": "TCR-2015-00002", "Estimated cost": "12.5"}),
        row(**{"Request ID": "TCR-2015-00003", "Estimated cost": "12,500"}),
    ]
    result = parse_request_log(write_csv(tmp_path / "request_log_2015.csv", rows), 2015, tmp_path)
    assert [str(v) for v in result.rows["estimated_cost"]] == ["1234.56", "12.50"]
    assert rules(result.rejects) == {4: "unparseable_amount"}


def test_ambiguous_amount_is_a_reject_never_a_guess(tmp_path: Path) -> None:
    rows = [row(**{"Estimated cost": "1,234"})]
    result = parse_request_log(write_csv(tmp_path / "request_log_2015.csv", rows), 2015, tmp_path)
    assert result.rows.height == 0
    assert rules(result.rejects) == {2: "unparseable_amount"}
    assert "ambiguous" in result.rejects["reason"][0]


def test_empty_currency_beside_an_amount_is_a_reject(tmp_path: Path) -> None:
    rows = [
        row(**{"Request ID": "TCR-2015-00001", "Currency": ""}),
        row(**{"Request ID": "TCR-2015-00002", "Currency": "", "Estimated cost": ""}),  # no amount
        row(**{"Request ID": "TCR-2015-00003", "Currency": "", "Estimated cost": "", "Funded amount": "5"}),
    ]
    result = parse_request_log(write_csv(tmp_path / "request_log_2015.csv", rows), 2015, tmp_path)
    assert result.rows["request_id"].to_list() == ["TCR-2015-00002"]
    assert rules(result.rejects) == {2: "missing_currency", 4: "missing_currency"}


def test_a_removed_figure_column_stops_the_file(tmp_path: Path) -> None:
    path = tmp_path / "request_log_2021.csv"
    keep = [i for i, name in enumerate(HEADER) if name != "Estimated cost"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for values in (HEADER, row()):
            writer.writerow([values[i] for i in keep])
    with pytest.raises(UnreadableSourceError, match=r"request_log_2021\.csv: .*no column estimated_cost"):
        parse_request_log(path, 2015, tmp_path)


def test_focal_point_data_never_reaches_rejects_in_clear(tmp_path: Path) -> None:
    path = tmp_path / "request_log_2015.csv"
    good = row()
    # A row with the Funding source field missing: the name and address move one column left.
    shifted = row(**{"Request ID": "TCR-2015-00002", "Focal point": "Chanthaly Sadykov",
                     "Focal point e-mail": "c.sadykov@example.org"})  # fmt: skip
    del shifted[HEADER.index("Funding source")]
    # A name typed into the wrong column of a row that is otherwise whole.
    misplaced = row(**{"Request ID": "TCR-2015-00003", "Funding source": "Jane Doe"})
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows([HEADER, good, shifted, misplaced])
    result = parse_request_log(path, 2015, tmp_path)
    assert result.rows_read == 3 == result.rows.height + result.rejects.height
    assert rules(result.rejects) == {3: "shifted_fields", 4: "unknown_funding_source"}
    published = json.dumps(result.rejects.to_dicts())
    for personal in ("Chanthaly", "Sadykov", "sadykov@", "Jane Doe", "jane.doe"):
        assert personal not in published
    assert WITHHELD in result.rejects.filter(pl.col("source_row") == 4)["reason"][0]
    raw = json.loads(result.rejects.filter(pl.col("source_row") == 3)["raw_values"][0])
    assert raw["request_id"] == "TCR-2015-00002" and raw["funding_source"] is None
